package io.github.nrf91emu;

import static io.github.nrf91emu.CoseTestSupport.parseResponse;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.keystore.TestCredentials;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failures of {@code AT%KEYGEN}: every CME error code in the order the command checks them, the
 * malformed commands that return a plain {@code ERROR} whatever {@code +CMEE} is, and the store
 * left as it was after each failure.
 */
class ModemKeygenErrorsTest {
    private static final long TAG = 16842753;
    private static final KeyPair CLIENT_PAIR = TestCredentials.p256();
    private static final String CLIENT_KEY = TestCredentials.sec1Pem(CLIENT_PAIR);

    /** The state a modem is in before the command of a table row runs. */
    private enum Setup {
        /** An empty store. */
        EMPTY,
        /** After {@code AT+CFUN=1}. */
        LTE_ACTIVE,
        /** After {@code AT+CFUN=21}, which activates only LTE. */
        LTE_ONLY_ACTIVE,
        /** A client private key at (TAG, 2). */
        CLIENT_KEY_STORED,
        /** Text that is not a key at (TAG, 2) and (TAG, 8), and a P-384 key at (7, 8). */
        UNUSABLE_KEYS_STORED,
        /** An endorsement key at the modem's sec_tag 4294967295. */
        MODEM_KEY_STORED,
        /** Two items at host sec_tags with a capacity of 2, and one at a modem sec_tag. */
        STORE_FULL,
        /** A client private key at (TAG, 2) that fills a capacity of 1. */
        CLIENT_KEY_FILLS_STORE,
        /** One forced key generation failure. */
        KEY_GENERATION_FAILS,
        /** A full store and one forced key generation failure. */
        STORE_FULL_AND_KEY_GENERATION_FAILS,
        /** Firmware 1.2.3, which predates {@code %KEYGEN}. */
        OLD_FIRMWARE,
        /** {@code %KEYGEN} disabled by the builder. */
        COMMAND_DISABLED
    }

    private static Modem modem(Setup setup, boolean cmeErrors) {
        Modem.Builder builder = Modem.builder().seed(17).cmeErrors(cmeErrors);
        switch (setup) {
            case CLIENT_KEY_STORED ->
                    builder.credential(TAG, CredentialType.CLIENT_PRIVATE_KEY, CLIENT_KEY);
            case UNUSABLE_KEYS_STORED ->
                    builder.credential(TAG, CredentialType.CLIENT_PRIVATE_KEY, "not a key")
                            .credential(TAG, CredentialType.ENDORSEMENT_PRIVATE_KEY, "not a key")
                            .credential(
                                    7,
                                    CredentialType.ENDORSEMENT_PRIVATE_KEY,
                                    TestCredentials.sec1Pem(TestCredentials.generate("secp384r1")));
            case MODEM_KEY_STORED ->
                    builder.credential(
                            4294967295L, CredentialType.ENDORSEMENT_PRIVATE_KEY, CLIENT_KEY);
            case STORE_FULL, STORE_FULL_AND_KEY_GENERATION_FAILS -> fillStore(builder);
            case CLIENT_KEY_FILLS_STORE ->
                    builder.credentialCapacity(1)
                            .credential(TAG, CredentialType.CLIENT_PRIVATE_KEY, CLIENT_KEY);
            case OLD_FIRMWARE -> builder.firmwareVersion("mfw_nrf9160_1.2.3");
            case COMMAND_DISABLED -> builder.disableCommands("%KEYGEN");
            default -> {}
        }
        Modem modem = builder.build();
        switch (setup) {
            case LTE_ACTIVE -> assertEquals("OK\r\n", modem.execute("AT+CFUN=1"));
            case LTE_ONLY_ACTIVE -> assertEquals("OK\r\n", modem.execute("AT+CFUN=21"));
            case KEY_GENERATION_FAILS, STORE_FULL_AND_KEY_GENERATION_FAILS ->
                    modem.faults().failNextKeyGenerations(1);
            default -> {}
        }
        return modem;
    }

    /**
     * Fills a capacity of 2 with items at TAG and 5. The item at a modem sec_tag does not count.
     */
    private static void fillStore(Modem.Builder builder) {
        builder.credentialCapacity(2)
                .credential(TAG, CredentialType.PSK_IDENTITY, "identity")
                .credential(5, CredentialType.PUBLIC_KEY, "public")
                .credential(4294967295L, CredentialType.ENDORSEMENT_PRIVATE_KEY, CLIENT_KEY);
    }

    /** Runs a line that must fail and checks its exact response and that the store is unchanged. */
    private static void assertFailsWithoutChange(Modem modem, String line, String expected) {
        String listBefore = modem.execute("AT%CMNG=1");
        int countBefore = modem.credentials().list().size();

        assertEquals(expected + "\r\n", modem.execute(line), line);

        assertEquals(listBefore, modem.execute("AT%CMNG=1"), "store changed by " + line);
        assertEquals(countBefore, modem.credentials().list().size());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // 518: LTE active, checked before every other CME error.
                "LTE_ACTIVE                | AT%KEYGEN=16842753,2             | +CME ERROR: 518",
                "LTE_ACTIVE                | AT%KEYGEN=16842753,2,1           | +CME ERROR: 518",
                "LTE_ACTIVE                | AT%KEYGEN=16842753,8             | +CME ERROR: 518",
                "LTE_ACTIVE                | AT%KEYGEN=2147483648,2           | +CME ERROR: 518",
                "LTE_ONLY_ACTIVE           | AT%KEYGEN=16842753,2             | +CME ERROR: 518",
                // 514: a modem sec_tag, or an endorsement key that is not a usable P-256 key.
                "EMPTY                     | AT%KEYGEN=2147483648,2           | +CME ERROR: 514",
                "EMPTY                     | AT%KEYGEN=2147483648,8           | +CME ERROR: 514",
                "EMPTY                     | AT%KEYGEN=4294967295,2           | +CME ERROR: 514",
                "EMPTY                     | AT%KEYGEN=4294967295,2,1         | +CME ERROR: 514",
                "MODEM_KEY_STORED          | AT%KEYGEN=4294967295,8           | +CME ERROR: 514",
                "MODEM_KEY_STORED          | AT%KEYGEN=4294967294,2           | +CME ERROR: 514",
                "UNUSABLE_KEYS_STORED      | AT%KEYGEN=16842753,8             | +CME ERROR: 514",
                "UNUSABLE_KEYS_STORED      | AT%KEYGEN=7,8                    | +CME ERROR: 514",
                // 519: a client key exists, usable or not, checked before the capacity.
                "CLIENT_KEY_STORED         | AT%KEYGEN=16842753,2             | +CME ERROR: 519",
                "CLIENT_KEY_STORED         | AT%KEYGEN=16842753,2,1           | +CME ERROR: 519",
                "UNUSABLE_KEYS_STORED      | AT%KEYGEN=16842753,2             | +CME ERROR: 519",
                "CLIENT_KEY_FILLS_STORE    | AT%KEYGEN=16842753,2             | +CME ERROR: 519",
                // 515: a new item beyond the capacity, checked before a forced failure.
                "STORE_FULL                | AT%KEYGEN=16842753,2             | +CME ERROR: 515",
                "STORE_FULL                | AT%KEYGEN=6,2,1                  | +CME ERROR: 515",
                "STORE_FULL                | AT%KEYGEN=16842753,8             | +CME ERROR: 515",
                "CLIENT_KEY_FILLS_STORE    | AT%KEYGEN=16842753,8             | +CME ERROR: 515",
                "STORE_FULL_AND_KEY_GENERATION_FAILS | AT%KEYGEN=6,2          | +CME ERROR: 515",
                // 523: a forced key generation failure.
                "KEY_GENERATION_FAILS      | AT%KEYGEN=16842753,2             | +CME ERROR: 523",
                "KEY_GENERATION_FAILS      | AT%KEYGEN=16842753,2,1           | +CME ERROR: 523",
                "KEY_GENERATION_FAILS      | AT%KEYGEN=16842753,8             | +CME ERROR: 523",
                // The command is missing or disabled.
                "OLD_FIRMWARE              | AT%KEYGEN=16842753,2             | ERROR",
                "OLD_FIRMWARE              | AT%KEYGEN=16842753,8             | ERROR",
                "COMMAND_DISABLED          | AT%KEYGEN=16842753,2             | +CME ERROR: 51",
            })
    void cmeErrorTable(Setup setup, String line, String expected) {
        assertFailsWithoutChange(modem(setup, true), line, expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "LTE_ACTIVE           | AT%KEYGEN=16842753,2",
                "EMPTY                | AT%KEYGEN=2147483648,2",
                "UNUSABLE_KEYS_STORED | AT%KEYGEN=16842753,8",
                "CLIENT_KEY_STORED    | AT%KEYGEN=16842753,2",
                "STORE_FULL           | AT%KEYGEN=16842753,2",
                "KEY_GENERATION_FAILS | AT%KEYGEN=16842753,2",
            })
    void cmeErrorsReadErrorWithoutCmee(Setup setup, String line) {
        assertFailsWithoutChange(modem(setup, false), line, "ERROR");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Forms other than set, and missing or extra parameters.
                "EMPTY | AT%KEYGEN",
                "EMPTY | AT%KEYGEN?",
                "EMPTY | AT%KEYGEN=?",
                "EMPTY | AT%KEYGEN=",
                "EMPTY | AT%KEYGEN=16842753",
                "EMPTY | AT%KEYGEN=16842753,",
                "EMPTY | AT%KEYGEN=,2",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=Example\",\"111010000\",1",
                "EMPTY | AT%KEYGEN=16842753,2,0,,,",
                // sec_tag
                "EMPTY | AT%KEYGEN=\"16842753\",2",
                "EMPTY | AT%KEYGEN=-1,2",
                "EMPTY | AT%KEYGEN=4294967296,2",
                "EMPTY | AT%KEYGEN=4294967296,8",
                "EMPTY | AT%KEYGEN=99999999999999999999,2",
                // key_type
                "EMPTY | AT%KEYGEN=16842753,0",
                "EMPTY | AT%KEYGEN=16842753,1",
                "EMPTY | AT%KEYGEN=16842753,3",
                "EMPTY | AT%KEYGEN=16842753,7",
                "EMPTY | AT%KEYGEN=16842753,9",
                "EMPTY | AT%KEYGEN=16842753,-2",
                "EMPTY | AT%KEYGEN=16842753,\"2\"",
                // output_format
                "EMPTY | AT%KEYGEN=16842753,2,2",
                "EMPTY | AT%KEYGEN=16842753,2,-1",
                "EMPTY | AT%KEYGEN=16842753,2,\"0\"",
                "EMPTY | AT%KEYGEN=16842753,8,2",
                // attributes
                "EMPTY | AT%KEYGEN=16842753,2,0,O=Example",
                "EMPTY | AT%KEYGEN=16842753,2,0,5",
                "EMPTY | AT%KEYGEN=16842753,8,0,5",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"novalue\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"FOO=bar\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"=bar\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O= \"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=a+CN=b\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=a,,L=b\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=a,\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"C=Norway\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"C=ñö\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"SERIALNUMBER=abc_1\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"E=ø@example.com\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=#0403616263\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=#030200ff\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,\"O=#zz\"",
                // key_usage
                "EMPTY | AT%KEYGEN=16842753,2,0,,\"11101000\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,,\"1110100000\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,,\"111010002\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,,\"000000000\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,,\"abcdefghi\"",
                "EMPTY | AT%KEYGEN=16842753,2,0,,111010000",
                "EMPTY | AT%KEYGEN=16842753,2,1,,111010000",
                // A malformed command fails as such before any state is checked.
                "LTE_ACTIVE           | AT%KEYGEN=16842753,3",
                "LTE_ACTIVE           | AT%KEYGEN=16842753,2,0,\"FOO=bar\"",
                "LTE_ACTIVE           | AT%KEYGEN=4294967296,2",
                "CLIENT_KEY_STORED    | AT%KEYGEN=16842753,2,0,,\"0\"",
                "STORE_FULL           | AT%KEYGEN=16842753,2,5",
                "KEY_GENERATION_FAILS | AT%KEYGEN=16842753,2,0,\"O=\"",
            })
    void malformedCommandReturnsError(Setup setup, String line) {
        assertFailsWithoutChange(modem(setup, true), line, "ERROR");
    }

    @Test
    void malformedCommandKeepsForcedFailure() {
        Modem modem = modem(Setup.KEY_GENERATION_FAILS, true);

        assertEquals("ERROR\r\n", modem.execute("AT%KEYGEN=16842753,2,0,\"O=\""));

        assertEquals("+CME ERROR: 523\r\n", modem.execute("AT%KEYGEN=16842753,2"));
    }

    @Test
    void attributesThatAreNotUtf8ReturnError() {
        Modem modem = modem(Setup.EMPTY, true);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("AT%KEYGEN=16842753,2,0,\"O=".getBytes(UTF_8));
        line.write(0xFF);
        line.writeBytes("\"\r\n".getBytes(UTF_8));

        byte[] response = modem.execute(line.toByteArray());

        assertArrayEquals("ERROR\r\n".getBytes(UTF_8), response);
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1"));
    }

    @Test
    void forcedFailuresCountOnlyNewKeys() {
        Modem modem = modem(Setup.EMPTY, true);
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=1,8"));
        modem.faults().failNextKeyGenerations(2);

        // Reusing a stored endorsement key makes no key, so it neither fails nor counts.
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=1,8"));
        assertEquals("+CME ERROR: 523\r\n", modem.execute("AT%KEYGEN=2,2"));
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=1,8,1"));
        assertEquals("+CME ERROR: 523\r\n", modem.execute("AT%KEYGEN=2,8"));

        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=2,2"));
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=2,8"));
        assertEquals(3, modem.credentials().list().size());
    }

    @Test
    void storeFullKeepsForcedFailure() {
        Modem modem = modem(Setup.STORE_FULL_AND_KEY_GENERATION_FAILS, true);

        assertEquals("+CME ERROR: 515\r\n", modem.execute("AT%KEYGEN=6,2"));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=3,5,5"));
        assertEquals("+CME ERROR: 523\r\n", modem.execute("AT%KEYGEN=6,2"));
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=6,2"));

        assertEquals("+CME ERROR: 515\r\n", modem.execute("AT%KEYGEN=7,2"));
    }

    @Test
    void lteActiveKeepsForcedFailure() {
        Modem modem = modem(Setup.KEY_GENERATION_FAILS, true);
        assertEquals("OK\r\n", modem.execute("AT+CFUN=1"));

        assertEquals("+CME ERROR: 518\r\n", modem.execute("AT%KEYGEN=1,2"));
        assertEquals("OK\r\n", modem.execute("AT+CFUN=4"));

        assertEquals("+CME ERROR: 523\r\n", modem.execute("AT%KEYGEN=1,2"));
    }

    @Test
    void forcedFailureCountIsReplaced() {
        Modem modem = modem(Setup.EMPTY, true);
        modem.faults().failNextKeyGenerations(3);
        modem.faults().failNextKeyGenerations(1);

        assertEquals("+CME ERROR: 523\r\n", modem.execute("AT%KEYGEN=1,2"));
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=1,2"));
    }

    @Test
    void forcedFailuresCleared() {
        Modem modem = modem(Setup.EMPTY, true);
        modem.faults().failNextKeyGenerations(2);
        modem.faults().failNextKeyGenerations(0);
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=1,2"));

        modem.faults().failNextKeyGenerations(2);
        modem.faults().clear();

        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=2,2"));
    }

    @Test
    void negativeFailureCountRejected() {
        Modem modem = modem(Setup.EMPTY, true);

        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> modem.faults().failNextKeyGenerations(-1));

        assertTrue(error.getMessage().contains("-1"), error.getMessage());
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=1,2"));
    }

    @Test
    void endorsementKeyReusedWhenStoreFull() {
        Modem modem =
                Modem.builder()
                        .seed(17)
                        .cmeErrors(true)
                        .credentialCapacity(1)
                        .credential(TAG, CredentialType.ENDORSEMENT_PRIVATE_KEY, CLIENT_KEY)
                        .build();

        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=16842753,8"));

        assertEquals("+CME ERROR: 515\r\n", modem.execute("AT%KEYGEN=16842753,2"));
    }

    @Test
    void lastFreeItemThenStoreFull() {
        Modem modem = Modem.builder().seed(17).cmeErrors(true).credentialCapacity(1).build();

        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=1,2"));

        assertEquals("+CME ERROR: 515\r\n", modem.execute("AT%KEYGEN=2,2"));
        assertEquals("+CME ERROR: 515\r\n", modem.execute("AT%KEYGEN=1,8"));
    }

    @Test
    void hostSecTagLimitAccepted() {
        Modem modem = modem(Setup.EMPTY, true);

        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=2147483647,2"));
        parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=0,8"));

        assertEquals(2, modem.credentials().list().size());
    }

    @Test
    void deletedClientKeyMadeAgain() {
        Modem modem = modem(Setup.CLIENT_KEY_STORED, true);
        assertEquals("+CME ERROR: 519\r\n", modem.execute("AT%KEYGEN=16842753,2,1"));
        String storedDigest = modem.credentials().list().get(0).sha256();

        assertEquals("OK\r\n", modem.execute("AT%CMNG=3,16842753,2"));
        byte[] key = parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=16842753,2,1")).first();

        assertFalse(Arrays.equals(CLIENT_PAIR.getPublic().getEncoded(), key), "old key returned");
        assertNotEquals(storedDigest, modem.credentials().list().get(0).sha256());
        assertEquals("+CME ERROR: 519\r\n", modem.execute("AT%KEYGEN=16842753,2"));
    }
}
