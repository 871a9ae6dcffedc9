package io.github.nrf91emu.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.testkit.ProvisioningRejectedException.Reason;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests of {@link ProvisioningVerifier} with real modem responses and with tampered responses built
 * by the independent CBOR library {@code com.upokecenter.cbor}. Tampered responses that must fail a
 * check after the signature check are re-signed with a test key and verified with that key, so only
 * the tampered item is wrong.
 */
class ProvisioningVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long SEED = 11;
    private static final long SEC_TAG = 16842753;
    private static final String CHALLENGE_HEX = "00112233445566778899aabbccddeeff";
    private static final byte[] CHALLENGE = HexFormat.of().parseHex(CHALLENGE_HEX);

    /** The protected header {@code {1: -7}}, serialized. */
    private static final byte[] PROTECTED_ES256 = {(byte) 0xA1, 0x01, 0x26};

    /** The protected header {@code {1: -35}} (ES384), serialized. */
    private static final byte[] PROTECTED_ES384 = {(byte) 0xA1, 0x01, 0x38, 0x22};

    private static final int COSE_SIGN1_TAG = 18;
    private static final int SELF_DESCRIBED_CBOR_TAG = 55799;

    /** Key pair that re-signs tampered responses, which {@link #TEST_KEY_VERIFIER} trusts. */
    private static final P256KeyPair TEST_KEY = P256Keys.generate(new SecureRandom());

    private static final ProvisioningVerifier TEST_KEY_VERIFIER =
            ProvisioningVerifier.forIdentityKey(TEST_KEY.publicKey());

    private static Modem modem(long seed, Model model) {
        Modem modem = Modem.builder().seed(seed).model(model).clock(CLOCK).build();
        assertEquals("OK\r\n", modem.execute("AT+CFUN=4"));
        return modem;
    }

    private static Modem modem() {
        return modem(SEED, Model.NRF9160);
    }

    private static ProvisioningVerifier verifier(Modem modem) {
        return ProvisioningVerifier.forIdentityKey(modem.identity().publicKey());
    }

    private static String execute(Modem modem, String command, String prefix) {
        String response = modem.execute(command);
        assertTrue(response.startsWith(prefix + ": \""), "unexpected response: " + response);
        assertTrue(response.endsWith("\"\r\nOK\r\n"), "unexpected response: " + response);
        return response;
    }

    private static String keygen(Modem modem, String parameters) {
        return execute(modem, "AT%KEYGEN=" + parameters, "%KEYGEN");
    }

    private static String keygen(Modem modem) {
        return keygen(modem, SEC_TAG + ",2");
    }

    private static String attestationToken(Modem modem) {
        return execute(modem, "AT%ATTESTTOKEN", "%ATTESTTOKEN");
    }

    /** Returns the text between the quotes of a response. */
    private static String quoted(String response) {
        return response.substring(response.indexOf('"') + 1, response.lastIndexOf('"'));
    }

    private static String firstPart(String response) {
        String text = quoted(response);
        return text.substring(0, text.indexOf('.'));
    }

    private static String cosePart(String response) {
        String text = quoted(response);
        return text.substring(text.indexOf('.') + 1);
    }

    private static byte[] decode(String part) {
        return Base64.getUrlDecoder().decode(part);
    }

    private static String encode(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    private static String joined(byte[] first, byte[] cose) {
        return encode(first) + "." + encode(cose);
    }

    /** Returns the four items of a response's COSE_Sign1, decoded by the independent library. */
    private static CBORObject coseItems(String response) {
        return CBORObject.DecodeFromBytes(decode(cosePart(response))).UntagOne();
    }

    /** Returns the five items of a {@code %KEYGEN} payload, decoded by the independent library. */
    private static CBORObject keygenPayloadItems(String response) {
        byte[] payload = coseItems(response).get(2).GetByteString();
        return CBORObject.DecodeFromBytes(payload).UntagOne();
    }

    private static byte[] selfDescribed(CBORObject items) {
        return CBORObject.FromObjectAndTag(items, SELF_DESCRIBED_CBOR_TAG).EncodeToBytes();
    }

    /** Returns the RFC 9052 Sig_structure, encoded by the independent library. */
    private static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return CBORObject.NewArray()
                .Add(CBORObject.FromObject("Signature1"))
                .Add(CBORObject.FromObject(protectedHeader))
                .Add(CBORObject.FromObject(new byte[0]))
                .Add(CBORObject.FromObject(payload))
                .EncodeToBytes();
    }

    /** Returns a tagged COSE_Sign1 over {@code payload}, signed by {@code key}. */
    private static byte[] coseSign1(
            byte[] protectedHeader, byte[] payload, boolean detached, P256KeyPair key) {
        byte[] signature = Es256.sign(key.privateKey(), sigStructure(protectedHeader, payload));
        CBORObject unprotected =
                CBORObject.NewMap()
                        .Add(CBORObject.FromObject(4), CBORObject.FromObject(new byte[] {0x21}));
        CBORObject items =
                CBORObject.NewArray()
                        .Add(CBORObject.FromObject(protectedHeader))
                        .Add(unprotected)
                        .Add(detached ? CBORObject.Null : CBORObject.FromObject(payload))
                        .Add(CBORObject.FromObject(signature));
        return CBORObject.FromObjectAndTag(items, COSE_SIGN1_TAG).EncodeToBytes();
    }

    /** Returns a {@code %KEYGEN} text with this DER and payload, signed by the test key. */
    private static String signedKeygen(byte[] der, byte[] payload) {
        return joined(der, coseSign1(PROTECTED_ES256, payload, false, TEST_KEY));
    }

    /** Returns a {@code %ATTESTTOKEN} text with this message, signed by the test key. */
    private static String signedAttestation(byte[] message) {
        return joined(message, coseSign1(PROTECTED_ES256, message, true, TEST_KEY));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] flipBit(byte[] data, int index) {
        byte[] changed = data.clone();
        changed[index] ^= 0x01;
        return changed;
    }

    private static ProvisioningRejectedException assertRejected(Reason reason, Executable call) {
        ProvisioningRejectedException rejected =
                assertThrows(ProvisioningRejectedException.class, call);
        assertEquals(reason, rejected.reason(), rejected.getMessage());
        assertTrue(
                rejected.getMessage().startsWith(reason + ": "),
                "message does not start with the reason: " + rejected.getMessage());
        return rejected;
    }

    @ParameterizedTest
    @CsvSource({
        "NRF9160, 2, 0, 9",
        "NRF9160, 2, 1, 8",
        "NRF9160, 8, 0, 8",
        "NRF9160, 8, 1, 8",
        "NRF9161, 2, 0, 9",
        "NRF9161, 2, 1, 8",
        "NRF9161, 8, 0, 8"
    })
    void keygenResponseAccepted(Model model, int keyType, int format, int messageType)
            throws Exception {
        Modem modem = modem(SEED, model);
        DeviceIdentity identity = modem.identity();
        String response = keygen(modem, SEC_TAG + "," + keyType + "," + format);

        VerifiedKeygen verified = verifier(modem).verifyKeygen(response);

        byte[] der = decode(firstPart(response));
        assertEquals(messageType, verified.messageType());
        assertEquals(messageType == 9, verified.isCertificateRequest());
        assertEquals(identity.deviceUuid(), verified.deviceUuid());
        assertEquals(SEC_TAG, verified.secTag());
        assertArrayEquals(der, verified.der());
        assertArrayEquals(keygenPayloadItems(response).get(4).GetByteString(), verified.nonce());
        byte[] spki =
                messageType == 9
                        ? new PKCS10CertificationRequest(der).getSubjectPublicKeyInfo().getEncoded()
                        : der;
        assertEquals(P256PublicKey.fromSpkiDer(spki), verified.publicKey());
        Optional<String> subject =
                messageType == 9 ? Optional.of("CN=" + identity.deviceUuid()) : Optional.empty();
        assertEquals(subject, verified.subject());
    }

    @Test
    void keygenTextWithoutResponseFormAccepted() throws Exception {
        Modem modem = modem();
        String response = keygen(modem);
        ProvisioningVerifier verifier = verifier(modem);
        String withoutOk = response.substring(0, response.length() - "\r\nOK\r\n".length());

        VerifiedKeygen fromText = verifier.verifyKeygen(quoted(response));
        VerifiedKeygen fromLine = verifier.verifyKeygen(withoutOk);

        assertArrayEquals(decode(firstPart(response)), fromText.der());
        assertArrayEquals(decode(firstPart(response)), fromLine.der());
    }

    @Test
    void keygenKeySignsModemJwt() throws Exception {
        Modem modem = modem();
        VerifiedKeygen verified = verifier(modem).verifyKeygen(keygen(modem));
        String jwtResponse = modem.execute("AT%JWT=0,600,\"sub\",\"aud\"," + SEC_TAG + ",2");
        String token = quoted(jwtResponse);

        VerifiedToken jwt =
                ModemTokenVerifier.builder()
                        .publicKey(verified.publicKey())
                        .clock(CLOCK)
                        .build()
                        .verify(token);

        assertEquals(Optional.of(verified.publicKey().spkiSha256Hex()), jwt.keyId());
    }

    @ParameterizedTest
    @CsvSource({"NRF9160, 3", "NRF9161, 4"})
    void attestationTokenAccepted(Model model, int deviceType) throws Exception {
        Modem modem = modem(SEED, model);
        DeviceIdentity identity = modem.identity();
        String response = attestationToken(modem);

        VerifiedAttestation verified = verifier(modem).verifyAttestation(response);

        CBORObject message = CBORObject.DecodeFromBytes(decode(firstPart(response))).UntagOne();
        assertEquals(identity.deviceUuid(), verified.deviceUuid());
        assertEquals(deviceType, verified.deviceType());
        assertEquals(identity.firmwareUuid(), verified.firmwareUuid());
        assertArrayEquals(message.get(4).GetByteString(), verified.nonce());
    }

    @ParameterizedTest
    @EnumSource(
            value = Model.class,
            names = {"NRF9160", "NRF9161"})
    void attestationChallengeAccepted(Model model) throws Exception {
        Modem modem = modem(SEED, model);
        String response =
                execute(modem, "AT%ATTESTTOKEN=\"" + CHALLENGE_HEX + "\"", "%ATTESTTOKEN");
        ProvisioningVerifier verifier = verifier(modem);

        VerifiedAttestation withChallenge = verifier.verifyAttestation(response, CHALLENGE);
        VerifiedAttestation fromText = verifier.verifyAttestation(quoted(response), CHALLENGE);

        assertArrayEquals(CHALLENGE, withChallenge.nonce());
        assertArrayEquals(CHALLENGE, fromText.nonce());
        assertEquals(modem.identity().deviceUuid(), withChallenge.deviceUuid());
    }

    @Test
    void resignedResponsesAcceptedByTestKey() throws Exception {
        // The tampering tests below rely on these rebuilt responses being valid as they stand.
        Modem modem = modem();
        String keygen = keygen(modem);
        String attestation = attestationToken(modem);
        byte[] payload = coseItems(keygen).get(2).GetByteString();
        byte[] message = decode(firstPart(attestation));

        VerifiedKeygen verifiedKeygen =
                TEST_KEY_VERIFIER.verifyKeygen(signedKeygen(decode(firstPart(keygen)), payload));
        VerifiedAttestation verifiedAttestation =
                TEST_KEY_VERIFIER.verifyAttestation(signedAttestation(message));

        assertEquals(modem.identity().deviceUuid(), verifiedKeygen.deviceUuid());
        assertEquals(modem.identity().deviceUuid(), verifiedAttestation.deviceUuid());
    }

    @Test
    void otherDeviceKeyRejected() {
        Modem modem = modem();
        String keygen = keygen(modem);
        String attestation = attestationToken(modem);
        ProvisioningVerifier otherDevice = verifier(modem(SEED + 1, Model.NRF9160));

        ProvisioningRejectedException rejected =
                assertRejected(Reason.INVALID_SIGNATURE, () -> otherDevice.verifyKeygen(keygen));
        assertRejected(Reason.INVALID_SIGNATURE, () -> otherDevice.verifyAttestation(attestation));

        String signature = encode(coseItems(keygen).get(3).GetByteString());
        assertFalse(rejected.getMessage().contains(signature), rejected.getMessage());
        assertFalse(rejected.getMessage().contains(firstPart(keygen)), rejected.getMessage());
    }

    @Test
    void flippedDerBitRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        byte[] der = decode(firstPart(response));
        String tampered = encode(flipBit(der, der.length / 2)) + "." + cosePart(response);

        assertRejected(Reason.DIGEST_MISMATCH, () -> verifier(modem).verifyKeygen(tampered));
    }

    @Test
    void flippedSignatureBitRejected() {
        Modem modem = modem();
        for (String response : new String[] {keygen(modem), attestationToken(modem)}) {
            CBORObject items = coseItems(response);
            byte[] signature = items.get(3).GetByteString();
            items.set(3, CBORObject.FromObject(flipBit(signature, 10)));
            byte[] cose = CBORObject.FromObjectAndTag(items, COSE_SIGN1_TAG).EncodeToBytes();
            String tampered = firstPart(response) + "." + encode(cose);

            if (response.startsWith("%KEYGEN")) {
                assertRejected(
                        Reason.INVALID_SIGNATURE, () -> verifier(modem).verifyKeygen(tampered));
            } else {
                assertRejected(
                        Reason.INVALID_SIGNATURE,
                        () -> verifier(modem).verifyAttestation(tampered));
            }
        }
    }

    @Test
    void payloadResignedByOtherKeyRejected() {
        Modem modem = modem();
        String keygen = keygen(modem);
        CBORObject items = keygenPayloadItems(keygen);
        items.set(4, CBORObject.FromObject(new byte[16]));
        String tamperedKeygen = signedKeygen(decode(firstPart(keygen)), selfDescribed(items));
        byte[] message = decode(firstPart(attestationToken(modem)));
        String tamperedAttestation = signedAttestation(message);

        assertRejected(
                Reason.INVALID_SIGNATURE, () -> verifier(modem).verifyKeygen(tamperedKeygen));
        assertRejected(
                Reason.INVALID_SIGNATURE,
                () -> verifier(modem).verifyAttestation(tamperedAttestation));
    }

    @Test
    void base64PaddingRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        String first = firstPart(response);
        String cose = cosePart(response);
        int tested = 0;
        if (first.length() % 4 != 0) {
            String padded = first + "=".repeat(4 - first.length() % 4) + "." + cose;
            assertRejected(Reason.MALFORMED, () -> verifier(modem).verifyKeygen(padded));
            tested++;
        }
        if (cose.length() % 4 != 0) {
            String padded = first + "." + cose + "=".repeat(4 - cose.length() % 4);
            assertRejected(Reason.MALFORMED, () -> verifier(modem).verifyKeygen(padded));
            tested++;
        }
        assertNotEquals(
                0, tested, "both parts are a multiple of 4 characters, so padding is empty");
    }

    @Test
    void standardBase64AlphabetRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        byte[] der = decode(firstPart(response));
        String standard = Base64.getEncoder().withoutPadding().encodeToString(der);
        assertNotEquals(firstPart(response), standard, "DER has no '+' or '/' in standard Base64");
        String tampered = standard + "." + cosePart(response);

        assertRejected(Reason.MALFORMED, () -> verifier(modem).verifyKeygen(tampered));
    }

    @Test
    void es384ProtectedHeaderRejected() {
        Modem modem = modem();
        String keygen = keygen(modem);
        byte[] payload = coseItems(keygen).get(2).GetByteString();
        byte[] cose = coseSign1(PROTECTED_ES384, payload, false, TEST_KEY);
        String tampered = joined(decode(firstPart(keygen)), cose);
        byte[] message = decode(firstPart(attestationToken(modem)));
        String tamperedAttestation =
                joined(message, coseSign1(PROTECTED_ES384, message, true, TEST_KEY));

        ProvisioningRejectedException rejected =
                assertRejected(
                        Reason.UNSUPPORTED_HEADER, () -> TEST_KEY_VERIFIER.verifyKeygen(tampered));
        assertTrue(rejected.getMessage().contains("-35"), rejected.getMessage());
        assertRejected(
                Reason.UNSUPPORTED_HEADER,
                () -> TEST_KEY_VERIFIER.verifyAttestation(tamperedAttestation));
    }

    @Test
    void otherKeyIdRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        CBORObject items = coseItems(response);
        items.set(
                1,
                CBORObject.NewMap()
                        .Add(CBORObject.FromObject(4), CBORObject.FromObject(new byte[] {0x22})));
        byte[] cose = CBORObject.FromObjectAndTag(items, COSE_SIGN1_TAG).EncodeToBytes();
        String tampered = firstPart(response) + "." + encode(cose);

        assertRejected(Reason.UNSUPPORTED_HEADER, () -> verifier(modem).verifyKeygen(tampered));
    }

    @Test
    void trailingBytesRejected() {
        Modem modem = modem();
        String keygen = keygen(modem);
        byte[] der = decode(firstPart(keygen));
        byte[] cose = decode(cosePart(keygen));
        byte[] coseWithZero = Arrays.copyOf(cose, cose.length + 1);
        String afterCose = firstPart(keygen) + "." + encode(coseWithZero);
        byte[] payload = coseItems(keygen).get(2).GetByteString();
        byte[] payloadWithZero = Arrays.copyOf(payload, payload.length + 1);
        byte[] message = decode(firstPart(attestationToken(modem)));
        byte[] messageWithZero = Arrays.copyOf(message, message.length + 1);

        ProvisioningRejectedException rejected =
                assertRejected(Reason.MALFORMED, () -> verifier(modem).verifyKeygen(afterCose));
        assertTrue(rejected.getMessage().contains("1 bytes after its end"), rejected.getMessage());
        assertRejected(
                Reason.MALFORMED,
                () -> TEST_KEY_VERIFIER.verifyKeygen(signedKeygen(der, payloadWithZero)));
        assertRejected(
                Reason.MALFORMED,
                () -> TEST_KEY_VERIFIER.verifyAttestation(signedAttestation(messageWithZero)));
    }

    @Test
    void wrongChallengeRejected() {
        Modem modem = modem();
        String response =
                execute(modem, "AT%ATTESTTOKEN=\"" + CHALLENGE_HEX + "\"", "%ATTESTTOKEN");
        byte[] otherChallenge = flipBit(CHALLENGE, 15);

        assertRejected(
                Reason.CHALLENGE_MISMATCH,
                () -> verifier(modem).verifyAttestation(response, otherChallenge));
        assertRejected(
                Reason.CHALLENGE_MISMATCH,
                () -> verifier(modem).verifyAttestation(attestationToken(modem), CHALLENGE));
        assertThrows(
                IllegalArgumentException.class,
                () -> verifier(modem).verifyAttestation(response, new byte[15]));
    }

    @Test
    void responseOfOtherCommandRejected() {
        Modem modem = modem();
        String keygen = keygen(modem);
        String attestation = attestationToken(modem);
        ProvisioningVerifier verifier = verifier(modem);

        assertRejected(Reason.UNEXPECTED_MESSAGE_TYPE, () -> verifier.verifyAttestation(keygen));
        assertRejected(
                Reason.UNEXPECTED_MESSAGE_TYPE, () -> verifier.verifyAttestation(quoted(keygen)));
        assertRejected(Reason.UNEXPECTED_MESSAGE_TYPE, () -> verifier.verifyKeygen(attestation));
        assertRejected(
                Reason.UNEXPECTED_MESSAGE_TYPE, () -> verifier.verifyKeygen(quoted(attestation)));
    }

    @Test
    void attestationMessageAsKeygenPayloadRejected() {
        Modem modem = modem();
        byte[] message = decode(firstPart(attestationToken(modem)));

        assertRejected(
                Reason.UNEXPECTED_MESSAGE_TYPE,
                () ->
                        TEST_KEY_VERIFIER.verifyKeygen(
                                signedKeygen(new byte[] {0x30, 0x00}, message)));
    }

    @Test
    void untaggedCoseRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        byte[] untagged = coseItems(response).EncodeToBytes();
        String tampered = firstPart(response) + "." + encode(untagged);

        assertRejected(Reason.MALFORMED, () -> verifier(modem).verifyKeygen(tampered));
    }

    @Test
    void indefiniteLengthArrayRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        byte[] cose = decode(cosePart(response));
        // D2 84 is tag 18 and an array of 4. 9F starts an indefinite-length array, and FF ends it.
        assertEquals(0xD2, cose[0] & 0xFF);
        assertEquals(0x84, cose[1] & 0xFF);
        byte[] indefinite = Arrays.copyOf(cose, cose.length + 1);
        indefinite[1] = (byte) 0x9F;
        indefinite[cose.length] = (byte) 0xFF;
        String tampered = firstPart(response) + "." + encode(indefinite);

        ProvisioningRejectedException rejected =
                assertRejected(Reason.MALFORMED, () -> verifier(modem).verifyKeygen(tampered));
        assertTrue(rejected.getMessage().contains("indefinite-length"), rejected.getMessage());
    }

    @Test
    void nonShortestIntegerRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        byte[] payload = coseItems(response).get(2).GetByteString();
        // D9 D9 F7 85 is tag 55799 and an array of 5. The message type 09 follows, and 18 09
        // encodes the same value in a longer form.
        assertEquals(0x09, payload[4]);
        byte[] longer = new byte[payload.length + 1];
        System.arraycopy(payload, 0, longer, 0, 4);
        longer[4] = 0x18;
        System.arraycopy(payload, 4, longer, 5, payload.length - 4);
        String tampered = signedKeygen(decode(firstPart(response)), longer);

        ProvisioningRejectedException rejected =
                assertRejected(Reason.MALFORMED, () -> TEST_KEY_VERIFIER.verifyKeygen(tampered));
        assertTrue(rejected.getMessage().contains("deterministic"), rejected.getMessage());
    }

    @Test
    void brokenRequestSignatureRejected() throws Exception {
        Modem modem = modem();
        String response = keygen(modem);
        byte[] der = decode(firstPart(response));
        // The last byte of the request is the last byte of the signature's s.
        byte[] tamperedDer = flipBit(der, der.length - 1);
        CBORObject items = keygenPayloadItems(response);
        items.set(3, CBORObject.FromObject(sha256(tamperedDer)));
        String tampered = signedKeygen(tamperedDer, selfDescribed(items));

        assertRejected(Reason.INVALID_REQUEST, () -> TEST_KEY_VERIFIER.verifyKeygen(tampered));
    }

    @Test
    void derOfOtherMessageTypeRejected() throws Exception {
        Modem modem = modem();
        String request = keygen(modem, SEC_TAG + ",2,0");
        String publicKey = keygen(modem, (SEC_TAG + 1) + ",2,1");
        CBORObject requestAsKey = keygenPayloadItems(request);
        requestAsKey.set(0, CBORObject.FromObject(8));
        CBORObject keyAsRequest = keygenPayloadItems(publicKey);
        keyAsRequest.set(0, CBORObject.FromObject(9));
        String tamperedRequest =
                signedKeygen(decode(firstPart(request)), selfDescribed(requestAsKey));
        String tamperedKey =
                signedKeygen(decode(firstPart(publicKey)), selfDescribed(keyAsRequest));

        assertRejected(
                Reason.INVALID_PUBLIC_KEY, () -> TEST_KEY_VERIFIER.verifyKeygen(tamperedRequest));
        assertRejected(Reason.INVALID_REQUEST, () -> TEST_KEY_VERIFIER.verifyKeygen(tamperedKey));
    }

    @Test
    void missingClosingQuoteRejected() {
        Modem modem = modem();
        String response = keygen(modem);
        String cut = response.substring(0, response.indexOf("\"\r\nOK"));

        assertRejected(Reason.MALFORMED, () -> verifier(modem).verifyKeygen(cut));
    }

    @Test
    void longestKeygenResponseAccepted() throws Exception {
        Modem modem = modem();
        StringBuilder attributes = new StringBuilder("CN=" + "c".repeat(64));
        String prefix = "AT%KEYGEN=" + SEC_TAG + ",2,0,\"";
        String suffix = "\",\"111010000\"";
        while (prefix.length() + attributes.length() + ",OU=".length() + 64 + suffix.length()
                <= 4096) {
            attributes.append(",OU=").append("o".repeat(64));
        }
        String command = prefix + attributes + suffix;

        String response = execute(modem, command, "%KEYGEN");

        assertTrue(
                response.length() <= ProvisioningVerifier.MAX_RESPONSE_LENGTH,
                "response is " + response.length() + " characters long");
        assertTrue(verifier(modem).verifyKeygen(response).subject().orElseThrow().length() > 3000);
    }

    @Test
    void overlongResponseRejectedQuickly() {
        byte[] stackedTags = new byte[3 * ProvisioningVerifier.MAX_RESPONSE_LENGTH];
        Arrays.fill(stackedTags, (byte) 0xC1);
        String response = "MA." + Base64Url.encode(stackedTags);

        ProvisioningRejectedException rejected =
                assertRejected(
                        Reason.MALFORMED, () -> verifier(modem()).verifyAttestation(response));

        assertTrue(
                rejected.getMessage().contains("response is 65539 characters long"),
                rejected.getMessage());
    }
}
