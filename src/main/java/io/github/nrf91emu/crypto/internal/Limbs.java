package io.github.nrf91emu.crypto.internal;

/**
 * Helpers on 256-bit values held as five 52-bit limbs, least significant first ({@code long[5]},
 * value = Σ limb[i]·2^(52·i)). The field and scalar classes build on them.
 *
 * <p>Constant time: no method except {@link #lessThan}, which is variable time and used on public
 * values only, branches on or indexes memory by limb values. Masks are 0 or -1 (all bits set).
 */
final class Limbs {
    static final int COUNT = 5;
    static final long M = (1L << 52) - 1;

    private Limbs() {}

    /** Reads a 32-byte big-endian unsigned integer from {@code in[offset..offset+31]}. */
    static void fromBytes(long[] r, byte[] in, int offset) {
        long w3 = word(in, offset);
        long w2 = word(in, offset + 8);
        long w1 = word(in, offset + 16);
        long w0 = word(in, offset + 24);
        r[0] = w0 & M;
        r[1] = ((w0 >>> 52) | (w1 << 12)) & M;
        r[2] = ((w1 >>> 40) | (w2 << 24)) & M;
        r[3] = ((w2 >>> 28) | (w3 << 36)) & M;
        r[4] = w3 >>> 16;
    }

    /** Writes a normalized value below 2^256 as 32 big-endian bytes into {@code out}. */
    static void toBytes(long[] a, byte[] out, int offset) {
        long w0 = a[0] | (a[1] << 52);
        long w1 = (a[1] >>> 12) | (a[2] << 40);
        long w2 = (a[2] >>> 24) | (a[3] << 28);
        long w3 = (a[3] >>> 36) | (a[4] << 16);
        putWord(out, offset, w3);
        putWord(out, offset + 8, w2);
        putWord(out, offset + 16, w1);
        putWord(out, offset + 24, w0);
    }

    /**
     * Sets r = a + b reduced below 2m, for a and b below 2m, where {@code twoModulus} is 2m and 4m
     * < 2^260.
     */
    static void addMod(long[] r, long[] a, long[] b, long[] twoModulus) {
        long s0 = a[0] + b[0];
        long s1 = a[1] + b[1] + (s0 >> 52);
        long s2 = a[2] + b[2] + (s1 >> 52);
        long s3 = a[3] + b[3] + (s2 >> 52);
        long s4 = a[4] + b[4] + (s3 >> 52);
        subtractIfNotNegative(r, s0 & M, s1 & M, s2 & M, s3 & M, s4, twoModulus);
    }

    /** Sets r = a + b without reduction, for a sum below 2^260. */
    static void addPlain(long[] r, long[] a, long[] b) {
        long carry = 0;
        for (int i = 0; i < COUNT - 1; i++) {
            long sum = a[i] + b[i] + carry;
            r[i] = sum & M;
            carry = sum >>> 52;
        }
        r[COUNT - 1] = a[COUNT - 1] + b[COUNT - 1] + carry;
    }

    /** Sets r = a - m when that is not negative, else r = a; the result is canonical for a < 2m. */
    static void reduceOnce(long[] r, long[] a, long[] modulus) {
        subtractIfNotNegative(r, a[0], a[1], a[2], a[3], a[4], modulus);
    }

    /** Sets r = s - c when s ≥ c, else r = s, without a branch; s has normalized low limbs. */
    private static void subtractIfNotNegative(
            long[] r, long s0, long s1, long s2, long s3, long s4, long[] c) {
        long d0 = s0 - c[0];
        long d1 = s1 - c[1] + (d0 >> 52);
        long d2 = s2 - c[2] + (d1 >> 52);
        long d3 = s3 - c[3] + (d2 >> 52);
        long d4 = s4 - c[4] + (d3 >> 52);
        long keep = d4 >> 63; // -1 when s < c
        r[0] = (s0 & keep) | (d0 & M & ~keep);
        r[1] = (s1 & keep) | (d1 & M & ~keep);
        r[2] = (s2 & keep) | (d2 & M & ~keep);
        r[3] = (s3 & keep) | (d3 & M & ~keep);
        r[4] = (s4 & keep) | (d4 & ~keep);
    }

    /** Sets r = b where mask is -1 and r = a where mask is 0. */
    static void select(long[] r, long[] a, long[] b, long mask) {
        for (int i = 0; i < COUNT; i++) {
            r[i] = a[i] ^ (mask & (a[i] ^ b[i]));
        }
    }

    /** Returns -1 when every limb of a (normalized, canonical) is zero, else 0. */
    static long isZeroMask(long[] a) {
        long bits = a[0] | a[1] | a[2] | a[3] | a[4];
        return ~((bits | -bits) >> 63);
    }

    /** Tells whether the normalized value a is below the normalized value b. Variable time. */
    static boolean lessThan(long[] a, long[] b) {
        for (int i = COUNT - 1; i >= 0; i--) {
            if (a[i] != b[i]) {
                return a[i] < b[i];
            }
        }
        return false;
    }

    /** Returns the limbs of a 64-hex-digit big-endian constant. */
    static long[] fromHex(String hex) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        long[] r = new long[COUNT];
        fromBytes(r, bytes, 0);
        return r;
    }

    private static long word(byte[] in, int offset) {
        long w = 0;
        for (int i = 0; i < 8; i++) {
            w = (w << 8) | (in[offset + i] & 0xFF);
        }
        return w;
    }

    private static void putWord(byte[] out, int offset, long w) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) w;
            w >>>= 8;
        }
    }
}
