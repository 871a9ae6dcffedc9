package io.github.nrf91emu.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.testkit.BadProvisioningKind.Command;
import io.github.nrf91emu.testkit.ProvisioningRejectedException.Reason;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests that {@link ProvisioningVerifier} rejects each kind of bad provisioning response with its
 * expected reason, and that an independent check with the CBOR library {@code com.upokecenter.cbor}
 * and the JDK's ECDSA finds the same fault. Kinds with a bad signature fail the independent
 * signature check and the other kinds pass it, and further tests check the faults of most other
 * kinds independently. The good responses pass all checks.
 */
class BadProvisioningResponsesTest {
    private static final long SEED = 7;
    private static final BadProvisioningResponses RESPONSES =
            BadProvisioningResponses.builder().seed(SEED).build();

    /** The kinds whose COSE_Sign1 signature does not verify with the device key. */
    private static final Set<BadProvisioningKind> SIGNATURE_INVALID =
            EnumSet.of(
                    BadProvisioningKind.KEYGEN_FROM_OTHER_DEVICE,
                    BadProvisioningKind.KEYGEN_SIGNED_BY_OTHER_DEVICE,
                    BadProvisioningKind.KEYGEN_CSR_REPLACED_AND_RESIGNED,
                    BadProvisioningKind.ATTESTTOKEN_FROM_OTHER_DEVICE,
                    BadProvisioningKind.ATTESTTOKEN_DEVICE_TYPE_CHANGED,
                    BadProvisioningKind.ATTESTTOKEN_SIGNED_BY_OTHER_DEVICE,
                    BadProvisioningKind.ATTESTTOKEN_ALG_ES384);

    private static ProvisioningVerifier verifier() {
        return ProvisioningVerifier.forIdentityKey(RESPONSES.deviceKey());
    }

    /** Verifies a response with the verifier method for its command. */
    private static void verify(Command command, String response)
            throws ProvisioningRejectedException {
        switch (command) {
            case KEYGEN -> verifier().verifyKeygen(response);
            case ATTESTTOKEN -> verifier().verifyAttestation(response, RESPONSES.challenge());
        }
    }

    /**
     * Decodes Base64Url leniently, as many decoders do, accepting padding and the standard
     * alphabet.
     */
    private static byte[] lenientDecode(String part) {
        return Base64.getUrlDecoder().decode(part.replace('+', '-').replace('/', '_'));
    }

    private static String firstPart(String response) {
        return response.substring(0, response.indexOf('.'));
    }

    private static String cosePart(String response) {
        return response.substring(response.indexOf('.') + 1);
    }

    /** Returns the four items of a response's COSE_Sign1, decoded by the independent library. */
    private static CBORObject coseItems(String response) {
        CBORObject cose = CBORObject.DecodeFromBytes(lenientDecode(cosePart(response)));
        assertTrue(cose.HasMostOuterTag(18), "COSE_Sign1 has no tag 18");
        return cose.UntagOne();
    }

    /**
     * Returns the bytes that a response's signature covers: the payload of the COSE_Sign1, or the
     * message before the dot when the structure is detached.
     */
    private static byte[] signedBytes(String response) {
        CBORObject payload = coseItems(response).get(2);
        return payload.isNull() ? lenientDecode(firstPart(response)) : payload.GetByteString();
    }

    /**
     * Returns whether a response's COSE_Sign1 signature verifies with the device key in the JDK.
     * The independent library encodes the RFC 9052 Sig_structure with the protected header as sent.
     */
    private static boolean signatureValid(String response) throws Exception {
        CBORObject items = coseItems(response);
        byte[] sigStructure =
                CBORObject.NewArray()
                        .Add(CBORObject.FromObject("Signature1"))
                        .Add(CBORObject.FromObject(items.get(0).GetByteString()))
                        .Add(CBORObject.FromObject(new byte[0]))
                        .Add(CBORObject.FromObject(signedBytes(response)))
                        .EncodeToBytes();
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(jdkKey(RESPONSES.deviceKey()));
        verifier.update(sigStructure);
        return verifier.verify(items.get(3).GetByteString());
    }

    private static PublicKey jdkKey(P256PublicKey key) throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.toSpkiDer()));
    }

    /** Returns the five items of a {@code %KEYGEN} payload, decoded by the independent library. */
    private static CBORObject keygenPayloadItems(String response) {
        return CBORObject.DecodeFromBytes(signedBytes(response)).UntagOne();
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Test
    void allHasOneResponsePerKindInOrder() {
        assertEquals(
                Arrays.asList(BadProvisioningKind.values()),
                RESPONSES.all().stream().map(BadProvisioningResponse::kind).toList());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadProvisioningKind.class)
    void getReturnsResponseOfKind(BadProvisioningKind kind) {
        BadProvisioningResponse bad = RESPONSES.get(kind);
        assertEquals(kind, bad.kind());
        assertEquals(kind.command(), bad.command());
        assertFalse(bad.description().isEmpty());
        assertEquals(kind + ": " + bad.description(), bad.toString());
    }

    @Test
    void goodKeygenAccepted() throws Exception {
        VerifiedKeygen verified = verifier().verifyKeygen(RESPONSES.goodKeygen());
        Modem modem = Modem.builder().seed(SEED).build();

        assertEquals(modem.identity().publicKey(), RESPONSES.deviceKey());
        assertEquals(modem.identity().deviceUuid(), verified.deviceUuid());
        assertEquals(RESPONSES.secTag(), verified.secTag());
        assertTrue(verified.isCertificateRequest());
    }

    @Test
    void goodAttestationAccepted() throws Exception {
        VerifiedAttestation verified =
                verifier().verifyAttestation(RESPONSES.goodAttestation(), RESPONSES.challenge());

        assertArrayEquals(RESPONSES.challenge(), verified.nonce());
    }

    @Test
    void goodResponsesPassIndependentCheck() throws Exception {
        assertTrue(signatureValid(RESPONSES.goodKeygen()));
        assertTrue(signatureValid(RESPONSES.goodAttestation()));
        byte[] der = lenientDecode(firstPart(RESPONSES.goodKeygen()));
        assertArrayEquals(
                sha256(der), keygenPayloadItems(RESPONSES.goodKeygen()).get(3).GetByteString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadProvisioningKind.class)
    void rejectedWithExpectedReason(BadProvisioningKind kind) {
        BadProvisioningResponse bad = RESPONSES.get(kind);

        ProvisioningRejectedException rejected =
                assertThrows(
                        ProvisioningRejectedException.class,
                        () -> verify(kind.command(), bad.response()));

        assertEquals(kind.expectedReason(), rejected.reason(), rejected.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadProvisioningKind.class)
    void independentSignatureCheckMatchesTable(BadProvisioningKind kind) throws Exception {
        String response = RESPONSES.get(kind).response();

        assertEquals(!SIGNATURE_INVALID.contains(kind), signatureValid(response));
    }

    @Test
    void signatureTableMatchesReasons() {
        for (BadProvisioningKind kind : BadProvisioningKind.values()) {
            boolean invalidSignature = kind.expectedReason() == Reason.INVALID_SIGNATURE;
            boolean es384 = kind == BadProvisioningKind.ATTESTTOKEN_ALG_ES384;
            assertEquals(invalidSignature || es384, SIGNATURE_INVALID.contains(kind), kind.name());
        }
    }

    @Test
    void replacedCsrFailsIndependentDigestCheck() throws Exception {
        String response = RESPONSES.get(BadProvisioningKind.KEYGEN_CSR_REPLACED).response();
        byte[] der = lenientDecode(firstPart(response));
        byte[] goodDer = lenientDecode(firstPart(RESPONSES.goodKeygen()));

        byte[] signedDigest = keygenPayloadItems(response).get(3).GetByteString();

        assertFalse(Arrays.equals(sha256(der), signedDigest));
        assertArrayEquals(sha256(goodDer), signedDigest);
        assertEquals(cosePart(RESPONSES.goodKeygen()), cosePart(response));
    }

    @Test
    void resignedCsrHasConsistentDigest() throws Exception {
        String response =
                RESPONSES.get(BadProvisioningKind.KEYGEN_CSR_REPLACED_AND_RESIGNED).response();
        byte[] der = lenientDecode(firstPart(response));
        CBORObject payload = keygenPayloadItems(response);
        CBORObject goodPayload = keygenPayloadItems(RESPONSES.goodKeygen());

        assertArrayEquals(sha256(der), payload.get(3).GetByteString());
        assertArrayEquals(goodPayload.get(1).GetByteString(), payload.get(1).GetByteString());
        assertArrayEquals(goodPayload.get(4).GetByteString(), payload.get(4).GetByteString());
        ProvisioningVerifier otherDevice =
                ProvisioningVerifier.forIdentityKey(RESPONSES.otherDeviceKey());
        assertTrue(otherDevice.verifyKeygen(response).isCertificateRequest());
    }

    @Test
    void otherChallengeHasOtherNonce() throws Exception {
        String response = RESPONSES.get(BadProvisioningKind.ATTESTTOKEN_OTHER_CHALLENGE).response();
        CBORObject message =
                CBORObject.DecodeFromBytes(lenientDecode(firstPart(response))).UntagOne();

        byte[] nonce = message.get(4).GetByteString();

        assertFalse(Arrays.equals(RESPONSES.challenge(), nonce));
    }

    @Test
    void deviceTypeChangedByOne() {
        String response =
                RESPONSES.get(BadProvisioningKind.ATTESTTOKEN_DEVICE_TYPE_CHANGED).response();
        CBORObject message =
                CBORObject.DecodeFromBytes(lenientDecode(firstPart(response))).UntagOne();
        CBORObject good =
                CBORObject.DecodeFromBytes(lenientDecode(firstPart(RESPONSES.goodAttestation())))
                        .UntagOne();

        assertEquals(good.get(2).AsInt32Value() + 1, message.get(2).AsInt32Value());
        assertEquals(cosePart(RESPONSES.goodAttestation()), cosePart(response));
    }

    @Test
    void es384KindHasAlgMinus35() {
        String response = RESPONSES.get(BadProvisioningKind.ATTESTTOKEN_ALG_ES384).response();
        CBORObject header = CBORObject.DecodeFromBytes(coseItems(response).get(0).GetByteString());

        assertEquals(-35, header.get(CBORObject.FromObject(1)).AsInt32Value());
        assertArrayEquals(
                coseItems(RESPONSES.goodAttestation()).get(3).GetByteString(),
                coseItems(response).get(3).GetByteString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = BadProvisioningKind.class,
            names = {"KEYGEN_STANDARD_BASE64_ALPHABET", "ATTESTTOKEN_BASE64_PADDING"})
    void base64KindsDecodeLenientlyToGoodBytes(BadProvisioningKind kind) {
        String good =
                kind.command() == Command.KEYGEN
                        ? RESPONSES.goodKeygen()
                        : RESPONSES.goodAttestation();
        String bad = RESPONSES.get(kind).response();

        assertNotEquals(good, bad);
        assertArrayEquals(lenientDecode(firstPart(good)), lenientDecode(firstPart(bad)));
        assertArrayEquals(lenientDecode(cosePart(good)), lenientDecode(cosePart(bad)));
    }

    @Test
    void attestationPartsAre57And77Bytes() {
        assertEquals(57, lenientDecode(firstPart(RESPONSES.goodAttestation())).length);
        assertEquals(77, lenientDecode(cosePart(RESPONSES.goodAttestation())).length);
    }

    @Test
    void sameSeedSameResponses() {
        BadProvisioningResponses again = BadProvisioningResponses.builder().seed(SEED).build();

        assertEquals(RESPONSES.goodKeygen(), again.goodKeygen());
        assertEquals(RESPONSES.goodAttestation(), again.goodAttestation());
        assertEquals(RESPONSES.all(), again.all());
    }

    @Test
    void otherSeedOtherResponses() {
        BadProvisioningResponses other = BadProvisioningResponses.builder().seed(SEED + 1).build();

        assertNotEquals(RESPONSES.deviceKey(), other.deviceKey());
        assertNotEquals(RESPONSES.goodKeygen(), other.goodKeygen());
        assertNotEquals(RESPONSES.goodAttestation(), other.goodAttestation());
    }

    @Test
    void settingsReachResponses() throws Exception {
        byte[] challenge = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");
        P256KeyPair otherDevice = P256Keys.fromSeed(new byte[] {1, 2, 3});
        BadProvisioningResponses responses =
                BadProvisioningResponses.builder()
                        .seed(SEED)
                        .secTag(42)
                        .challenge(challenge)
                        .otherDevice(otherDevice)
                        .build();
        ProvisioningVerifier verifier = ProvisioningVerifier.forIdentityKey(responses.deviceKey());

        assertEquals(42, verifier.verifyKeygen(responses.goodKeygen()).secTag());
        assertArrayEquals(
                challenge, verifier.verifyAttestation(responses.goodAttestation()).nonce());
        assertArrayEquals(challenge, responses.challenge());
        assertEquals(otherDevice.publicKey(), responses.otherDeviceKey());
        ProvisioningVerifier otherVerifier =
                ProvisioningVerifier.forIdentityKey(otherDevice.publicKey());
        String resigned =
                responses.get(BadProvisioningKind.ATTESTTOKEN_SIGNED_BY_OTHER_DEVICE).response();
        assertArrayEquals(challenge, otherVerifier.verifyAttestation(resigned).nonce());
    }

    @Test
    void missingSeedRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BadProvisioningResponses.builder().build());
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }

    @Test
    void secTagOutOfRangeRejected() {
        BadProvisioningResponses.Builder builder = BadProvisioningResponses.builder().seed(SEED);

        assertThrows(IllegalArgumentException.class, () -> builder.secTag(-1).build());
        assertThrows(IllegalArgumentException.class, () -> builder.secTag(2_147_483_648L).build());
    }

    @Test
    void challengeOfWrongLengthRejected() {
        BadProvisioningResponses.Builder builder =
                BadProvisioningResponses.builder().seed(SEED).challenge(new byte[15]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("15 bytes"), e.getMessage());
    }
}
