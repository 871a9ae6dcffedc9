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
 * Differential tests of {@link P256Field} against {@link BigInteger}.
 *
 * <p>The checks read an element's limbs as the integer they store, Σ limb[i]·2^(52·i). That stored
 * value is the Montgomery form x·R mod p of the element x (R = 2^260), possibly plus p. An output
 * is correct when its stored value is congruent mod p to the expected one, is below 2p, and has
 * limbs 0..3 below 2^52. Inputs are canonical (below p) and non-canonical (p plus a canonical
 * value, below 2p).
 *
 * <p>Each run prints its random seed to standard output, and {@code -Darith.seed=SEED} repeats it.
 */
class P256FieldTest {
    /** p = 2^256 - 2^224 + 2^192 + 2^96 - 1, built from its definition, not from the code. */
    private static final BigInteger P =
            BigInteger.ONE
                    .shiftLeft(256)
                    .subtract(BigInteger.ONE.shiftLeft(224))
                    .add(BigInteger.ONE.shiftLeft(192))
                    .add(BigInteger.ONE.shiftLeft(96))
                    .subtract(BigInteger.ONE);

    private static final BigInteger TWO_P = P.shiftLeft(1);
    private static final BigInteger R = BigInteger.ONE.shiftLeft(260);
    private static final BigInteger R_INVERSE = R.modInverse(P);
    private static final BigInteger R_SQUARED = R.multiply(R).mod(P);
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);

    private static final int RANDOM_CASES = 20_000;
    private static final int SQR_N_CASES = 2_000;
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
        checkRandomPairs("mul", P256Field::mul, (a, b) -> a.multiply(b).multiply(R_INVERSE));
    }

    @Test
    void sqr_randomInputs_matchBigInteger() {
        checkRandomInputs("sqr", P256Field::sqr, a -> a.multiply(a).multiply(R_INVERSE));
    }

    @Test
    void add_randomPairs_matchBigInteger() {
        checkRandomPairs("add", P256Field::add, BigInteger::add);
    }

    @Test
    void sub_randomPairs_matchBigInteger() {
        checkRandomPairs("sub", P256Field::sub, BigInteger::subtract);
    }

    @Test
    void neg_randomInputs_matchBigInteger() {
        checkRandomInputs("neg", P256Field::neg, BigInteger::negate);
    }

    @Test
    void sqrN_randomInputs_matchRepeatedSqr() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < SQR_N_CASES; i++) {
            BigInteger a = randomStored(random, i % 2 == 1);
            int count = 1 + random.nextInt(40);
            BigInteger expected = a;
            for (int j = 0; j < count; j++) {
                expected = expected.multiply(expected).multiply(R_INVERSE).mod(P);
            }
            long[] r = allOnesOutput();
            P256Field.sqrN(r, limbs(a), count);
            check("sqrN(" + hex(a) + ", " + count + ")", r, expected, failures);
        }
        assertNoFailures("sqrN", SQR_N_CASES, failures);
    }

    /**
     * Every pair of edge values through mul, add and sub, and every edge value through the rest.
     */
    @Test
    void edgeValues_allPairs_matchBigInteger() {
        List<BigInteger> edges = edgeStoredValues();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (BigInteger a : edges) {
            for (BigInteger b : edges) {
                checkBinary("mul", P256Field::mul, mulReference(), a, b, failures);
                checkBinary("add", P256Field::add, BigInteger::add, a, b, failures);
                checkBinary("sub", P256Field::sub, BigInteger::subtract, a, b, failures);
                cases += 3;
            }
            checkUnary("sqr", P256Field::sqr, x -> x.multiply(x).multiply(R_INVERSE), a, failures);
            checkUnary("neg", P256Field::neg, BigInteger::negate, a, failures);
            checkUnary("invert", P256Field::invert, P256FieldTest::invertReference, a, failures);
            cases += 3;
        }
        assertNoFailures("edge value", cases, failures);
    }

    /** The documented aliasing: r may be the same array as a or b. */
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
            P256Field.mul(r, r, limbs(b));
            check("mul into a" + inputs, r, mulReference().apply(a, b), failures);
            r = limbs(b);
            P256Field.mul(r, limbs(a), r);
            check("mul into b" + inputs, r, mulReference().apply(a, b), failures);
            r = limbs(a);
            P256Field.mul(r, r, r);
            check("mul into a, a = b" + inputs, r, mulReference().apply(a, a), failures);
            r = limbs(a);
            P256Field.sqr(r, r);
            check("sqr into a" + inputs, r, mulReference().apply(a, a), failures);
            r = limbs(a);
            P256Field.add(r, r, limbs(b));
            check("add into a" + inputs, r, a.add(b), failures);
            r = limbs(b);
            P256Field.sub(r, limbs(a), r);
            check("sub into b" + inputs, r, a.subtract(b), failures);
            r = limbs(a);
            P256Field.neg(r, r);
            check("neg into a" + inputs, r, a.negate(), failures);
        }
        assertNoFailures("aliased output", cases * 7, failures);
    }

    @Test
    void invert_randomInputs_matchModInverse() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < INVERT_CASES; i++) {
            BigInteger a = randomStored(random, i % 2 == 1);
            long[] inverse = allOnesOutput();
            P256Field.invert(inverse, limbs(a));
            check("invert(" + hex(a) + ")", inverse, invertReference(a), failures);

            long[] product = allOnesOutput();
            P256Field.mul(product, limbs(a), inverse);
            if (!a.mod(P).equals(BigInteger.ZERO)) {
                check("mul(a, invert(a)) for a = " + hex(a), product, R, failures);
            }
        }
        assertNoFailures("invert", INVERT_CASES, failures);
    }

    /**
     * Inverts the stored values 2^k, 2^k - 1, p - 2^k and p + 2^k for k = 0..255. Their long runs
     * of equal bits take a binary GCD through long series of halving steps.
     */
    @Test
    void invert_powersOfTwo_matchModInverse() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (int k = 0; k < 256; k++) {
            BigInteger power = BigInteger.ONE.shiftLeft(k);
            List<BigInteger> inputs =
                    List.of(power, power.subtract(BigInteger.ONE), P.subtract(power), P.add(power));
            for (BigInteger a : inputs) {
                checkUnary(
                        "invert", P256Field::invert, P256FieldTest::invertReference, a, failures);
                cases++;
            }
        }
        assertNoFailures("invert of a power of two", cases, failures);
    }

    /** 0 has no inverse, so invert returns 0 for it, also for p, which stores 0 as well. */
    @Test
    void invert_zero_returnsZero() {
        List<String> failures = new ArrayList<>();
        for (BigInteger zero : List.of(BigInteger.ZERO, P)) {
            long[] r = allOnesOutput();
            P256Field.invert(r, limbs(zero));
            check("invert(" + hex(zero) + ")", r, BigInteger.ZERO, failures);
        }
        assertNoFailures("invert of zero", 2, failures);
    }

    /** fromPlain accepts plain values below 2p, and toPlain returns the canonical plain value. */
    @Test
    void fromPlainToPlain_values_roundTrip() {
        Random random = new Random(seed);
        List<BigInteger> plains = new ArrayList<>(edgeStoredValues());
        for (int i = 0; i < BYTES_CASES; i++) {
            plains.add(randomStored(random, i % 2 == 1));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger plain : plains) {
            long[] stored = P256Field.fromPlain(limbs(plain));
            check("fromPlain(" + hex(plain) + ")", stored, plain.multiply(R), failures);

            long[] back = allOnesOutput();
            P256Field.toPlain(back, stored);
            BigInteger expected = plain.mod(P);
            if (!isNormalized(back) || !value(back).equals(expected)) {
                failures.add(
                        "toPlain(fromPlain("
                                + hex(plain)
                                + ")) is "
                                + describe(back)
                                + ", expected "
                                + hex(expected));
            }
        }
        assertNoFailures("fromPlain and toPlain", plains.size(), failures);
    }

    /**
     * fromBytes reads any 32-byte value (reducing values from p up to 2^256 - 1), and toBytes
     * writes the canonical residue. Both work at an offset and leave the bytes around it alone.
     */
    @Test
    void bytes_roundTrip_returnsResidueModP() {
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
            int offset = random.nextInt(9);
            byte[] buffer = new byte[offset + 32 + 3];
            random.nextBytes(buffer);
            System.arraycopy(bytes32(input), 0, buffer, offset, 32);
            long[] stored = P256Field.fromBytes(buffer, offset);
            check("fromBytes(" + hex(input) + ")", stored, input.multiply(R), failures);

            byte[] out = new byte[buffer.length];
            random.nextBytes(out);
            byte[] before = out.clone();
            P256Field.toBytes(stored, out, offset);
            byte[] expected = bytes32(input.mod(P));
            byte[] written = Arrays.copyOfRange(out, offset, offset + 32);
            if (!Arrays.equals(written, expected)) {
                failures.add(
                        "toBytes(fromBytes("
                                + hex(input)
                                + ")) wrote "
                                + hex(new BigInteger(1, written))
                                + ", expected "
                                + hex(input.mod(P)));
            }
            if (!P256Field.isCanonical(out, offset)) {
                failures.add("toBytes(fromBytes(" + hex(input) + ")) is not canonical");
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
            P256Field.toBytes(limbs(stored), out, 0);
            BigInteger expected = stored.multiply(R_INVERSE).mod(P);
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

    @Test
    void isCanonical_edgeValues() {
        List<String> failures = new ArrayList<>();
        checkCanonical(BigInteger.ZERO, true, failures);
        checkCanonical(BigInteger.ONE, true, failures);
        checkCanonical(P.subtract(BigInteger.ONE), true, failures);
        checkCanonical(P, false, failures);
        checkCanonical(P.add(BigInteger.ONE), false, failures);
        checkCanonical(TWO_POW_256.subtract(BigInteger.ONE), false, failures);
        assertNoFailures("isCanonical", 6, failures);
    }

    /** isZeroMask and equalMask compare residues, so p is zero and a + p equals a. */
    @Test
    void masks_edgeValues_compareResidues() {
        List<BigInteger> edges = edgeStoredValues();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (BigInteger a : edges) {
            long expectedZero = a.mod(P).signum() == 0 ? -1 : 0;
            long zero = P256Field.isZeroMask(limbs(a));
            if (zero != expectedZero) {
                failures.add(
                        "isZeroMask(" + hex(a) + ") is " + zero + ", expected " + expectedZero);
            }
            cases++;
            for (BigInteger b : edges) {
                long expectedEqual = a.mod(P).equals(b.mod(P)) ? -1 : 0;
                long equal = P256Field.equalMask(limbs(a), limbs(b));
                if (equal != expectedEqual) {
                    failures.add(
                            "equalMask("
                                    + hex(a)
                                    + ", "
                                    + hex(b)
                                    + ") is "
                                    + equal
                                    + ", expected "
                                    + expectedEqual);
                }
                cases++;
            }
        }
        assertNoFailures("mask", cases, failures);
    }

    @Test
    void select_masks_chooseOperand() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int cases = 1_000;
        for (int i = 0; i < cases; i++) {
            BigInteger a = randomStored(random, (i & 1) != 0);
            BigInteger b = randomStored(random, (i & 2) != 0);
            long[] r = allOnesOutput();
            P256Field.select(r, limbs(a), limbs(b), 0);
            if (!Arrays.equals(r, limbs(a))) {
                failures.add("select(" + hex(a) + ", " + hex(b) + ", 0) is not a");
            }
            P256Field.select(r, limbs(a), limbs(b), -1);
            if (!Arrays.equals(r, limbs(b))) {
                failures.add("select(" + hex(a) + ", " + hex(b) + ", -1) is not b");
            }
        }
        assertNoFailures("select", cases * 2, failures);
    }

    @Test
    void constants_oneAndB_areMontgomeryForms() {
        List<String> failures = new ArrayList<>();
        check("ONE", P256Field.ONE.clone(), R, failures);
        check("B", P256Field.B.clone(), B.multiply(R), failures);
        assertNoFailures("constant", 2, failures);
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

    private static void checkRandomInputs(
            String name, UnaryOperation operation, UnaryOperator<BigInteger> reference) {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            checkUnary(name, operation, reference, randomStored(random, i % 2 == 1), failures);
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
        if (a.mod(P).signum() == 0) {
            return BigInteger.ZERO;
        }
        return a.modInverse(P).multiply(R_SQUARED);
    }

    /**
     * Adds a failure unless r has limbs 0..3 below 2^52, a non-negative limb 4, a value below 2p,
     * and a value congruent to expected mod p.
     */
    private static void check(String call, long[] r, BigInteger expected, List<String> failures) {
        BigInteger residue = expected.mod(P);
        if (!isNormalized(r)) {
            failures.add(call + ": limbs are not normalized: " + describe(r));
            return;
        }
        BigInteger actual = value(r);
        if (actual.compareTo(TWO_P) >= 0) {
            failures.add(call + ": output " + hex(actual) + " is not below 2p");
        } else if (!actual.mod(P).equals(residue)) {
            failures.add(call + ": output " + hex(actual) + " is not " + hex(residue) + " mod p");
        }
    }

    private static void checkCanonical(BigInteger value, boolean expected, List<String> failures) {
        byte[] in = bytes32(value);
        boolean actual = P256Field.isCanonical(in, 0);
        if (actual != expected) {
            failures.add("isCanonical(" + hex(value) + ") is " + actual + ", expected " + expected);
        }
    }

    /**
     * Returns the edge stored values: small values, values next to p and 2p, limbs at their maximum
     * 2^52 - 1 and powers of two. The list ends with the Montgomery forms of 1, 2, -1 and -2.
     */
    private static List<BigInteger> edgeStoredValues() {
        BigInteger one = BigInteger.ONE;
        BigInteger two = BigInteger.TWO;
        return List.of(
                BigInteger.ZERO,
                one,
                two,
                P.subtract(one),
                P.subtract(two),
                P,
                P.add(one),
                TWO_P.subtract(one),
                BigInteger.valueOf(LIMB_MAX),
                one.shiftLeft(255),
                TWO_POW_256.subtract(one).mod(P),
                TWO_POW_256.subtract(one),
                lowLimbsAtMaximumBelow(P),
                lowLimbsAtMaximumBelow(TWO_P),
                one.shiftLeft(208).subtract(one),
                R.mod(P),
                R.shiftLeft(1).mod(P),
                R.negate().mod(P),
                R.shiftLeft(1).negate().mod(P));
    }

    /** Returns the largest value below bound whose limbs 0..3 are all 2^52 - 1. */
    private static BigInteger lowLimbsAtMaximumBelow(BigInteger bound) {
        return bound.shiftRight(208).shiftLeft(208).subtract(BigInteger.ONE);
    }

    /**
     * Returns a random stored value below p, or in p..2p-1 when nonCanonical is set. Half of the
     * values are uniform. The other half are built from limbs near 0 and 2^52 - 1, which reach the
     * carry and borrow paths that uniform values seldom reach.
     */
    private static BigInteger randomStored(Random random, boolean nonCanonical) {
        BigInteger canonical;
        if (random.nextBoolean()) {
            canonical = new BigInteger(256, random).mod(P);
        } else {
            canonical = randomLimbPattern(random).mod(P);
        }
        return nonCanonical ? canonical.add(P) : canonical;
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
        long topOfP = P.shiftRight(208).longValueExact();
        limbs[4] =
                switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(3);
                    case 1 -> topOfP - random.nextInt(3);
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
