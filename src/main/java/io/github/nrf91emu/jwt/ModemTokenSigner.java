package io.github.nrf91emu.jwt;

import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256PrivateKey;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Signs AT%JWT tokens with one P-256 key, in the layout of tokens made by a real nRF9160 modem. A
 * token is a compact JWS (RFC 7515 §7.1) with the header {@code
 * {"typ":"JWT","alg":"ES256","kid":"…"}} and the payload that {@link TokenJson} writes. Its
 * signature is ES256, 64 bytes r‖s (RFC 7518 §3.4).
 *
 * <p>The header and payload JSON are each padded with ASCII spaces to a multiple of 3 bytes before
 * Base64Url encoding, as the modem does, so no segment needs {@code =} padding. The {@code kid} is
 * the lower-case hex SHA-256 of the public key's DER SubjectPublicKeyInfo, as Nordic's
 * application-side imitation of the modem token ({@code lib/app_jwt} in nRF Connect SDK) computes
 * it. How the modem itself derives its kid is not published.
 *
 * <p>Signing uses the deterministic nonce of RFC 6979, so the same claims and key always give the
 * same token. Instances are immutable and thread-safe.
 */
public final class ModemTokenSigner {
    /** Length of the Base64Url form of a 64-byte r‖s signature. */
    private static final int SIGNATURE_SEGMENT_LENGTH = 86;

    /**
     * The largest array length that the JDK's own growable buffers request, because some JVMs
     * reserve header words in an array and cannot allocate {@code Integer.MAX_VALUE} elements.
     */
    private static final long MAX_TOKEN_LENGTH = Integer.MAX_VALUE - 8;

    /** One SHA-256 instance per thread, so that signing skips the provider look-up. */
    private static final ThreadLocal<MessageDigest> SHA256 =
            new ThreadLocal<>() {
                @Override
                protected MessageDigest initialValue() {
                    return newSha256();
                }
            };

    private final P256PrivateKey privateKey;
    private final P256PublicKey publicKey;
    private final String kid;

    /**
     * The Base64Url header segment followed by the {@code .} that separates it from the payload.
     */
    private final byte[] headerSegmentAndDot;

    /**
     * Creates a signer for a key pair and computes its header once.
     *
     * @throws NullPointerException if {@code keyPair} is null
     */
    public ModemTokenSigner(P256KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        this.privateKey = keyPair.privateKey();
        this.publicKey = keyPair.publicKey();
        this.kid = publicKey.spkiSha256Hex();

        byte[] headerSegment = Base64Url.encodeToAscii(TokenJson.header(kid));
        this.headerSegmentAndDot = new byte[headerSegment.length + 1];
        System.arraycopy(headerSegment, 0, headerSegmentAndDot, 0, headerSegment.length);
        headerSegmentAndDot[headerSegment.length] = '.';
    }

    /** Returns the {@code kid} header value: 64 lower-case hex digits. */
    public String kid() {
        return kid;
    }

    /** Returns the public key that verifies the tokens of this signer. */
    public P256PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Signs the claims and returns the compact token {@code <header>.<payload>.<signature>},
     * without the quotes of the AT response.
     *
     * @throws NullPointerException if {@code claims} is null
     * @throws IllegalArgumentException if the claims are so long that the token would not fit in a
     *     Java array
     */
    public String sign(ModemJwtClaims claims) {
        Objects.requireNonNull(claims, "claims");
        long paddedPayloadLength = TokenJson.paddedPayloadLength(claims);
        checkTokenLength(paddedPayloadLength);

        byte[] payloadJson = TokenJson.payload(claims, (int) paddedPayloadLength);
        byte[] payloadSegment = Base64Url.encodeToAscii(payloadJson);
        byte[] signature = Es256.signDigest(privateKey, hashSigningInput(payloadSegment));
        byte[] signatureSegment = Base64Url.encodeToAscii(signature);

        return join(payloadSegment, signatureSegment);
    }

    /**
     * Returns SHA-256 of the JWS signing input {@code <header>.<payload>}. Signing this digest with
     * {@link Es256#signDigest} gives the same signature as {@link Es256#sign} over the input.
     */
    private byte[] hashSigningInput(byte[] payloadSegment) {
        MessageDigest sha256 = SHA256.get();
        sha256.update(headerSegmentAndDot);
        sha256.update(payloadSegment);
        return sha256.digest();
    }

    private String join(byte[] payloadSegment, byte[] signatureSegment) {
        int headerLength = headerSegmentAndDot.length;
        int signatureStart = headerLength + payloadSegment.length + 1;
        byte[] token = new byte[signatureStart + signatureSegment.length];

        System.arraycopy(headerSegmentAndDot, 0, token, 0, headerLength);
        System.arraycopy(payloadSegment, 0, token, headerLength, payloadSegment.length);
        token[signatureStart - 1] = '.';
        System.arraycopy(signatureSegment, 0, token, signatureStart, signatureSegment.length);
        return new String(token, StandardCharsets.US_ASCII);
    }

    private void checkTokenLength(long paddedPayloadLength) {
        long tokenLength = tokenLength(headerSegmentAndDot.length, paddedPayloadLength);
        if (tokenLength > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "claims too long: the token would be "
                            + tokenLength
                            + " characters (maximum "
                            + MAX_TOKEN_LENGTH
                            + "). Shorten the subject or audience.");
        }
    }

    /** Returns the token length for a header segment with its dot and a padded payload JSON. */
    static long tokenLength(int headerSegmentAndDotLength, long paddedPayloadLength) {
        return headerSegmentAndDotLength
                + paddedPayloadLength / 3 * 4
                + 1
                + SIGNATURE_SEGMENT_LENGTH;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Formats the signer as {@code ModemTokenSigner{kid=…}}, without the private key. */
    @Override
    public String toString() {
        return "ModemTokenSigner{kid=" + kid + "}";
    }
}
