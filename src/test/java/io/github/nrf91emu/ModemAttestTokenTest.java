package io.github.nrf91emu;

import static io.github.nrf91emu.CoseTestSupport.assertCoseSignedBy;
import static io.github.nrf91emu.CoseTestSupport.coseSignatureVerifies;
import static io.github.nrf91emu.CoseTestSupport.decodeCoseSign1;
import static io.github.nrf91emu.CoseTestSupport.jdkPublicKey;
import static io.github.nrf91emu.CoseTestSupport.parseResponse;
import static io.github.nrf91emu.CoseTestSupport.uuidBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.nrf91emu.CoseTestSupport.ParsedResponse;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.TestCredentials;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code AT%ATTESTTOKEN} through the AT interface: the device identity message decoded with an
 * independent CBOR library, and its detached COSE_Sign1 verified with the JDK against the device
 * identity key over a Sig_structure built in the test.
 */
class ModemAttestTokenTest {
    private static final long SEED = 9;
    private static final String CHALLENGE = "00112233445566778899aabbccddeeff";
    private static final Pattern UUID_RESPONSE =
            Pattern.compile("%(?:XMODEMUUID|DEVICEUUID): ([0-9a-f-]{36})\r\nOK\r\n");

    private final Modem modem = Modem.builder().seed(SEED).cmeErrors(true).build();

    private static ParsedResponse attestToken(Modem modem, String command) {
        return parseResponse("%ATTESTTOKEN", modem.execute(command));
    }

    /** Decodes the message: checks tag 55799 and five items, and returns the array. */
    private static CBORObject message(ParsedResponse parsed) {
        CBORObject tagged = CBORObject.DecodeFromBytes(parsed.first());
        assertEquals(1, tagged.getTagCount(), "tags of the message");
        assertTrue(tagged.HasMostOuterTag(CoseTestSupport.SELF_DESCRIBED_CBOR_TAG), "tag 55799");
        assertArrayEquals(parsed.first(), tagged.EncodeToBytes(), "message not in shortest form");
        CBORObject array = tagged.UntagOne();
        assertEquals(CBORType.Array, array.getType());
        assertEquals(5, array.size(), "message items");
        return array;
    }

    private static byte[] nonce(ParsedResponse parsed) {
        return message(parsed).get(4).GetByteString();
    }

    private static byte[] signature(ParsedResponse parsed) {
        return decodeCoseSign1(parsed.cose()).get(3).GetByteString();
    }

    private static PublicKey identityKey(Modem modem) throws Exception {
        return jdkPublicKey(modem.identity().publicKey().toSpkiDer());
    }

    /** Returns the UUID of an {@code AT%XMODEMUUID} or {@code AT%DEVICEUUID} response. */
    private static UUID uuidResponse(Modem modem, String command) {
        String response = modem.execute(command);
        Matcher matcher = UUID_RESPONSE.matcher(response);
        assertTrue(matcher.matches(), response);
        return UUID.fromString(matcher.group(1));
    }

    @Test
    void messageCarriesDeviceFields() {
        ParsedResponse parsed = attestToken(modem, "AT%ATTESTTOKEN");
        CBORObject message = message(parsed);

        assertEquals(1, message.get(0).AsInt32Value(), "message type");
        assertArrayEquals(uuidBytes(modem.identity().deviceUuid()), message.get(1).GetByteString());
        assertEquals(3, message.get(2).AsInt32Value(), "device type of the nRF9160");
        assertArrayEquals(
                uuidBytes(modem.identity().firmwareUuid()), message.get(3).GetByteString());
        assertEquals(CBORType.ByteString, message.get(4).getType());
        assertEquals(16, message.get(4).GetByteString().length, "nonce length");
    }

    @Test
    void detachedCoseVerifiesWithIdentityKey() throws Exception {
        ParsedResponse parsed = attestToken(modem, "AT%ATTESTTOKEN");
        CBORObject cose = decodeCoseSign1(parsed.cose());

        assertTrue(cose.get(2).isNull(), "payload slot must be nil");
        assertFalse(cose.get(2).isUndefined());
        assertCoseSignedBy(identityKey(modem), parsed.first(), signature(parsed));
    }

    @Test
    void detachedCoseRejectsOtherKeyAndPayload() throws Exception {
        ParsedResponse parsed = attestToken(modem, "AT%ATTESTTOKEN");
        Modem other = Modem.builder().seed(SEED + 1).build();

        assertFalse(
                coseSignatureVerifies(
                        TestCredentials.p256().getPublic(), parsed.first(), signature(parsed)));
        assertFalse(coseSignatureVerifies(identityKey(other), parsed.first(), signature(parsed)));
        assertFalse(
                coseSignatureVerifies(identityKey(modem), new byte[0], signature(parsed)),
                "signature covers an empty payload");
    }

    @Test
    void nilPayloadSlotIsByteF6() {
        ParsedResponse parsed = attestToken(modem, "AT%ATTESTTOKEN");
        byte[] cose = parsed.cose();
        // D2 84 43 A1 01 26 A1 04 41 21 F6 58 40 ...: tag 18, array of 4, protected, {4: h'21'},
        // nil, then the 64-byte signature.
        String head = HexFormat.of().formatHex(cose, 0, 13);

        assertEquals("d28443a10126a1044121f65840", head);
        assertEquals(13 + 64, cose.length);
    }

    // The device types that nRF Cloud's credential parser names (nRFCloud/utils,
    // modem_credentials_parser.py): 3 nRF9160, 4 nRF9161, 5 nRF9131 and 6 nRF9151.
    @ParameterizedTest(name = "{0} -> device type {1}")
    @CsvSource({"NRF9160, 3", "NRF9161, 4", "NRF9151, 6", "NRF9131, 5"})
    void deviceTypePerModel(Model model, int deviceType) throws Exception {
        Modem other = Modem.builder().seed(SEED).model(model).build();
        ParsedResponse parsed = attestToken(other, "AT%ATTESTTOKEN");
        CBORObject message = message(parsed);

        assertEquals(deviceType, message.get(2).AsInt32Value());
        assertArrayEquals(uuidBytes(other.identity().deviceUuid()), message.get(1).GetByteString());
        assertCoseSignedBy(identityKey(other), parsed.first(), signature(parsed));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mfw_nrf9160_1.3.0", "mfw_nrf9160_1.3.5", "mfw_nrf9160_2.0.2"})
    void firmwareUuidMatchesXmodemuuid(String firmware) {
        Modem other = Modem.builder().seed(SEED).firmwareVersion(firmware).build();
        UUID firmwareUuid = uuidResponse(other, "AT%XMODEMUUID");

        CBORObject message = message(attestToken(other, "AT%ATTESTTOKEN"));

        assertArrayEquals(uuidBytes(firmwareUuid), message.get(3).GetByteString());
    }

    @Test
    void firmwareUuidFollowsFirmwareVersion() {
        Modem older = Modem.builder().seed(SEED).firmwareVersion("mfw_nrf9160_1.3.4").build();
        Modem newer = Modem.builder().seed(SEED).firmwareVersion("mfw_nrf9160_1.3.5").build();

        byte[] olderUuid = message(attestToken(older, "AT%ATTESTTOKEN")).get(3).GetByteString();
        byte[] newerUuid = message(attestToken(newer, "AT%ATTESTTOKEN")).get(3).GetByteString();

        assertNotEquals(HexFormat.of().formatHex(olderUuid), HexFormat.of().formatHex(newerUuid));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NRF9161", "NRF9151", "NRF9131"})
    void deviceUuidMatchesDeviceuuid(Model model) {
        Modem other = Modem.builder().seed(SEED).model(model).build();
        UUID deviceUuid = uuidResponse(other, "AT%DEVICEUUID");

        CBORObject message = message(attestToken(other, "AT%ATTESTTOKEN"));

        assertArrayEquals(uuidBytes(deviceUuid), message.get(1).GetByteString());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "00112233445566778899aabbccddeeff",
                "00112233445566778899AABBCCDDEEFF",
                "00112233445566778899AaBbCcDdEeFf",
            })
    void challengeReplacesNonce(String challenge) throws Exception {
        ParsedResponse parsed = attestToken(modem, "AT%ATTESTTOKEN=\"" + challenge + "\"");

        assertEquals(CHALLENGE, HexFormat.of().formatHex(nonce(parsed)));
        assertCoseSignedBy(identityKey(modem), parsed.first(), signature(parsed));
    }

    @Test
    void boundaryChallengesAccepted() {
        String zeros = "0".repeat(32);
        String ones = "f".repeat(32);

        byte[] zeroNonce = nonce(attestToken(modem, "AT%ATTESTTOKEN=\"" + zeros + "\""));
        byte[] oneNonce = nonce(attestToken(modem, "AT%ATTESTTOKEN=\"" + ones + "\""));

        assertArrayEquals(new byte[16], zeroNonce);
        assertEquals(ones, HexFormat.of().formatHex(oneNonce));
    }

    @Test
    void sameChallengeSameMessage() {
        String command = "AT%ATTESTTOKEN=\"" + CHALLENGE + "\"";

        ParsedResponse first = attestToken(modem, command);
        ParsedResponse second = attestToken(modem, command);

        assertArrayEquals(first.first(), second.first());
    }

    @Test
    void freshNoncesDiffer() {
        Set<String> nonces = new HashSet<>();
        for (String command :
                List.of("AT%ATTESTTOKEN", "AT%ATTESTTOKEN", "AT%ATTESTTOKEN=", "AT%ATTESTTOKEN")) {
            nonces.add(HexFormat.of().formatHex(nonce(attestToken(modem, command))));
        }
        String keygen = modem.execute("AT%KEYGEN=1,2");
        CBORObject keygenPayload =
                CBORObject.DecodeFromBytes(
                                decodeCoseSign1(parseResponse("%KEYGEN", keygen).cose())
                                        .get(2)
                                        .GetByteString())
                        .UntagOne();
        nonces.add(HexFormat.of().formatHex(keygenPayload.get(4).GetByteString()));

        assertEquals(5, nonces.size(), nonces.toString());
        assertFalse(nonces.contains(CHALLENGE));
    }

    @Test
    void sameSeedGivesSameTokens() {
        Modem other = Modem.builder().seed(SEED).cmeErrors(true).build();

        for (String command :
                List.of(
                        "AT%ATTESTTOKEN",
                        "AT%ATTESTTOKEN=\"" + CHALLENGE + "\"", "AT%ATTESTTOKEN")) {
            assertEquals(modem.execute(command), other.execute(command), command);
        }
    }

    @Test
    void randomModemSignsWithItsIdentity() throws Exception {
        Modem random = Modem.builder().build();

        ParsedResponse parsed = attestToken(random, "AT%ATTESTTOKEN");

        assertArrayEquals(
                uuidBytes(random.identity().deviceUuid()), message(parsed).get(1).GetByteString());
        assertCoseSignedBy(identityKey(random), parsed.first(), signature(parsed));
    }

    @ParameterizedTest(name = "AT+CFUN={0}")
    @ValueSource(ints = {0, 1, 4, 21})
    void tokenInEveryFunctionalMode(int mode) throws Exception {
        assertEquals("OK\r\n", modem.execute("AT+CFUN=" + mode));

        ParsedResponse parsed = attestToken(modem, "AT%ATTESTTOKEN");

        assertCoseSignedBy(identityKey(modem), parsed.first(), signature(parsed));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "AT%ATTESTTOKEN?",
                "AT%ATTESTTOKEN=?",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeef\"",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeeff0\"",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeeff00\"",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeefg\"",
                "AT%ATTESTTOKEN=\"0x112233445566778899aabbccddeeff\"",
                "AT%ATTESTTOKEN=\"00112233 445566778899aabbccddeef\"",
                "AT%ATTESTTOKEN=\"00112233-445566778899aabbccddeef\"",
                "AT%ATTESTTOKEN=\"\"",
                "AT%ATTESTTOKEN=00112233445566778899001122334455",
                "AT%ATTESTTOKEN=00112233445566778899aabbccddeeff",
                "AT%ATTESTTOKEN=5",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeeff\","
                        + "\"00112233445566778899aabbccddeeff\"",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeeff\",",
                "AT%ATTESTTOKEN=,",
            })
    void badChallengeReturnsError(String command) {
        assertEquals("ERROR\r\n", modem.execute(command));
    }

    @Test
    void fullWidthDigitsRejected() {
        // Character.digit accepts these, but they are 3 bytes each in UTF-8, so the length fails.
        String fullWidth = "０".repeat(32);

        assertEquals("ERROR\r\n", modem.execute("AT%ATTESTTOKEN=\"" + fullWidth + "\""));
    }

    @Test
    void oldFirmwareHasNoAttestToken() {
        Modem old =
                Modem.builder()
                        .seed(SEED)
                        .firmwareVersion("mfw_nrf9160_1.2.3")
                        .cmeErrors(true)
                        .build();

        assertEquals("ERROR\r\n", old.execute("AT%ATTESTTOKEN"));
        assertEquals("ERROR\r\n", old.execute("AT%ATTESTTOKEN=\"" + CHALLENGE + "\""));
    }

    @Test
    void disabledCommandReturnsCmeError() {
        Modem disabled =
                Modem.builder().seed(SEED).cmeErrors(true).disableCommands("%ATTESTTOKEN").build();

        assertEquals("+CME ERROR: 51\r\n", disabled.execute("AT%ATTESTTOKEN"));
    }
}
