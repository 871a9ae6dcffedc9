package io.github.nrf91emu.crypto.internal;

import java.math.BigInteger;
import java.util.Arrays;

/** Conversions between BigInteger and 52-bit limbs, and failure texts, for the arithmetic tests. */
final class LimbTestSupport {
    /** The largest value of a normalized limb, 2^52 - 1. */
    static final long LIMB_MAX = (1L << 52) - 1;

    private LimbTestSupport() {}

    /** Returns the limbs of a value below 2^260, limbs 0..3 normalized. */
    static long[] limbs(BigInteger value) {
        long[] r = new long[5];
        for (int i = 0; i < 5; i++) {
            r[i] = value.shiftRight(52 * i).longValue() & LIMB_MAX;
        }
        return r;
    }

    /** Returns Σ limb[i]·2^(52·i), with each limb read as a signed long. */
    static BigInteger value(long[] limbs) {
        BigInteger v = BigInteger.ZERO;
        for (int i = limbs.length - 1; i >= 0; i--) {
            v = v.shiftLeft(52).add(BigInteger.valueOf(limbs[i]));
        }
        return v;
    }

    static boolean isNormalized(long[] limbs) {
        for (int i = 0; i < 4; i++) {
            if (limbs[i] < 0 || limbs[i] > LIMB_MAX) {
                return false;
            }
        }
        return limbs[4] >= 0;
    }

    /** Returns an output array with every bit set, so that a limb left unwritten is caught. */
    static long[] allOnesOutput() {
        long[] r = new long[5];
        Arrays.fill(r, -1L);
        return r;
    }

    static byte[] bytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    static String describe(long[] limbs) {
        StringBuilder text = new StringBuilder("limbs [");
        for (int i = 0; i < limbs.length; i++) {
            text.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(limbs[i]));
        }
        return text.append("]").toString();
    }

    static String hex(BigInteger value) {
        return "0x" + value.toString(16);
    }
}
