package io.github.nrf91emu;

import static io.github.nrf91emu.keystore.TestCredentials.sha256Hex;
import static io.github.nrf91emu.keystore.TestCredentials.withCrlf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.keystore.Credential;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.keystore.TestCredentials;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code AT%CMNG} through the AT interface: every opcode, the exact response bytes and errors. */
class ModemCredentialsTest {
    private static final String CA = TestCredentials.certificatePem("nrf91 test root CA");
    private static final String CLIENT = TestCredentials.certificatePem("nrf91 test client");
    private static final String NORDIC_CA = TestCredentials.certificatePem("nordic identity CA");
    private static final String KEY = TestCredentials.sec1Pem(TestCredentials.p256());
    private static final long TAG = 16842753;

    private final Modem modem = Modem.builder().seed(3).cmeErrors(true).build();

    private static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String write(long secTag, int type, String content) {
        return "AT%CMNG=0," + secTag + "," + type + ",\"" + content + "\"";
    }

    private static String listLine(long secTag, int type, String content) {
        return "%CMNG: " + secTag + "," + type + ",\"" + sha256Hex(content.getBytes(UTF_8)) + "\"";
    }

    private static String readLine(long secTag, int type, String content) {
        return "%CMNG: "
                + secTag
                + ","
                + type
                + ",\""
                + sha256Hex(content.getBytes(UTF_8))
                + "\",\""
                + content
                + "\"";
    }

    /** Returns content that type {@code type} accepts. */
    private static String contentFor(int type) {
        return switch (type) {
            case 0 -> CA;
            case 1 -> CLIENT;
            case 2, 8 -> KEY;
            case 3 -> "0123456789abcdef";
            default -> "content of type " + type;
        };
    }

    @Test
    void writeListAndReadRootCa() {
        assertEquals("OK\r\n", modem.execute(write(TAG, 0, CA)));

        assertEquals(lines(listLine(TAG, 0, CA), "OK"), modem.execute("AT%CMNG=1"));
        assertEquals(lines(readLine(TAG, 0, CA), "OK"), modem.execute("AT%CMNG=2,16842753,0"));
    }

    @Test
    void listLineLayout() {
        modem.execute(write(TAG, 0, CA));
        String digest = sha256Hex(CA.getBytes(UTF_8));

        String response = modem.execute("AT%CMNG=1");

        assertEquals("%CMNG: 16842753,0,\"" + digest + "\"\r\nOK\r\n", response);
        assertTrue(digest.matches("[0-9A-F]{64}"), digest);
    }

    @Test
    void emptyListAnswersOk() {
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1"));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1,5"));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1,5,0"));
    }

    @Test
    void readReturnsCrlfContentByteForByte() {
        String crlf = withCrlf(CA);
        byte[] line = (write(TAG, 0, crlf) + "\r\n").getBytes(UTF_8);

        assertArrayEquals("OK\r\n".getBytes(UTF_8), modem.execute(line));
        byte[] read = modem.execute("AT%CMNG=2,16842753,0\r\n".getBytes(UTF_8));

        assertArrayEquals(lines(readLine(TAG, 0, crlf), "OK").getBytes(UTF_8), read);
    }

    @Test
    void crlfAndLfListDifferentDigests() {
        modem.execute(write(1, 0, CA));
        modem.execute(write(2, 0, withCrlf(CA)));

        String response = modem.execute("AT%CMNG=1");

        assertEquals(lines(listLine(1, 0, CA), listLine(2, 0, withCrlf(CA)), "OK"), response);
        assertNotEquals(
                listLine(1, 0, CA).substring(13), listLine(2, 0, withCrlf(CA)).substring(13));
    }

    @Test
    void listOrderedBySecTagThenType() {
        modem.execute(write(TAG, 4, "identity"));
        modem.execute(write(7, 5, "public"));
        modem.execute(write(TAG, 0, CA));
        modem.execute(write(2147483647, 3, "00ff"));
        modem.execute(write(7, 1, CLIENT));

        assertEquals(
                lines(
                        listLine(7, 1, CLIENT),
                        listLine(7, 5, "public"),
                        listLine(TAG, 0, CA),
                        listLine(TAG, 4, "identity"),
                        listLine(2147483647, 3, "00ff"),
                        "OK"),
                modem.execute("AT%CMNG=1"));
    }

    @Test
    void listFiltersBySecTagAndType() {
        modem.execute(write(TAG, 0, CA));
        modem.execute(write(TAG, 4, "identity"));
        modem.execute(write(8, 4, "other"));

        assertEquals(
                lines(listLine(TAG, 0, CA), listLine(TAG, 4, "identity"), "OK"),
                modem.execute("AT%CMNG=1,16842753"));
        assertEquals(
                lines(listLine(TAG, 4, "identity"), "OK"), modem.execute("AT%CMNG=1,16842753,4"));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1,16842753,5"));
        assertEquals(
                lines(
                        listLine(8, 4, "other"),
                        listLine(TAG, 0, CA),
                        listLine(TAG, 4, "identity"),
                        "OK"),
                modem.execute("AT%CMNG=1,,"));
    }

    @ParameterizedTest(name = "type {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
    void everyTypeWritesListsAndDeletes(int type) {
        String content = contentFor(type);

        assertEquals("OK\r\n", modem.execute(write(42, type, content)));
        assertEquals(lines(listLine(42, type, content), "OK"), modem.execute("AT%CMNG=1,42"));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=3,42," + type));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1"));
    }

    @ParameterizedTest(name = "type {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0  | content",
                "1  | +CME ERROR: 514",
                "2  | +CME ERROR: 514",
                "3  | +CME ERROR: 514",
                "4  | content",
                "5  | content",
                "6  | content",
                "7  | content",
                "8  | +CME ERROR: 514",
                "9  | content",
                "10 | content",
                "11 | content",
            })
    void readByType(int type, String expected) {
        String content = contentFor(type);
        modem.execute(write(42, type, content));

        String response = modem.execute("AT%CMNG=2,42," + type);

        String expectedResponse =
                expected.equals("content")
                        ? lines(readLine(42, type, content), "OK")
                        : lines(expected);
        assertEquals(expectedResponse, response);
    }

    @Test
    void writeReplacesItem() {
        modem.execute(write(5, 4, "first"));

        assertEquals("OK\r\n", modem.execute(write(5, 4, "second")));

        assertEquals(lines(listLine(5, 4, "second"), "OK"), modem.execute("AT%CMNG=1"));
        assertEquals(lines(readLine(5, 4, "second"), "OK"), modem.execute("AT%CMNG=2,5,4"));
    }

    @Test
    void deleteRemovesOnlyThatType() {
        modem.execute(write(5, 4, "identity"));
        modem.execute(write(5, 3, "00ff"));

        assertEquals("OK\r\n", modem.execute("AT%CMNG=3,5,4"));

        assertEquals(lines(listLine(5, 3, "00ff"), "OK"), modem.execute("AT%CMNG=1"));
        assertEquals("+CME ERROR: 513\r\n", modem.execute("AT%CMNG=3,5,4"));
        assertEquals("+CME ERROR: 513\r\n", modem.execute("AT%CMNG=2,5,4"));
    }

    @Test
    void contentWithSeparatorsStoredAsIs() {
        String content = "a,b;c=d AT+CFUN=1 \r\n%CMNG";

        assertEquals("OK\r\n", modem.execute(write(5, 4, content)));

        assertEquals(lines(readLine(5, 4, content), "OK"), modem.execute("AT%CMNG=2,5,4"));
        assertEquals(lines("+CFUN: 0", "OK"), modem.execute("AT+CFUN?"));
    }

    @Test
    void writeAfterOtherCommandOnLine() {
        String response = modem.execute("AT+CFUN=4;" + write(5, 4, "x").substring(2) + ";+CFUN?");

        assertEquals(lines("+CFUN: 4", "OK"), response);
        assertEquals(lines(listLine(5, 4, "x"), "OK"), modem.execute("AT%CMNG=1"));
    }

    @Test
    void passwordUpToThirtyTwoBytes() {
        String key = TestCredentials.encryptedPkcs8Pem(TestCredentials.p256(), "p");

        assertEquals("OK\r\n", modem.execute(write(5, 2, key) + ",\"" + "x".repeat(32) + "\""));
        assertEquals("ERROR\r\n", modem.execute(write(6, 2, key) + ",\"" + "x".repeat(33) + "\""));
        assertEquals("OK\r\n", modem.execute(write(7, 2, key) + ",\"\""));
        assertEquals("OK\r\n", modem.execute(write(8, 2, key) + ","));
        assertEquals(
                List.of(true, true, false),
                List.of(
                        modem.credentials()
                                .find(5, CredentialType.CLIENT_PRIVATE_KEY)
                                .orElseThrow()
                                .hasPassword(),
                        modem.credentials()
                                .find(7, CredentialType.CLIENT_PRIVATE_KEY)
                                .orElseThrow()
                                .hasPassword(),
                        modem.credentials()
                                .find(8, CredentialType.CLIENT_PRIVATE_KEY)
                                .orElseThrow()
                                .hasPassword()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "AT%CMNG",
                "AT%CMNG?",
                "AT%CMNG=?",
                "AT%CMNG=",
                "AT%CMNG=4",
                "AT%CMNG=-1",
                "AT%CMNG=x",
                "'AT%CMNG=\"0\"'",
                "AT%CMNG=0",
                "AT%CMNG=0,1",
                "AT%CMNG=0,1,4",
                "'AT%CMNG=0,1,4,\"\"'",
                "AT%CMNG=0,1,4,abc",
                "AT%CMNG=0,1,4,12",
                "'AT%CMNG=0,1,12,\"x\"'",
                "'AT%CMNG=0,1,-1,\"x\"'",
                "'AT%CMNG=0,1,,\"x\"'",
                "'AT%CMNG=0,-1,4,\"x\"'",
                "'AT%CMNG=0,4294967296,4,\"x\"'",
                "'AT%CMNG=0,,4,\"x\"'",
                "'AT%CMNG=0,\"1\",4,\"x\"'",
                "'AT%CMNG=0,1,\"4\",\"x\"'",
                "'AT%CMNG=0,1,4,\"x\",\"pw\"'",
                "'AT%CMNG=0,1,8,\"x\",\"pw\"'",
                "'AT%CMNG=0,1,2,\"x\",pw'",
                "'AT%CMNG=0,1,2,\"x\",7'",
                "'AT%CMNG=0,1,2,\"x\",\"pw\",'",
                "'AT%CMNG=0,1,4,\"x\",,'",
                "AT%CMNG=1,,0",
                "AT%CMNG=1,x",
                "AT%CMNG=1,-1",
                "AT%CMNG=1,4294967296",
                "AT%CMNG=1,1,12",
                "AT%CMNG=1,1,0,0",
                "AT%CMNG=2",
                "AT%CMNG=2,1",
                "AT%CMNG=2,,4",
                "AT%CMNG=2,1,12",
                "AT%CMNG=2,1,4,1",
                "'AT%CMNG=2,1,\"4\"'",
                "AT%CMNG=3",
                "AT%CMNG=3,1",
                "AT%CMNG=3,1,12",
                "AT%CMNG=3,1,4,0",
                "AT%CMNG=3,4294967296,4",
            })
    void malformedAnswersPlainError(String line) {
        modem.execute(write(1, 4, "existing"));

        assertEquals("ERROR\r\n", modem.execute(line));
        assertEquals(lines(listLine(1, 4, "existing"), "OK"), modem.execute("AT%CMNG=1"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "AT%CMNG=2,1,4                                       | +CME ERROR: 513",
                "AT%CMNG=3,1,4                                       | +CME ERROR: 513",
                "AT%CMNG=2,4294967295,4                              | +CME ERROR: 513",
                "AT%CMNG=2,1,1                                       | +CME ERROR: 514",
                "AT%CMNG=2,1,2                                       | +CME ERROR: 514",
                "AT%CMNG=2,1,3                                       | +CME ERROR: 514",
                "AT%CMNG=2,1,8                                       | +CME ERROR: 514",
                "'AT%CMNG=0,2147483648,4,\"x\"'                      | +CME ERROR: 514",
                "'AT%CMNG=0,4294967295,4,\"x\"'                      | +CME ERROR: 514",
                "AT%CMNG=3,2147483648,4                              | +CME ERROR: 514",
                "'AT%CMNG=0,1,0,\"not a certificate\"'               | +CME ERROR: 527",
                "'AT%CMNG=0,1,1,\"not a certificate\"'               | +CME ERROR: 527",
                "'AT%CMNG=0,1,0,\"-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n\"' | +CME ERROR: 527",
                "'AT%CMNG=0,2147483647,4,\"x\"'                      | OK",
                "'AT%CMNG=0,0,4,\"x\"'                               | OK",
            })
    void errorCodes(String line, String expected) {
        assertEquals(expected + "\r\n", modem.execute(line));
    }

    @Test
    void errorsArePlainWithoutCmee() {
        Modem plain = Modem.builder().seed(3).build();

        assertEquals("ERROR\r\n", plain.execute("AT%CMNG=2,1,4"));
        assertEquals("ERROR\r\n", plain.execute("AT%CMNG=2,1,2"));
        assertEquals("ERROR\r\n", plain.execute(write(1, 0, "not a certificate")));
        assertEquals("OK\r\n", plain.execute("AT+CFUN=1"));
        assertEquals("ERROR\r\n", plain.execute(write(1, 4, "x")));
    }

    @ParameterizedTest(name = "CFUN={0}")
    @ValueSource(ints = {1, 21})
    void writeAndDeleteRejectedWhileLteActive(int fun) {
        modem.execute(write(5, 4, "before"));
        modem.execute("AT+CFUN=" + fun);

        assertEquals("+CME ERROR: 518\r\n", modem.execute(write(5, 4, "after")));
        assertEquals("+CME ERROR: 518\r\n", modem.execute(write(6, 4, "new")));
        assertEquals("+CME ERROR: 518\r\n", modem.execute("AT%CMNG=3,5,4"));
        assertEquals("+CME ERROR: 518\r\n", modem.execute("AT%CMNG=3,6,4"));
        assertEquals(lines(listLine(5, 4, "before"), "OK"), modem.execute("AT%CMNG=1"));
        assertEquals(lines(readLine(5, 4, "before"), "OK"), modem.execute("AT%CMNG=2,5,4"));
    }

    @Test
    void offlineModesAllowWrites() {
        assertEquals("OK\r\n", modem.execute("AT+CFUN=1"));
        assertEquals("OK\r\n", modem.execute("AT+CFUN=4"));
        assertEquals("OK\r\n", modem.execute(write(5, 4, "offline")));
        assertEquals("OK\r\n", modem.execute("AT+CFUN=21"));
        assertEquals("OK\r\n", modem.execute("AT+CFUN=20"));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=3,5,4"));
    }

    @Test
    void powerOffWarningBlocksChanges() {
        modem.execute(write(5, 4, "before"));
        modem.setPowerOffWarning(true);

        assertEquals("+CME ERROR: 528\r\n", modem.execute(write(5, 4, "after")));
        assertEquals("+CME ERROR: 528\r\n", modem.execute("AT%CMNG=3,5,4"));
        assertEquals(lines(listLine(5, 4, "before"), "OK"), modem.execute("AT%CMNG=1"));
        assertEquals(lines(readLine(5, 4, "before"), "OK"), modem.execute("AT%CMNG=2,5,4"));

        modem.setPowerOffWarning(false);
        assertEquals("OK\r\n", modem.execute(write(5, 4, "after")));
    }

    @Test
    void lteActiveReportedBeforePowerOffWarning() {
        modem.setPowerOffWarning(true);
        modem.execute("AT+CFUN=1");

        assertEquals("+CME ERROR: 518\r\n", modem.execute(write(5, 4, "x")));
    }

    @Test
    void capacityFullAnswers515() {
        Modem small =
                Modem.builder()
                        .seed(3)
                        .cmeErrors(true)
                        .credentialCapacity(2)
                        .credential(4294967292L, CredentialType.NORDIC_IDENTITY_ROOT_CA, NORDIC_CA)
                        .build();
        small.execute(write(1, 4, "a"));
        small.execute(write(2, 4, "b"));

        assertEquals("+CME ERROR: 515\r\n", small.execute(write(3, 4, "c")));
        assertEquals("OK\r\n", small.execute(write(2, 4, "replaced")));
        assertEquals("OK\r\n", small.execute("AT%CMNG=3,1,4"));
        assertEquals("OK\r\n", small.execute(write(3, 4, "c")));
        assertEquals(
                lines(
                        listLine(2, 4, "replaced"),
                        listLine(3, 4, "c"),
                        listLine(4294967292L, 10, NORDIC_CA),
                        "OK"),
                small.execute("AT%CMNG=1"));
    }

    @Test
    void contentOverLimitAnswers527() {
        Modem limited = Modem.builder().seed(3).cmeErrors(true).maxCredentialLength(16).build();

        assertEquals("OK\r\n", limited.execute(write(1, 4, "x".repeat(16))));
        assertEquals("+CME ERROR: 527\r\n", limited.execute(write(1, 4, "x".repeat(17))));
        assertEquals(lines(listLine(1, 4, "x".repeat(16)), "OK"), limited.execute("AT%CMNG=1"));
    }

    @Test
    void modemOwnedItems() {
        Modem nordic =
                Modem.builder()
                        .seed(3)
                        .cmeErrors(true)
                        .credential(4294967292L, CredentialType.NORDIC_IDENTITY_ROOT_CA, NORDIC_CA)
                        .credential(4294967293L, CredentialType.NORDIC_PUBLIC_KEY, "nordic key")
                        .build();
        nordic.execute(write(TAG, 0, CA));

        assertEquals(
                lines(
                        listLine(TAG, 0, CA),
                        listLine(4294967292L, 10, NORDIC_CA),
                        listLine(4294967293L, 11, "nordic key"),
                        "OK"),
                nordic.execute("AT%CMNG=1"));
        assertEquals(
                lines(readLine(4294967292L, 10, NORDIC_CA), "OK"),
                nordic.execute("AT%CMNG=2,4294967292,10"));
        assertEquals(
                lines(listLine(4294967293L, 11, "nordic key"), "OK"),
                nordic.execute("AT%CMNG=1,4294967293"));
        assertEquals("+CME ERROR: 519\r\n", nordic.execute(write(4294967292L, 10, NORDIC_CA)));
        assertEquals("+CME ERROR: 514\r\n", nordic.execute(write(4294967292L, 4, "x")));
        assertEquals("+CME ERROR: 514\r\n", nordic.execute("AT%CMNG=3,4294967292,10"));
        assertEquals("+CME ERROR: 514\r\n", nordic.execute("AT%CMNG=3,4294967292,4"));
        assertEquals(3, nordic.credentials().list().size());
    }

    @Test
    void syntaxAndStateCheckedFirst() {
        Modem nordic =
                Modem.builder()
                        .seed(3)
                        .cmeErrors(true)
                        .credential(4294967292L, CredentialType.NORDIC_IDENTITY_ROOT_CA, NORDIC_CA)
                        .build();

        assertEquals("ERROR\r\n", nordic.execute(write(4294967292L, 10, "")));
        nordic.setPowerOffWarning(true);
        assertEquals("+CME ERROR: 528\r\n", nordic.execute(write(4294967292L, 10, NORDIC_CA)));
    }

    @Test
    void credentialsViewShowsItems() throws Exception {
        Modem preloaded =
                Modem.builder()
                        .seed(3)
                        .credential(TAG, CredentialType.ROOT_CA_CERTIFICATE, CA)
                        .credential(TAG, CredentialType.CLIENT_PRIVATE_KEY, KEY)
                        .credential(TAG, CredentialType.PSK_IDENTITY, new byte[] {'i', '\r', '\n'})
                        .build();

        List<Credential> items = preloaded.credentials().list();

        assertEquals(3, items.size());
        assertEquals(CredentialType.ROOT_CA_CERTIFICATE, items.get(0).type());
        assertArrayEquals(CA.getBytes(UTF_8), items.get(0).content().orElseThrow());
        assertEquals(sha256Hex(KEY.getBytes(UTF_8)), items.get(1).sha256());
        assertTrue(items.get(1).content().isEmpty());
        assertArrayEquals(new byte[] {'i', '\r', '\n'}, items.get(2).content().orElseThrow());
        assertEquals(
                lines(listLine(TAG, 0, CA), listLine(TAG, 2, KEY), listLine(TAG, 4, "i\r\n"), "OK"),
                preloaded.execute("AT%CMNG=1"));
    }

    @Test
    void viewFollowsAtWrites() {
        assertTrue(modem.credentials().list().isEmpty());

        modem.execute(write(9, 4, "x"));

        assertEquals(9, modem.credentials().list().get(0).secTag());
        assertEquals(
                sha256Hex("x".getBytes(UTF_8)),
                modem.credentials().find(9, CredentialType.PSK_IDENTITY).orElseThrow().sha256());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "sec_tag         | credential sec_tag out of range: -1 (expected 0..4294967295)",
                "certificate     | invalid credential at sec_tag 1, type 0: content has no CERTIFICATE block",
                "password type   | invalid credential at sec_tag 1, type 4: password given for type 4 (only type 2, an encrypted client private key, takes one)",
                "key object type | invalid credential at sec_tag 1, type 0: a private key needs type 2 or 8 (got ROOT_CA_CERTIFICATE)",
                "capacity        | credential capacity must not be negative: -1",
                "length          | maximum credential length must be at least 1 byte: 0",
                "duplicate       | credential sec_tag 1, type 4 is given twice",
            })
    void builderRejectsInvalidCredentials(String name, String message) {
        Modem.Builder builder = Modem.builder().seed(3);
        switch (name) {
            case "sec_tag" -> builder.credential(-1, CredentialType.PSK_IDENTITY, "x");
            case "certificate" -> builder.credential(1, CredentialType.ROOT_CA_CERTIFICATE, "x");
            case "password type" -> builder.credential(1, CredentialType.PSK_IDENTITY, "x", "pw");
            case "key object type" ->
                    builder.credential(
                            1,
                            CredentialType.ROOT_CA_CERTIFICATE,
                            P256Keys.fromSeed(new byte[] {1}).privateKey());
            case "capacity" -> builder.credentialCapacity(-1);
            case "length" -> builder.maxCredentialLength(0);
            default ->
                    builder.credential(1, CredentialType.PSK_IDENTITY, "a")
                            .credential(1, CredentialType.PSK_IDENTITY, "b");
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals(message, e.getMessage());
    }

    @Test
    void builderRejectsNullContent() {
        Modem.Builder builder = Modem.builder();

        assertThrows(
                NullPointerException.class,
                () -> builder.credential(1, CredentialType.PSK_IDENTITY, (String) null));
        assertThrows(
                NullPointerException.class,
                () -> builder.credential(1, CredentialType.PSK_IDENTITY, (byte[]) null));
        assertThrows(NullPointerException.class, () -> builder.credential(1, null, "x"));
    }
}
