package io.github.nrf91emu.crypto.internal;

import static io.github.nrf91emu.crypto.internal.LimbTestSupport.LIMB_MAX;
import static io.github.nrf91emu.crypto.internal.LimbTestSupport.allOnesOutput;
import static io.github.nrf91emu.crypto.internal.LimbTestSupport.bytes32;
import static io.github.nrf91emu.crypto.internal.LimbTestSupport.describe;
import static io.github.nrf91emu.crypto.internal.LimbTestSupport.hex;
import static io.github.nrf91emu.crypto.internal.LimbTestSupport.isNormalized;
import static io.github.nrf91emu.crypto.internal.LimbTestSupport.limbs;
import static io.github.nrf91emu.crypto.internal.LimbTestSupport.value;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of {@link P256Scalar} and {@link P256Scalars} against {@link BigInteger}.
 *
 * <p>The checks read an element's limbs as the integer they store, Σ limb[i]·2^(52·i). That stored
 * value is the Montgomery form x·R mod n of the element x (R = 2^260), possibly plus n. An output
 * is correct when its stored value is congruent mod n to the expected one, is below 2n, and has
 * limbs 0..3 below 2^52. Inputs are canonical (below n) and non-canonical (n plus a canonical
 * value, below 2n).
 *
 * <p>Each run prints its random seed to standard output, and {@code -Darith.seed=SEED} repeats it.
 */
class P256ScalarTest {
    /** The order n of the P-256 base point (FIPS 186-4 §D.1.2.3). */
    private static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private static final BigInteger TWO_N = N.shiftLeft(1);
    private static final BigInteger R = BigInteger.ONE.shiftLeft(260);
    private static final BigInteger R_INVERSE = R.modInverse(N);
    private static final BigInteger R_SQUARED = R.multiply(R).mod(N);
    private static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);

    private static final int RANDOM_CASES = 20_000;
    private static final int INVERT_CASES = 2_000;
    private static final int BYTES_CASES = 5_000;
    private static final int MAX_FAILURES_SHOWN = 20;

    private static long seed;

    @BeforeAll
    static void chooseSeed() {
        String property = System.getProperty("arith.seed");
        seed = property != null ? Long.parseLong(property) : new SecureRandom().nextLong();
        System.out.println("seed=" + seed);
    }

    @Test
    void mul_randomPairs_matchBigInteger() {
        checkRandomPairs("mul", P256Scalar::mul, mulReference());
    }

    @Test
    void add_randomPairs_matchBigInteger() {
        checkRandomPairs("add", P256Scalar::add, BigInteger::add);
    }

    /** Every pair of edge values through mul and add, and every edge value through invert. */
    @Test
    void edgeValues_allPairs_matchBigInteger() {
        List<BigInteger> edges = edgeStoredValues();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (BigInteger a : edges) {
            for (BigInteger b : edges) {
                checkBinary("mul", P256Scalar::mul, mulReference(), a, b, failures);
                checkBinary("add", P256Scalar::add, BigInteger::add, a, b, failures);
                cases += 2;
            }
            checkUnary("invert", P256Scalar::invert, P256ScalarTest::invertReference, a, failures);
            cases += 1;
        }
        assertNoFailures("edge value", cases, failures);
    }

    /** The signer passes its output array as an input too, so r may be a or b. */
    @Test
    void aliasedOutput_matchesBigInteger() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int cases = 2_000;
        for (int i = 0; i < cases; i++) {
            BigInteger a = randomStored(random, (i & 1) != 0);
            BigInteger b = randomStored(random, (i & 2) != 0);
            String inputs = "(" + hex(a) + ", " + hex(b) + ")";

            long[] r = limbs(a);
            P256Scalar.mul(r, r, limbs(b));
            check("mul into a" + inputs, r, mulReference().apply(a, b), failures);
            r = limbs(b);
            P256Scalar.mul(r, limbs(a), r);
            check("mul into b" + inputs, r, mulReference().apply(a, b), failures);
            r = limbs(a);
            P256Scalar.add(r, r, limbs(b));
            check("add into a" + inputs, r, a.add(b), failures);
        }
        assertNoFailures("aliased output", cases * 3, failures);
    }

    @Test
    void invert_randomInputs_matchModInverse() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < INVERT_CASES; i++) {
            BigInteger a = randomStored(random, i % 2 == 1);
            long[] inverse = allOnesOutput();
            P256Scalar.invert(inverse, limbs(a));
            check("invert(" + hex(a) + ")", inverse, invertReference(a), failures);

            long[] product = allOnesOutput();
            P256Scalar.mul(product, limbs(a), inverse);
            if (a.mod(N).signum() != 0) {
                check("mul(a, invert(a)) for a = " + hex(a), product, R, failures);
            }
        }
        assertNoFailures("invert", INVERT_CASES, failures);
    }

    /**
     * Inverts the stored values 2^k, 2^k - 1, n - 2^k and n + 2^k for k = 0..255. Their long runs
     * of equal bits take a binary GCD through long series of halving steps.
     */
    @Test
    void invert_powersOfTwo_matchModInverse() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (int k = 0; k < 256; k++) {
            BigInteger power = BigInteger.ONE.shiftLeft(k);
            List<BigInteger> inputs =
                    List.of(power, power.subtract(BigInteger.ONE), N.subtract(power), N.add(power));
            for (BigInteger a : inputs) {
                checkUnary(
                        "invert", P256Scalar::invert, P256ScalarTest::invertReference, a, failures);
                cases++;
            }
        }
        assertNoFailures("invert of a power of two", cases, failures);
    }

    /** 0 has no inverse, so invert returns 0 for it, also for n, which stores 0 as well. */
    @Test
    void invert_zero_returnsZero() {
        List<String> failures = new ArrayList<>();
        for (BigInteger zero : List.of(BigInteger.ZERO, N)) {
            long[] r = allOnesOutput();
            P256Scalar.invert(r, limbs(zero));
            check("invert(" + hex(zero) + ")", r, BigInteger.ZERO, failures);
        }
        assertNoFailures("invert of zero", 2, failures);
    }

    /**
     * fromBytesReduced and plainFromBytesReduced reduce any 32-byte value mod n, 2^256 - 1
     * included. toBytes and toPlain return the canonical value.
     */
    @Test
    void bytes_roundTrip_returnsResidueModN() {
        Random random = new Random(seed);
        List<BigInteger> inputs = new ArrayList<>();
        for (BigInteger edge : edgeStoredValues()) {
            if (edge.compareTo(TWO_POW_256) < 0) {
                inputs.add(edge);
            }
        }
        for (int i = 0; i < BYTES_CASES; i++) {
            inputs.add(i % 2 == 0 ? randomStored(random, false) : new BigInteger(256, random));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger input : inputs) {
            BigInteger expected = input.mod(N);
            int offset = random.nextInt(9);
            byte[] buffer = new byte[offset + 32 + 3];
            random.nextBytes(buffer);
            System.arraycopy(bytes32(input), 0, buffer, offset, 32);

            long[] plain = P256Scalar.plainFromBytesReduced(buffer, offset);
            checkCanonicalPlain(
                    "plainFromBytesReduced(" + hex(input) + ")", plain, expected, failures);

            long[] stored = P256Scalar.fromBytesReduced(buffer, offset);
            check("fromBytesReduced(" + hex(input) + ")", stored, input.multiply(R), failures);

            long[] back = allOnesOutput();
            P256Scalar.toPlain(back, stored);
            checkCanonicalPlain(
                    "toPlain(fromBytesReduced(" + hex(input) + "))", back, expected, failures);

            byte[] out = new byte[buffer.length];
            random.nextBytes(out);
            byte[] before = out.clone();
            P256Scalar.toBytes(stored, out, offset);
            BigInteger written = new BigInteger(1, Arrays.copyOfRange(out, offset, offset + 32));
            if (!written.equals(expected)) {
                failures.add(
                        "toBytes(fromBytesReduced("
                                + hex(input)
                                + ")) wrote "
                                + hex(written)
                                + ", expected "
                                + hex(expected));
            }
            if (!bytesOutsideUnchanged(before, out, offset)) {
                failures.add("toBytes at offset " + offset + " changed bytes outside its 32");
            }
        }
        assertNoFailures("byte conversion", inputs.size(), failures);
    }

    /** toBytes of every stored value, canonical or not, is the canonical value of its element. */
    @Test
    void toBytes_storedValues_writeCanonicalResidue() {
        Random random = new Random(seed);
        List<BigInteger> inputs = new ArrayList<>(edgeStoredValues());
        for (int i = 0; i < BYTES_CASES; i++) {
            inputs.add(randomStored(random, i % 2 == 1));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger stored : inputs) {
            byte[] out = new byte[32];
            P256Scalar.toBytes(limbs(stored), out, 0);
            BigInteger expected = stored.multiply(R_INVERSE).mod(N);
            if (!new BigInteger(1, out).equals(expected)) {
                failures.add(
                        "toBytes("
                                + hex(stored)
                                + ") wrote "
                                + hex(new BigInteger(1, out))
                                + ", expected "
                                + hex(expected));
            }
        }
        assertNoFailures("toBytes", inputs.size(), failures);
    }

    /** fromPlain accepts plain values below 2n. */
    @Test
    void fromPlain_values_matchMontgomeryForm() {
        Random random = new Random(seed);
        List<BigInteger> plains = new ArrayList<>(edgeStoredValues());
        for (int i = 0; i < BYTES_CASES; i++) {
            plains.add(randomStored(random, i % 2 == 1));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger plain : plains) {
            long[] stored = P256Scalar.fromPlain(limbs(plain));
            check("fromPlain(" + hex(plain) + ")", stored, plain.multiply(R), failures);
        }
        assertNoFailures("fromPlain", plains.size(), failures);
    }

    @Test
    void isZeroMask_edgeValues_matchResidue() {
        List<String> failures = new ArrayList<>();
        List<BigInteger> edges = edgeStoredValues();
        for (BigInteger a : edges) {
            long expected = a.mod(N).signum() == 0 ? -1 : 0;
            long actual = P256Scalar.isZeroMask(limbs(a));
            if (actual != expected) {
                failures.add("isZeroMask(" + hex(a) + ") is " + actual + ", expected " + expected);
            }
        }
        assertNoFailures("isZeroMask", edges.size(), failures);
    }

    /** isInRange accepts exactly 1..n-1, the range of private keys, nonces, r and s. */
    @Test
    void isInRange_values_matchBigInteger() {
        Random random = new Random(seed);
        BigInteger one = BigInteger.ONE;
        List<BigInteger> inputs =
                new ArrayList<>(
                        List.of(
                                BigInteger.ZERO,
                                one,
                                BigInteger.TWO,
                                N.subtract(BigInteger.TWO),
                                N.subtract(one),
                                N,
                                N.add(one),
                                one.shiftLeft(255),
                                TWO_POW_256.subtract(one),
                                one.shiftLeft(248),
                                BigInteger.valueOf(0xff)));
        for (int i = 0; i < BYTES_CASES; i++) {
            BigInteger value = new BigInteger(256, random);
            inputs.add(i % 2 == 0 ? value : value.shiftRight(random.nextInt(256)));
        }
        for (int i = 0; i < 64; i++) {
            inputs.add(N.add(BigInteger.valueOf(i - 32)));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger input : inputs) {
            boolean expected = input.signum() > 0 && input.compareTo(N) < 0;
            boolean actual = P256Scalars.isInRange(bytes32(input));
            if (actual != expected) {
                failures.add(
                        "isInRange(" + hex(input) + ") is " + actual + ", expected " + expected);
            }
        }
        assertNoFailures("isInRange", inputs.size(), failures);
    }

    private interface BinaryOperation {
        void apply(long[] r, long[] a, long[] b);
    }

    private interface UnaryOperation {
        void apply(long[] r, long[] a);
    }

    /**
     * Runs RANDOM_CASES pairs through an operation. The case index picks which operands are
     * non-canonical, so each of the four combinations gets a quarter of the cases.
     */
    private static void checkRandomPairs(
            String name, BinaryOperation operation, BinaryOperator<BigInteger> reference) {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            BigInteger a = randomStored(random, (i & 1) != 0);
            BigInteger b = randomStored(random, (i & 2) != 0);
            checkBinary(name, operation, reference, a, b, failures);
        }
        assertNoFailures(name, RANDOM_CASES, failures);
    }

    /**
     * Applies an operation to stored values a and b and compares the output with the reference on
     * the stored values. Also reports an operation that changes an input array.
     */
    private static void checkBinary(
            String name,
            BinaryOperation operation,
            BinaryOperator<BigInteger> reference,
            BigInteger a,
            BigInteger b,
            List<String> failures) {
        long[] aLimbs = limbs(a);
        long[] bLimbs = limbs(b);
        long[] r = allOnesOutput();
        operation.apply(r, aLimbs, bLimbs);
        String call = name + "(" + hex(a) + ", " + hex(b) + ")";
        check(call, r, reference.apply(a, b), failures);
        if (!Arrays.equals(aLimbs, limbs(a)) || !Arrays.equals(bLimbs, limbs(b))) {
            failures.add(call + " changed an input");
        }
    }

    private static void checkUnary(
            String name,
            UnaryOperation operation,
            UnaryOperator<BigInteger> reference,
            BigInteger a,
            List<String> failures) {
        long[] aLimbs = limbs(a);
        long[] r = allOnesOutput();
        operation.apply(r, aLimbs);
        String call = name + "(" + hex(a) + ")";
        check(call, r, reference.apply(a), failures);
        if (!Arrays.equals(aLimbs, limbs(a))) {
            failures.add(call + " changed its input");
        }
    }

    private static BinaryOperator<BigInteger> mulReference() {
        return (a, b) -> a.multiply(b).multiply(R_INVERSE);
    }

    /** Returns the stored form of the inverse of the element stored as a, or 0 for a ≡ 0. */
    private static BigInteger invertReference(BigInteger a) {
        if (a.mod(N).signum() == 0) {
            return BigInteger.ZERO;
        }
        return a.modInverse(N).multiply(R_SQUARED);
    }

    /**
     * Adds a failure unless r has limbs 0..3 below 2^52, a non-negative limb 4, a value below 2n,
     * and a value congruent to expected mod n.
     */
    private static void check(String call, long[] r, BigInteger expected, List<String> failures) {
        BigInteger residue = expected.mod(N);
        if (!isNormalized(r)) {
            failures.add(call + ": limbs are not normalized: " + describe(r));
            return;
        }
        BigInteger actual = value(r);
        if (actual.compareTo(TWO_N) >= 0) {
            failures.add(call + ": output " + hex(actual) + " is not below 2n");
        } else if (!actual.mod(N).equals(residue)) {
            failures.add(call + ": output " + hex(actual) + " is not " + hex(residue) + " mod n");
        }
    }

    /** Adds a failure unless the plain limbs r are normalized and equal expected exactly. */
    private static void checkCanonicalPlain(
            String call, long[] r, BigInteger expected, List<String> failures) {
        if (!isNormalized(r) || !value(r).equals(expected)) {
            failures.add(call + " is " + describe(r) + ", expected " + hex(expected));
        }
    }

    /**
     * Returns the edge stored values: small values, values next to n and 2n, limbs at their maximum
     * 2^52 - 1 and powers of two. 2^256 - 1 is among them, non-canonical because n &lt; 2^256 &lt;
     * 2n. The list ends with the Montgomery forms of 1, 2, -1 and -2.
     */
    private static List<BigInteger> edgeStoredValues() {
        BigInteger one = BigInteger.ONE;
        BigInteger two = BigInteger.TWO;
        return List.of(
                BigInteger.ZERO,
                one,
                two,
                N.subtract(one),
                N.subtract(two),
                N,
                N.add(one),
                TWO_N.subtract(one),
                BigInteger.valueOf(LIMB_MAX),
                one.shiftLeft(255),
                TWO_POW_256.subtract(one).mod(N),
                TWO_POW_256.subtract(one),
                lowLimbsAtMaximumBelow(N),
                lowLimbsAtMaximumBelow(TWO_N),
                one.shiftLeft(208).subtract(one),
                R.mod(N),
                R.shiftLeft(1).mod(N),
                R.negate().mod(N),
                R.shiftLeft(1).negate().mod(N));
    }

    /** Returns the largest value below bound whose limbs 0..3 are all 2^52 - 1. */
    private static BigInteger lowLimbsAtMaximumBelow(BigInteger bound) {
        return bound.shiftRight(208).shiftLeft(208).subtract(BigInteger.ONE);
    }

    /**
     * Returns a random stored value below n, or in n..2n-1 when nonCanonical is set. Half of the
     * values are uniform. The other half are built from limbs near 0 and 2^52 - 1, which reach the
     * carry and borrow paths that uniform values seldom reach.
     */
    private static BigInteger randomStored(Random random, boolean nonCanonical) {
        BigInteger canonical;
        if (random.nextBoolean()) {
            canonical = new BigInteger(256, random).mod(N);
        } else {
            canonical = randomLimbPattern(random).mod(N);
        }
        return nonCanonical ? canonical.add(N) : canonical;
    }

    private static BigInteger randomLimbPattern(Random random) {
        long[] limbs = new long[5];
        for (int i = 0; i < 4; i++) {
            limbs[i] =
                    switch (random.nextInt(5)) {
                        case 0 -> random.nextInt(3);
                        case 1 -> LIMB_MAX - random.nextInt(3);
                        case 2 -> 1L << random.nextInt(52);
                        default -> random.nextLong() & LIMB_MAX;
                    };
        }
        long topOfN = N.shiftRight(208).longValueExact();
        limbs[4] =
                switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(3);
                    case 1 -> topOfN - random.nextInt(3);
                    default -> random.nextLong() & ((1L << 48) - 1);
                };
        return value(limbs);
    }

    private static boolean bytesOutsideUnchanged(byte[] before, byte[] after, int offset) {
        return Arrays.equals(before, 0, offset, after, 0, offset)
                && Arrays.equals(
                        before, offset + 32, before.length, after, offset + 32, after.length);
    }

    private static void assertNoFailures(String operation, int cases, List<String> failures) {
        assertTrue(
                failures.isEmpty(),
                () ->
                        failures.size()
                                + " failures in "
                                + cases
                                + " "
                                + operation
                                + " cases (rerun with -Darith.seed="
                                + seed
                                + "):\n  "
                                + String.join(
                                        "\n  ",
                                        failures.subList(
                                                0, Math.min(failures.size(), MAX_FAILURES_SHOWN))));
    }
}
