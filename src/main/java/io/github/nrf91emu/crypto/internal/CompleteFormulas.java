package io.github.nrf91emu.crypto.internal;

import static io.github.nrf91emu.crypto.internal.P256Field.add;
import static io.github.nrf91emu.crypto.internal.P256Field.mul;
import static io.github.nrf91emu.crypto.internal.P256Field.sub;

/**
 * Complete point addition and doubling on P-256 in projective coordinates, from Renes, Costello and
 * Batina, "Complete addition formulas for prime order elliptic curves" (EUROCRYPT 2016), Algorithms
 * 4, 5 and 6 for a = -3.
 *
 * <p>The formulas are complete: they give the right result for every pair of inputs, the point at
 * infinity and equal points included, so they have no branch at all and serve the constant-time
 * signing path. An instance owns its temporaries, so it is not thread-safe.
 */
final class CompleteFormulas {
    private final long[] t0 = P256Field.create();
    private final long[] t1 = P256Field.create();
    private final long[] t2 = P256Field.create();
    private final long[] t3 = P256Field.create();
    private final long[] t4 = P256Field.create();
    private final long[] x3 = P256Field.create();
    private final long[] y3 = P256Field.create();
    private final long[] z3 = P256Field.create();

    /** Sets r = p + q (Algorithm 4, 12M + 2m_b + 29a). r may be p or q. */
    void addPoint(ProjectivePoint r, ProjectivePoint p, ProjectivePoint q) {
        mul(t0, p.x, q.x);
        mul(t1, p.y, q.y);
        mul(t2, p.z, q.z);
        P256Field.add(t3, p.x, p.y);
        P256Field.add(t4, q.x, q.y);
        mul(t3, t3, t4);
        P256Field.add(t4, t0, t1);
        sub(t3, t3, t4);
        P256Field.add(t4, p.y, p.z);
        P256Field.add(x3, q.y, q.z);
        mul(t4, t4, x3);
        P256Field.add(x3, t1, t2);
        sub(t4, t4, x3);
        P256Field.add(x3, p.x, p.z);
        P256Field.add(y3, q.x, q.z);
        mul(x3, x3, y3);
        P256Field.add(y3, t0, t2);
        sub(y3, x3, y3);
        finish(r);
    }

    /**
     * Sets r = p + (x, y) for an affine point (Algorithm 5, 11M + 2m_b + 23a). The affine point
     * must not be the point at infinity; p may be. r may be p.
     */
    void addAffine(ProjectivePoint r, ProjectivePoint p, long[] x, long[] y) {
        mul(t0, p.x, x);
        mul(t1, p.y, y);
        P256Field.add(t3, x, y);
        P256Field.add(t4, p.x, p.y);
        mul(t3, t3, t4);
        P256Field.add(t4, t0, t1);
        sub(t3, t3, t4);
        mul(t4, y, p.z);
        P256Field.add(t4, t4, p.y);
        mul(y3, x, p.z);
        P256Field.add(y3, y3, p.x);
        // Z1·Z2 = Z1 because Z2 = 1.
        System.arraycopy(p.z, 0, t2, 0, Limbs.COUNT);
        finish(r);
    }

    /**
     * Completes Algorithms 4 and 5 from their shared second half. On entry t0 = X1X2, t1 = Y1Y2, t2
     * = Z1Z2, t3 = X1Y2 + X2Y1, t4 = Y1Z2 + Y2Z1 and y3 = X1Z2 + X2Z1.
     */
    private void finish(ProjectivePoint r) {
        mul(z3, P256Field.B, t2);
        sub(x3, y3, z3);
        add(z3, x3, x3);
        add(x3, x3, z3);
        sub(z3, t1, x3);
        add(x3, t1, x3);
        mul(y3, P256Field.B, y3);
        add(t1, t2, t2);
        add(t2, t1, t2);
        sub(y3, y3, t2);
        sub(y3, y3, t0);
        add(t1, y3, y3);
        add(y3, t1, y3);
        add(t1, t0, t0);
        add(t0, t1, t0);
        sub(t0, t0, t2);
        mul(t1, t4, y3);
        mul(t2, t0, y3);
        mul(y3, x3, z3);
        add(y3, y3, t2);
        mul(x3, t3, x3);
        sub(x3, x3, t1);
        mul(z3, t4, z3);
        mul(t1, t3, t0);
        add(z3, z3, t1);
        copyOut(r);
    }

    /** Sets r = 2p (Algorithm 6, 8M + 3S + 2m_b + 21a). r may be p. */
    void dbl(ProjectivePoint r, ProjectivePoint p) {
        P256Field.sqr(t0, p.x);
        P256Field.sqr(t1, p.y);
        P256Field.sqr(t2, p.z);
        mul(t3, p.x, p.y);
        add(t3, t3, t3);
        mul(z3, p.x, p.z);
        add(z3, z3, z3);
        mul(y3, P256Field.B, t2);
        sub(y3, y3, z3);
        add(x3, y3, y3);
        add(y3, x3, y3);
        sub(x3, t1, y3);
        add(y3, t1, y3);
        mul(y3, x3, y3);
        mul(x3, x3, t3);
        add(t3, t2, t2);
        add(t2, t2, t3);
        mul(z3, P256Field.B, z3);
        sub(z3, z3, t2);
        sub(z3, z3, t0);
        add(t3, z3, z3);
        add(z3, z3, t3);
        add(t3, t0, t0);
        add(t0, t3, t0);
        sub(t0, t0, t2);
        mul(t0, t0, z3);
        add(y3, y3, t0);
        mul(t0, p.y, p.z);
        add(t0, t0, t0);
        mul(z3, t0, z3);
        sub(x3, x3, z3);
        mul(z3, t0, t1);
        add(z3, z3, z3);
        add(z3, z3, z3);
        copyOut(r);
    }

    private void copyOut(ProjectivePoint r) {
        System.arraycopy(x3, 0, r.x, 0, Limbs.COUNT);
        System.arraycopy(y3, 0, r.y, 0, Limbs.COUNT);
        System.arraycopy(z3, 0, r.z, 0, Limbs.COUNT);
    }
}
