package io.github.nrf91emu.crypto.internal;

/**
 * Constant-time k·G for the P-256 base point G, with a table shared by all keys and built once per
 * class loader.
 *
 * <p>The scalar is recoded into 43 signed 6-bit digits d_i in -32..32 with k = Σ d_i·2^(6i). The
 * table holds, for each window i, the affine points j·2^(6i)·G for j = 1..32 (43 × 32 points, 107.5
 * KiB), so k·G is a sum of 43 table points and needs no doubling.
 *
 * <p>Each window adds its table point with the mixed Jacobian formula madd-2007-bl, whose
 * exceptional cases are the point at infinity and equal or opposite inputs. The sum of the windows
 * below i is A = Σ_{j<i} d_j·2^(6j) with |A| &lt; 2^(6i)/1.9, and the table point is T = d_i·2^(6i)
 * with |d_i| ≥ 1, so A ≠ ±T mod n for every scalar in 1..n-1 (in the top window, A = T - n would
 * need T = 2^256 and give k = A + T &gt; n). The remaining cases, A = 0 (every digit below window i
 * is zero) and d_i = 0, are handled with masks.
 *
 * <p>Constant time: each window reads all 32 entries of its row and keeps the wanted one with a
 * mask, negates y with a mask, adds with straight-line code, and picks the result with masks. No
 * branch or memory address depends on the scalar.
 */
final class BaseMultiplier {
    static final int WINDOW_BITS = 6;
    static final int WINDOWS = 43;
    static final int ROW_ENTRIES = 1 << (WINDOW_BITS - 1);
    private static final int ENTRY_LONGS = 10;

    /** The affine base point G (FIPS 186-4 §D.1.2.3), Montgomery form. */
    static final long[] GX =
            P256Field.fromPlain(
                    Limbs.fromHex(
                            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"));

    static final long[] GY =
            P256Field.fromPlain(
                    Limbs.fromHex(
                            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"));

    /**
     * Name of the class-path resource that contains the table as big-endian longs, so that the
     * first signature in a new JVM does not spend about 100 ms building it.
     */
    static final String TABLE_RESOURCE = "p256-base-table.bin";

    /**
     * CRC-32 of the resource. A resource with another checksum is ignored and the table is built
     * instead, so a damaged or stale file slows the first signature but does not change results. A
     * CRC, not SHA-256, because in a new JVM hashing the 107.5 KiB with SHA-256 runs in the
     * interpreter and took about 15 ms (JDK 17.0.15, 2-core AMD EPYC), against under 1 ms here. The
     * tests compare the resource with the computed table, and whoever can replace the resource can
     * replace this class as well.
     */
    static final long TABLE_CRC32 = 0x11f150e4L;

    /** One row of 32 entries per window, each entry x then y (10 longs). */
    private static final long[][] ROWS = splitRows(loadTable());

    private BaseMultiplier() {}

    /**
     * Computes k·G for a scalar given as 32 big-endian bytes below n, into {@code result} (Jacobian
     * coordinates; the point at infinity for k = 0).
     */
    static void multiply(JacobianPoint result, byte[] scalar) {
        int[] digits = recode(scalar);
        JacobianPoint sum = new JacobianPoint();
        long[] x = P256Field.create();
        long[] y = P256Field.create();
        long[] negY = P256Field.create();
        result.setInfinity();
        // -1 while every digit so far was zero, which is exactly when result is the point at
        // infinity (a sum of digits of at most 32·2^(6i) in magnitude is 0 only if all are 0).
        long empty = -1L;

        for (int window = 0; window < WINDOWS; window++) {
            int digit = digits[window];
            int sign = digit >>> 31;
            int magnitude = (digit ^ -sign) + sign;
            lookup(window, magnitude, x, y);
            P256Field.neg(negY, y);
            P256Field.select(y, y, negY, -(long) sign);

            sum.set(result);
            sum.addAffineUnchecked(x, y);
            Limbs.select(sum.x, sum.x, x, empty);
            Limbs.select(sum.y, sum.y, y, empty);
            Limbs.select(sum.z, sum.z, P256Field.ONE, empty);
            long nonZero = ~((((long) magnitude) - 1) >> 63);
            result.select(sum, nonZero);
            empty &= ~nonZero;
        }
    }

    /**
     * Copies entry {@code magnitude} (1..32) of a row into x and y, or zeros for 0. The loop runs
     * over one row array so that the JIT can drop the per-access bounds checks.
     */
    private static void lookup(int window, int magnitude, long[] x, long[] y) {
        long x0 = 0, x1 = 0, x2 = 0, x3 = 0, x4 = 0;
        long y0 = 0, y1 = 0, y2 = 0, y3 = 0, y4 = 0;
        long[] row = ROWS[window];
        int j = 1;
        for (int entry = 0; entry < row.length; entry += ENTRY_LONGS, j++) {
            long mask = (((long) (j ^ magnitude)) - 1) >> 63;
            x0 |= row[entry] & mask;
            x1 |= row[entry + 1] & mask;
            x2 |= row[entry + 2] & mask;
            x3 |= row[entry + 3] & mask;
            x4 |= row[entry + 4] & mask;
            y0 |= row[entry + 5] & mask;
            y1 |= row[entry + 6] & mask;
            y2 |= row[entry + 7] & mask;
            y3 |= row[entry + 8] & mask;
            y4 |= row[entry + 9] & mask;
        }
        x[0] = x0;
        x[1] = x1;
        x[2] = x2;
        x[3] = x3;
        x[4] = x4;
        y[0] = y0;
        y[1] = y1;
        y[2] = y2;
        y[3] = y3;
        y[4] = y4;
    }

    private static long[][] splitRows(long[] table) {
        int rowLongs = ROW_ENTRIES * ENTRY_LONGS;
        long[][] rows = new long[WINDOWS][];
        for (int window = 0; window < WINDOWS; window++) {
            rows[window] =
                    java.util.Arrays.copyOfRange(table, window * rowLongs, (window + 1) * rowLongs);
        }
        return rows;
    }

    /**
     * Recodes a 256-bit big-endian scalar into signed 6-bit digits without branches: each window
     * value v (plus the carry from below) becomes v - 64 with a carry of 1 when it exceeds 32.
     */
    static int[] recode(byte[] scalar) {
        int[] digits = new int[WINDOWS];
        int carry = 0;
        for (int window = 0; window < WINDOWS; window++) {
            int value = bits(scalar, window * WINDOW_BITS, WINDOW_BITS) + carry;
            carry = (32 - value) >>> 31;
            digits[window] = value - (carry << WINDOW_BITS);
        }
        return digits;
    }

    /** Returns {@code count} bits of a big-endian 32-byte value starting at bit {@code from}. */
    static int bits(byte[] scalar, int from, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            int bit = from + i;
            if (bit < 256) {
                value |= ((scalar[31 - (bit >>> 3)] >>> (bit & 7)) & 1) << i;
            }
        }
        return value;
    }

    private static long[] loadTable() {
        long[] table = readTableResource();
        return table != null ? table : buildTable();
    }

    /** Returns the table from {@link #TABLE_RESOURCE}, or null when it is missing or altered. */
    static long[] readTableResource() {
        int longs = WINDOWS * ROW_ENTRIES * ENTRY_LONGS;
        byte[] bytes;
        try (java.io.InputStream in = BaseMultiplier.class.getResourceAsStream(TABLE_RESOURCE)) {
            if (in == null) {
                return null;
            }
            bytes = in.readNBytes(longs * Long.BYTES + 1);
        } catch (java.io.IOException e) {
            return null;
        }
        if (bytes.length != longs * Long.BYTES || crc32(bytes) != TABLE_CRC32) {
            return null;
        }
        long[] table = new long[longs];
        java.nio.ByteBuffer.wrap(bytes).asLongBuffer().get(table);
        return table;
    }

    static long crc32(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Computes the table from G; the resource must hold exactly this. */
    static long[] buildTable() {
        CompleteFormulas formulas = new CompleteFormulas();
        ProjectivePoint[] points = new ProjectivePoint[WINDOWS * ROW_ENTRIES];
        ProjectivePoint windowBase = ProjectivePoint.fromAffine(GX, GY);
        for (int window = 0; window < WINDOWS; window++) {
            ProjectivePoint multiple = new ProjectivePoint();
            multiple.set(windowBase);
            for (int j = 0; j < ROW_ENTRIES; j++) {
                ProjectivePoint entry = new ProjectivePoint();
                entry.set(multiple);
                points[window * ROW_ENTRIES + j] = entry;
                formulas.addPoint(multiple, multiple, windowBase);
            }
            for (int i = 0; i < WINDOW_BITS; i++) {
                formulas.dbl(windowBase, windowBase);
            }
        }
        long[] table = new long[points.length * ENTRY_LONGS];
        AffineTable.normalizeInto(points, table);
        return table;
    }
}
