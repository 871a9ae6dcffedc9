package io.github.nrf91emu.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The point formulas, the scalar multipliers and the scalar recodings against a reference written
 * here with {@link BigInteger}: textbook affine addition and doubling on y² = x³ - 3x + b.
 *
 * <p>Inputs are random multiples k·G and the point at infinity, in random projective or Jacobian
 * representations (random Z, each coordinate stored canonically or plus p), so that equal points
 * rarely share their coordinates. A failure names each input by its k and its stored coordinates.
 *
 * <p>Each run prints its random seed to standard output, and {@code -Darith.seed=SEED} repeats it.
 */
class PointFormulasTest {
    /** Curve parameters of P-256 (FIPS 186-4 §D.1.2.3). */
    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

    private static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final Affine G =
            new Affine(
                    new BigInteger(
                            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
                    new BigInteger(
                            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
                            16));

    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final BigInteger TWO_P = P.shiftLeft(1);
    private static final BigInteger R = BigInteger.ONE.shiftLeft(260);
    private static final BigInteger R_INVERSE = R.modInverse(P);
    private static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);
    private static final long LIMB_MAX = (1L << 52) - 1;

    private static final int POOL_SIZE = 32;
    private static final int RANDOM_CASES = 5_000;
    private static final int MULTIPLY_CASES = 64;
    private static final int RECODE_CASES = 20_000;
    private static final int WNAF_CASES = 5_000;
    private static final int MAX_FAILURES_SHOWN = 10;
    private static final int[] WNAF_WIDTHS = {5, 6, 7, 8};

    private static long seed;

    /** Points that the tests draw from: G, 2G, -G and random multiples of G. */
    private static List<Multiple> pool;

    @BeforeAll
    static void chooseSeedAndPoints() {
        String property = System.getProperty("arith.seed");
        seed = property != null ? Long.parseLong(property) : new SecureRandom().nextLong();
        System.out.println("seed=" + seed);

        Random random = new Random(seed);
        pool = new ArrayList<>();
        pool.add(Multiple.of(BigInteger.ONE));
        pool.add(Multiple.of(BigInteger.TWO));
        pool.add(Multiple.of(N.subtract(BigInteger.ONE)));
        for (int i = 0; i < POOL_SIZE; i++) {
            pool.add(Multiple.of(randomScalar(random)));
        }
    }

    /** The reference itself: its points satisfy y² = x³ - 3x + b, and n·G is infinity. */
    @Test
    void reference_poolPoints_lieOnCurve() {
        List<String> failures = new ArrayList<>();
        for (Multiple m : pool) {
            BigInteger x = m.point.x;
            BigInteger left = m.point.y.multiply(m.point.y).mod(P);
            BigInteger right = x.pow(3).subtract(x.multiply(THREE)).add(B).mod(P);
            if (!left.equals(right)) {
                failures.add(m + " = " + m.point + " is not on the curve");
            }
        }
        if (!multiply(N, G).isInfinity()) {
            failures.add("n·G is " + multiply(N, G) + ", not infinity");
        }
        assertNoFailures("reference", pool.size() + 1, failures);
    }

    @Test
    void completeAddPoint_randomPairs_matchReference() {
        Random random = new Random(seed);
        CompleteFormulas formulas = new CompleteFormulas();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            Multiple a = pick(random);
            Multiple b = pick(random);
            ProjectivePoint p = projective(a.point, random);
            ProjectivePoint q = projective(b.point, random);
            Input first = input(a, p);
            Input second = input(b, q);
            Supplier<String> call = () -> "addPoint(" + first + ", " + second + ")";

            ProjectivePoint r = new ProjectivePoint();
            formulas.addPoint(r, p, q);
            checkProjective(call, r, add(a.point, b.point), failures);
        }
        assertNoFailures("CompleteFormulas.addPoint", RANDOM_CASES, failures);
    }

    /** P + P, P + (-P), P + ∞, ∞ + P and ∞ + ∞, also with the output point as an input. */
    @Test
    void completeAddPoint_exceptionalCases_matchReference() {
        Random random = new Random(seed);
        CompleteFormulas formulas = new CompleteFormulas();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Multiple a : pool) {
            Multiple negative = a.negate();
            List<Multiple[]> pairs =
                    List.of(
                            new Multiple[] {a, a},
                            new Multiple[] {a, negative},
                            new Multiple[] {a, Multiple.INFINITY},
                            new Multiple[] {Multiple.INFINITY, a},
                            new Multiple[] {Multiple.INFINITY, Multiple.INFINITY});
            for (Multiple[] pair : pairs) {
                Affine expected = add(pair[0].point, pair[1].point);
                ProjectivePoint p = projective(pair[0].point, random);
                ProjectivePoint q = projective(pair[1].point, random);
                Input first = input(pair[0], p);
                Input second = input(pair[1], q);
                Supplier<String> call = () -> "addPoint(" + first + ", " + second + ")";

                ProjectivePoint r = new ProjectivePoint();
                formulas.addPoint(r, p, q);
                checkProjective(call, r, expected, failures);
                ProjectivePoint intoP = copy(p);
                formulas.addPoint(intoP, intoP, q);
                checkProjective(() -> call.get() + " into p", intoP, expected, failures);
                ProjectivePoint intoQ = copy(q);
                formulas.addPoint(intoQ, p, intoQ);
                checkProjective(() -> call.get() + " into q", intoQ, expected, failures);
                cases += 3;
            }

            ProjectivePoint same = projective(a.point, random);
            Input first = input(a, same);
            Supplier<String> call = () -> "addPoint(p, p) for p = " + first;
            formulas.addPoint(same, same, same);
            checkProjective(call, same, twice(a.point), failures);
            cases++;
        }
        assertNoFailures("CompleteFormulas.addPoint exceptional", cases, failures);
    }

    @Test
    void completeAddAffine_randomPairs_matchReference() {
        Random random = new Random(seed);
        CompleteFormulas formulas = new CompleteFormulas();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            Multiple a = pick(random);
            Multiple b = pickFinite(random);
            ProjectivePoint p = projective(a.point, random);
            long[] x = stored(b.point.x, random);
            long[] y = stored(b.point.y, random);
            Input first = input(a, p);
            Input second = input(b, x, y);
            Supplier<String> call = () -> "addAffine(" + first + ", " + second + ")";

            ProjectivePoint r = new ProjectivePoint();
            formulas.addAffine(r, p, x, y);
            checkProjective(call, r, add(a.point, b.point), failures);
        }
        assertNoFailures("CompleteFormulas.addAffine", RANDOM_CASES, failures);
    }

    /** P + P, P + (-P) and ∞ + Q, also with the output point as p. */
    @Test
    void completeAddAffine_exceptionalCases_matchReference() {
        Random random = new Random(seed);
        CompleteFormulas formulas = new CompleteFormulas();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Multiple a : pool) {
            Multiple[][] pairs = {{a, a}, {a, a.negate()}, {Multiple.INFINITY, a}};
            for (Multiple[] pair : pairs) {
                Affine expected = add(pair[0].point, pair[1].point);
                ProjectivePoint p = projective(pair[0].point, random);
                long[] x = stored(pair[1].point.x, random);
                long[] y = stored(pair[1].point.y, random);
                Input first = input(pair[0], p);
                Input second = input(pair[1], x, y);
                Supplier<String> call = () -> "addAffine(" + first + ", " + second + ")";

                ProjectivePoint r = new ProjectivePoint();
                formulas.addAffine(r, p, x, y);
                checkProjective(call, r, expected, failures);
                ProjectivePoint intoP = copy(p);
                formulas.addAffine(intoP, intoP, x, y);
                checkProjective(() -> call.get() + " into p", intoP, expected, failures);
                cases += 2;
            }
        }
        assertNoFailures("CompleteFormulas.addAffine exceptional", cases, failures);
    }

    /** Doubling of random points and of the point at infinity, into a new point and in place. */
    @Test
    void completeDbl_points_matchReference() {
        Random random = new Random(seed);
        CompleteFormulas formulas = new CompleteFormulas();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            Multiple a = i % 16 == 0 ? Multiple.INFINITY : pick(random);
            ProjectivePoint p = projective(a.point, random);
            Input first = input(a, p);
            Supplier<String> call = () -> "dbl(" + first + ")";
            Affine expected = twice(a.point);

            ProjectivePoint r = new ProjectivePoint();
            formulas.dbl(r, p);
            checkProjective(call, r, expected, failures);
            formulas.dbl(p, p);
            checkProjective(() -> call.get() + " in place", p, expected, failures);
        }
        assertNoFailures("CompleteFormulas.dbl", 2 * RANDOM_CASES, failures);
    }

    @Test
    void jacobianTwice_points_matchReference() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            Multiple a = i % 16 == 0 ? Multiple.INFINITY : pick(random);
            JacobianPoint p = jacobian(a.point, random);
            Input first = input(a, p);
            Supplier<String> call = () -> "twice(" + first + ")";

            p.twice();
            checkJacobian(call, p, twice(a.point), failures);
        }
        assertNoFailures("JacobianPoint.twice", RANDOM_CASES, failures);
    }

    /**
     * Random sums through addAffine, and through addAffineUnchecked where its inputs allow: this
     * point not at infinity and the two points neither equal nor opposite.
     */
    @Test
    void jacobianAddAffine_randomPairs_matchReference() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (int i = 0; i < RANDOM_CASES; i++) {
            Multiple a = pick(random);
            Multiple b = pickFinite(random);
            JacobianPoint p = jacobian(a.point, random);
            long[] x = stored(b.point.x, random);
            long[] y = stored(b.point.y, random);
            Input first = input(a, p);
            Input second = input(b, x, y);
            Supplier<String> inputs = () -> "(" + first + ", " + second + ")";
            Affine expected = add(a.point, b.point);

            if (!a.point.isInfinity() && !a.point.x.equals(b.point.x)) {
                JacobianPoint unchecked = copy(p);
                unchecked.addAffineUnchecked(x, y);
                checkJacobian(
                        () -> "addAffineUnchecked" + inputs.get(), unchecked, expected, failures);
                cases++;
            }
            p.addAffine(x, y);
            checkJacobian(() -> "addAffine" + inputs.get(), p, expected, failures);
            cases++;
        }
        assertNoFailures("JacobianPoint.addAffine", cases, failures);
    }

    /** P + P (which must equal doubling), P + (-P) and ∞ + Q. */
    @Test
    void jacobianAddAffine_exceptionalCases_matchReference() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Multiple a : pool) {
            Multiple[][] pairs = {{a, a}, {a, a.negate()}, {Multiple.INFINITY, a}};
            for (Multiple[] pair : pairs) {
                JacobianPoint p = jacobian(pair[0].point, random);
                long[] x = stored(pair[1].point.x, random);
                long[] y = stored(pair[1].point.y, random);
                Input first = input(pair[0], p);
                Input second = input(pair[1], x, y);
                Supplier<String> call = () -> "addAffine(" + first + ", " + second + ")";

                p.addAffine(x, y);
                checkJacobian(call, p, add(pair[0].point, pair[1].point), failures);
                cases++;
            }

            JacobianPoint infinity = new JacobianPoint();
            infinity.setInfinity();
            infinity.addAffine(stored(a.point.x, random), stored(a.point.y, random));
            checkJacobian(() -> "addAffine(setInfinity(), " + a + ")", infinity, a.point, failures);
            cases++;
        }
        assertNoFailures("JacobianPoint.addAffine exceptional", cases, failures);
    }

    @Test
    void jacobianAddPoint_randomPairs_matchReference() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            Multiple a = pick(random);
            Multiple b = pick(random);
            JacobianPoint p = jacobian(a.point, random);
            JacobianPoint q = jacobian(b.point, random);
            Input first = input(a, p);
            Input second = input(b, q);
            Supplier<String> call = () -> "addPoint(" + first + ", " + second + ")";

            p.addPoint(q);
            checkJacobian(call, p, add(a.point, b.point), failures);
        }
        assertNoFailures("JacobianPoint.addPoint", RANDOM_CASES, failures);
    }

    /**
     * P + P (which must equal doubling, with two representations and with the point added to
     * itself), P + (-P), ∞ + P, P + ∞ and ∞ + ∞. The added point must not change.
     */
    @Test
    void jacobianAddPoint_exceptionalCases_matchReference() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Multiple a : pool) {
            Multiple[][] pairs = {
                {a, a},
                {a, a.negate()},
                {Multiple.INFINITY, a},
                {a, Multiple.INFINITY},
                {Multiple.INFINITY, Multiple.INFINITY}
            };
            for (Multiple[] pair : pairs) {
                JacobianPoint p = jacobian(pair[0].point, random);
                JacobianPoint q = jacobian(pair[1].point, random);
                Input first = input(pair[0], p);
                Input second = input(pair[1], q);
                Supplier<String> call = () -> "addPoint(" + first + ", " + second + ")";

                JacobianPoint qBefore = copy(q);
                p.addPoint(q);
                checkJacobian(call, p, add(pair[0].point, pair[1].point), failures);
                if (!sameCoordinates(q, qBefore)) {
                    failures.add(call.get() + ": changed the added point");
                }
                cases++;
            }

            JacobianPoint same = jacobian(a.point, random);
            Input first = input(a, same);
            Supplier<String> call = () -> "addPoint(p, p) for p = " + first;
            same.addPoint(same);
            checkJacobian(call, same, twice(a.point), failures);
            cases++;
        }
        assertNoFailures("JacobianPoint.addPoint exceptional", cases, failures);
    }

    @Test
    void jacobianNegate_points_matchReference() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            Multiple a = i % 16 == 0 ? Multiple.INFINITY : pick(random);
            JacobianPoint p = jacobian(a.point, random);
            Input first = input(a, p);
            Supplier<String> call = () -> "negate(" + first + ")";

            p.negate();
            checkJacobian(call, p, a.point.negate(), failures);
        }
        assertNoFailures("JacobianPoint.negate", RANDOM_CASES, failures);
    }

    /**
     * k·G for the edge scalars below n, for random scalars and for scalars built from random 6-bit
     * windows. With k = 2^(6i), the sum is still the point at infinity when the first non-zero
     * digit arrives.
     */
    @Test
    void baseMultiply_scalars_matchReference() {
        Random random = new Random(seed);
        Set<BigInteger> scalars = new LinkedHashSet<>();
        for (BigInteger edge : edgeScalars()) {
            if (edge.compareTo(N) < 0) {
                scalars.add(edge);
            }
        }
        for (int i = 0; i < MULTIPLY_CASES; i++) {
            scalars.add(randomScalar(random));
            scalars.add(randomWindows(random).mod(N));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger k : scalars) {
            JacobianPoint result = new JacobianPoint();
            BaseMultiplier.multiply(result, bytes32(k));
            checkJacobian(
                    () -> "BaseMultiplier.multiply(" + hex(k) + ")",
                    result,
                    multiply(k, G),
                    failures);
        }
        assertNoFailures("BaseMultiplier.multiply", scalars.size(), failures);
    }

    @Test
    void variableBaseMultiply_scalars_matchReference() {
        Random random = new Random(seed);
        List<BigInteger> scalars =
                new ArrayList<>(
                        List.of(
                                BigInteger.ZERO,
                                BigInteger.ONE,
                                BigInteger.TWO,
                                BigInteger.valueOf(16),
                                BigInteger.valueOf(17),
                                N.subtract(BigInteger.TWO),
                                N.subtract(BigInteger.ONE)));
        for (int i = 0; i < MULTIPLY_CASES / 2; i++) {
            scalars.add(randomScalar(random));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger k : scalars) {
            Multiple base = pickFinite(random);
            long[] x = stored(base.point.x, random);
            long[] y = stored(base.point.y, random);
            ProjectivePoint result = new ProjectivePoint();
            VariableBaseMultiplier.multiply(result, bytes32(k), x, y);
            Supplier<String> call =
                    () -> "VariableBaseMultiplier.multiply(" + hex(k) + ", " + base + ")";
            checkProjective(call, result, Multiple.of(k.multiply(base.k)).point, failures);
        }
        assertNoFailures("VariableBaseMultiplier.multiply", scalars.size(), failures);
    }

    /** Both toAffineBytes methods write x‖y and return true, or return false for infinity. */
    @Test
    void toAffineBytes_points_matchReference() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int cases = 1_000;
        for (int i = 0; i < cases; i++) {
            Multiple a = i % 16 == 0 ? Multiple.INFINITY : pick(random);
            ProjectivePoint p = projective(a.point, random);
            JacobianPoint j = jacobian(a.point, random);
            byte[] fromProjective = new byte[64];
            byte[] fromJacobian = new byte[64];
            boolean projectiveFinite = p.toAffineBytes(fromProjective);
            boolean jacobianFinite = j.toAffineBytes(fromJacobian);

            if (projectiveFinite == a.point.isInfinity()) {
                failures.add(
                        "ProjectivePoint.toAffineBytes("
                                + input(a, p)
                                + ") returned "
                                + projectiveFinite);
            }
            if (jacobianFinite == a.point.isInfinity()) {
                failures.add(
                        "JacobianPoint.toAffineBytes("
                                + input(a, j)
                                + ") returned "
                                + jacobianFinite);
            }
            if (!a.point.isInfinity()) {
                String expected = hex64(a.point.x) + hex64(a.point.y);
                if (!expected.equals(hex(fromProjective))) {
                    failures.add(
                            "ProjectivePoint.toAffineBytes("
                                    + input(a, p)
                                    + ") wrote "
                                    + hex(fromProjective));
                }
                if (!expected.equals(hex(fromJacobian))) {
                    failures.add(
                            "JacobianPoint.toAffineBytes("
                                    + input(a, j)
                                    + ") wrote "
                                    + hex(fromJacobian));
                }
            }
        }
        assertNoFailures("toAffineBytes", 2 * cases, failures);
    }

    /** Signed 6-bit digits: each in -32..32, and Σ d_i·2^(6i) is the scalar. */
    @Test
    void recode_scalars_sumToScalar() {
        Random random = new Random(seed);
        List<BigInteger> scalars = new ArrayList<>(edgeScalars());
        for (int i = 0; i < RECODE_CASES; i++) {
            scalars.add(randomBits(random));
        }

        List<String> failures = new ArrayList<>();
        for (BigInteger k : scalars) {
            int[] digits = BaseMultiplier.recode(bytes32(k));
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < digits.length; i++) {
                if (digits[i] < -32 || digits[i] > 32) {
                    failures.add("recode(" + hex(k) + "): digit " + i + " is " + digits[i]);
                }
                sum = sum.add(BigInteger.valueOf(digits[i]).shiftLeft(6 * i));
            }
            if (!sum.equals(k)) {
                failures.add("recode(" + hex(k) + "): digits sum to " + hex(sum));
            }
        }
        assertNoFailures("recode", scalars.size(), failures);
    }

    @Test
    void bits_randomRanges_matchBigInteger() {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RECODE_CASES; i++) {
            BigInteger k = randomBits(random);
            int from = random.nextInt(264);
            int count = 1 + random.nextInt(8);
            int expected = k.shiftRight(from).intValue() & ((1 << count) - 1);
            int actual = BaseMultiplier.bits(bytes32(k), from, count);
            if (actual != expected) {
                failures.add(
                        "bits("
                                + hex(k)
                                + ", "
                                + from
                                + ", "
                                + count
                                + ") is "
                                + actual
                                + ", expected "
                                + expected);
            }
        }
        assertNoFailures("bits", RECODE_CASES, failures);
    }

    /** Width-w NAF of whole scalars for w = 5..8. */
    @Test
    void wnaf_scalars_meetNafRules() {
        Random random = new Random(seed);
        List<BigInteger> scalars = new ArrayList<>(edgeScalars());
        for (int i = 0; i < WNAF_CASES; i++) {
            scalars.add(randomBits(random));
        }

        List<String> failures = new ArrayList<>();
        for (int width : WNAF_WIDTHS) {
            for (BigInteger k : scalars) {
                int[] digits = EcdsaVerifier.wnaf(bytes32(k), width);
                Supplier<String> call = () -> "wnaf(" + hex(k) + ", " + width + ")";
                checkNaf(call, digits, width, k, failures);
            }
        }
        assertNoFailures("wnaf", 4 * scalars.size(), failures);
    }

    /**
     * Width-w NAF of a bit range read as an integer of its own, as the verifier recodes the four
     * 64-bit parts of a scalar.
     */
    @Test
    void wnafRange_parts_meetNafRules() {
        Random random = new Random(seed);
        List<BigInteger> scalars = new ArrayList<>(edgeScalars());
        for (int i = 0; i < WNAF_CASES / 4; i++) {
            scalars.add(randomBits(random));
        }

        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (int width : WNAF_WIDTHS) {
            for (BigInteger k : scalars) {
                int randomFrom = random.nextInt(256);
                int randomCount = 1 + random.nextInt(256 - randomFrom);
                int[][] ranges = {
                    {0, 64}, {64, 64}, {128, 64}, {192, 64}, {randomFrom, randomCount}
                };
                for (int[] range : ranges) {
                    int from = range[0];
                    int count = range[1];
                    BigInteger part =
                            k.shiftRight(from)
                                    .and(BigInteger.ONE.shiftLeft(count).subtract(BigInteger.ONE));
                    int[] digits = EcdsaVerifier.wnaf(bytes32(k), from, count, width);
                    Supplier<String> call =
                            () ->
                                    "wnaf(" + hex(k) + ", " + from + ", " + count + ", " + width
                                            + ")";
                    checkNaf(call, digits, width, part, failures);
                    cases++;
                }
            }
        }
        assertNoFailures("wnaf of a bit range", cases, failures);
    }

    /**
     * Adds failures unless every non-zero digit is odd with |d| &lt; 2^(w-1), non-zero digits are
     * at least w positions apart, and Σ d_i·2^i equals expected.
     */
    private static void checkNaf(
            Supplier<String> call,
            int[] digits,
            int width,
            BigInteger expected,
            List<String> failures) {
        BigInteger sum = BigInteger.ZERO;
        int previous = -width;
        for (int i = 0; i < digits.length; i++) {
            int digit = digits[i];
            if (digit == 0) {
                continue;
            }
            if ((digit & 1) == 0 || Math.abs(digit) >= 1 << (width - 1)) {
                failures.add(call.get() + ": digit " + i + " is " + digit);
            }
            if (i - previous < width) {
                failures.add(call.get() + ": non-zero digits at " + previous + " and " + i);
            }
            previous = i;
            sum = sum.add(BigInteger.valueOf(digit).shiftLeft(i));
        }
        if (!sum.equals(expected)) {
            failures.add(
                    call.get() + ": digits sum to " + hex(sum) + ", expected " + hex(expected));
        }
    }

    /**
     * Returns 256-bit edge scalars: 0, 1, 2, n - 2, n - 1, n, 2^255, 2^256 - 1, and 2^(6i), 2^(6i)
     * - 1 and n - 2^(6i) for every i. It adds the scalars whose 6-bit windows are all 31, 32 or 33,
     * which recode to digits at the edges of -32..32.
     */
    private static List<BigInteger> edgeScalars() {
        BigInteger one = BigInteger.ONE;
        List<BigInteger> scalars =
                new ArrayList<>(
                        List.of(
                                BigInteger.ZERO,
                                one,
                                BigInteger.TWO,
                                N.subtract(BigInteger.TWO),
                                N.subtract(one),
                                N,
                                one.shiftLeft(255),
                                TWO_POW_256.subtract(one)));
        for (int i = 0; 6 * i < 256; i++) {
            scalars.add(one.shiftLeft(6 * i));
            scalars.add(one.shiftLeft(6 * i).subtract(one));
            scalars.add(N.subtract(one.shiftLeft(6 * i)));
        }
        for (int window : new int[] {31, 32, 33}) {
            BigInteger value = BigInteger.ZERO;
            for (int i = 0; 6 * i < 256; i++) {
                value = value.add(BigInteger.valueOf(window).shiftLeft(6 * i));
            }
            scalars.add(value.mod(TWO_POW_256));
            scalars.add(value.mod(N));
        }
        return scalars;
    }

    /** An affine point, with both coordinates null for the point at infinity. */
    private record Affine(BigInteger x, BigInteger y) {
        static final Affine INFINITY = new Affine(null, null);

        boolean isInfinity() {
            return x == null;
        }

        Affine negate() {
            return isInfinity() ? this : new Affine(x, y.negate().mod(P));
        }

        @Override
        public String toString() {
            return isInfinity() ? "infinity" : "(" + hex(x) + ", " + hex(y) + ")";
        }
    }

    /** The point k·G with its scalar k in 0..n-1, so that failures can name the point by k. */
    private record Multiple(BigInteger k, Affine point) {
        static final Multiple INFINITY = new Multiple(BigInteger.ZERO, Affine.INFINITY);

        static Multiple of(BigInteger k) {
            BigInteger reduced = k.mod(N);
            return new Multiple(reduced, multiply(reduced, G));
        }

        Multiple negate() {
            return new Multiple(N.subtract(k).mod(N), point.negate());
        }

        @Override
        public String toString() {
            return k.signum() == 0 ? "infinity" : hex(k) + "·G";
        }
    }

    /** Returns a + b by the affine chord rule, or by the tangent rule when a = b. */
    private static Affine add(Affine a, Affine b) {
        if (a.isInfinity()) {
            return b;
        }
        if (b.isInfinity()) {
            return a;
        }
        if (a.x.equals(b.x)) {
            return a.y.equals(b.y) ? twice(a) : Affine.INFINITY;
        }
        BigInteger slope = b.y.subtract(a.y).multiply(b.x.subtract(a.x).modInverse(P)).mod(P);
        BigInteger x = slope.multiply(slope).subtract(a.x).subtract(b.x).mod(P);
        BigInteger y = slope.multiply(a.x.subtract(x)).subtract(a.y).mod(P);
        return new Affine(x, y);
    }

    /** Returns 2a with the tangent slope (3x² - 3) / 2y, since a = -3. */
    private static Affine twice(Affine a) {
        if (a.isInfinity() || a.y.signum() == 0) {
            return Affine.INFINITY;
        }
        BigInteger numerator = a.x.multiply(a.x).subtract(BigInteger.ONE).multiply(THREE);
        BigInteger slope = numerator.multiply(a.y.shiftLeft(1).modInverse(P)).mod(P);
        BigInteger x = slope.multiply(slope).subtract(a.x.shiftLeft(1)).mod(P);
        BigInteger y = slope.multiply(a.x.subtract(x)).subtract(a.y).mod(P);
        return new Affine(x, y);
    }

    /** Returns k·a by double-and-add from the top bit. */
    private static Affine multiply(BigInteger k, Affine a) {
        Affine result = Affine.INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = twice(result);
            if (k.testBit(i)) {
                result = add(result, a);
            }
        }
        return result;
    }

    /** Adds a failure unless the stored coordinates are valid and (X : Y : Z) is the point. */
    private static void checkProjective(
            Supplier<String> call, ProjectivePoint r, Affine expected, List<String> failures) {
        String invalid = invalidCoordinates(r.x, r.y, r.z);
        if (invalid != null) {
            failures.add(call.get() + ": " + invalid);
            return;
        }
        BigInteger x = element(r.x);
        BigInteger y = element(r.y);
        BigInteger z = element(r.z);
        if (expected.isInfinity()) {
            // The curve equation Y²Z = X³ - 3XZ² + bZ³ with Z = 0 forces X = 0, and (0 : 0 : 0)
            // is no point, so infinity must be (0 : Y : 0) with Y ≠ 0.
            if (z.signum() != 0 || x.signum() != 0 || y.signum() == 0) {
                failures.add(
                        call.get() + ": got " + coordinates(x, y, z) + ", expected (0 : Y : 0)");
            }
            return;
        }
        if (z.signum() == 0) {
            failures.add(call.get() + ": got " + coordinates(x, y, z) + ", expected " + expected);
            return;
        }
        BigInteger zInverse = z.modInverse(P);
        Affine actual = new Affine(x.multiply(zInverse).mod(P), y.multiply(zInverse).mod(P));
        if (!actual.equals(expected)) {
            failures.add(call.get() + ": got " + actual + ", expected " + expected);
        }
    }

    /** Adds a failure unless the stored coordinates are valid and (X/Z², Y/Z³) is the point. */
    private static void checkJacobian(
            Supplier<String> call, JacobianPoint r, Affine expected, List<String> failures) {
        String invalid = invalidCoordinates(r.x, r.y, r.z);
        if (invalid != null) {
            failures.add(call.get() + ": " + invalid);
            return;
        }
        BigInteger x = element(r.x);
        BigInteger y = element(r.y);
        BigInteger z = element(r.z);
        if (expected.isInfinity() != (z.signum() == 0)) {
            failures.add(call.get() + ": got " + coordinates(x, y, z) + ", expected " + expected);
            return;
        }
        if (expected.isInfinity()) {
            return;
        }
        BigInteger zInverse = z.modInverse(P);
        BigInteger zInverse2 = zInverse.multiply(zInverse).mod(P);
        BigInteger zInverse3 = zInverse2.multiply(zInverse).mod(P);
        Affine actual = new Affine(x.multiply(zInverse2).mod(P), y.multiply(zInverse3).mod(P));
        if (!actual.equals(expected)) {
            failures.add(call.get() + ": got " + actual + ", expected " + expected);
        }
    }

    /**
     * Returns why a coordinate is not a valid stored field value (limbs 0..3 below 2^52, value
     * below 2p), or null when all three are valid.
     */
    private static String invalidCoordinates(long[]... coordinates) {
        for (int c = 0; c < coordinates.length; c++) {
            long[] limbs = coordinates[c];
            for (int i = 0; i < 5; i++) {
                if (limbs[i] < 0 || (i < 4 && limbs[i] > LIMB_MAX)) {
                    return "coordinate "
                            + "XYZ".charAt(c)
                            + " has limb "
                            + i
                            + " = 0x"
                            + Long.toHexString(limbs[i]);
                }
            }
            if (value(limbs).compareTo(TWO_P) >= 0) {
                return "coordinate "
                        + "XYZ".charAt(c)
                        + " = "
                        + hex(value(limbs))
                        + " is not below 2p";
            }
        }
        return null;
    }

    /** Returns a random representation (xZ : yZ : Z) of a, or (0 : Y : 0) for infinity. */
    private static ProjectivePoint projective(Affine a, Random random) {
        ProjectivePoint r = new ProjectivePoint();
        if (a.isInfinity()) {
            setStored(r.x, BigInteger.ZERO, random);
            setStored(r.y, randomNonZero(random), random);
            setStored(r.z, BigInteger.ZERO, random);
            return r;
        }
        BigInteger z = randomNonZero(random);
        setStored(r.x, a.x.multiply(z), random);
        setStored(r.y, a.y.multiply(z), random);
        setStored(r.z, z, random);
        return r;
    }

    /** Returns a random representation (xZ² : yZ³ : Z) of a, or (t² : t³ : 0) for infinity. */
    private static JacobianPoint jacobian(Affine a, Random random) {
        JacobianPoint r = new JacobianPoint();
        BigInteger z = randomNonZero(random);
        BigInteger z2 = z.multiply(z);
        BigInteger z3 = z2.multiply(z);
        if (a.isInfinity()) {
            setStored(r.x, z2, random);
            setStored(r.y, z3, random);
            setStored(r.z, BigInteger.ZERO, random);
            return r;
        }
        setStored(r.x, a.x.multiply(z2), random);
        setStored(r.y, a.y.multiply(z3), random);
        setStored(r.z, z, random);
        return r;
    }

    private static ProjectivePoint copy(ProjectivePoint p) {
        ProjectivePoint r = new ProjectivePoint();
        r.set(p);
        return r;
    }

    private static JacobianPoint copy(JacobianPoint p) {
        JacobianPoint r = new JacobianPoint();
        r.set(p);
        return r;
    }

    private static boolean sameCoordinates(JacobianPoint a, JacobianPoint b) {
        return Arrays.equals(a.x, b.x) && Arrays.equals(a.y, b.y) && Arrays.equals(a.z, b.z);
    }

    /**
     * Returns the stored form of a field element: its Montgomery form x·R mod p, plus p for one
     * call in four.
     */
    private static long[] stored(BigInteger element, Random random) {
        BigInteger value = element.multiply(R).mod(P);
        if (random.nextInt(4) == 0) {
            value = value.add(P);
        }
        return limbs(value);
    }

    private static void setStored(long[] target, BigInteger element, Random random) {
        System.arraycopy(stored(element, random), 0, target, 0, 5);
    }

    /** Returns the field element that a stored value represents. */
    private static BigInteger element(long[] stored) {
        return value(stored).multiply(R_INVERSE).mod(P);
    }

    /** Returns a pool point, its negative for one draw in four, or infinity for one in 32. */
    private static Multiple pick(Random random) {
        if (random.nextInt(32) == 0) {
            return Multiple.INFINITY;
        }
        return pickFinite(random);
    }

    private static Multiple pickFinite(Random random) {
        Multiple m = pool.get(random.nextInt(pool.size()));
        return random.nextInt(4) == 0 ? m.negate() : m;
    }

    /** Returns a random field element in 1..p-1, or 1 for one draw in four. */
    private static BigInteger randomNonZero(Random random) {
        if (random.nextInt(4) == 0) {
            return BigInteger.ONE;
        }
        BigInteger value;
        do {
            value = new BigInteger(256, random);
        } while (value.signum() == 0 || value.compareTo(P) >= 0);
        return value;
    }

    /** Returns a random scalar in 1..n-1. */
    private static BigInteger randomScalar(Random random) {
        BigInteger value;
        do {
            value = new BigInteger(256, random);
        } while (value.signum() == 0 || value.compareTo(N) >= 0);
        return value;
    }

    /**
     * Returns a random 256-bit value: uniform, uniform with a random number of top bits cleared, or
     * built from random 6-bit windows.
     */
    private static BigInteger randomBits(Random random) {
        BigInteger value = new BigInteger(256, random);
        return switch (random.nextInt(3)) {
            case 0 -> value;
            case 1 -> value.shiftRight(random.nextInt(256));
            default -> randomWindows(random);
        };
    }

    /**
     * Returns a 256-bit value whose 6-bit windows are mostly 0, 1, 31, 32, 33 or 63, the window
     * values next to the digit limits and carries of the signed recoding.
     */
    private static BigInteger randomWindows(Random random) {
        int[] choices = {0, 0, 0, 1, 31, 32, 33, 63};
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; 6 * i < 256; i++) {
            int window =
                    random.nextInt(4) == 0
                            ? random.nextInt(64)
                            : choices[random.nextInt(choices.length)];
            value = value.add(BigInteger.valueOf(window).shiftLeft(6 * i));
        }
        return value.mod(TWO_POW_256);
    }

    private static long[] limbs(BigInteger value) {
        long[] r = new long[5];
        for (int i = 0; i < 5; i++) {
            r[i] = value.shiftRight(52 * i).longValue() & LIMB_MAX;
        }
        return r;
    }

    private static BigInteger value(long[] limbs) {
        BigInteger v = BigInteger.ZERO;
        for (int i = limbs.length - 1; i >= 0; i--) {
            v = v.shiftLeft(52).add(BigInteger.valueOf(limbs[i]));
        }
        return v;
    }

    private static byte[] bytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    /** A copy of an input's stored coordinates, formatted only when a case fails. */
    private record Input(Multiple multiple, String form, String separator, long[][] coordinates) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            text.append(multiple).append(" stored as ").append(form).append("(");
            for (int i = 0; i < coordinates.length; i++) {
                text.append(i == 0 ? "" : separator).append(hex(value(coordinates[i])));
            }
            return text.append(")").toString();
        }
    }

    private static Input input(Multiple m, ProjectivePoint p) {
        return new Input(
                m, "projective ", " : ", new long[][] {p.x.clone(), p.y.clone(), p.z.clone()});
    }

    private static Input input(Multiple m, JacobianPoint p) {
        return new Input(
                m, "Jacobian ", " : ", new long[][] {p.x.clone(), p.y.clone(), p.z.clone()});
    }

    private static Input input(Multiple m, long[] x, long[] y) {
        return new Input(m, "affine ", ", ", new long[][] {x.clone(), y.clone()});
    }

    private static String coordinates(BigInteger x, BigInteger y, BigInteger z) {
        return "(" + hex(x) + " : " + hex(y) + " : " + hex(z) + ")";
    }

    private static String hex(BigInteger value) {
        return "0x" + value.toString(16);
    }

    private static String hex64(BigInteger value) {
        return String.format("%064x", value);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
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
