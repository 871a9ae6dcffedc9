package io.github.nrf91emu.crypto;

import io.github.nrf91emu.crypto.internal.P256;
import io.github.nrf91emu.crypto.internal.P256Field;
import io.github.nrf91emu.crypto.internal.VerificationKey;
import java.security.InvalidKeyException;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A P-256 public key: a point (x, y) of the curve, never the point at infinity. Every factory
 * checks that the point lies on the curve. Instances are immutable.
 *
 * <p>Null arguments throw {@link NullPointerException}.
 */
public final class P256PublicKey {
    /**
     * The DER of a P-256 SubjectPublicKeyInfo up to the point: SEQUENCE { SEQUENCE {
     * id-ecPublicKey, prime256v1 }, BIT STRING header with 0 unused bits }. Encoding with this
     * constant keeps Bouncy Castle's ASN.1 classes off the token path, where loading them costs
     * tens of milliseconds at start-up.
     */
    private static final byte[] SPKI_PREFIX =
            HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");

    private final byte[] x;
    private final byte[] y;

    /** Created on the first verification; caches the tables of a key that is verified often. */
    private volatile VerificationKey verificationKey;

    private P256PublicKey(byte[] x, byte[] y) {
        this.x = x;
        this.y = y;
    }

    /** Wraps coordinates computed by the core, which are on the curve by construction. */
    static P256PublicKey trusted(byte[] x, byte[] y) {
        return new P256PublicKey(x, y);
    }

    /**
     * Creates a key from its affine coordinates.
     *
     * @param x 32 big-endian bytes, copied
     * @param y 32 big-endian bytes, copied
     * @throws InvalidKeyException if a coordinate is not 32 bytes, is not below p, or the point is
     *     not on the curve
     */
    public static P256PublicKey fromAffine(byte[] x, byte[] y) throws InvalidKeyException {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != 32 || y.length != 32) {
            throw new InvalidKeyException(
                    "P-256 public key coordinates must be 32 bytes each (got x="
                            + x.length
                            + ", y="
                            + y.length
                            + ")");
        }
        checkBelowPrime(x, "x");
        checkBelowPrime(y, "y");
        if (!P256.isOnCurve(x, y)) {
            throw new InvalidKeyException("P-256 public key point is not on the curve");
        }
        return new P256PublicKey(x.clone(), y.clone());
    }

    private static void checkBelowPrime(byte[] coordinate, String name) throws InvalidKeyException {
        if (!P256Field.isCanonical(coordinate, 0)) {
            throw new InvalidKeyException(
                    "P-256 public key coordinate "
                            + name
                            + " is p or larger (it must be below the field prime p)");
        }
    }

    /**
     * Creates a key from the SEC 1 uncompressed encoding {@code 04 ‖ x ‖ y} (65 bytes).
     *
     * @throws InvalidKeyException if the length or the first byte is wrong, or the point is not on
     *     the curve
     */
    public static P256PublicKey fromUncompressed(byte[] encoded) throws InvalidKeyException {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != 65 || encoded[0] != 0x04) {
            throw new InvalidKeyException(
                    "P-256 uncompressed point must be 65 bytes starting with 0x04 (got "
                            + encoded.length
                            + " bytes)");
        }
        return fromAffine(Arrays.copyOfRange(encoded, 1, 33), Arrays.copyOfRange(encoded, 33, 65));
    }

    /**
     * Decodes a DER SubjectPublicKeyInfo (RFC 5480) with algorithm id-ecPublicKey, the named curve
     * prime256v1 and an uncompressed point. Compressed points and explicit curve parameters are
     * rejected.
     *
     * @throws InvalidKeySpecException if the DER is malformed, or the encoding is not supported
     * @throws InvalidKeyException if the key is of another algorithm or curve, or the point is not
     *     on the curve
     */
    public static P256PublicKey fromSpkiDer(byte[] der)
            throws InvalidKeySpecException, InvalidKeyException {
        Objects.requireNonNull(der, "der");
        return KeyDer.decodeSpki(der);
    }

    /**
     * Decodes the first PUBLIC KEY block of PEM text (RFC 7468 §13), as {@link #fromSpkiDer} does.
     * Text and well-formed blocks before it are skipped (a malformed block before it fails the
     * import). Text after its END line is ignored, because it commonly contains other blocks. The
     * label and the Base64 body must not contain control characters, and the Base64 must be
     * canonical: padded, with zero unused bits in the last character.
     *
     * @throws InvalidKeySpecException if the PEM or the DER is malformed, or there is no PUBLIC KEY
     *     block
     * @throws InvalidKeyException if the key is of another algorithm or curve, or the point is not
     *     on the curve
     */
    public static P256PublicKey fromPem(String pem)
            throws InvalidKeySpecException, InvalidKeyException {
        Objects.requireNonNull(pem, "pem");
        return KeyPem.readPublicKey(pem);
    }

    /**
     * Decodes a public JSON Web Key (RFC 7518 §6.2.1): kty "EC", crv "P-256", and x and y as
     * Base64Url of exactly 32 bytes each. Other members such as kid or use are ignored. A JWK with
     * the private member d is rejected.
     *
     * @throws InvalidKeySpecException if the text is not a JSON object, a member is missing or
     *     malformed, x or y is not 32 bytes, or d is present
     * @throws InvalidKeyException if kty is not "EC", crv is not "P-256", or the point is not on
     *     the curve
     */
    public static P256PublicKey fromJwk(String json)
            throws InvalidKeySpecException, InvalidKeyException {
        Objects.requireNonNull(json, "json");
        return JwkCodec.decodePublic(json);
    }

    /** Returns x as 32 big-endian bytes (a copy). */
    public byte[] x() {
        return x.clone();
    }

    /** Returns y as 32 big-endian bytes (a copy). */
    public byte[] y() {
        return y.clone();
    }

    /** Returns the SEC 1 uncompressed encoding {@code 04 ‖ x ‖ y}, 65 bytes. */
    public byte[] toUncompressed() {
        byte[] out = new byte[65];
        out[0] = 0x04;
        System.arraycopy(x, 0, out, 1, 32);
        System.arraycopy(y, 0, out, 33, 32);
        return out;
    }

    /**
     * Returns the DER SubjectPublicKeyInfo (RFC 5480): algorithm id-ecPublicKey, named curve
     * prime256v1 and the uncompressed point; 91 bytes.
     */
    public byte[] toSpkiDer() {
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 65);
        byte[] point = toUncompressed();
        System.arraycopy(point, 0, out, SPKI_PREFIX.length, point.length);
        return out;
    }

    /** Returns the SubjectPublicKeyInfo as a PUBLIC KEY PEM block with LF line ends. */
    public String toPem() {
        return KeyPem.write(KeyPem.PUBLIC_KEY, toSpkiDer());
    }

    /**
     * Returns the public JWK as compact JSON with the members in RFC 7638 order: {@code
     * {"crv":"P-256","kty":"EC","x":"…","y":"…"}}.
     */
    public String toJwk() {
        return JwkCodec.encode(this);
    }

    /** Returns the RFC 7638 JWK thumbprint: Base64Url of SHA-256 over {@link #toJwk()}. */
    public String jwkThumbprint() {
        return JwkCodec.thumbprint(this);
    }

    /**
     * Returns SHA-256 of {@link #toSpkiDer()} as 64 lower-case hex digits, for use as the kid
     * header of AT%JWT tokens. Tokens of a real nRF9160 carry a kid of this form, but how the modem
     * derives it is not published.
     */
    public String spkiSha256Hex() {
        return HexFormat.of().formatHex(Es256.sha256(toSpkiDer()));
    }

    VerificationKey verificationKey() {
        VerificationKey key = verificationKey;
        if (key == null) {
            key = new VerificationKey(x, y);
            verificationKey = key;
        }
        return key;
    }

    byte[] rawX() {
        return x;
    }

    byte[] rawY() {
        return y;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof P256PublicKey
                && Arrays.equals(x, ((P256PublicKey) other).x)
                && Arrays.equals(y, ((P256PublicKey) other).y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "P256PublicKey{x=" + hex(x) + ", y=" + hex(y) + "}";
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16))
                    .append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
