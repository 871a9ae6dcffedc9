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

    /** Returns x‖y (64 bytes, big-endian) of scalar·G; the scalar is 32 big-endian bytes in 1..n-1. */
    public static byte[] multiplyBase(byte[] scalar) {
        ECPoint q = DOMAIN.getG().multiply(new BigInteger(1, scalar)).normalize();
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
