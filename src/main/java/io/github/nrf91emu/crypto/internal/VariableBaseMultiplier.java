package io.github.nrf91emu.crypto.internal;

/**
 * Constant-time k·P for an arbitrary point P, for key agreement style uses and tests; signing uses
 * {@link BaseMultiplier} instead.
 *
 * <p>The scalar is recoded into 52 signed 5-bit digits in -16..16; a table of 0·P..16·P is built
 * per call. Each window does five doublings, reads all 17 table entries and keeps the wanted one
 * with a mask, negates with a mask, and adds with the complete formulas, so adding 0·P (the point
 * at infinity) needs no special case. No branch or memory address depends on the scalar.
 */
final class VariableBaseMultiplier {
    private static final int WINDOW_BITS = 5;
    private static final int WINDOWS = 52;
    private static final int ENTRIES = 17;

    private VariableBaseMultiplier() {}

    /** Computes k·(x, y) for an on-curve affine point (Montgomery form) and a scalar below n. */
    static void multiply(ProjectivePoint result, byte[] scalar, long[] x, long[] y) {
        CompleteFormulas formulas = new CompleteFormulas();
        ProjectivePoint[] table = new ProjectivePoint[ENTRIES];
        table[0] = ProjectivePoint.infinity();
        table[1] = ProjectivePoint.fromAffine(x, y);
        for (int j = 2; j < ENTRIES; j++) {
            table[j] = new ProjectivePoint();
            formulas.addPoint(table[j], table[j - 1], table[1]);
        }

        int[] digits = recode(scalar);
        ProjectivePoint chosen = new ProjectivePoint();
        long[] negY = P256Field.create();
        result.set(ProjectivePoint.infinity());
        for (int window = WINDOWS - 1; window >= 0; window--) {
            for (int i = 0; i < WINDOW_BITS; i++) {
                formulas.dbl(result, result);
            }
            int digit = digits[window];
            int sign = digit >>> 31;
            int magnitude = (digit ^ -sign) + sign;
            chosen.set(table[0]);
            for (int j = 1; j < ENTRIES; j++) {
                chosen.select(table[j], (((long) (j ^ magnitude)) - 1) >> 63);
            }
            P256Field.neg(negY, chosen.y);
            P256Field.select(chosen.y, chosen.y, negY, -(long) sign);
            formulas.addPoint(result, result, chosen);
        }
    }

    private static int[] recode(byte[] scalar) {
        int[] digits = new int[WINDOWS];
        int carry = 0;
        for (int window = 0; window < WINDOWS; window++) {
            int value = BaseMultiplier.bits(scalar, window * WINDOW_BITS, WINDOW_BITS) + carry;
            carry = (16 - value) >>> 31;
            digits[window] = value - (carry << WINDOW_BITS);
        }
        return digits;
    }
}
