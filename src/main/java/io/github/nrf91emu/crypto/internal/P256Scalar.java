package io.github.nrf91emu.crypto.internal;

/**
 * Arithmetic modulo the order n of the P-256 base point (FIPS 186-4 §D.1.2.3), used for ECDSA
 * scalars, nonces and signature values.
 *
 * <p>Elements use the same layout as {@link P256Field}: five 52-bit limbs in Montgomery form with R
 * = 2^260, every stored value below 2n. The reduction multiplies by n' = -n^-1 mod 2^52 in each
 * round, since n has no special low limb; its two top limbs (2^36 - 1 and 2^48 - 2^16) become
 * shifts.
 *
 * <p>Constant time: no method branches on or indexes memory by element values, so private keys and
 * nonces may pass through every method here. {@link #invert} uses the constant-time divstep
 * inversion of {@link SafeGcd}.
 */
public final class P256Scalar {
    private static final long M = Limbs.M;

    /** n as plain limbs. */
    static final long[] N =
            Limbs.fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    private static final long N0 = N[0];
    private static final long N1 = N[1];
    private static final long N2 = N[2];

    /** -n^-1 mod 2^52. */
    private static final long N0_INV = 0x1c8aaee00bc4fL;

    private static final long[] TWO_N = P256Field.doubled(N);

    /** R^2 mod n. */
    private static final long[] R_SQUARED = {
        0x5cc0dea6dc3baL, 0x192a067d8a084L, 0xbec59615571bbL, 0x1fc245b2392b6L, 0xe12d9559d956L
    };

    private static final long[] PLAIN_ONE = {1, 0, 0, 0, 0};

    private static final long[] R_CUBED = fromPlain(R_SQUARED);

    private static final SafeGcd INVERTER = new SafeGcd(N);

    private P256Scalar() {}

    /** Returns a new zero element. */
    public static long[] create() {
        return new long[Limbs.COUNT];
    }

    /** Sets r = a·b mod n. */
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

        m = (t0 * N0_INV) & M;
        lo = m * N0;
        hi = Math.multiplyHigh(m, N0);
        t0 += lo & M;
        t1 += (hi << 12) | (lo >>> 52);
        lo = m * N1;
        hi = Math.multiplyHigh(m, N1);
        t1 += (lo & M) + (t0 >> 52);
        t2 += (hi << 12) | (lo >>> 52);
        lo = m * N2;
        hi = Math.multiplyHigh(m, N2);
        t2 += lo & M;
        t3 += ((hi << 12) | (lo >>> 52)) + ((m << 36) & M) - m;
        t4 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t5 += (m >>> 4) - (m >>> 36);
        m = (t1 * N0_INV) & M;
        lo = m * N0;
        hi = Math.multiplyHigh(m, N0);
        t1 += lo & M;
        t2 += (hi << 12) | (lo >>> 52);
        lo = m * N1;
        hi = Math.multiplyHigh(m, N1);
        t2 += (lo & M) + (t1 >> 52);
        t3 += (hi << 12) | (lo >>> 52);
        lo = m * N2;
        hi = Math.multiplyHigh(m, N2);
        t3 += lo & M;
        t4 += ((hi << 12) | (lo >>> 52)) + ((m << 36) & M) - m;
        t5 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t6 += (m >>> 4) - (m >>> 36);
        m = (t2 * N0_INV) & M;
        lo = m * N0;
        hi = Math.multiplyHigh(m, N0);
        t2 += lo & M;
        t3 += (hi << 12) | (lo >>> 52);
        lo = m * N1;
        hi = Math.multiplyHigh(m, N1);
        t3 += (lo & M) + (t2 >> 52);
        t4 += (hi << 12) | (lo >>> 52);
        lo = m * N2;
        hi = Math.multiplyHigh(m, N2);
        t4 += lo & M;
        t5 += ((hi << 12) | (lo >>> 52)) + ((m << 36) & M) - m;
        t6 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t7 += (m >>> 4) - (m >>> 36);
        m = (t3 * N0_INV) & M;
        lo = m * N0;
        hi = Math.multiplyHigh(m, N0);
        t3 += lo & M;
        t4 += (hi << 12) | (lo >>> 52);
        lo = m * N1;
        hi = Math.multiplyHigh(m, N1);
        t4 += (lo & M) + (t3 >> 52);
        t5 += (hi << 12) | (lo >>> 52);
        lo = m * N2;
        hi = Math.multiplyHigh(m, N2);
        t5 += lo & M;
        t6 += ((hi << 12) | (lo >>> 52)) + ((m << 36) & M) - m;
        t7 += (m >>> 16) + ((m << 48) & M) - ((m << 16) & M);
        t8 += (m >>> 4) - (m >>> 36);
        m = (t4 * N0_INV) & M;
        lo = m * N0;
        hi = Math.multiplyHigh(m, N0);
        t4 += lo & M;
        t5 += (hi << 12) | (lo >>> 52);
        lo = m * N1;
        hi = Math.multiplyHigh(m, N1);
        t5 += (lo & M) + (t4 >> 52);
        t6 += (hi << 12) | (lo >>> 52);
        lo = m * N2;
        hi = Math.multiplyHigh(m, N2);
        t6 += lo & M;
        t7 += ((hi << 12) | (lo >>> 52)) + ((m << 36) & M) - m;
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

    /** Sets r = a + b mod n. */
    public static void add(long[] r, long[] a, long[] b) {
        Limbs.addMod(r, a, b, TWO_N);
    }

    /**
     * Sets r = a^-1 mod n, or 0 for a = 0, in constant time with {@link SafeGcd}. The inverse of
     * the Montgomery value aR is (aR)^-1; one Montgomery multiplication by R^3 turns it into
     * a^-1·R.
     */
    public static void invert(long[] r, long[] a) {
        long[] canonical = create();
        Limbs.reduceOnce(canonical, a, N);
        mul(r, INVERTER.invert(canonical), R_CUBED);
    }

    /** Sets r = a^-1 mod n like {@link #invert}, in variable time: only for public values. */
    public static void invertVariableTime(long[] r, long[] a) {
        long[] canonical = create();
        Limbs.reduceOnce(canonical, a, N);
        mul(r, INVERTER.invertVariableTime(canonical), R_CUBED);
    }

    /** Converts a plain value below 2n into Montgomery form. */
    public static long[] fromPlain(long[] plain) {
        long[] r = create();
        mul(r, plain, R_SQUARED);
        return r;
    }

    /**
     * Reads 32 big-endian bytes as an integer below 2^256, reduces it mod n (one conditional
     * subtraction suffices because 2^256 &lt; 2n), and returns it in Montgomery form.
     */
    public static long[] fromBytesReduced(byte[] in, int offset) {
        long[] plain = create();
        Limbs.fromBytes(plain, in, offset);
        Limbs.reduceOnce(plain, plain, N);
        return fromPlain(plain);
    }

    /** Reads 32 big-endian bytes as an integer below 2^256 and returns it reduced mod n, plain. */
    public static long[] plainFromBytesReduced(byte[] in, int offset) {
        long[] plain = create();
        Limbs.fromBytes(plain, in, offset);
        Limbs.reduceOnce(plain, plain, N);
        return plain;
    }

    /** Sets r = a converted out of Montgomery form, canonical in 0..n-1. */
    public static void toPlain(long[] r, long[] a) {
        mul(r, a, PLAIN_ONE);
        Limbs.reduceOnce(r, r, N);
    }

    /** Writes the canonical value of a (Montgomery form) as 32 big-endian bytes. */
    public static void toBytes(long[] a, byte[] out, int offset) {
        long[] plain = create();
        toPlain(plain, a);
        Limbs.toBytes(plain, out, offset);
    }

    /** Returns -1 when a (Montgomery form) is 0 mod n, else 0. */
    public static long isZeroMask(long[] a) {
        long[] plain = create();
        toPlain(plain, a);
        return Limbs.isZeroMask(plain);
    }
}
