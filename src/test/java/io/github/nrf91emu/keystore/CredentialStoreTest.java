package io.github.nrf91emu.keystore;

import static io.github.nrf91emu.keystore.CredentialType.CLIENT_CERTIFICATE;
import static io.github.nrf91emu.keystore.CredentialType.CLIENT_PRIVATE_KEY;
import static io.github.nrf91emu.keystore.CredentialType.ENDORSEMENT_PRIVATE_KEY;
import static io.github.nrf91emu.keystore.CredentialType.NORDIC_IDENTITY_ROOT_CA;
import static io.github.nrf91emu.keystore.CredentialType.PSK;
import static io.github.nrf91emu.keystore.CredentialType.PSK_IDENTITY;
import static io.github.nrf91emu.keystore.CredentialType.PUBLIC_KEY;
import static io.github.nrf91emu.keystore.CredentialType.ROOT_CA_CERTIFICATE;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.keystore.CredentialStoreException.Reason;
import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialStoreTest {
    private static final String CERTIFICATE = TestCredentials.certificatePem("store test CA");

    private final CredentialStore store = CredentialStore.builder().build();

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** Returns "tag,type" for each item, in list order. */
    private static List<String> pairs(List<Credential> items) {
        List<String> pairs = new ArrayList<>();
        for (Credential item : items) {
            pairs.add(item.secTag() + "," + item.type().number());
        }
        return pairs;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0  | ROOT_CA_CERTIFICATE        | false | false",
                "1  | CLIENT_CERTIFICATE         | false | false",
                "2  | CLIENT_PRIVATE_KEY         | true  | true",
                "3  | PSK                        | true  | false",
                "4  | PSK_IDENTITY               | false | false",
                "5  | PUBLIC_KEY                 | false | false",
                "6  | DEVICE_IDENTITY_PUBLIC_KEY | false | false",
                "7  | RESERVED                   | false | false",
                "8  | ENDORSEMENT_PRIVATE_KEY    | true  | true",
                "9  | OWNERSHIP_KEY              | false | false",
                "10 | NORDIC_IDENTITY_ROOT_CA    | false | false",
                "11 | NORDIC_PUBLIC_KEY          | false | false",
            })
    void typeNumbers(int number, CredentialType type, boolean secret, boolean privateKey) {
        assertEquals(type, CredentialType.fromNumber(number));
        assertEquals(number, type.number());
        assertEquals(secret, type.isSecret());
        assertEquals(privateKey, type.isPrivateKey());
        assertEquals(number <= 1, type.requiresCertificate());
    }

    @Test
    void typeNumberOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> CredentialType.fromNumber(12));
        assertThrows(IllegalArgumentException.class, () -> CredentialType.fromNumber(-1));
    }

    @Test
    void contentStoredByteForByte() throws Exception {
        byte[] content = {'a', '\r', '\n', 'b', '\n', (byte) 0xff, ',', ';'};

        Credential written = store.write(7, PSK_IDENTITY, content, null);
        content[0] = 'z';

        byte[] stored = store.find(7, PSK_IDENTITY).orElseThrow().content().orElseThrow();
        assertArrayEquals(new byte[] {'a', '\r', '\n', 'b', '\n', (byte) 0xff, ',', ';'}, stored);
        assertEquals(8, written.length());
        assertEquals(TestCredentials.sha256Hex(stored), written.sha256());
    }

    @Test
    void digestIsUpperCaseSha256() throws Exception {
        Credential item = store.write(1, ROOT_CA_CERTIFICATE, bytes(CERTIFICATE), null);

        assertEquals(TestCredentials.sha256Hex(bytes(CERTIFICATE)), item.sha256());
        assertTrue(item.sha256().matches("[0-9A-F]{64}"), item.sha256());
    }

    @Test
    void crlfAndLfDigestsDiffer() throws Exception {
        byte[] lf = bytes(CERTIFICATE);
        byte[] crlf = bytes(TestCredentials.withCrlf(CERTIFICATE));

        Credential lfItem = store.write(1, ROOT_CA_CERTIFICATE, lf, null);
        Credential crlfItem = store.write(2, ROOT_CA_CERTIFICATE, crlf, null);

        assertEquals(TestCredentials.sha256Hex(lf), lfItem.sha256());
        assertEquals(TestCredentials.sha256Hex(crlf), crlfItem.sha256());
        assertNotEquals(lfItem.sha256(), crlfItem.sha256());
        assertEquals(lf.length + CERTIFICATE.split("\n").length, crlf.length);
    }

    @Test
    void listOrderedBySecTagThenType() throws Exception {
        CredentialStore preloaded =
                CredentialStore.builder()
                        .add(4294967292L, NORDIC_IDENTITY_ROOT_CA, bytes(CERTIFICATE), null)
                        .build();
        preloaded.write(16842753, PUBLIC_KEY, bytes("k"), null);
        preloaded.write(2, PSK_IDENTITY, bytes("id"), null);
        preloaded.write(16842753, ROOT_CA_CERTIFICATE, bytes(CERTIFICATE), null);
        preloaded.write(2147483647, PSK, bytes("00ff"), null);
        preloaded.write(2, PSK, bytes("abcd"), null);
        preloaded.write(10, PSK, bytes("abcd"), null);

        assertEquals(
                List.of(
                        "2,3",
                        "2,4",
                        "10,3",
                        "16842753,0",
                        "16842753,5",
                        "2147483647,3",
                        "4294967292,10"),
                pairs(preloaded.list()));
        assertEquals(List.of("16842753,0", "16842753,5"), pairs(preloaded.list(16842753)));
        assertEquals(List.of(), pairs(preloaded.list(3)));
    }

    @Test
    void writeReplacesPair() throws Exception {
        Credential first = store.write(5, PSK_IDENTITY, bytes("one"), null);
        Credential second = store.write(5, PSK_IDENTITY, bytes("two"), null);

        assertEquals(List.of(second.sha256()), List.of(store.list().get(0).sha256()));
        assertNotEquals(first.sha256(), second.sha256());
        assertEquals(1, store.list().size());
    }

    @Test
    void deleteRemovesPairOnly() throws Exception {
        store.write(5, PSK_IDENTITY, bytes("id"), null);
        store.write(5, PSK, bytes("00"), null);

        store.delete(5, PSK_IDENTITY);

        assertEquals(List.of("5,3"), pairs(store.list()));
        CredentialStoreException missing =
                assertThrows(CredentialStoreException.class, () -> store.delete(5, PSK_IDENTITY));
        assertEquals(Reason.NOT_FOUND, missing.reason());
    }

    @Test
    void capacityCountsHostTagsOnly() throws Exception {
        CredentialStore small =
                CredentialStore.builder()
                        .capacity(2)
                        .add(4294967292L, NORDIC_IDENTITY_ROOT_CA, bytes(CERTIFICATE), null)
                        .build();
        small.write(1, PSK_IDENTITY, bytes("a"), null);
        small.write(2, PSK_IDENTITY, bytes("b"), null);

        CredentialStoreException full =
                assertThrows(
                        CredentialStoreException.class,
                        () -> small.write(3, PSK_IDENTITY, bytes("c"), null));
        small.write(2, PSK_IDENTITY, bytes("replaced"), null);
        small.delete(1, PSK_IDENTITY);
        small.write(3, PSK_IDENTITY, bytes("c"), null);

        assertEquals(Reason.MEMORY_FULL, full.reason());
        assertEquals(List.of("2,4", "3,4", "4294967292,10"), pairs(small.list()));
    }

    @Test
    void contentLengthLimit() throws Exception {
        CredentialStore limited = CredentialStore.builder().maxContentLength(4).build();

        limited.write(1, PSK_IDENTITY, bytes("1234"), null);
        CredentialStoreException tooLong =
                assertThrows(
                        CredentialStoreException.class,
                        () -> limited.write(1, PSK_IDENTITY, bytes("12345"), null));

        assertEquals(Reason.INVALID_CONTENT, tooLong.reason());
        assertEquals(CredentialStore.DEFAULT_MAX_CONTENT_LENGTH, store.maxContentLength());
        assertEquals(CredentialStore.DEFAULT_CAPACITY, store.capacity());
    }

    @Test
    void modemTagsRejectHostChanges() throws Exception {
        CredentialStore preloaded =
                CredentialStore.builder()
                        .add(4294967292L, NORDIC_IDENTITY_ROOT_CA, bytes(CERTIFICATE), null)
                        .build();

        CredentialStoreException exists =
                assertThrows(
                        CredentialStoreException.class,
                        () ->
                                preloaded.write(
                                        4294967292L,
                                        NORDIC_IDENTITY_ROOT_CA,
                                        bytes(CERTIFICATE),
                                        null));
        CredentialStoreException otherType =
                assertThrows(
                        CredentialStoreException.class,
                        () -> preloaded.write(4294967292L, PUBLIC_KEY, bytes("k"), null));
        CredentialStoreException firstModemTag =
                assertThrows(
                        CredentialStoreException.class,
                        () -> preloaded.write(2147483648L, PUBLIC_KEY, bytes("k"), null));
        CredentialStoreException delete =
                assertThrows(
                        CredentialStoreException.class,
                        () -> preloaded.delete(4294967292L, NORDIC_IDENTITY_ROOT_CA));

        assertEquals(Reason.ALREADY_EXISTS, exists.reason());
        assertEquals(Reason.NO_ACCESS, otherType.reason());
        assertEquals(Reason.NO_ACCESS, firstModemTag.reason());
        assertEquals(Reason.NO_ACCESS, delete.reason());
        assertTrue(preloaded.list().get(0).modemOwned());
        assertEquals(1, preloaded.list().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "not PEM                 | hello",
                "no block                | '\n\n'",
                "bad Base64              | '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n'",
                "not a certificate       | '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n'",
                "missing END             | '-----BEGIN CERTIFICATE-----\nMAA=\n'",
                "other label             | '-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n'",
            })
    void certificateTypesRejectMalformedPem(String name, String content) {
        for (CredentialType type : List.of(ROOT_CA_CERTIFICATE, CLIENT_CERTIFICATE)) {
            CredentialStoreException invalid =
                    assertThrows(
                            CredentialStoreException.class,
                            () -> store.write(1, type, bytes(content), null));
            assertEquals(Reason.INVALID_CONTENT, invalid.reason(), name + " as " + type);
        }
    }

    @Test
    void certificateChecks() throws Exception {
        String chain = CERTIFICATE + TestCredentials.certificatePem("intermediate");
        String explained = "subject=CN=store test CA\n" + CERTIFICATE;
        String withKey = CERTIFICATE + TestCredentials.sec1Pem(TestCredentials.p256());
        byte[] certificateDer =
                java.util.Base64.getMimeDecoder()
                        .decode(String.join("", TestCredentials.bodyLines(CERTIFICATE)));
        byte[] withTrailingByte =
                java.util.Arrays.copyOf(certificateDer, certificateDer.length + 1);

        store.write(1, ROOT_CA_CERTIFICATE, bytes(chain), null);
        store.write(2, CLIENT_CERTIFICATE, bytes(TestCredentials.withCrlf(explained)), null);
        CredentialStoreException mixed =
                assertThrows(
                        CredentialStoreException.class,
                        () -> store.write(3, ROOT_CA_CERTIFICATE, bytes(withKey), null));
        CredentialStoreException trailing =
                assertThrows(
                        CredentialStoreException.class,
                        () ->
                                store.write(
                                        4,
                                        ROOT_CA_CERTIFICATE,
                                        bytes(TestCredentials.pem("CERTIFICATE", withTrailingByte)),
                                        null));
        store.write(5, PUBLIC_KEY, bytes("not a certificate, and not checked"), null);

        assertEquals(Reason.INVALID_CONTENT, mixed.reason());
        assertEquals(Reason.INVALID_CONTENT, trailing.reason());
        assertEquals(List.of("1,0", "2,1", "5,5"), pairs(store.list()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "-1         | 5 | x | ",
                "4294967296 | 5 | x | ",
                "1          | 5 |   | ",
                "1          | 5 | x | pw",
                "1          | 8 | x | pw",
                "1          | 2 | x | 123456789012345678901234567890123",
            })
    void writeRejectsInvalidArguments(long secTag, int type, String content, String password) {
        byte[] contentBytes = bytes(content == null ? "" : content);
        byte[] passwordBytes = password == null ? null : bytes(password);

        assertThrows(
                IllegalArgumentException.class,
                () ->
                        store.write(
                                secTag,
                                CredentialType.fromNumber(type),
                                contentBytes,
                                passwordBytes));
    }

    @Test
    void passwordOfMaximumLength() throws Exception {
        Credential item =
                store.write(
                        1,
                        CLIENT_PRIVATE_KEY,
                        bytes("key"),
                        bytes("12345678901234567890123456789012"));

        assertTrue(item.hasPassword());
        assertFalse(item.toString().contains("1234567890"), item.toString());
    }

    @Test
    void privateKeyParsedOnceUntilReplaced() throws Exception {
        KeyPair jdk = TestCredentials.p256();
        store.write(9, CLIENT_PRIVATE_KEY, bytes(TestCredentials.sec1Pem(jdk)), null);

        P256KeyPair first = store.privateKey(9, CLIENT_PRIVATE_KEY);
        P256KeyPair again = store.privateKey(9, CLIENT_PRIVATE_KEY);
        store.write(9, CLIENT_PRIVATE_KEY, bytes(TestCredentials.pkcs8Pem(jdk)), null);
        P256KeyPair replaced = store.privateKey(9, CLIENT_PRIVATE_KEY);

        assertSame(first, again);
        assertNotSame(first, replaced);
        assertEquals(first, replaced);
        assertEquals(TestCredentials.publicKeyOf(jdk), first.publicKey());
    }

    @Test
    void privateKeyFailures() throws Exception {
        KeyPair jdk = TestCredentials.p256();
        String encrypted = TestCredentials.encryptedPkcs8Pem(jdk, "right");
        store.write(1, CLIENT_PRIVATE_KEY, bytes(encrypted), bytes("wrong"));
        store.write(2, CLIENT_PRIVATE_KEY, bytes(encrypted), null);
        store.write(3, CLIENT_PRIVATE_KEY, bytes(encrypted), bytes("right"));
        store.write(
                4,
                ENDORSEMENT_PRIVATE_KEY,
                bytes(TestCredentials.sec1Pem(TestCredentials.generate("secp384r1"))),
                null);

        assertEquals(Reason.UNUSABLE_KEY, failure(1, CLIENT_PRIVATE_KEY));
        assertEquals(Reason.UNUSABLE_KEY, failure(2, CLIENT_PRIVATE_KEY));
        assertEquals(
                TestCredentials.publicKeyOf(jdk),
                store.privateKey(3, CLIENT_PRIVATE_KEY).publicKey());
        assertEquals(Reason.UNUSABLE_KEY, failure(4, ENDORSEMENT_PRIVATE_KEY));
        assertEquals(Reason.NOT_FOUND, failure(4, CLIENT_PRIVATE_KEY));
        assertThrows(IllegalArgumentException.class, () -> store.privateKey(1, PSK));
    }

    private Reason failure(long secTag, CredentialType type) {
        return assertThrows(CredentialStoreException.class, () -> store.privateKey(secTag, type))
                .reason();
    }

    @Test
    void secretContentNeverShown() throws Exception {
        String keyPem = TestCredentials.encryptedPkcs8Pem(TestCredentials.p256(), "pass-7319");
        String psk = "5ec2e75ec2e75ec2e7";
        store.write(1, CLIENT_PRIVATE_KEY, bytes(keyPem), bytes("pass-7319"));
        store.write(1, PSK, bytes(psk), null);
        store.write(1, ENDORSEMENT_PRIVATE_KEY, bytes("garbage-key-0451"), null);
        store.write(1, PSK_IDENTITY, bytes("visible-identity"), null);

        List<String> texts = new ArrayList<>();
        texts.add(store.toString());
        texts.add(store.view().toString());
        for (Credential item : store.list()) {
            texts.add(item.toString());
            assertEquals(item.type().isSecret(), item.content().isEmpty(), item.toString());
        }
        for (CredentialType type : List.of(CLIENT_PRIVATE_KEY, ENDORSEMENT_PRIVATE_KEY)) {
            try {
                store.privateKey(1, type);
            } catch (CredentialStoreException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    texts.add(String.valueOf(t.getMessage()));
                    texts.add(t.toString());
                }
            }
        }

        String joined = String.join("\n", texts);
        for (String line : TestCredentials.bodyLines(keyPem)) {
            assertFalse(joined.contains(line), "key line leaked: " + joined);
        }
        assertFalse(joined.contains("pass-7319"), joined);
        assertFalse(joined.contains(psk), joined);
        assertFalse(joined.contains("garbage-key-0451"), joined);
        assertArrayEquals(
                bytes("visible-identity"),
                store.find(1, PSK_IDENTITY).orElseThrow().content().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "negative capacity    | credential capacity must not be negative: -1",
                "zero maximum length  | maximum credential length must be at least 1 byte: 0",
                "sec_tag out of range | credential sec_tag out of range: 4294967296 (expected 0..4294967295)",
                "empty content        | invalid credential at sec_tag 1, type 4: content is empty",
                "duplicate            | credential sec_tag 1, type 4 is given twice",
                "password for type 4  | invalid credential at sec_tag 1, type 4: password given for type 4 (only type 2, an encrypted client private key, takes one)",
                "long password        | invalid credential at sec_tag 1, type 2: password is 33 bytes long (maximum 32)",
                "too long             | invalid credential at sec_tag 1, type 4: content is 5 bytes long (maximum 4)",
                "bad certificate      | invalid credential at sec_tag 1, type 0: content has no CERTIFICATE block",
                "key object as type 5 | invalid credential at sec_tag 1, type 5: a private key needs type 2 or 8 (got PUBLIC_KEY)",
                "over capacity        | credentials at host sec_tags: 2 (more than the capacity of 1)",
            })
    void builderRejects(String name, String message) {
        CredentialStore.Builder builder = CredentialStore.builder();
        switch (name) {
            case "negative capacity" -> builder.capacity(-1);
            case "zero maximum length" -> builder.maxContentLength(0);
            case "sec_tag out of range" -> builder.add(4294967296L, PUBLIC_KEY, bytes("k"), null);
            case "empty content" -> builder.add(1, PSK_IDENTITY, new byte[0], null);
            case "duplicate" ->
                    builder.add(1, PSK_IDENTITY, bytes("a"), null)
                            .add(1, PSK_IDENTITY, bytes("b"), null);
            case "password for type 4" -> builder.add(1, PSK_IDENTITY, bytes("a"), bytes("pw"));
            case "long password" ->
                    builder.add(1, CLIENT_PRIVATE_KEY, bytes("k"), bytes("x".repeat(33)));
            case "too long" ->
                    builder.maxContentLength(4).add(1, PSK_IDENTITY, bytes("12345"), null);
            case "bad certificate" -> builder.add(1, ROOT_CA_CERTIFICATE, bytes("x"), null);
            case "key object as type 5" ->
                    builder.addPrivateKey(
                            1, PUBLIC_KEY, P256Keys.fromSeed(bytes("seed")).privateKey());
            default ->
                    builder.capacity(1)
                            .add(1, PSK_IDENTITY, bytes("a"), null)
                            .add(2, PSK_IDENTITY, bytes("b"), null);
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals(message, e.getMessage());
    }

    @Test
    void builderStoresKeyObjectAsPkcs8() throws Exception {
        P256KeyPair pair = P256Keys.fromSeed(bytes("builder key"));
        CredentialStore preloaded =
                CredentialStore.builder()
                        .addPrivateKey(3, ENDORSEMENT_PRIVATE_KEY, pair.privateKey())
                        .build();

        Credential item = preloaded.find(3, ENDORSEMENT_PRIVATE_KEY).orElseThrow();

        assertEquals(
                TestCredentials.sha256Hex(pair.privateKey().toPkcs8Pem().getBytes(US_ASCII)),
                item.sha256());
        assertEquals(pair, preloaded.privateKey(3, ENDORSEMENT_PRIVATE_KEY));
    }

    @Test
    void readersSeeConsistentSnapshots() throws Exception {
        int writes = 300;
        CredentialStore large = CredentialStore.builder().capacity(writes).build();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        CountDownLatch started = new CountDownLatch(2);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int r = 0; r < 2; r++) {
                results.add(readers.submit(() -> readUntilFull(large, writes, started)));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));

            for (int i = 0; i < writes; i++) {
                large.write(i, PSK_IDENTITY, bytes("id" + i), null);
            }

            for (Future<Integer> result : results) {
                assertEquals(writes, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void persistenceSavesItemsBeforeChange() throws Exception {
        List<List<CredentialRecord>> saves = new ArrayList<>();
        List<List<String>> visibleDuringSave = new ArrayList<>();
        CredentialStore[] holder = new CredentialStore[1];
        holder[0] =
                CredentialStore.builder()
                        .add(4294967295L, PSK_IDENTITY, bytes("modem"), null)
                        .persistence(
                                items -> {
                                    saves.add(items);
                                    visibleDuringSave.add(pairs(holder[0].list()));
                                })
                        .build();
        CredentialStore persisted = holder[0];

        persisted.write(5, PSK, bytes("00ff"), null);
        persisted.delete(5, PSK);

        assertEquals(
                List.of(List.of("4294967295,4"), List.of("5,3", "4294967295,4")),
                visibleDuringSave);
        assertEquals(2, saves.size());
        CredentialRecord written = saves.get(0).get(0);
        assertEquals(5, written.secTag());
        assertEquals(PSK, written.type());
        assertArrayEquals(bytes("00ff"), written.content());
        assertFalse(written.password().isPresent());
        assertFalse(written.modemOwned());
        assertTrue(saves.get(0).get(1).modemOwned());
        assertEquals(1, saves.get(1).size());
        assertEquals(4294967295L, saves.get(1).get(0).secTag());
    }

    @Test
    void persistenceFailureKeepsItems() throws Exception {
        boolean[] failing = {false};
        CredentialStore persisted =
                CredentialStore.builder()
                        .persistence(
                                items -> {
                                    if (failing[0]) {
                                        throw new IOException("disk full");
                                    }
                                })
                        .build();
        persisted.write(5, PSK_IDENTITY, bytes("one"), null);
        failing[0] = true;

        CredentialStoreException replace =
                assertThrows(
                        CredentialStoreException.class,
                        () -> persisted.write(5, PSK_IDENTITY, bytes("two"), null));
        CredentialStoreException add =
                assertThrows(
                        CredentialStoreException.class,
                        () -> persisted.write(6, PSK_IDENTITY, bytes("new"), null));
        CredentialStoreException delete =
                assertThrows(
                        CredentialStoreException.class, () -> persisted.delete(5, PSK_IDENTITY));

        assertEquals(Reason.SAVE_FAILED, replace.reason());
        assertEquals(Reason.SAVE_FAILED, add.reason());
        assertEquals(Reason.SAVE_FAILED, delete.reason());
        assertTrue(delete.getMessage().contains("disk full"), delete.getMessage());
        assertEquals(List.of("5,4"), pairs(persisted.list()));
        assertArrayEquals(
                bytes("one"), persisted.find(5, PSK_IDENTITY).orElseThrow().content().get());
    }

    @Test
    void saveWithoutPersistenceFails() {
        assertThrows(IllegalStateException.class, store::save);
    }

    @Test
    void recordHidesSecretsInToString() throws Exception {
        List<CredentialRecord> saved = new ArrayList<>();
        CredentialStore persisted =
                CredentialStore.builder()
                        .add(7, PSK, bytes("5ec2e7"), null)
                        .persistence(saved::addAll)
                        .build();

        persisted.save();

        assertEquals(1, saved.size());
        assertEquals("CredentialRecord{secTag=7, type=PSK, length=6}", saved.get(0).toString());
    }

    /** Lists until the store has {@code size} items, checking that every snapshot is ordered. */
    private static int readUntilFull(CredentialStore store, int size, CountDownLatch started) {
        started.countDown();
        int lastSize = 0;
        while (lastSize < size) {
            List<Credential> snapshot = store.list();
            assertTrue(snapshot.size() >= lastSize, "list shrank");
            for (int i = 0; i < snapshot.size(); i++) {
                assertEquals(i, snapshot.get(i).secTag(), "order");
            }
            lastSize = snapshot.size();
        }
        return lastSize;
    }
}
