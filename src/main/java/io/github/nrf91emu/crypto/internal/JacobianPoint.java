package io.github.nrf91emu.crypto.internal;

import static io.github.nrf91emu.crypto.internal.P256Field.add;
import static io.github.nrf91emu.crypto.internal.P256Field.mul;
import static io.github.nrf91emu.crypto.internal.P256Field.sqr;
import static io.github.nrf91emu.crypto.internal.P256Field.sub;

/**
 * A P-256 point in Jacobian coordinates (X : Y : Z), affine (X/Z², Y/Z³), with Z = 0 for the point
 * at infinity, and the formulas of the Explicit-Formulas Database for a = -3: dbl-2001-b (3M + 5S),
 * add-2007-bl (11M + 5S) and madd-2007-bl (7M + 4S).
 *
 * <p>Variable time, except {@link #addAffineUnchecked}, {@link #select}, {@link #set}, {@link
 * #setInfinity}, {@link #affineXBytes} and {@link #toAffineBytes}: the other methods branch on the
 * point at infinity and on equal inputs, so they serve only signature verification, whose inputs
 * are public.
 */
final class JacobianPoint {
    final long[] x = P256Field.create();
    final long[] y = P256Field.create();
    final long[] z = P256Field.create();

    private final long[] t0 = P256Field.create();
    private final long[] t1 = P256Field.create();
    private final long[] t2 = P256Field.create();
    private final long[] t3 = P256Field.create();
    private final long[] t4 = P256Field.create();
    private final long[] t5 = P256Field.create();
    private final long[] t6 = P256Field.create();

    boolean isInfinity() {
        return P256Field.isZeroMask(z) != 0;
    }

    void setInfinity() {
        java.util.Arrays.fill(x, 0);
        System.arraycopy(P256Field.ONE, 0, y, 0, Limbs.COUNT);
        java.util.Arrays.fill(z, 0);
    }

    void set(JacobianPoint other) {
        System.arraycopy(other.x, 0, x, 0, Limbs.COUNT);
        System.arraycopy(other.y, 0, y, 0, Limbs.COUNT);
        System.arraycopy(other.z, 0, z, 0, Limbs.COUNT);
    }

    void setAffine(long[] ax, long[] ay) {
        System.arraycopy(ax, 0, x, 0, Limbs.COUNT);
        System.arraycopy(ay, 0, y, 0, Limbs.COUNT);
        System.arraycopy(P256Field.ONE, 0, z, 0, Limbs.COUNT);
    }

    /** Doubles this point in place (dbl-2001-b). The point at infinity stays there (Z = 0). */
    void twice() {
        long[] delta = t0;
        long[] gamma = t1;
        long[] beta = t2;
        long[] alpha = t3;
        sqr(delta, z);
        sqr(gamma, y);
        mul(beta, x, gamma);
        sub(t4, x, delta);
        add(t5, x, delta);
        mul(alpha, t4, t5);
        P256Field.mulSmall(alpha, alpha, 3);
        // Z3 = (Y + Z)² - gamma - delta, computed before Y and Z are overwritten.
        add(t4, y, z);
        sqr(t4, t4);
        sub(t4, t4, gamma);
        sub(z, t4, delta);
        // X3 = alpha² - 8·beta
        P256Field.mulSmall(beta, beta, 4);
        sqr(x, alpha);
        sub(x, x, beta);
        sub(x, x, beta);
        // Y3 = alpha·(4·beta - X3) - 8·gamma²
        sub(t4, beta, x);
        mul(t4, alpha, t4);
        sqr(gamma, gamma);
        P256Field.mulSmall(gamma, gamma, 8);
        sub(y, t4, gamma);
    }

    /**
     * Adds an affine point (Montgomery form, not infinity) in place (madd-2007-bl), handling the
     * point at infinity and equal or opposite points with branches.
     */
    void addAffine(long[] ax, long[] ay) {
        if (isInfinity()) {
            setAffine(ax, ay);
            return;
        }
        startAddAffine(ax, ay);
        if (P256Field.isZeroMask(t3) != 0) {
            if (P256Field.isZeroMask(t4) != 0) {
                twice();
            } else {
                setInfinity();
            }
            return;
        }
        finishAddAffine();
    }

    /**
     * Adds an affine point in place with madd-2007-bl as straight-line code. It has no branch, so
     * it runs in constant time. The result is wrong when this point is the point at infinity or
     * equals ±(ax, ay), so callers rule those cases out or replace the result with a mask.
     */
    void addAffineUnchecked(long[] ax, long[] ay) {
        startAddAffine(ax, ay);
        finishAddAffine();
    }

    /** Sets t0 = Z1², t1 = U2 = ax·Z1², t2 = S2 = ay·Z1³, t3 = H = U2 - X1 and t4 = S2 - Y1. */
    private void startAddAffine(long[] ax, long[] ay) {
        sqr(t0, z);
        mul(t1, ax, t0);
        mul(t2, ay, z);
        mul(t2, t2, t0);
        sub(t3, t1, x);
        sub(t4, t2, y);
    }

    /** Completes madd-2007-bl from the values that {@link #startAddAffine} left. */
    private void finishAddAffine() {
        long[] z1z1 = t0;
        long[] h = t3;
        long[] r = t4;
        add(r, r, r);
        long[] hh = t5;
        long[] i = t6;
        sqr(hh, h);
        P256Field.mulSmall(i, hh, 4);
        long[] j = t1;
        mul(j, h, i);
        long[] v = t2;
        mul(v, x, i);
        // Z3 = (Z1 + H)² - Z1Z1 - HH
        add(z, z, h);
        sqr(z, z);
        sub(z, z, z1z1);
        sub(z, z, hh);
        // X3 = r² - J - 2V
        sqr(x, r);
        sub(x, x, j);
        sub(x, x, v);
        sub(x, x, v);
        // Y3 = r·(V - X3) - 2·Y1·J
        mul(j, y, j);
        add(j, j, j);
        sub(v, v, x);
        mul(v, r, v);
        sub(y, v, j);
    }

    /** Sets this point to {@code other} where mask is -1 and leaves it where mask is 0. */
    void select(JacobianPoint other, long mask) {
        Limbs.select(x, x, other.x, mask);
        Limbs.select(y, y, other.y, mask);
        Limbs.select(z, z, other.z, mask);
    }

    /**
     * Writes the affine x = X/Z² as 32 big-endian bytes, for ECDSA's r; constant time. The point
     * must not be the point at infinity (the output is then 0).
     */
    void affineXBytes(byte[] out) {
        long[] zInverse = P256Field.create();
        P256Field.invert(zInverse, z);
        sqr(zInverse, zInverse);
        long[] ax = P256Field.create();
        mul(ax, x, zInverse);
        P256Field.toBytes(ax, out, 0);
    }

    /**
     * Writes the affine coordinates x‖y as 64 big-endian bytes, or returns false for the point at
     * infinity. Constant time up to that final result.
     */
    boolean toAffineBytes(byte[] out) {
        long[] zInverse = P256Field.create();
        P256Field.invert(zInverse, z);
        long[] zInverse2 = P256Field.create();
        sqr(zInverse2, zInverse);
        long[] coordinate = P256Field.create();
        mul(coordinate, x, zInverse2);
        P256Field.toBytes(coordinate, out, 0);
        mul(zInverse2, zInverse2, zInverse);
        mul(coordinate, y, zInverse2);
        P256Field.toBytes(coordinate, out, 32);
        return P256Field.isZeroMask(z) == 0;
    }

    /** Adds another Jacobian point in place (add-2007-bl). {@code other} is not changed. */
    void addPoint(JacobianPoint other) {
        if (other.isInfinity()) {
            return;
        }
        if (isInfinity()) {
            set(other);
            return;
        }
        long[] z1z1 = t0;
        long[] z2z2 = t1;
        long[] u1 = t2;
        long[] u2 = t3;
        long[] s1 = t4;
        long[] s2 = t5;
        sqr(z1z1, z);
        sqr(z2z2, other.z);
        mul(u1, x, z2z2);
        mul(u2, other.x, z1z1);
        mul(s1, y, other.z);
        mul(s1, s1, z2z2);
        mul(s2, other.y, z);
        mul(s2, s2, z1z1);
        long[] h = u2;
        sub(h, u2, u1);
        long[] r = s2;
        sub(r, s2, s1);
        if (P256Field.isZeroMask(h) != 0) {
            if (P256Field.isZeroMask(r) != 0) {
                twice();
            } else {
                setInfinity();
            }
            return;
        }
        add(r, r, r);
        // Z3 = ((Z1 + Z2)² - Z1Z1 - Z2Z2)·H, before Z1 is needed no more.
        add(z, z, other.z);
        sqr(z, z);
        sub(z, z, z1z1);
        sub(z, z, z2z2);
        mul(z, z, h);
        long[] i = t6;
        add(i, h, h);
        sqr(i, i);
        long[] j = t0;
        mul(j, h, i);
        long[] v = t1;
        mul(v, u1, i);
        // X3 = r² - J - 2V
        sqr(x, r);
        sub(x, x, j);
        sub(x, x, v);
        sub(x, x, v);
        // Y3 = r·(V - X3) - 2·S1·J
        mul(s1, s1, j);
        add(s1, s1, s1);
        sub(v, v, x);
        mul(v, r, v);
        sub(y, v, s1);
    }

    /** Negates this point in place. */
    void negate() {
        P256Field.neg(y, y);
    }
}
