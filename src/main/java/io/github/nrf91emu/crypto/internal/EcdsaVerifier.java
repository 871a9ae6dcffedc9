package io.github.nrf91emu.crypto.internal;

/**
 * ECDSA signature verification on P-256 (FIPS 186-4 §6.4.2, SEC 1 §4.1.4): computes R = u1·G + u2·Q
 * and compares x(R) mod n with r without inverting Z.
 *
 * <p>The sum comes from one chain of doublings shared by all terms (Straus, Shamir), each term
 * recoded into width-w NAF and added from a table of affine odd multiples with the mixed Jacobian
 * addition. A key seen for the first time uses 256 doublings: u1 with the odd multiples of G (w =
 * 8, built once) and u2 with 8 odd multiples of Q (w = 5) made per call. A key that {@link
 * VerificationKey} has warmed up splits both scalars into eight 32-bit parts over tables of
 * 2^(32j)·G (w = 8) and 2^(32j)·Q (w = 6), which needs 32 doublings.
 *
 * <p>Variable time: everything here is public (the key, the digest and the signature), so the code
 * branches and indexes tables on those values.
 */
final class EcdsaVerifier {
    private static final int G_WINDOW = 8;
    private static final int Q_WINDOW = 5;
    private static final int Q_SPLIT_WINDOW = VerificationKey.SPLIT_WINDOW;
    private static final int PARTS = VerificationKey.SPLIT_PARTS;
    private static final int PART_BITS = VerificationKey.SPLIT_BITS;

    /** Odd multiples of 2^(32j)·G for j = 0..7, w = 8: 64 affine points each, 40 KiB in all. */
    private static final long[][] G_SPLIT_TABLES =
            splitTables(BaseMultiplier.GX, BaseMultiplier.GY, G_WINDOW);

    /** p - n as plain limbs: r + n is a second candidate for x(R) only when r &lt; p - n. */
    private static final long[] P_MINUS_N =
            Limbs.fromHex("000000000000000000000000000000004319055358e8617b0c46353d039cdaae");

    private EcdsaVerifier() {}

    /**
     * Verifies (r, s), each 32 big-endian bytes already checked to lie in 1..n-1, over the digest
     * value e (32 bytes, reduced mod n).
     */
    static boolean verify(VerificationKey key, byte[] e, byte[] r, byte[] s) {
        long[] w = P256Scalar.create();
        P256Scalar.invertVariableTime(w, P256Scalar.fromBytesReduced(s, 0));
        long[] u1 = P256Scalar.create();
        long[] u2 = P256Scalar.create();
        P256Scalar.mul(u1, P256Scalar.fromBytesReduced(e, 0), w);
        P256Scalar.mul(u2, P256Scalar.fromBytesReduced(r, 0), w);
        byte[] u1Bytes = new byte[32];
        byte[] u2Bytes = new byte[32];
        P256Scalar.toBytes(u1, u1Bytes, 0);
        P256Scalar.toBytes(u2, u2Bytes, 0);

        long[][] qTables = key.splitTablesForUse();
        JacobianPoint sum =
                qTables == null
                        ? sumForNewKey(u1Bytes, u2Bytes, key)
                        : sumForWarmKey(u1Bytes, u2Bytes, qTables);
        if (sum.isInfinity()) {
            return false;
        }
        return xMatches(sum, r);
    }

    private static JacobianPoint sumForNewKey(byte[] u1, byte[] u2, VerificationKey key) {
        int[][] digits = {wnaf(u1, 0, 256, G_WINDOW), wnaf(u2, 0, 256, Q_WINDOW)};
        long[][] tables = {G_SPLIT_TABLES[0], oddMultiples(key.x, key.y, Q_WINDOW)};
        return interleave(digits, tables);
    }

    private static JacobianPoint sumForWarmKey(byte[] u1, byte[] u2, long[][] qTables) {
        int[][] digits = new int[2 * PARTS][];
        long[][] tables = new long[2 * PARTS][];
        for (int part = 0; part < PARTS; part++) {
            digits[part] = wnaf(u1, part * PART_BITS, PART_BITS, G_WINDOW);
            tables[part] = G_SPLIT_TABLES[part];
            digits[PARTS + part] = wnaf(u2, part * PART_BITS, PART_BITS, Q_SPLIT_WINDOW);
            tables[PARTS + part] = qTables[part];
        }
        return interleave(digits, tables);
    }

    /**
     * Returns Σ_t Σ_i digits[t][i]·2^i·P_t, where tables[t] contains the affine odd multiples
     * 1·P_t, 3·P_t, ... (10 longs each), with one shared chain of doublings.
     */
    private static JacobianPoint interleave(int[][] digits, long[][] tables) {
        int length = 0;
        for (int[] termDigits : digits) {
            length = Math.max(length, termDigits.length);
        }
        JacobianPoint sum = new JacobianPoint();
        sum.setInfinity();
        long[] x = P256Field.create();
        long[] y = P256Field.create();
        boolean started = false;
        for (int i = length - 1; i >= 0; i--) {
            if (started) {
                sum.twice();
            }
            for (int term = 0; term < digits.length; term++) {
                int digit = i < digits[term].length ? digits[term][i] : 0;
                if (digit == 0) {
                    continue;
                }
                int offset = ((Math.abs(digit) - 1) >>> 1) * 10;
                System.arraycopy(tables[term], offset, x, 0, Limbs.COUNT);
                System.arraycopy(tables[term], offset + 5, y, 0, Limbs.COUNT);
                if (digit < 0) {
                    P256Field.neg(y, y);
                }
                sum.addAffine(x, y);
                started = true;
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

    /** Returns the affine odd multiples 1·P, 3·P, ..., (2^(w-1) - 1)·P, 10 longs each. */
    static long[] oddMultiples(long[] px, long[] py, int width) {
        JacobianPoint base = new JacobianPoint();
        base.setAffine(px, py);
        JacobianPoint[] points = oddMultiplesJacobian(base, width);
        long[] table = new long[points.length * 10];
        AffineTable.normalizeJacobianInto(points, table);
        return table;
    }

    /**
     * Returns the tables of affine odd multiples of 2^(32j)·P for j = 0..7, with one field
     * inversion for all of them.
     */
    static long[][] splitTables(long[] px, long[] py, int width) {
        int perPart = 1 << (width - 2);
        JacobianPoint[] all = new JacobianPoint[PARTS * perPart];
        JacobianPoint base = new JacobianPoint();
        base.setAffine(px, py);
        for (int part = 0; part < PARTS; part++) {
            JacobianPoint[] multiples = oddMultiplesJacobian(base, width);
            System.arraycopy(multiples, 0, all, part * perPart, perPart);
            for (int i = 0; i < PART_BITS; i++) {
                base.twice();
            }
        }
        long[] flat = new long[all.length * 10];
        AffineTable.normalizeJacobianInto(all, flat);
        long[][] tables = new long[PARTS][];
        for (int part = 0; part < PARTS; part++) {
            int from = part * perPart * 10;
            tables[part] = java.util.Arrays.copyOfRange(flat, from, from + perPart * 10);
        }
        return tables;
    }

    private static JacobianPoint[] oddMultiplesJacobian(JacobianPoint base, int width) {
        int count = 1 << (width - 2);
        JacobianPoint[] points = new JacobianPoint[count];
        points[0] = new JacobianPoint();
        points[0].set(base);
        JacobianPoint twice = new JacobianPoint();
        twice.set(base);
        twice.twice();
        for (int i = 1; i < count; i++) {
            points[i] = new JacobianPoint();
            points[i].set(points[i - 1]);
            points[i].addPoint(twice);
        }
        return points;
    }

    /**
     * Recodes a 256-bit big-endian scalar into width-w NAF; see {@link #wnaf(byte[], int, int,
     * int)}.
     */
    static int[] wnaf(byte[] scalar, int width) {
        return wnaf(scalar, 0, 256, width);
    }

    /**
     * Recodes bits {@code from..from+count-1} of a big-endian scalar, read as an integer of their
     * own, into width-w NAF (w at most 8): digits that are zero or odd with absolute value below
     * 2^(w-1), at most one non-zero digit in any w consecutive ones, and count + w + 1 digits in
     * all so that the final carry fits.
     */
    static int[] wnaf(byte[] scalar, int from, int count, int width) {
        int[] digits = new int[count + width + 1];
        int carry = 0;
        int bit = 0;
        while (bit < count) {
            if (BaseMultiplier.bits(scalar, from + bit, 1) == carry) {
                bit++;
                continue;
            }
            int take = Math.min(width, count - bit);
            int word = BaseMultiplier.bits(scalar, from + bit, take) + carry;
            carry = (word >>> (width - 1)) & 1;
            word -= carry << width;
            digits[bit] = word;
            bit += width;
        }
        digits[bit] = carry;
        return digits;
    }
}
