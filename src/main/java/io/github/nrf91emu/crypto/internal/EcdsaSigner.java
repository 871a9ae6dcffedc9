package io.github.nrf91emu.crypto.internal;

/**
 * The ECDSA signing equation on P-256 (FIPS 186-4 §6.4.1, SEC 1 §4.1.3): r = x(k·G) mod n and s =
 * k^-1·(e + r·d) mod n.
 *
 * <p>Constant time: k·G uses {@link BaseMultiplier}, the affine conversion and k^-1 use the divstep
 * inversion of {@link SafeGcd}, and the scalar products use {@link P256Scalar}, none of which
 * branches on or indexes memory by d, k or e. The only branch is on the public outcome r = 0 or s =
 * 0.
 */
final class EcdsaSigner {
    private EcdsaSigner() {}

    /**
     * Returns r‖s for a private scalar d and a nonce k (both 32 bytes in 1..n-1) and the digest
     * value e (32 bytes, reduced mod n), or null when r or s is 0.
     */
    static byte[] sign(byte[] d, byte[] e, byte[] k) {
        JacobianPoint point = new JacobianPoint();
        BaseMultiplier.multiply(point, k);
        byte[] x = new byte[32];
        point.affineXBytes(x);

        long[] r = P256Scalar.fromBytesReduced(x, 0);
        long[] kInverse = P256Scalar.create();
        P256Scalar.invert(kInverse, P256Scalar.fromBytesReduced(k, 0));
        long[] s = P256Scalar.create();
        P256Scalar.mul(s, r, P256Scalar.fromBytesReduced(d, 0));
        P256Scalar.add(s, s, P256Scalar.fromBytesReduced(e, 0));
        P256Scalar.mul(s, s, kInverse);

        byte[] signature = new byte[64];
        P256Scalar.toBytes(r, signature, 0);
        P256Scalar.toBytes(s, signature, 32);
        boolean zero = (P256Scalar.isZeroMask(r) | P256Scalar.isZeroMask(s)) != 0;
        return zero ? null : signature;
    }
}
