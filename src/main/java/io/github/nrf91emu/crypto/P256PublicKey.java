package io.github.nrf91emu.crypto;

import io.github.nrf91emu.crypto.internal.P256;
import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * A P-256 public key: a point (x, y) of the curve, never the point at infinity. Every factory
 * checks that the point lies on the curve. Instances are immutable.
 */
public final class P256PublicKey {
    private final byte[] x;
    private final byte[] y;

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
     * @throws InvalidKeyException if a coordinate is not 32 bytes, is not below p, or the point
     *     is not on the curve
     */
    public static P256PublicKey fromAffine(byte[] x, byte[] y) throws InvalidKeyException {
        if (x == null || x.length != 32 || y == null || y.length != 32) {
            throw new InvalidKeyException(
                    "P-256 public key coordinates must be 32 bytes each (got x="
                            + (x == null ? "null" : x.length)
                            + ", y="
                            + (y == null ? "null" : y.length)
                            + ")");
        }
        if (!P256.isOnCurve(x, y)) {
            throw new InvalidKeyException("P-256 public key point is not on the curve");
        }
        return new P256PublicKey(x.clone(), y.clone());
    }

    /**
     * Creates a key from the SEC 1 uncompressed encoding {@code 04 ‖ x ‖ y} (65 bytes).
     *
     * @throws InvalidKeyException if the length or the first byte is wrong, or the point is
     *     not on the curve
     */
    public static P256PublicKey fromUncompressed(byte[] encoded) throws InvalidKeyException {
        if (encoded == null || encoded.length != 65 || encoded[0] != 0x04) {
            throw new InvalidKeyException(
                    "P-256 uncompressed point must be 65 bytes starting with 0x04 (got "
                            + (encoded == null ? "null" : encoded.length + " bytes")
                            + ")");
        }
        return fromAffine(Arrays.copyOfRange(encoded, 1, 33), Arrays.copyOfRange(encoded, 33, 65));
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
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
