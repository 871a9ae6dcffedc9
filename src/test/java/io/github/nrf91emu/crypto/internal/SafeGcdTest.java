package io.github.nrf91emu.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both divstep inversions, constant-time and early-exit, against BigInteger.modInverse. */
class SafeGcdTest {
    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    @Test
    void invert_randomAndEdgeValues_matchBigInteger() {
        long seed = Long.getLong("safegcd.seed", new Random().nextLong());
        System.out.println("SafeGcdTest seed=" + seed);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (BigInteger modulus : new BigInteger[] {P, N}) {
            SafeGcd inverter = new SafeGcd(limbs(modulus));
            for (int i = 0; i < 3000; i++) {
                BigInteger x = value(i, modulus, random);
                BigInteger expected = x.signum() == 0 ? BigInteger.ZERO : x.modInverse(modulus);
                BigInteger constantTime = integer(inverter.invert(limbs(x)));
                BigInteger variableTime = integer(inverter.invertVariableTime(limbs(x)));
                if (!expected.equals(constantTime)) {
                    failures.add("invert " + x.toString(16) + " mod " + modulus.toString(16));
                }
                if (!expected.equals(variableTime)) {
                    failures.add(
                            "invertVariableTime "
                                    + x.toString(16)
                                    + " mod "
                                    + modulus.toString(16));
                }
            }
        }
        assertTrue(failures.isEmpty(), "seed " + seed + ": " + failures);
    }

    @Test
    void limbConversions_roundTrip() {
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            long[] limbs = limbs(new BigInteger(256, random));
            assertArrayEquals(limbs, SafeGcd.from30(SafeGcd.to30(limbs)));
        }
    }

    private static BigInteger value(int i, BigInteger modulus, Random random) {
        switch (i) {
            case 0:
                return BigInteger.ZERO;
            case 1:
                return BigInteger.ONE;
            case 2:
                return modulus.subtract(BigInteger.ONE);
            case 3:
                return BigInteger.TWO.pow(255);
            default:
                return i < 260
                        ? BigInteger.TWO.pow(i - 4).mod(modulus)
                        : new BigInteger(256, random).mod(modulus);
        }
    }

    private static long[] limbs(BigInteger value) {
        long[] limbs = new long[5];
        for (int i = 0; i < 5; i++) {
            limbs[i] = value.shiftRight(52 * i).longValue() & ((1L << 52) - 1);
        }
        return limbs;
    }

    private static BigInteger integer(long[] limbs) {
        BigInteger value = BigInteger.ZERO;
        for (int i = 4; i >= 0; i--) {
            value = value.shiftLeft(52).add(BigInteger.valueOf(limbs[i]));
        }
        return value;
    }
}
