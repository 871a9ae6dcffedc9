package io.github.nrf91emu;

import static io.github.nrf91emu.keystore.TestCredentials.sha256Hex;
import static io.github.nrf91emu.keystore.TestCredentials.withCrlf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.Credential;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.keystore.TestCredentials;
import io.github.nrf91emu.state.StateFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A modem with a state file: creation, restart, conflicts, invalid files, locking and close. */
class ModemStateFileTest {
    private static final String CA = TestCredentials.certificatePem("state test CA");
    private static final KeyPair KEY = TestCredentials.p256();
    private static final String ENCRYPTED_KEY = TestCredentials.encryptedPkcs8Pem(KEY, "pw-1");

    @TempDir Path directory;

    private Path stateFile() {
        return directory.resolve("modem.json");
    }

    private Modem open() {
        return Modem.builder().stateFile(stateFile()).build();
    }

    private static String write(long secTag, int type, String content) {
        return "AT%CMNG=0," + secTag + "," + type + ",\"" + content + "\"\r\n";
    }

    @Test
    void missingFileIsCreatedBeforeBuildReturns() throws IOException {
        try (Modem modem =
                Modem.builder()
                        .stateFile(stateFile())
                        .seed(42)
                        .model(Model.NRF9161)
                        .firmwareVersion("mfw_test_1.0")
                        .credential(5, CredentialType.PSK_IDENTITY, "preloaded")
                        .build()) {
            String json = Files.readString(stateFile());

            assertTrue(json.contains("\"formatVersion\" : 1"), json);
            assertTrue(json.contains("\"seed\" : \"000000000000002a\""), json);
            assertTrue(json.contains("\"model\" : \"nRF9161\""), json);
            assertTrue(json.contains("\"firmwareVersion\" : \"mfw_test_1.0\""), json);
            assertTrue(json.contains("\"content\" : \"cHJlbG9hZGVk\""), json);
            assertEquals(
                    Modem.builder().seed(42).build().identity().imei(), modem.identity().imei());
        }
    }

    @Test
    void createdFileIsOwnerOnly() throws IOException {
        assumeTrue(
                directory.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions");
        try (Modem modem = open()) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile())));
        }
    }

    @Test
    void restartKeepsRandomIdentity() {
        DeviceIdentity first;
        try (Modem modem = open()) {
            first = modem.identity();
        }
        try (Modem modem = open()) {
            DeviceIdentity second = modem.identity();

            assertEquals(first.imei(), second.imei());
            assertEquals(first.deviceUuid(), second.deviceUuid());
            assertEquals(first.keyId(), second.keyId());
            assertEquals(first.firmwareVersion(), second.firmwareVersion());
        }
        try (Modem other = Modem.builder().stateFile(directory.resolve("other.json")).build()) {
            assertNotEquals(
                    first.imei() + first.keyId(),
                    other.identity().imei() + other.identity().keyId());
        }
    }

    @Test
    void restartKeepsCredentialsByteForByte() throws Exception {
        String crlfCa = withCrlf(CA);
        String listing;
        try (Modem modem = open()) {
            assertEquals("OK\r\n", modem.execute("AT+CFUN=4"));
            assertEquals("OK\r\n", modem.execute(write(10, 0, crlfCa)));
            assertEquals("OK\r\n", modem.execute(write(11, 0, CA)));
            assertEquals(
                    "OK\r\n",
                    modem.execute("AT%CMNG=0,12,2,\"" + ENCRYPTED_KEY + "\",\"pw-1\"\r\n"));
            assertEquals("OK\r\n", modem.execute(write(13, 3, "00ff00ff")));
            assertEquals("OK\r\n", modem.execute(write(13, 4, "identity\r\n")));
            assertEquals("OK\r\n", modem.execute(write(14, 4, "deleted")));
            assertEquals("OK\r\n", modem.execute("AT%CMNG=3,14,4"));
            listing = modem.execute("AT%CMNG=1");
        }

        try (Modem modem = open()) {
            assertEquals(listing, modem.execute("AT%CMNG=1"));
            byte[] read = modem.execute("AT%CMNG=2,10,0\r\n".getBytes(UTF_8));
            String expectedRead =
                    "%CMNG: 10,0,\""
                            + sha256Hex(crlfCa.getBytes(UTF_8))
                            + "\",\""
                            + crlfCa
                            + "\"\r\nOK\r\n";
            assertArrayEquals(expectedRead.getBytes(UTF_8), read);
            Credential identity =
                    modem.credentials().find(13, CredentialType.PSK_IDENTITY).orElseThrow();
            assertArrayEquals("identity\r\n".getBytes(UTF_8), identity.content().get());
            assertEquals(
                    TestCredentials.publicKeyOf(KEY).toPem(),
                    modem.credentials().publicKeyOf(12, CredentialType.CLIENT_PRIVATE_KEY).toPem());
            assertTrue(
                    modem.credentials()
                            .find(12, CredentialType.CLIENT_PRIVATE_KEY)
                            .get()
                            .hasPassword());
            assertTrue(modem.credentials().find(14, CredentialType.PSK_IDENTITY).isEmpty());
        }
    }

    @Test
    void restartKeepsModemOwnedItemsAndLimits() {
        try (Modem modem =
                Modem.builder()
                        .stateFile(stateFile())
                        .credential(4294967295L, CredentialType.NORDIC_PUBLIC_KEY, "modem key")
                        .credentialCapacity(1)
                        .maxCredentialLength(20)
                        .build()) {
            assertEquals("OK\r\n", modem.execute(write(1, 4, "one")));
        }

        try (Modem modem = open()) {
            modem.execute("AT+CMEE=1");

            assertEquals(1, modem.credentials().capacity());
            assertEquals(20, modem.credentials().maxContentLength());
            assertEquals("+CME ERROR: 515\r\n", modem.execute(write(2, 4, "two")));
            assertEquals("+CME ERROR: 527\r\n", modem.execute(write(1, 4, "x".repeat(21))));
            assertEquals("+CME ERROR: 514\r\n", modem.execute("AT%CMNG=3,4294967295,11"));
            assertTrue(
                    modem.credentials()
                            .find(4294967295L, CredentialType.NORDIC_PUBLIC_KEY)
                            .isPresent());
        }
    }

    @Test
    void restartResetsPowerOnState() {
        try (Modem modem = Modem.builder().stateFile(stateFile()).cmeErrors(true).build()) {
            modem.execute("AT+CFUN=4");
            modem.setPowerOffWarning(true);
            assertEquals("+CME ERROR: 528\r\n", modem.execute(write(1, 4, "id")));
        }

        try (Modem modem = open()) {
            assertEquals("+CMEE: 0\r\nOK\r\n", modem.execute("AT+CMEE?"));
            assertEquals("+CFUN: 0\r\nOK\r\n", modem.execute("AT+CFUN?"));
            assertEquals("OK\r\n", modem.execute(write(1, 4, "id")));
        }
    }

    @Test
    void existingFileWinsOverBuilderCredentials() {
        try (Modem modem = open()) {
            modem.execute(write(1, 4, "from the file"));
        }

        try (Modem modem =
                Modem.builder()
                        .stateFile(stateFile())
                        .credential(2, CredentialType.PSK_IDENTITY, "from the builder")
                        .build()) {
            List<Credential> items = modem.credentials().list();

            assertEquals(1, items.size());
            assertEquals(1, items.get(0).secTag());
        }
    }

    @Test
    void matchingSettingsAreAccepted() {
        Modem.Builder builder =
                Modem.builder()
                        .stateFile(stateFile())
                        .seed(7)
                        .model(Model.NRF9151)
                        .firmwareVersion("mfw_x")
                        .credentialCapacity(64)
                        .maxCredentialLength(100);
        String imei;
        try (Modem modem = builder.build()) {
            imei = modem.identity().imei();
        }

        try (Modem modem = builder.build()) {
            assertEquals(imei, modem.identity().imei());
            assertEquals(Model.NRF9151, modem.identity().model());
        }
    }

    static Stream<Arguments> conflictingSettings() {
        return Stream.of(
                conflict(
                        "seed",
                        builder -> builder.seed(8),
                        "the seed differs from the file's seed"),
                conflict(
                        "seed bytes",
                        builder -> builder.seed(new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 0}),
                        "the seed differs"),
                conflict(
                        "model",
                        builder -> builder.model(Model.NRF9160),
                        "model nRF9160 differs from the file's nRF9151"),
                conflict(
                        "firmware",
                        builder -> builder.firmwareVersion("mfw_y"),
                        "firmware version mfw_y differs from the file's mfw_x"),
                conflict(
                        "capacity",
                        builder -> builder.credentialCapacity(3),
                        "credential capacity 3 differs from the file's 64 (the default)"),
                conflict(
                        "maximum length",
                        builder -> builder.maxCredentialLength(99),
                        "maximum credential length 99 differs from the file's 100"));
    }

    private static Arguments conflict(
            String name, Consumer<Modem.Builder> setting, String expectedProblem) {
        return Arguments.of(name, setting, expectedProblem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflictingSettings")
    void conflictingSettingFailsBuild(
            String name, Consumer<Modem.Builder> setting, String expectedProblem)
            throws IOException {
        Modem.builder()
                .stateFile(stateFile())
                .seed(7)
                .model(Model.NRF9151)
                .firmwareVersion("mfw_x")
                .maxCredentialLength(100)
                .build()
                .close();
        byte[] before = Files.readAllBytes(stateFile());
        Modem.Builder builder = Modem.builder().stateFile(stateFile());
        setting.accept(builder);

        StateFileException e = assertThrows(StateFileException.class, builder::build);

        assertEquals(stateFile().toAbsolutePath(), e.file());
        assertTrue(e.problem().startsWith(expectedProblem), e.problem());
        assertTrue(e.problem().endsWith(" unset to use the file's, or use another state file"));
        assertFalse(e.getMessage().contains("000000000000000"), "message quotes the seed");
        assertArrayEquals(before, Files.readAllBytes(stateFile()));
        open().close();
    }

    static Stream<Arguments> invalidFiles() {
        String valid =
                "{\"formatVersion\":1,\"seed\":\"01\",\"model\":\"nRF9160\","
                        + "\"firmwareVersion\":\"mfw_nrf9160_1.3.5\",\"credentialStore\":{%s}}";
        return Stream.of(
                Arguments.of("newer version", "{\"formatVersion\":2}", "formatVersion 2 is newer"),
                Arguments.of(
                        "truncated",
                        String.format(valid, "\"items\":[]").substring(0, 60),
                        "the JSON ends early"),
                Arguments.of("corrupt", "{\"formatVersion\":1,,}", "invalid JSON at line 1"),
                Arguments.of("not JSON", "\u0000\u0001binary", "invalid JSON at line 1"),
                Arguments.of("empty", "", "the file is empty"),
                Arguments.of(
                        "bad Base64",
                        String.format(
                                valid,
                                "\"items\":[{\"secTag\":1,\"type\":4,\"content\":\"!!\","
                                        + "\"modemOwned\":false}]"),
                        "field 'credentialStore.items[0].content' is not valid Base64"),
                Arguments.of(
                        "type out of range",
                        String.format(
                                valid,
                                "\"items\":[{\"secTag\":1,\"type\":12,\"content\":\"eA==\","
                                        + "\"modemOwned\":false}]"),
                        "field 'credentialStore.items[0].type' must be an integer in 0..11"),
                Arguments.of(
                        "duplicate items",
                        String.format(
                                valid,
                                "\"items\":[{\"secTag\":1,\"type\":4,\"content\":\"eA==\","
                                        + "\"modemOwned\":false},{\"secTag\":1,\"type\":4,"
                                        + "\"content\":\"eQ==\",\"modemOwned\":false}]"),
                        "credentialStore.items[1] repeats sec_tag 1, type 4"),
                Arguments.of(
                        "invalid firmware",
                        String.format(valid, "\"items\":[]").replace("mfw_nrf9160_1.3.5", "a b"),
                        "field 'firmwareVersion': invalid firmware version: \"a b\""),
                Arguments.of(
                        "malformed certificate",
                        String.format(
                                valid,
                                "\"items\":[{\"secTag\":1,\"type\":0,\"content\":\"eA==\","
                                        + "\"modemOwned\":false}]"),
                        "invalid credential store: invalid credential at sec_tag 1, type 0:"),
                Arguments.of(
                        "password on type 4",
                        String.format(
                                valid,
                                "\"items\":[{\"secTag\":1,\"type\":4,\"content\":\"eA==\","
                                        + "\"password\":\"eA==\",\"modemOwned\":false}]"),
                        "invalid credential store: invalid credential at sec_tag 1, type 4"),
                Arguments.of(
                        "over capacity",
                        String.format(
                                valid,
                                "\"capacity\":0,\"items\":[{\"secTag\":1,\"type\":4,"
                                        + "\"content\":\"eA==\",\"modemOwned\":false}]"),
                        "invalid credential store: credentials at host sec_tags: 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidFileFailsBuildAndStaysUnchanged(String name, String content, String expectedProblem)
            throws IOException {
        Files.writeString(stateFile(), content, UTF_8);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(stateFile(), old);
        byte[] before = Files.readAllBytes(stateFile());

        StateFileException e = assertThrows(StateFileException.class, this::open);

        assertTrue(
                e.getMessage().startsWith("state file " + stateFile().toAbsolutePath() + ": "),
                e.getMessage());
        assertTrue(e.problem().startsWith(expectedProblem), e.problem());
        assertArrayEquals(before, Files.readAllBytes(stateFile()));
        assertEquals(old, Files.getLastModifiedTime(stateFile()));
        assertFalse(Files.exists(directory.resolve("modem.json.tmp")));
        Files.delete(stateFile());
        open().close();
    }

    @Test
    void directoryAsFileFailsBuild() throws IOException {
        Files.createDirectory(stateFile());

        StateFileException e = assertThrows(StateFileException.class, this::open);

        assertEquals("is a directory, not a file", e.problem());
        assertTrue(Files.isDirectory(stateFile()));
    }

    @Test
    void secondModemOnSameFileFails() {
        try (Modem first = open()) {
            StateFileException e = assertThrows(StateFileException.class, this::open);

            assertTrue(
                    e.problem().startsWith("in use by another modem in this process"), e.problem());
            assertEquals("OK\r\n", first.execute(write(1, 4, "still works")));
        }
        try (Modem again = open()) {
            assertEquals(1, again.credentials().list().size());
        }
    }

    @Test
    void closedModemRejectsUse() {
        Modem modem = open();
        ModemSession session = modem.openSession();
        modem.close();
        modem.close();

        assertThrows(IllegalStateException.class, () -> modem.execute("AT"));
        assertThrows(IllegalStateException.class, () -> modem.execute(new byte[0]));
        assertThrows(IllegalStateException.class, modem::openSession);
        assertThrows(IllegalStateException.class, () -> session.feed("AT\r".getBytes(UTF_8)));
        assertThrows(IllegalStateException.class, session::finish);
        assertThrows(IllegalStateException.class, () -> modem.setPowerOffWarning(true));
    }

    @Test
    void closeWithoutStateFile() {
        Modem modem = Modem.builder().seed(1).build();
        assertEquals("OK\r\n", modem.execute("AT"));

        modem.close();

        assertThrows(IllegalStateException.class, () -> modem.execute("AT"));
    }

    @Test
    void failedSaveRollsBackAndAnswersError() throws IOException {
        try (Modem modem = Modem.builder().stateFile(stateFile()).cmeErrors(true).build()) {
            assertEquals("OK\r\n", modem.execute(write(1, 4, "kept")));
            byte[] before = Files.readAllBytes(stateFile());
            // A directory that is not empty where the temporary file goes makes every save fail,
            // also for root, who can write to read-only directories.
            Path blocker = Files.createDirectory(directory.resolve("modem.json.tmp"));
            Files.writeString(blocker.resolve("inside"), "x");

            assertEquals("ERROR\r\n", modem.execute(write(1, 4, "replaced")));
            assertEquals("ERROR\r\n", modem.execute(write(2, 4, "added")));
            assertEquals("ERROR\r\n", modem.execute("AT%CMNG=3,1,4"));

            List<Credential> items = modem.credentials().list();
            assertEquals(1, items.size());
            assertArrayEquals("kept".getBytes(UTF_8), items.get(0).content().get());
            assertArrayEquals(before, Files.readAllBytes(stateFile()));

            Files.delete(blocker.resolve("inside"));
            Files.delete(blocker);
            assertEquals("OK\r\n", modem.execute(write(2, 4, "added")));
        }
        try (Modem modem = open()) {
            assertEquals(2, modem.credentials().list().size());
        }
    }

    @Test
    void seededStateFileKeepsTokenIds() {
        // With an unknown time, a token without expiry has no time claims, so only the jti can
        // differ between runs.
        Modem.Builder seeded = Modem.builder().stateFile(stateFile()).seed(3).timeKnown(false);
        Modem.Builder unseeded = Modem.builder().stateFile(stateFile()).timeKnown(false);
        String jwt = "AT%JWT=0,0,\"s\",\"a\"";
        String first;
        try (Modem modem = seeded.build()) {
            first = modem.execute(jwt);
        }
        String random;
        try (Modem modem = unseeded.build()) {
            random = modem.execute(jwt);
        }

        try (Modem modem = seeded.build()) {
            assertEquals(first, modem.execute(jwt));
        }
        assertNotEquals(first, random, "without a seed setting, token ids are random");
    }
}
