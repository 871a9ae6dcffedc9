package io.github.nrf91emu.crypto.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Entry points of the P-256 core used by the public crypto API.
 *
 * <p>TODO: temporary Bouncy Castle backend while the hand-written core is written; it is
 * replaced before this layer is released.
 */
public final class P256 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    private P256() {}

    /**
     * Returns x‖y (64 bytes, big-endian) of scalar·G, or null for the point at infinity. The
     * scalar is 32 big-endian bytes, any value (taken mod n).
     */
    public static byte[] multiplyBase(byte[] scalar) {
        return encode(DOMAIN.getG().multiply(new BigInteger(1, scalar).mod(DOMAIN.getN())));
    }

    /**
     * Returns x‖y of scalar·(x, y), or null for the point at infinity. The point must be on the
     * curve; the scalar is 32 big-endian bytes, any value (taken mod n).
     */
    public static byte[] multiply(byte[] scalar, byte[] x, byte[] y) {
        ECPoint p = CURVE.getCurve().createPoint(new BigInteger(1, x), new BigInteger(1, y));
        return encode(p.multiply(new BigInteger(1, scalar).mod(DOMAIN.getN())));
    }

    /** Returns the RFC 6979 §3.2 nonce k (32 bytes) for a private scalar and a digest. */
    public static byte[] nonce(byte[] scalar, byte[] digest, byte[] extraEntropy) {
        HMacDSAKCalculator calc = new HMacDSAKCalculator(new SHA256Digest());
        calc.init(DOMAIN.getN(), new BigInteger(1, scalar), digest);
        byte[] out = new byte[32];
        copyFixed(calc.nextK(), out, 0);
        return out;
    }

    /** Signs a digest with a given nonce k; returns r‖s, or null when r or s is 0. */
    public static byte[] signWithNonce(byte[] scalar, byte[] digest, byte[] k) {
        BigInteger n = DOMAIN.getN();
        BigInteger kk = new BigInteger(1, k);
        BigInteger r =
                DOMAIN.getG().multiply(kk).normalize().getAffineXCoord().toBigInteger().mod(n);
        BigInteger e = new BigInteger(1, java.util.Arrays.copyOf(digest, Math.min(32, digest.length)));
        if (digest.length < 32) {
            e = new BigInteger(1, digest);
        }
        BigInteger s = kk.modInverse(n).multiply(e.add(r.multiply(new BigInteger(1, scalar)))).mod(n);
        if (r.signum() == 0 || s.signum() == 0) {
            return null;
        }
        byte[] out = new byte[64];
        copyFixed(r, out, 0);
        copyFixed(s, out, 32);
        return out;
    }

    private static byte[] encode(ECPoint point) {
        ECPoint q = point.normalize();
        if (q.isInfinity()) {
            return null;
        }
        byte[] out = new byte[64];
        System.arraycopy(q.getAffineXCoord().getEncoded(), 0, out, 0, 32);
        System.arraycopy(q.getAffineYCoord().getEncoded(), 0, out, 32, 32);
        return out;
    }

    /** Tells whether (x, y), each 32 big-endian bytes, is a point of the curve (x, y below p). */
    public static boolean isOnCurve(byte[] x, byte[] y) {
        try {
            return CURVE.getCurve()
                    .createPoint(new BigInteger(1, x), new BigInteger(1, y))
                    .isValid();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Signs a SHA-256 digest with the RFC 6979 nonce; {@code extraEntropy}, when not null, is
     * mixed into the nonce derivation as in RFC 6979 §3.6. Returns r‖s, 64 bytes.
     */
    public static byte[] sign(byte[] scalar, byte[] digest, byte[] extraEntropy) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, scalar), DOMAIN));
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] out = new byte[64];
        copyFixed(rs[0], out, 0);
        copyFixed(rs[1], out, 32);
        return out;
    }

    /** Verifies r‖s over a digest; x and y are a validated point. Variable time. */
    public static boolean verify(byte[] x, byte[] y, byte[] digest, byte[] rs) {
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(rs, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(rs, 32, 64));
        ECPoint q =
                CURVE.getCurve().createPoint(new BigInteger(1, x), new BigInteger(1, y));
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, new ECPublicKeyParameters(q, DOMAIN));
        return signer.verifySignature(digest, r, s);
    }

    private static void copyFixed(BigInteger v, byte[] out, int off) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, off + 32 - n, n);
    }
}
