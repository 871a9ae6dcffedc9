package io.github.nrf91emu.crypto.internal;

/**
 * Constant-time modular inversion for an odd 256-bit modulus by the divstep method of Bernstein and
 * Yang, "Fast constant-time gcd computation and modular inversion" (TCHES 2019, §8 and §11).
 *
 * <p>Starting from (f, g) = (M, x) and δ = 1, each divstep maps (δ, f, g) to (1 - δ, g, (g - f)/2)
 * when δ &gt; 0 and g is odd, and to (1 + δ, f, (g + (g mod 2)·f)/2) otherwise. After 741 divsteps,
 * the paper's bound for 256-bit inputs (Theorem 11.2), g = 0 and f = ±gcd(M, x) = ±1. The steps run
 * in batches of 30. Each batch works out a 2×2 transition matrix from the low bits alone. It then
 * applies the matrix to f and g and to the trackers d and e, which keep d·x ≡ f and e·x ≡ g (mod
 * M). The matrix entries stay below 2^30 in magnitude, so every product fits in a {@code long} with
 * 30-bit limbs. Division by 2^30 mod M adds the multiple of M that clears the low bits, as in
 * Montgomery reduction.
 *
 * <p>Constant time: {@link #invert(long[])} always runs 25 batches of 30 divsteps, the divsteps use
 * masks instead of branches, and no memory address depends on x. {@link #invertVariableTime} stops
 * once g is 0 and serves public values only. Instances are immutable and shared.
 */
final class SafeGcd {
    private static final int LIMB_BITS = 30;
    private static final long LIMB_MASK = (1L << LIMB_BITS) - 1;
    private static final int LIMBS = 9;
    private static final int BATCHES = 25;

    private final long[] modulus;
    private final long modulusInverse;

    /** Prepares inversion modulo an odd modulus below 2^256, given as 52-bit limbs. */
    SafeGcd(long[] modulus52) {
        this.modulus = to30(modulus52);
        long inverse = 1;
        for (int i = 0; i < 5; i++) {
            // Newton iteration for M^-1 mod 2^30: each step doubles the number of correct bits.
            inverse = inverse * (2 - modulus[0] * inverse);
        }
        this.modulusInverse = inverse & LIMB_MASK;
    }

    /**
     * Returns x^-1 mod M as 52-bit limbs, or 0 for x = 0. The input is a canonical value below M in
     * 52-bit limbs.
     */
    long[] invert(long[] x52) {
        return invert(x52, false);
    }

    /**
     * Returns x^-1 mod M like {@link #invert(long[])}, but stops as soon as g reaches 0, which
     * takes about two thirds of the batches for random inputs. Variable time: only for public x.
     */
    long[] invertVariableTime(long[] x52) {
        return invert(x52, true);
    }

    private long[] invert(long[] x52, boolean stopEarly) {
        long[] f = modulus.clone();
        long[] g = to30(x52);
        long[] d = new long[LIMBS];
        long[] e = new long[LIMBS];
        e[0] = 1;
        long delta = 1;
        long[] matrix = new long[4];
        for (int batch = 0; batch < BATCHES; batch++) {
            delta = divsteps(delta, f[0] | (f[1] << LIMB_BITS), g[0] | (g[1] << LIMB_BITS), matrix);
            applyToFg(matrix, f, g);
            applyToDe(matrix, d, e);
            // Once g is 0, further divsteps leave f and d unchanged.
            if (stopEarly && isZero(g) != 0) {
                break;
            }
        }
        long[] result = normalize(d, f[LIMBS - 1] >> 63);
        long nonZero = ~Limbs.isZeroMask(x52);
        for (int i = 0; i < LIMBS; i++) {
            result[i] &= nonZero;
        }
        return from30(result);
    }

    /**
     * Runs 30 divsteps on the low bits of f and g, writes the transition matrix (u, v, q, r) such
     * that 2^30·(f', g') = (u·f + v·g, q·f + r·g), and returns the new δ.
     */
    private static long divsteps(long delta, long fLow, long gLow, long[] matrix) {
        long u = 1;
        long v = 0;
        long q = 0;
        long r = 1;
        long f = fLow;
        long g = gLow;
        for (int i = 0; i < LIMB_BITS; i++) {
            long gOdd = -(g & 1);
            long swap = gOdd & ((-delta) >> 63);
            delta = (delta ^ swap) - swap;
            long t = (f ^ g) & swap;
            f ^= t;
            g ^= t;
            g = (g ^ swap) - swap;
            t = (u ^ q) & swap;
            u ^= t;
            q ^= t;
            q = (q ^ swap) - swap;
            t = (v ^ r) & swap;
            v ^= t;
            r ^= t;
            r = (r ^ swap) - swap;

            g += f & gOdd;
            q += u & gOdd;
            r += v & gOdd;
            g >>= 1;
            u <<= 1;
            v <<= 1;
            delta++;
        }
        matrix[0] = u;
        matrix[1] = v;
        matrix[2] = q;
        matrix[3] = r;
        return delta;
    }

    /** Sets (f, g) = (u·f + v·g, q·f + r·g) / 2^30; the divisions are exact. */
    private static void applyToFg(long[] matrix, long[] f, long[] g) {
        long u = matrix[0];
        long v = matrix[1];
        long q = matrix[2];
        long r = matrix[3];
        long cf = u * f[0] + v * g[0];
        long cg = q * f[0] + r * g[0];
        cf >>= LIMB_BITS;
        cg >>= LIMB_BITS;
        for (int i = 1; i < LIMBS; i++) {
            cf += u * f[i] + v * g[i];
            cg += q * f[i] + r * g[i];
            f[i - 1] = cf & LIMB_MASK;
            g[i - 1] = cg & LIMB_MASK;
            cf >>= LIMB_BITS;
            cg >>= LIMB_BITS;
        }
        f[LIMBS - 1] = cf;
        g[LIMBS - 1] = cg;
    }

    /**
     * Sets (d, e) = (u·d + v·e, q·d + r·e) / 2^30 mod M, adding the multiple of M that makes each
     * sum divisible by 2^30. The magnitude grows by at most M per batch.
     */
    private void applyToDe(long[] matrix, long[] d, long[] e) {
        long u = matrix[0];
        long v = matrix[1];
        long q = matrix[2];
        long r = matrix[3];
        long cd = u * d[0] + v * e[0];
        long ce = q * d[0] + r * e[0];
        long md = (-cd * modulusInverse) & LIMB_MASK;
        long me = (-ce * modulusInverse) & LIMB_MASK;
        cd += md * modulus[0];
        ce += me * modulus[0];
        cd >>= LIMB_BITS;
        ce >>= LIMB_BITS;
        for (int i = 1; i < LIMBS; i++) {
            cd += u * d[i] + v * e[i] + md * modulus[i];
            ce += q * d[i] + r * e[i] + me * modulus[i];
            d[i - 1] = cd & LIMB_MASK;
            e[i - 1] = ce & LIMB_MASK;
            cd >>= LIMB_BITS;
            ce >>= LIMB_BITS;
        }
        d[LIMBS - 1] = cd;
        e[LIMBS - 1] = ce;
    }

    /**
     * Returns d mod M in 0..M-1, negated when {@code negate} is -1 (f ended as -1). d lies in
     * (-26M, 26M): adding 32M makes it positive, then conditional subtractions of 32M down to M
     * bring it below M.
     */
    private long[] normalize(long[] d, long negate) {
        long[] value = d.clone();
        addShifted(value, modulus, 5, -1);
        for (int shift = 5; shift >= 0; shift--) {
            long[] candidate = value.clone();
            addShifted(candidate, modulus, shift, 1);
            long keep = candidate[LIMBS - 1] >> 63;
            for (int i = 0; i < LIMBS; i++) {
                value[i] = (value[i] & keep) | (candidate[i] & ~keep);
            }
        }
        long[] negated = modulus.clone();
        subtract(negated, value);
        long zero = isZero(value);
        long useNegated = negate & ~zero;
        for (int i = 0; i < LIMBS; i++) {
            value[i] = (value[i] & ~useNegated) | (negated[i] & useNegated);
        }
        return value;
    }

    /** Sets a = a + M·2^shift (sign -1) or a - M·2^shift (sign 1), normalizing the limbs. */
    private static void addShifted(long[] a, long[] m, int shift, int sign) {
        long carry = 0;
        for (int i = 0; i < LIMBS; i++) {
            long shifted = (m[i] << shift) & LIMB_MASK;
            long high = i > 0 ? m[i - 1] >>> (LIMB_BITS - shift) : 0;
            long term = shift == 0 ? m[i] : shifted | high;
            long sum = sign < 0 ? a[i] + term + carry : a[i] - term + carry;
            if (i < LIMBS - 1) {
                a[i] = sum & LIMB_MASK;
                carry = sum >> LIMB_BITS;
            } else {
                a[i] = sum;
            }
        }
    }

    private static void subtract(long[] a, long[] b) {
        long carry = 0;
        for (int i = 0; i < LIMBS; i++) {
            long sum = a[i] - b[i] + carry;
            if (i < LIMBS - 1) {
                a[i] = sum & LIMB_MASK;
                carry = sum >> LIMB_BITS;
            } else {
                a[i] = sum;
            }
        }
    }

    private static long isZero(long[] a) {
        long bits = 0;
        for (long limb : a) {
            bits |= limb;
        }
        return ~((bits | -bits) >> 63);
    }

    /** Converts five 52-bit limbs to nine 30-bit limbs. */
    static long[] to30(long[] a52) {
        long[] out = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            int bit = i * LIMB_BITS;
            int limb = bit / 52;
            int offset = bit % 52;
            long value = a52[limb] >>> offset;
            if (offset + LIMB_BITS > 52 && limb + 1 < 5) {
                value |= a52[limb + 1] << (52 - offset);
            }
            out[i] = value & LIMB_MASK;
        }
        return out;
    }

    /** Converts nine non-negative 30-bit limbs of a value below 2^260 to five 52-bit limbs. */
    static long[] from30(long[] a30) {
        long[] out = new long[5];
        for (int i = 0; i < 5; i++) {
            int bit = i * 52;
            int limb = bit / LIMB_BITS;
            int offset = bit % LIMB_BITS;
            long value = a30[limb] >>> offset;
            int filled = LIMB_BITS - offset;
            for (int next = limb + 1; filled < 52 && next < LIMBS; next++) {
                value |= a30[next] << filled;
                filled += LIMB_BITS;
            }
            out[i] = value & Limbs.M;
        }
        return out;
    }
}
