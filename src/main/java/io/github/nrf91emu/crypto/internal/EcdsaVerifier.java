package io.github.nrf91emu.crypto.internal;

import java.math.BigInteger;

/**
 * ECDSA signature verification on P-256 (FIPS 186-4 §6.4.2, SEC 1 §4.1.4): computes u1·G + u2·Q
 * with interleaved width-w NAF recoding (w = 7 for G with a table of 32 odd multiples built once, w
 * = 5 for Q with 8 odd multiples per call) in Jacobian coordinates, then compares x(R) mod n with r
 * without inverting Z.
 *
 * <p>Variable time: everything here is public (the key, the digest and the signature), so the code
 * branches and indexes tables on those values.
 */
final class EcdsaVerifier {
    private static final int G_WINDOW = 7;
    private static final int Q_WINDOW = 5;

    /** Digits of a recoded scalar: 256 bits plus room for the final carry of an 8-bit window. */
    private static final int WNAF_LENGTH = 256 + 8;

    private static final BigInteger ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    /** Odd multiples 1·G, 3·G, ..., 63·G, affine, 10 longs each. */
    private static final long[] G_ODD_MULTIPLES = buildGTable();

    /** r + n as plain field limbs is needed only when r + n < p; p - n as plain limbs. */
    private static final long[] P_MINUS_N =
            Limbs.fromHex("000000000000000000000000000000004319055358e8617b0c46353d039cdaae");

    private EcdsaVerifier() {}

    /**
     * Verifies (r, s), each 32 big-endian bytes already checked to lie in 1..n-1, over the digest
     * value e (32 bytes, reduced mod n), for the on-curve affine point (qx, qy) in Montgomery form.
     */
    static boolean verify(long[] qx, long[] qy, byte[] e, byte[] r, byte[] s) {
        BigInteger w = new BigInteger(1, s).modInverse(ORDER);
        long[] wMont = P256Scalar.fromBytesReduced(toBytes32(w), 0);
        long[] u1 = P256Scalar.create();
        long[] u2 = P256Scalar.create();
        P256Scalar.mul(u1, P256Scalar.fromBytesReduced(e, 0), wMont);
        P256Scalar.mul(u2, P256Scalar.fromBytesReduced(r, 0), wMont);
        byte[] u1Bytes = new byte[32];
        byte[] u2Bytes = new byte[32];
        P256Scalar.toBytes(u1, u1Bytes, 0);
        P256Scalar.toBytes(u2, u2Bytes, 0);

        JacobianPoint sum = sumOfMultiples(u1Bytes, u2Bytes, qx, qy);
        if (sum.isInfinity()) {
            return false;
        }
        return xMatches(sum, r);
    }

    /** Computes u1·G + u2·Q with one shared chain of doublings. */
    private static JacobianPoint sumOfMultiples(byte[] u1, byte[] u2, long[] qx, long[] qy) {
        JacobianPoint[] qTable = oddMultiples(qx, qy);
        int[] gDigits = wnaf(u1, G_WINDOW);
        int[] qDigits = wnaf(u2, Q_WINDOW);
        JacobianPoint sum = new JacobianPoint();
        sum.setInfinity();
        JacobianPoint term = new JacobianPoint();
        long[] negY = P256Field.create();

        int top = gDigits.length - 1;
        while (top >= 0 && gDigits[top] == 0 && qDigits[top] == 0) {
            top--;
        }
        for (int i = top; i >= 0; i--) {
            sum.twice();
            int g = gDigits[i];
            if (g != 0) {
                int offset = ((Math.abs(g) - 1) >>> 1) * 10;
                long[] x = java.util.Arrays.copyOfRange(G_ODD_MULTIPLES, offset, offset + 5);
                long[] y = java.util.Arrays.copyOfRange(G_ODD_MULTIPLES, offset + 5, offset + 10);
                if (g < 0) {
                    P256Field.neg(negY, y);
                    y = negY;
                }
                sum.addAffine(x, y);
            }
            int q = qDigits[i];
            if (q != 0) {
                term.set(qTable[(Math.abs(q) - 1) >>> 1]);
                if (q < 0) {
                    term.negate();
                }
                sum.addPoint(term);
            }
        }
        return sum;
    }

    /** Tells whether X/Z² ≡ r (mod p) or, when r + n &lt; p, X/Z² ≡ r + n. */
    private static boolean xMatches(JacobianPoint point, byte[] r) {
        long[] zz = P256Field.create();
        P256Field.sqr(zz, point.z);
        long[] rPlain = P256Field.create();
        Limbs.fromBytes(rPlain, r, 0);
        long[] candidate = P256Field.create();
        P256Field.mul(candidate, P256Field.fromPlain(rPlain), zz);
        if (P256Field.equalMask(candidate, point.x) != 0) {
            return true;
        }
        if (!Limbs.lessThan(rPlain, P_MINUS_N)) {
            return false;
        }
        long[] rPlusN = P256Field.create();
        Limbs.addPlain(rPlusN, rPlain, P256Scalar.N);
        P256Field.mul(candidate, P256Field.fromPlain(rPlusN), zz);
        return P256Field.equalMask(candidate, point.x) != 0;
    }

    /** Returns 1·Q, 3·Q, ..., 15·Q in Jacobian coordinates. */
    private static JacobianPoint[] oddMultiples(long[] qx, long[] qy) {
        int count = 1 << (Q_WINDOW - 2);
        JacobianPoint[] table = new JacobianPoint[count];
        table[0] = new JacobianPoint();
        table[0].setAffine(qx, qy);
        JacobianPoint twiceQ = new JacobianPoint();
        twiceQ.setAffine(qx, qy);
        twiceQ.twice();
        for (int i = 1; i < count; i++) {
            table[i] = new JacobianPoint();
            table[i].set(table[i - 1]);
            table[i].addPoint(twiceQ);
        }
        return table;
    }

    /**
     * Recodes a 256-bit big-endian scalar into width-w NAF (w at most 8): digits, each zero or odd
     * with absolute value below 2^(w-1), and at most one non-zero digit in any w consecutive ones.
     */
    static int[] wnaf(byte[] scalar, int width) {
        int[] digits = new int[WNAF_LENGTH];
        int carry = 0;
        int bit = 0;
        while (bit < 256) {
            if (BaseMultiplier.bits(scalar, bit, 1) == carry) {
                bit++;
                continue;
            }
            int word = BaseMultiplier.bits(scalar, bit, width) + carry;
            carry = (word >>> (width - 1)) & 1;
            word -= carry << width;
            digits[bit] = word;
            bit += width;
        }
        digits[bit] = carry;
        return digits;
    }

    private static long[] buildGTable() {
        int count = 1 << (G_WINDOW - 2);
        CompleteFormulas formulas = new CompleteFormulas();
        ProjectivePoint g = ProjectivePoint.fromAffine(BaseMultiplier.GX, BaseMultiplier.GY);
        ProjectivePoint twiceG = new ProjectivePoint();
        formulas.dbl(twiceG, g);
        ProjectivePoint[] points = new ProjectivePoint[count];
        points[0] = g;
        for (int i = 1; i < count; i++) {
            points[i] = new ProjectivePoint();
            formulas.addPoint(points[i], points[i - 1], twiceG);
        }
        long[] table = new long[count * 10];
        AffineTable.normalizeInto(points, table);
        return table;
    }

    private static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }
}
