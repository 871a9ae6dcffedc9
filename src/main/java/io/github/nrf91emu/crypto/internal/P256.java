package io.github.nrf91emu.crypto.internal;

import java.util.Arrays;

/**
 * Entry points of the hand-written P-256 core that the public crypto API calls: point
 * multiplication, point validation, RFC 6979 nonces, ECDSA signing and verification. All byte
 * arrays are big-endian; scalars and coordinates are 32 bytes, points x‖y are 64 bytes. A digest of
 * any length is converted as RFC 6979 §2.3.2 bits2int defines it for a 256-bit order: a longer
 * digest is truncated to its leftmost 256 bits, a shorter one is taken as its integer value.
 *
 * <p>Constant time: {@link #multiplyBase}, {@link #multiply}, {@link #nonce}, {@link
 * #signWithNonce} and {@link #sign} have no branch or memory index that depends on the scalar, the
 * nonce or the digest, apart from the retries of RFC 6979 when a candidate is out of range or gives
 * r = 0 or s = 0 (each with probability about 2^-32) and the final test for the point at infinity,
 * which only a scalar ≡ 0 mod n reaches. {@link #isOnCurve} and {@link #verify} work on public data
 * and run in variable time.
 */
public final class P256 {
    private P256() {}

    /**
     * Returns x‖y of scalar·G, or null for the point at infinity. The scalar is any 256-bit value
     * and is taken mod n.
     */
    public static byte[] multiplyBase(byte[] scalar) {
        byte[] reduced = reduce(scalar);
        JacobianPoint point = new JacobianPoint();
        BaseMultiplier.multiply(point, reduced);
        byte[] out = new byte[64];
        return point.toAffineBytes(out) ? out : null;
    }

    /**
     * Returns x‖y of scalar·(x, y), or null for the point at infinity. The point must be on the
     * curve (see {@link #isOnCurve}); the scalar is any 256-bit value and is taken mod n.
     */
    public static byte[] multiply(byte[] scalar, byte[] x, byte[] y) {
        byte[] reduced = reduce(scalar);
        ProjectivePoint point = new ProjectivePoint();
        VariableBaseMultiplier.multiply(
                point, reduced, P256Field.fromBytes(x, 0), P256Field.fromBytes(y, 0));
        return affineOrNull(point);
    }

    /**
     * Tells whether (x, y) is a point of the curve: both coordinates below p and y² = x³ - 3x + b
     * (mod p). The point at infinity has no affine form, so it never passes.
     */
    public static boolean isOnCurve(byte[] x, byte[] y) {
        if (!P256Field.isCanonical(x, 0) || !P256Field.isCanonical(y, 0)) {
            return false;
        }
        long[] fx = P256Field.fromBytes(x, 0);
        long[] fy = P256Field.fromBytes(y, 0);
        long[] left = P256Field.create();
        P256Field.sqr(left, fy);
        long[] right = P256Field.create();
        long[] threeX = P256Field.create();
        P256Field.sqr(right, fx);
        P256Field.mul(right, right, fx);
        P256Field.add(threeX, fx, fx);
        P256Field.add(threeX, threeX, fx);
        P256Field.sub(right, right, threeX);
        P256Field.add(right, right, P256Field.B);
        return P256Field.equalMask(left, right) != 0;
    }

    /**
     * Returns the first RFC 6979 nonce k (32 bytes) for a private scalar in 1..n-1 and a digest;
     * {@code additionalData} (null for none) is mixed in as in RFC 6979 §3.6.
     */
    public static byte[] nonce(byte[] scalar, byte[] digest, byte[] additionalData) {
        return new Rfc6979Nonces(scalar, bits2octets(digest), additionalData).next();
    }

    /**
     * Signs a digest with a given nonce k in 1..n-1; returns r‖s, or null when r or s is 0. The
     * private scalar must be in 1..n-1.
     */
    public static byte[] signWithNonce(byte[] scalar, byte[] digest, byte[] k) {
        return EcdsaSigner.sign(scalar, bits2octets(digest), k);
    }

    /**
     * Signs a digest with the RFC 6979 nonce sequence; {@code additionalData} (null for none) is
     * mixed in as in RFC 6979 §3.6. Returns r‖s. The private scalar must be in 1..n-1.
     */
    public static byte[] sign(byte[] scalar, byte[] digest, byte[] additionalData) {
        byte[] e = bits2octets(digest);
        Rfc6979Nonces nonces = new Rfc6979Nonces(scalar, e, additionalData);
        while (true) {
            byte[] k = nonces.next();
            byte[] signature = EcdsaSigner.sign(scalar, e, k);
            Arrays.fill(k, (byte) 0);
            if (signature != null) {
                return signature;
            }
        }
    }

    /**
     * Verifies r‖s (64 bytes) over a digest for a point (x, y) that passed {@link #isOnCurve}.
     * Returns false when r or s is outside 1..n-1.
     */
    public static boolean verify(byte[] x, byte[] y, byte[] digest, byte[] rs) {
        return verify(new VerificationKey(x, y), digest, rs);
    }

    /**
     * Verifies r‖s (64 bytes) over a digest with a prepared key, which speeds up repeated
     * verifications with the same key. Returns false when r or s is outside 1..n-1.
     */
    public static boolean verify(VerificationKey key, byte[] digest, byte[] rs) {
        byte[] r = Arrays.copyOfRange(rs, 0, 32);
        byte[] s = Arrays.copyOfRange(rs, 32, 64);
        if (!P256Scalars.isInRange(r) || !P256Scalars.isInRange(s)) {
            return false;
        }
        return EcdsaVerifier.verify(key, bits2octets(digest), r, s);
    }

    /**
     * Returns bits2octets(digest) of RFC 6979 §2.3.4 for P-256: the leftmost 256 bits of the digest
     * (a shorter digest is its own value) reduced mod n, as 32 bytes.
     */
    static byte[] bits2octets(byte[] digest) {
        byte[] value = new byte[32];
        int length = Math.min(digest.length, 32);
        System.arraycopy(digest, 0, value, 32 - length, length);
        return reduce(value);
    }

    /** Returns a 32-byte big-endian value reduced mod n with one conditional subtraction. */
    private static byte[] reduce(byte[] value) {
        long[] plain = P256Scalar.plainFromBytesReduced(value, 0);
        byte[] out = new byte[32];
        Limbs.toBytes(plain, out, 0);
        return out;
    }

    private static byte[] affineOrNull(ProjectivePoint point) {
        byte[] out = new byte[64];
        return point.toAffineBytes(out) ? out : null;
    }
}
