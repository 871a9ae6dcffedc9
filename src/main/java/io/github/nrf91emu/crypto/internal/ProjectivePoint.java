package io.github.nrf91emu.crypto.internal;

/**
 * A P-256 point in homogeneous projective coordinates (X : Y : Z), each a {@link P256Field}
 * element; the affine point is (X/Z, Y/Z) and the point at infinity is (0 : 1 : 0). Mutable, so
 * that scalar multiplication can reuse its points.
 *
 * <p>Constant time: {@link #select}, {@link #isInfinityMask} and {@link #toAffineBytes} (up to its
 * boolean result) have no branch or memory index that depends on the coordinates.
 */
final class ProjectivePoint {
    final long[] x = P256Field.create();
    final long[] y = P256Field.create();
    final long[] z = P256Field.create();

    /** Returns a new point at infinity. */
    static ProjectivePoint infinity() {
        ProjectivePoint p = new ProjectivePoint();
        System.arraycopy(P256Field.ONE, 0, p.y, 0, Limbs.COUNT);
        return p;
    }

    /** Returns the point (x : y : 1) for affine coordinates in Montgomery form. */
    static ProjectivePoint fromAffine(long[] x, long[] y) {
        ProjectivePoint p = new ProjectivePoint();
        System.arraycopy(x, 0, p.x, 0, Limbs.COUNT);
        System.arraycopy(y, 0, p.y, 0, Limbs.COUNT);
        System.arraycopy(P256Field.ONE, 0, p.z, 0, Limbs.COUNT);
        return p;
    }

    void set(ProjectivePoint other) {
        System.arraycopy(other.x, 0, x, 0, Limbs.COUNT);
        System.arraycopy(other.y, 0, y, 0, Limbs.COUNT);
        System.arraycopy(other.z, 0, z, 0, Limbs.COUNT);
    }

    /** Sets this point to {@code other} where mask is -1 and leaves it where mask is 0. */
    void select(ProjectivePoint other, long mask) {
        Limbs.select(x, x, other.x, mask);
        Limbs.select(y, y, other.y, mask);
        Limbs.select(z, z, other.z, mask);
    }

    /** Returns -1 when this is the point at infinity (Z = 0), else 0. Constant time. */
    long isInfinityMask() {
        return P256Field.isZeroMask(z);
    }

    /**
     * Writes the affine coordinates x‖y as 64 big-endian bytes, or returns false for the point at
     * infinity. Constant time up to that final result: Z is inverted with {@link SafeGcd}.
     */
    boolean toAffineBytes(byte[] out) {
        long[] zInverse = P256Field.create();
        P256Field.invert(zInverse, z);
        long[] ax = P256Field.create();
        long[] ay = P256Field.create();
        P256Field.mul(ax, x, zInverse);
        P256Field.mul(ay, y, zInverse);
        P256Field.toBytes(ax, out, 0);
        P256Field.toBytes(ay, out, 32);
        return isInfinityMask() == 0;
    }
}
