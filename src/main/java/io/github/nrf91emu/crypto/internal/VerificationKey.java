package io.github.nrf91emu.crypto.internal;

/**
 * A P-256 public key prepared for ECDSA verification: the point in Montgomery form and, from the
 * {@value #WARM_USES}rd verification of the key on, tables that make verifications about 1.5 times
 * as fast.
 *
 * <p>The tables hold the odd multiples 1·Q_j, 3·Q_j, ..., 31·Q_j of Q_j = 2^(32j)·Q for j = 0..7,
 * affine (128 points, 10 KiB). With them, u2·Q splits into eight 32-bit parts that share one chain
 * of 32 doublings instead of 256. Building them costs about three verifications, so a key that is
 * verified once or twice never pays for them. Safe for use from many threads: two threads may both
 * build the tables, and either result is kept. Variable time, like all of verification: a public
 * key is public.
 */
public final class VerificationKey {
    static final int WARM_USES = 3;
    static final int SPLIT_PARTS = 8;
    static final int SPLIT_BITS = 32;
    static final int SPLIT_WINDOW = 6;

    final long[] x;
    final long[] y;
    private volatile int uses;
    private volatile long[][] splitTables;

    /** Prepares a point that passed {@link P256#isOnCurve}, given as 32 big-endian bytes each. */
    public VerificationKey(byte[] x, byte[] y) {
        this.x = P256Field.fromBytes(x, 0);
        this.y = P256Field.fromBytes(y, 0);
    }

    /** Counts one verification and returns the split tables once the key is warm, else null. */
    long[][] splitTablesForUse() {
        long[][] tables = splitTables;
        if (tables != null) {
            return tables;
        }
        int count = uses + 1;
        uses = count;
        if (count < WARM_USES) {
            return null;
        }
        tables = EcdsaVerifier.splitTables(x, y, SPLIT_WINDOW);
        splitTables = tables;
        return tables;
    }
}
