package io.github.nrf91emu.crypto.internal;

/**
 * Conversion of many projective or Jacobian points to affine coordinates with one field inversion
 * (Montgomery's simultaneous inversion trick: 3 multiplications per point), used to build the
 * precomputed tables. The points must not be the point at infinity. Variable time, inversion
 * included: the points are public multiples of G or of a public key.
 */
final class AffineTable {
    private AffineTable() {}

    /**
     * Writes the affine x and y (Montgomery form) of each point into {@code out} at {@code 10·i} (x
     * in limbs 0..4, y in limbs 5..9).
     */
    static void normalizeInto(ProjectivePoint[] points, long[] out) {
        int count = points.length;
        long[][] prefix = new long[count][];
        long[] running = P256Field.ONE.clone();
        for (int i = 0; i < count; i++) {
            P256Field.mul(running, running, points[i].z);
            prefix[i] = running.clone();
        }
        long[] inverse = P256Field.create();
        P256Field.invertVariableTime(inverse, running);
        long[] zInverse = P256Field.create();
        long[] coordinate = P256Field.create();
        for (int i = count - 1; i >= 0; i--) {
            if (i > 0) {
                P256Field.mul(zInverse, inverse, prefix[i - 1]);
                P256Field.mul(inverse, inverse, points[i].z);
            } else {
                System.arraycopy(inverse, 0, zInverse, 0, Limbs.COUNT);
            }
            P256Field.mul(coordinate, points[i].x, zInverse);
            System.arraycopy(coordinate, 0, out, 10 * i, Limbs.COUNT);
            P256Field.mul(coordinate, points[i].y, zInverse);
            System.arraycopy(coordinate, 0, out, 10 * i + 5, Limbs.COUNT);
        }
    }

    /**
     * Writes the affine x = X/Z² and y = Y/Z³ (Montgomery form) of each Jacobian point into {@code
     * out} at {@code 10·i}.
     */
    static void normalizeJacobianInto(JacobianPoint[] points, long[] out) {
        int count = points.length;
        long[][] prefix = new long[count][];
        long[] running = P256Field.ONE.clone();
        for (int i = 0; i < count; i++) {
            P256Field.mul(running, running, points[i].z);
            prefix[i] = running.clone();
        }
        long[] inverse = P256Field.create();
        P256Field.invertVariableTime(inverse, running);
        long[] zInverse = P256Field.create();
        long[] zInverse2 = P256Field.create();
        long[] coordinate = P256Field.create();
        for (int i = count - 1; i >= 0; i--) {
            if (i > 0) {
                P256Field.mul(zInverse, inverse, prefix[i - 1]);
                P256Field.mul(inverse, inverse, points[i].z);
            } else {
                System.arraycopy(inverse, 0, zInverse, 0, Limbs.COUNT);
            }
            P256Field.sqr(zInverse2, zInverse);
            P256Field.mul(coordinate, points[i].x, zInverse2);
            System.arraycopy(coordinate, 0, out, 10 * i, Limbs.COUNT);
            P256Field.mul(zInverse2, zInverse2, zInverse);
            P256Field.mul(coordinate, points[i].y, zInverse2);
            System.arraycopy(coordinate, 0, out, 10 * i + 5, Limbs.COUNT);
        }
    }
}
