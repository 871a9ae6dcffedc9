package io.github.nrf91emu.crypto.internal;

/**
 * Arithmetic modulo the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1 (FIPS 186-4 §D.1.2.3).
 *
 * <p>An element is a {@code long[5]} of 52-bit limbs in Montgomery form: the element x is held as
 * x·R mod p with R = 2^260, and every stored value is below 2p with normalized limbs (limbs 0..3
 * below 2^52). Outputs may alias inputs.
 *
 * <p>Multiplication is schoolbook on 52-bit limbs with {@link Math#multiplyHigh}, followed by
 * Montgomery reduction (Montgomery, "Modular multiplication without trial division", 1985). The low
 * limb of p is 2^52 - 1, so the reduction factor of each round is the low limb itself, and the
 * other limbs of p (2^44 - 1, 0, 2^36, 2^48 - 2^16) turn its products into shifts.
 *
 * <p>Constant time: every method except {@link #isCanonical} runs the same instructions and touches
 * the same memory whatever the values. Inputs below 2p give outputs below 2p: with a, b &lt; 2p,
 * the reduction of a·b returns less than a·b/R + p &lt; 1.25p.
 */
public final class P256Field {
    private static final long M = Limbs.M;

    /** p as plain (not Montgomery) limbs. */
    static final long[] P =
            Limbs.fromHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");

    private static final long[] TWO_P = doubled(P);

    /** R^2 mod p, which {@link #fromPlain} multiplies by. */
    private static final long[] R_SQUARED = {
        0x300L, 0xffffffff00000L, 0xffffefffffffbL, 0xfdfffffffffffL, 0x4ffffffL
    };

    private static final long[] PLAIN_ONE = {1, 0, 0, 0, 0};

    private static final long[] R_CUBED = fromPlain(R_SQUARED);

    private static final SafeGcd INVERTER = new SafeGcd(P);

    /** The element 1 in Montgomery form. */
    public static final long[] ONE = fromPlain(PLAIN_ONE);

    /** The curve coefficient b in Montgomery form. */
    public static final long[] B =
            fromPlain(
                    Limbs.fromHex(
                            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"));

    private P256Field() {}

    /** Returns a new zero element. */
    public static long[] create() {
        return new long[Limbs.COUNT];
    }

    /** Sets r = a·b. */
    public static void mul(long[] r, long[] a, long[] b) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
        long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0, t8 = 0, t9 = 0;
        long lo, hi, m;
        lo = a0 * b0;
        hi = Math.multiplyHigh(a0, b0);
        t0 += lo & M;
        t1 += (hi << 12) | (lo >>> 52);
        lo = a0 * b1;
        hi = Math.multiplyHigh(a0, b1);
        t1 += lo & M;
        t2 += (hi << 12) | (lo >>> 52);
        lo = a0 * b2;
        hi = Math.multiplyHigh(a0, b2);
        t2 += lo & M;
        t3 += (hi << 12) | (lo >>> 52);
        lo = a0 * b3;
        hi = Math.multiplyHigh(a0, b3);
        t3 += lo & M;
        t4 += (hi << 12) | (lo >>> 52);
        lo = a0 * b4;
        hi = Math.multiplyHigh(a0, b4);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = a1 * b0;
        hi = Math.multiplyHigh(a1, b0);
        t1 += lo & M;
        t2 += (hi << 12) | (lo >>> 52);
        lo = a1 * b1;
        hi = Math.multiplyHigh(a1, b1);
        t2 += lo & M;
        t3 += (hi << 12) | (lo >>> 52);
        lo = a1 * b2;
        hi = Math.multiplyHigh(a1, b2);
        t3 += lo & M;
        t4 += (hi << 12) | (lo >>> 52);
        lo = a1 * b3;
        hi = Math.multiplyHigh(a1, b3);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = a1 * b4;
        hi = Math.multiplyHigh(a1, b4);
        t5 += lo & M;
        t6 += (hi << 12) | (lo >>> 52);
        lo = a2 * b0;
        hi = Math.multiplyHigh(a2, b0);
        t2 += lo & M;
        t3 += (hi << 12) | (lo >>> 52);
        lo = a2 * b1;
        hi = Math.multiplyHigh(a2, b1);
        t3 += lo & M;
        t4 += (hi << 12) | (lo >>> 52);
        lo = a2 * b2;
        hi = Math.multiplyHigh(a2, b2);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = a2 * b3;
        hi = Math.multiplyHigh(a2, b3);
        t5 += lo & M;
        t6 += (hi << 12) | (lo >>> 52);
        lo = a2 * b4;
        hi = Math.multiplyHigh(a2, b4);
        t6 += lo & M;
        t7 += (hi << 12) | (lo >>> 52);
        lo = a3 * b0;
        hi = Math.multiplyHigh(a3, b0);
        t3 += lo & M;
        t4 += (hi << 12) | (lo >>> 52);
        lo = a3 * b1;
        hi = Math.multiplyHigh(a3, b1);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = a3 * b2;
        hi = Math.multiplyHigh(a3, b2);
        t5 += lo & M;
        t6 += (hi << 12) | (lo >>> 52);
        lo = a3 * b3;
        hi = Math.multiplyHigh(a3, b3);
        t6 += lo & M;
        t7 += (hi << 12) | (lo >>> 52);
        lo = a3 * b4;
        hi = Math.multiplyHigh(a3, b4);
        t7 += lo & M;
        t8 += (hi << 12) | (lo >>> 52);
        lo = a4 * b0;
        hi = Math.multiplyHigh(a4, b0);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = a4 * b1;
        hi = Math.multiplyHigh(a4, b1);
        t5 += lo & M;
        t6 += (hi << 12) | (lo >>> 52);
        lo = a4 * b2;
        hi = Math.multiplyHigh(a4, b2);
        t6 += lo & M;
        t7 += (hi << 12) | (lo >>> 52);
        lo = a4 * b3;
        hi = Math.multiplyHigh(a4, b3);
        t7 += lo & M;
        t8 += (hi << 12) | (lo >>> 52);
        lo = a4 * b4;
        hi = Math.multiplyHigh(a4, b4);
        t8 += lo & M;
        t9 += (hi << 12) | (lo >>> 52);

        m = t0 & M;
        t1 += (t0 >> 52) + ((m << 44) & M);
        t2 += m >>> 8;
        t3 += (m << 36) & M;
        t4 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t5 += (m >>> 4) - (m >>> 36);
        m = t1 & M;
        t2 += (t1 >> 52) + ((m << 44) & M);
        t3 += m >>> 8;
        t4 += (m << 36) & M;
        t5 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t6 += (m >>> 4) - (m >>> 36);
        m = t2 & M;
        t3 += (t2 >> 52) + ((m << 44) & M);
        t4 += m >>> 8;
        t5 += (m << 36) & M;
        t6 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t7 += (m >>> 4) - (m >>> 36);
        m = t3 & M;
        t4 += (t3 >> 52) + ((m << 44) & M);
        t5 += m >>> 8;
        t6 += (m << 36) & M;
        t7 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t8 += (m >>> 4) - (m >>> 36);
        m = t4 & M;
        t5 += (t4 >> 52) + ((m << 44) & M);
        t6 += m >>> 8;
        t7 += (m << 36) & M;
        t8 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t9 += (m >>> 4) - (m >>> 36);

        t6 += t5 >> 52;
        r[0] = t5 & M;
        t7 += t6 >> 52;
        r[1] = t6 & M;
        t8 += t7 >> 52;
        r[2] = t7 & M;
        t9 += t8 >> 52;
        r[3] = t8 & M;
        r[4] = t9;
    }

    /** Sets r = a². */
    public static void sqr(long[] r, long[] a) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        long d0 = a0 << 1, d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1;
        long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0, t8 = 0, t9 = 0;
        long lo, hi, m;
        lo = a0 * a0;
        hi = Math.multiplyHigh(a0, a0);
        t0 += lo & M;
        t1 += (hi << 12) | (lo >>> 52);
        lo = d0 * a1;
        hi = Math.multiplyHigh(d0, a1);
        t1 += lo & M;
        t2 += (hi << 12) | (lo >>> 52);
        lo = d0 * a2;
        hi = Math.multiplyHigh(d0, a2);
        t2 += lo & M;
        t3 += (hi << 12) | (lo >>> 52);
        lo = d0 * a3;
        hi = Math.multiplyHigh(d0, a3);
        t3 += lo & M;
        t4 += (hi << 12) | (lo >>> 52);
        lo = d0 * a4;
        hi = Math.multiplyHigh(d0, a4);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = a1 * a1;
        hi = Math.multiplyHigh(a1, a1);
        t2 += lo & M;
        t3 += (hi << 12) | (lo >>> 52);
        lo = d1 * a2;
        hi = Math.multiplyHigh(d1, a2);
        t3 += lo & M;
        t4 += (hi << 12) | (lo >>> 52);
        lo = d1 * a3;
        hi = Math.multiplyHigh(d1, a3);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = d1 * a4;
        hi = Math.multiplyHigh(d1, a4);
        t5 += lo & M;
        t6 += (hi << 12) | (lo >>> 52);
        lo = a2 * a2;
        hi = Math.multiplyHigh(a2, a2);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = d2 * a3;
        hi = Math.multiplyHigh(d2, a3);
        t5 += lo & M;
        t6 += (hi << 12) | (lo >>> 52);
        lo = d2 * a4;
        hi = Math.multiplyHigh(d2, a4);
        t6 += lo & M;
        t7 += (hi << 12) | (lo >>> 52);
        lo = a3 * a3;
        hi = Math.multiplyHigh(a3, a3);
        t6 += lo & M;
        t7 += (hi << 12) | (lo >>> 52);
        lo = d3 * a4;
        hi = Math.multiplyHigh(d3, a4);
        t7 += lo & M;
        t8 += (hi << 12) | (lo >>> 52);
        lo = a4 * a4;
        hi = Math.multiplyHigh(a4, a4);
        t8 += lo & M;
        t9 += (hi << 12) | (lo >>> 52);

        m = t0 & M;
        t1 += (t0 >> 52) + ((m << 44) & M);
        t2 += m >>> 8;
        t3 += (m << 36) & M;
        t4 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t5 += (m >>> 4) - (m >>> 36);
        m = t1 & M;
        t2 += (t1 >> 52) + ((m << 44) & M);
        t3 += m >>> 8;
        t4 += (m << 36) & M;
        t5 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t6 += (m >>> 4) - (m >>> 36);
        m = t2 & M;
        t3 += (t2 >> 52) + ((m << 44) & M);
        t4 += m >>> 8;
        t5 += (m << 36) & M;
        t6 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t7 += (m >>> 4) - (m >>> 36);
        m = t3 & M;
        t4 += (t3 >> 52) + ((m << 44) & M);
        t5 += m >>> 8;
        t6 += (m << 36) & M;
        t7 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t8 += (m >>> 4) - (m >>> 36);
        m = t4 & M;
        t5 += (t4 >> 52) + ((m << 44) & M);
        t6 += m >>> 8;
        t7 += (m << 36) & M;
        t8 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t9 += (m >>> 4) - (m >>> 36);

        t6 += t5 >> 52;
        r[0] = t5 & M;
        t7 += t6 >> 52;
        r[1] = t6 & M;
        t8 += t7 >> 52;
        r[2] = t7 & M;
        t9 += t8 >> 52;
        r[3] = t8 & M;
        r[4] = t9;
    }

    /** Sets r = a squared n times. */
    public static void sqrN(long[] r, long[] a, int n) {
        sqr(r, a);
        for (int i = 1; i < n; i++) {
            sqr(r, r);
        }
    }

    /** Sets r = a + b. */
    public static void add(long[] r, long[] a, long[] b) {
        reduceWide(r, a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]);
    }

    /** Sets r = a - b. */
    public static void sub(long[] r, long[] a, long[] b) {
        reduceWide(
                r,
                a[0] - b[0] + TWO_P[0],
                a[1] - b[1] + TWO_P[1],
                a[2] - b[2] + TWO_P[2],
                a[3] - b[3] + TWO_P[3],
                a[4] - b[4] + TWO_P[4]);
    }

    /** Sets r = -a. */
    public static void neg(long[] r, long[] a) {
        reduceWide(
                r,
                TWO_P[0] - a[0],
                TWO_P[1] - a[1],
                TWO_P[2] - a[2],
                TWO_P[3] - a[3],
                TWO_P[4] - a[4]);
    }

    /** Sets r = c·a for a small constant c in 1..8. */
    public static void mulSmall(long[] r, long[] a, int c) {
        reduceWide(r, a[0] * c, a[1] * c, a[2] * c, a[3] * c, a[4] * c);
    }

    /**
     * Reduces Σ s_i·2^(52i), a value in 0..2^261 whose limbs may be unnormalized or negative, to
     * below 2p. With q = ⌊v / 2^256⌋, v - q·p lies in [0, 2^256 + q·2^224), and subtracting q·p =
     * q·(2^256 - 2^224 + 2^192 + 2^96 - 1) only touches four limbs with shifts.
     */
    private static void reduceWide(long[] r, long s0, long s1, long s2, long s3, long s4) {
        s1 += s0 >> 52;
        s0 &= M;
        s2 += s1 >> 52;
        s1 &= M;
        s3 += s2 >> 52;
        s2 &= M;
        s4 += s3 >> 52;
        s3 &= M;

        long q = s4 >>> 48;
        s0 += q;
        s1 -= q << 44;
        s3 -= q << 36;
        s4 += (q << 16) - (q << 48);

        s1 += s0 >> 52;
        r[0] = s0 & M;
        s2 += s1 >> 52;
        r[1] = s1 & M;
        s3 += s2 >> 52;
        r[2] = s2 & M;
        s4 += s3 >> 52;
        r[3] = s3 & M;
        r[4] = s4;
    }

    /** Sets r = b where mask is -1 and r = a where mask is 0. */
    public static void select(long[] r, long[] a, long[] b, long mask) {
        Limbs.select(r, a, b, mask);
    }

    /**
     * Sets r = a^-1, or 0 for a = 0, in constant time with {@link SafeGcd}. The inverse of the
     * Montgomery value aR is (aR)^-1; one Montgomery multiplication by R^3 turns it into a^-1·R.
     */
    public static void invert(long[] r, long[] a) {
        long[] canonical = create();
        Limbs.reduceOnce(canonical, a, P);
        mul(r, INVERTER.invert(canonical), R_CUBED);
    }

    /** Sets r = a^-1 like {@link #invert}, in variable time: only for public values. */
    public static void invertVariableTime(long[] r, long[] a) {
        long[] canonical = create();
        Limbs.reduceOnce(canonical, a, P);
        mul(r, INVERTER.invertVariableTime(canonical), R_CUBED);
    }

    /** Returns -1 when a is 0 mod p, else 0. */
    public static long isZeroMask(long[] a) {
        long[] canonical = create();
        Limbs.reduceOnce(canonical, a, P);
        return Limbs.isZeroMask(canonical);
    }

    /** Returns -1 when a and b are equal mod p, else 0. */
    public static long equalMask(long[] a, long[] b) {
        long[] difference = create();
        sub(difference, a, b);
        return isZeroMask(difference);
    }

    /** Converts a plain value below 2p into Montgomery form. */
    public static long[] fromPlain(long[] plain) {
        long[] r = create();
        mul(r, plain, R_SQUARED);
        return r;
    }

    /** Sets r = a converted from Montgomery form to the canonical plain value in 0..p-1. */
    public static void toPlain(long[] r, long[] a) {
        mul(r, a, PLAIN_ONE);
        Limbs.reduceOnce(r, r, P);
    }

    /** Tells whether 32 big-endian bytes hold a value below p. Variable time. */
    public static boolean isCanonical(byte[] in, int offset) {
        long[] plain = create();
        Limbs.fromBytes(plain, in, offset);
        return Limbs.lessThan(plain, P);
    }

    /** Reads 32 big-endian bytes holding a value below 2^256 and returns it in Montgomery form. */
    public static long[] fromBytes(byte[] in, int offset) {
        long[] plain = create();
        Limbs.fromBytes(plain, in, offset);
        Limbs.reduceOnce(plain, plain, P);
        return fromPlain(plain);
    }

    /** Writes the canonical value of a as 32 big-endian bytes. */
    public static void toBytes(long[] a, byte[] out, int offset) {
        long[] plain = create();
        toPlain(plain, a);
        Limbs.toBytes(plain, out, offset);
    }

    static long[] doubled(long[] a) {
        long[] r = new long[Limbs.COUNT];
        long carry = 0;
        for (int i = 0; i < Limbs.COUNT - 1; i++) {
            long v = (a[i] << 1) + carry;
            r[i] = v & M;
            carry = v >>> 52;
        }
        r[Limbs.COUNT - 1] = (a[Limbs.COUNT - 1] << 1) + carry;
        return r;
    }
}
