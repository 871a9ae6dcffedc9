package io.github.nrf91emu.testkit;

import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.provisioning.CoseSign1;
import io.github.nrf91emu.provisioning.ProvisioningMessages;
import io.github.nrf91emu.testkit.ProvisioningRejectedException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Reference verifier for the provisioning responses of {@code AT%KEYGEN} and {@code
 * AT%ATTESTTOKEN}, for tests and test servers. It needs the device identity public key, which the
 * CLI prints with {@code --identity} and {@code modem.identity().publicKey()} returns. Both
 * responses have the form {@code "<Base64Url>.<Base64Url(COSE_Sign1)>"}, with the layout that
 * {@link ProvisioningMessages} describes. The verifier checks, in this order:
 *
 * <ol>
 *   <li>the response form {@code %KEYGEN: "…"} or {@code %ATTESTTOKEN: "…"}, with or without the
 *       trailing {@code \r\nOK\r\n}, or only the text between the quotes. The text must be two
 *       dot-separated parts of strict unpadded Base64Url (RFC 4648 §5).
 *   <li>the COSE_Sign1 (RFC 9052 §4.2): tag 18 over 4 items. The protected header must be exactly
 *       {@code {1: -7}} (ES256) and the unprotected header exactly {@code {4: h'21'}}, the identity
 *       key id. The payload is a byte string for {@code %KEYGEN} and nil (detached) for {@code
 *       %ATTESTTOKEN}, and the signature is 64 bytes of r‖s.
 *   <li>the signature over the Sig_structure {@code ["Signature1", protected, h'', payload]} with
 *       the identity key, before any payload item is read.
 *   <li>the payload or message: tag 55799 over 5 items with the types and lengths that {@link
 *       ProvisioningMessages} defines.
 *   <li>for {@code %KEYGEN}, the SHA-256 of the DER and then the DER itself. A type 9 DER must be a
 *       PKCS #10 request whose ecdsa-with-SHA256 signature verifies with its own P-256 key, and a
 *       type 8 DER must be a P-256 SubjectPublicKeyInfo. For {@code %ATTESTTOKEN}, the nonce must
 *       equal the challenge, if one is given.
 * </ol>
 *
 * <p>Every CBOR item must be in deterministic encoding (RFC 8949 §4.2.1) with no bytes after it, as
 * the modem writes it. The verifier does not compare the device UUID or device type with an
 * expected device, because the identity key already identifies the device. A verifier is immutable
 * and thread-safe.
 */
public final class ProvisioningVerifier {
    private static final String KEYGEN = "%KEYGEN";
    private static final String ATTESTTOKEN = "%ATTESTTOKEN";
    private static final String OK_SUFFIX = "\r\nOK\r\n";

    /**
     * Maximum length of a response, in characters. The longest responses of the emulated modem are
     * certificate signing requests whose attributes fill a 4096-byte command line, at about 6,500
     * characters.
     */
    public static final int MAX_RESPONSE_LENGTH = 16_384;

    private static final int UUID_LENGTH = 16;
    private static final int LABEL_ALGORITHM = 1;
    private static final int LABEL_KEY_ID = 4;
    private static final byte[] IDENTITY_KEY_ID = {0x21};

    private final P256PublicKey identityKey;

    private ProvisioningVerifier(P256PublicKey identityKey) {
        this.identityKey = identityKey;
    }

    /** Creates a verifier for the responses of the device with this identity public key. */
    public static ProvisioningVerifier forIdentityKey(P256PublicKey identityKey) {
        return new ProvisioningVerifier(Objects.requireNonNull(identityKey, "identityKey"));
    }

    /**
     * Verifies a {@code %KEYGEN} response.
     *
     * @param response the whole response, such as {@code %KEYGEN: "<DER>.<COSE>"\r\nOK\r\n}, or the
     *     text between its quotes
     * @return the values of the signed payload, the DER and the new public key
     * @throws ProvisioningRejectedException with the reason of the first check that fails
     */
    public VerifiedKeygen verifyKeygen(String response) throws ProvisioningRejectedException {
        Objects.requireNonNull(response, "response");
        byte[][] parts = decodeParts(response, KEYGEN, ATTESTTOKEN, "DER");
        byte[] der = parts[0];
        CoseStructure cose = CoseStructure.read(parts[1]);
        if (cose.payload() == null) {
            throw new ProvisioningRejectedException(
                    Reason.UNEXPECTED_MESSAGE_TYPE,
                    "COSE_Sign1 payload is nil, as in a %ATTESTTOKEN response (expected the"
                            + " %KEYGEN payload as a byte string)");
        }
        checkSignature(cose, cose.payload());

        KeygenPayload payload = KeygenPayload.read(cose.payload());
        if (!MessageDigest.isEqual(payload.digest(), sha256(der))) {
            throw new ProvisioningRejectedException(
                    Reason.DIGEST_MISMATCH,
                    "the SHA-256 in the payload is not the digest of the "
                            + der.length
                            + "-byte DER before the dot (expected SHA-256 of that DER)");
        }
        if (payload.messageType() == ProvisioningMessages.TYPE_CSR) {
            return verifiedRequest(payload, der);
        }
        return new VerifiedKeygen(
                payload.messageType(),
                payload.deviceUuid(),
                payload.secTag(),
                payload.nonce(),
                der,
                publicKeyInfo(der),
                Optional.empty());
    }

    /**
     * Verifies a {@code %ATTESTTOKEN} response with any nonce.
     *
     * @param response the whole response, such as {@code %ATTESTTOKEN:
     *     "<message>.<COSE>"\r\nOK\r\n}, or the text between its quotes
     * @return the values of the signed message
     * @throws ProvisioningRejectedException with the reason of the first check that fails
     */
    public VerifiedAttestation verifyAttestation(String response)
            throws ProvisioningRejectedException {
        Objects.requireNonNull(response, "response");
        byte[][] parts = decodeParts(response, ATTESTTOKEN, KEYGEN, "message");
        byte[] message = parts[0];
        CoseStructure cose = CoseStructure.read(parts[1]);
        if (cose.payload() != null) {
            throw new ProvisioningRejectedException(
                    Reason.UNEXPECTED_MESSAGE_TYPE,
                    "COSE_Sign1 carries a payload, as a %KEYGEN response does (expected nil,"
                            + " because the signed message precedes the dot)");
        }
        checkSignature(cose, message);
        return readAttestationMessage(message);
    }

    /**
     * Verifies a {@code %ATTESTTOKEN} response to {@code AT%ATTESTTOKEN="<challenge>"} as {@link
     * #verifyAttestation(String)} does, and also checks that the nonce equals the challenge.
     *
     * @param expectedChallenge the 16 bytes that the command sent as 32 hex digits
     * @throws ProvisioningRejectedException with the reason of the first check that fails, which is
     *     {@link Reason#CHALLENGE_MISMATCH} if only the nonce is wrong
     * @throws IllegalArgumentException if the challenge is not 16 bytes
     */
    public VerifiedAttestation verifyAttestation(String response, byte[] expectedChallenge)
            throws ProvisioningRejectedException {
        Objects.requireNonNull(expectedChallenge, "expectedChallenge");
        if (expectedChallenge.length != ProvisioningMessages.NONCE_LENGTH) {
            throw new IllegalArgumentException(
                    "challenge must be "
                            + ProvisioningMessages.NONCE_LENGTH
                            + " bytes, got "
                            + expectedChallenge.length);
        }
        VerifiedAttestation verified = verifyAttestation(response);
        if (!Arrays.equals(verified.nonce(), expectedChallenge)) {
            throw new ProvisioningRejectedException(
                    Reason.CHALLENGE_MISMATCH,
                    "nonce is "
                            + hex(verified.nonce())
                            + " (expected the challenge "
                            + hex(expectedChallenge)
                            + ")");
        }
        return verified;
    }

    /**
     * Strips the response form, if present, and decodes the two Base64Url parts.
     *
     * @param command the command whose response is expected
     * @param otherCommand the command whose response form is rejected as the wrong message type
     * @param firstPart the name of the part before the dot, for messages
     */
    private static byte[][] decodeParts(
            String response, String command, String otherCommand, String firstPart)
            throws ProvisioningRejectedException {
        if (response.length() > MAX_RESPONSE_LENGTH) {
            // Jackson's CBOR parser takes time quadratic in the number of consecutive tags, and the
            // COSE_Sign1 is parsed before its signature is checked, so long input is rejected
            // first.
            throw new ProvisioningRejectedException(
                    Reason.MALFORMED,
                    "response is "
                            + response.length()
                            + " characters long (expected at most "
                            + MAX_RESPONSE_LENGTH
                            + ")");
        }
        if (response.startsWith(otherCommand + ":")) {
            throw new ProvisioningRejectedException(
                    Reason.UNEXPECTED_MESSAGE_TYPE,
                    "response is a " + otherCommand + " response (expected " + command + ")");
        }
        String text = response;
        String prefix = command + ": \"";
        if (text.startsWith(prefix)) {
            String quoted =
                    text.endsWith(OK_SUFFIX)
                            ? text.substring(0, text.length() - OK_SUFFIX.length())
                            : text;
            if (quoted.length() <= prefix.length() || !quoted.endsWith("\"")) {
                throw new ProvisioningRejectedException(
                        Reason.MALFORMED,
                        "response has no closing quote (expected "
                                + command
                                + ": \"<Base64Url>.<Base64Url>\", optionally followed by"
                                + " \\r\\nOK\\r\\n)");
            }
            text = quoted.substring(prefix.length(), quoted.length() - 1);
        }
        int dot = text.indexOf('.');
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
            throw new ProvisioningRejectedException(
                    Reason.MALFORMED,
                    "response text has "
                            + text.chars().filter(c -> c == '.').count()
                            + " dots (expected 1: <Base64Url("
                            + firstPart
                            + ")>.<Base64Url(COSE_Sign1)>)");
        }
        return new byte[][] {
            decodePart(text.substring(0, dot), firstPart),
            decodePart(text.substring(dot + 1), "COSE_Sign1")
        };
    }

    private static byte[] decodePart(String part, String name)
            throws ProvisioningRejectedException {
        if (part.isEmpty()) {
            throw new ProvisioningRejectedException(
                    Reason.MALFORMED, name + " part is empty (expected Base64Url)");
        }
        try {
            return Base64Url.decode(part);
        } catch (IllegalArgumentException e) {
            // Base64Url's messages name at most one character and its index, never the whole
            // text, so they stay short even for a long part.
            throw new ProvisioningRejectedException(
                    Reason.MALFORMED, name + " part is not valid Base64Url: " + e.getMessage(), e);
        }
    }

    private void checkSignature(CoseStructure cose, byte[] payload)
            throws ProvisioningRejectedException {
        // CoseSign1.toBeSigned uses the protected header that CoseSign1 writes, which
        // CoseStructure.read has checked is the one in this response.
        byte[] toBeSigned = CoseSign1.toBeSigned(payload);
        if (!Es256.verify(identityKey, toBeSigned, cose.signature())) {
            throw new ProvisioningRejectedException(
                    Reason.INVALID_SIGNATURE,
                    "COSE_Sign1 signature does not verify with the identity key whose SPKI"
                            + " SHA-256 is "
                            + identityKey.spkiSha256Hex()
                            + " (expected a signature by that device)");
        }
    }

    private static VerifiedKeygen verifiedRequest(KeygenPayload payload, byte[] der)
            throws ProvisioningRejectedException {
        PKCS10CertificationRequest request;
        byte[] reencoded;
        try {
            request = new PKCS10CertificationRequest(der);
            reencoded = request.getEncoded();
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle raises IllegalArgumentException or IllegalStateException for some
            // structures that are valid DER but not a request.
            throw new ProvisioningRejectedException(
                    Reason.INVALID_REQUEST,
                    "DER is not a PKCS #10 certificate signing request: " + e.getMessage(),
                    e);
        }
        if (!Arrays.equals(reencoded, der)) {
            throw new ProvisioningRejectedException(
                    Reason.INVALID_REQUEST,
                    "certificate signing request is not in DER (expected the distinguished"
                            + " encoding, as the modem writes it)");
        }
        checkRequestAlgorithm(request.getSignatureAlgorithm());
        P256PublicKey key;
        byte[] requestInfo;
        try {
            key =
                    P256PublicKey.fromSpkiDer(
                            request.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
            requestInfo =
                    request.toASN1Structure()
                            .getCertificationRequestInfo()
                            .getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | IOException e) {
            throw new ProvisioningRejectedException(
                    Reason.INVALID_REQUEST,
                    "certificate signing request key is not a P-256 public key: " + e.getMessage(),
                    e);
        }
        if (!Es256.verifyDer(key, requestInfo, request.getSignature())) {
            throw new ProvisioningRejectedException(
                    Reason.INVALID_REQUEST,
                    "certificate signing request signature does not verify with the request's own"
                            + " public key (expected a signature by the new key)");
        }
        return new VerifiedKeygen(
                payload.messageType(),
                payload.deviceUuid(),
                payload.secTag(),
                payload.nonce(),
                der,
                key,
                Optional.of(request.getSubject().toString()));
    }

    /**
     * Rejects a request signature algorithm other than ecdsa-with-SHA256 with absent parameters (as
     * RFC 5758 specifies) or NULL parameters (as modem firmware 1.x writes).
     */
    private static void checkRequestAlgorithm(AlgorithmIdentifier algorithm)
            throws ProvisioningRejectedException {
        ASN1Encodable parameters = algorithm.getParameters();
        if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(algorithm.getAlgorithm())
                || (parameters != null && !DERNull.INSTANCE.equals(parameters))) {
            throw new ProvisioningRejectedException(
                    Reason.INVALID_REQUEST,
                    "certificate signing request signature algorithm is "
                            + algorithm.getAlgorithm().getId()
                            + (parameters == null ? "" : " with parameters")
                            + " (expected ecdsa-with-SHA256, "
                            + X9ObjectIdentifiers.ecdsa_with_SHA256.getId()
                            + ")");
        }
    }

    private static P256PublicKey publicKeyInfo(byte[] der) throws ProvisioningRejectedException {
        try {
            return P256PublicKey.fromSpkiDer(der);
        } catch (GeneralSecurityException e) {
            throw new ProvisioningRejectedException(
                    Reason.INVALID_PUBLIC_KEY,
                    "DER is not a P-256 SubjectPublicKeyInfo: " + e.getMessage(),
                    e);
        }
    }

    private static VerifiedAttestation readAttestationMessage(byte[] message)
            throws ProvisioningRejectedException {
        StrictCborReader reader = StrictCborReader.of(message, "attestation message");
        int size =
                reader.startArray(ProvisioningMessages.SELF_DESCRIBED_CBOR_TAG, "top-level item");
        requireItemCount("attestation message", size, 5);
        long messageType = reader.integer("item 0 (message type)");
        if (messageType != ProvisioningMessages.TYPE_DEVICE_IDENTITY) {
            throw new ProvisioningRejectedException(
                    Reason.UNEXPECTED_MESSAGE_TYPE,
                    "attestation message type is "
                            + messageType
                            + " (expected 1, device identity)");
        }
        UUID deviceUuid = uuid(reader.bytes("item 1 (device UUID)", UUID_LENGTH));
        long deviceType = reader.integer("item 2 (device type)");
        if (deviceType < 0 || deviceType > Integer.MAX_VALUE) {
            throw new ProvisioningRejectedException(
                    Reason.MALFORMED,
                    "attestation message device type is "
                            + deviceType
                            + " (expected 0.."
                            + Integer.MAX_VALUE
                            + ")");
        }
        UUID firmwareUuid = uuid(reader.bytes("item 3 (firmware UUID)", UUID_LENGTH));
        byte[] nonce = reader.bytes("item 4 (nonce)", ProvisioningMessages.NONCE_LENGTH);
        reader.endArray("top-level item");
        reader.finish();
        return new VerifiedAttestation(deviceUuid, (int) deviceType, firmwareUuid, nonce);
    }

    static void requireItemCount(String name, int size, int expected)
            throws ProvisioningRejectedException {
        if (size != expected) {
            throw new ProvisioningRejectedException(
                    Reason.MALFORMED, name + " has " + size + " items (expected " + expected + ")");
        }
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Protected header, payload and signature of a tagged COSE_Sign1 whose headers passed the
     * checks.
     */
    private record CoseStructure(byte[] protectedHeader, byte[] payload, byte[] signature) {

        /**
         * Reads {@code 18([protected, unprotected, payload or nil, signature])} and checks both
         * headers. The payload of the result is null when the structure contains nil.
         */
        static CoseStructure read(byte[] cose) throws ProvisioningRejectedException {
            StrictCborReader reader = StrictCborReader.of(cose, "COSE_Sign1");
            int size = reader.startArray(CoseSign1.TAG, "top-level item");
            requireItemCount("COSE_Sign1", size, 4);
            byte[] protectedHeader = reader.bytes("item 0 (protected header)", -1);
            checkProtectedHeader(protectedHeader);
            checkUnprotectedHeader(reader);
            byte[] payload = reader.bytesOrNull("item 2 (payload)");
            byte[] signature = reader.bytes("item 3 (signature)", Es256.SIGNATURE_LENGTH);
            reader.endArray("top-level item");
            reader.finish();
            return new CoseStructure(protectedHeader, payload, signature);
        }

        private static void checkProtectedHeader(byte[] protectedHeader)
                throws ProvisioningRejectedException {
            StrictCborReader reader = StrictCborReader.of(protectedHeader, "protected header");
            int size = reader.startMap("top-level item");
            if (size != 1) {
                throw unsupportedHeader(
                        "protected header has " + size + " entries (expected only alg: {1: -7})");
            }
            long label = reader.mapKey("key");
            if (label != LABEL_ALGORITHM) {
                throw unsupportedHeader(
                        "protected header has label " + label + " (expected only alg: {1: -7})");
            }
            long algorithm = reader.integer("alg");
            if (algorithm != CoseSign1.ALGORITHM_ES256) {
                throw unsupportedHeader(
                        "protected header alg is " + algorithm + " (expected -7, ES256)");
            }
            reader.endMap("top-level item");
            reader.finish();
        }

        private static void checkUnprotectedHeader(StrictCborReader reader)
                throws ProvisioningRejectedException {
            int size = reader.startMap("item 1 (unprotected header)");
            if (size != 1) {
                throw unsupportedHeader(
                        "unprotected header has "
                                + size
                                + " entries (expected only the key id: {4: h'21'})");
            }
            long label = reader.mapKey("unprotected header key");
            if (label != LABEL_KEY_ID) {
                throw unsupportedHeader(
                        "unprotected header has label "
                                + label
                                + " (expected only the key id: {4: h'21'})");
            }
            byte[] keyId = reader.bytes("unprotected header key id", -1);
            if (!Arrays.equals(keyId, IDENTITY_KEY_ID)) {
                throw unsupportedHeader(
                        "unprotected header key id is "
                                + (keyId.length <= 8
                                        ? "h'" + hex(keyId) + "'"
                                        : keyId.length + " bytes")
                                + " (expected h'21', the identity key)");
            }
            reader.endMap("item 1 (unprotected header)");
        }

        private static ProvisioningRejectedException unsupportedHeader(String detail) {
            return new ProvisioningRejectedException(Reason.UNSUPPORTED_HEADER, detail);
        }
    }
}
