package io.github.nrf91emu.crypto.internal;

import static io.github.nrf91emu.crypto.TestVectors.assertNoFailures;
import static io.github.nrf91emu.crypto.TestVectors.assertVectorCount;
import static io.github.nrf91emu.crypto.TestVectors.fixed32;
import static io.github.nrf91emu.crypto.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.crypto.TestVectors;
import io.github.nrf91emu.crypto.TestVectors.Record;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The entry points of the P-256 core against NIST CAVP and BoringSSL vectors: signing with a known
 * nonce, fixed-base and variable-base scalar multiplication, and the curve check.
 */
class P256VectorTest {
    private static final String SIGN_FILE = "boringssl/ecdsa_p256_sign_tests.txt";
    private static final String BASE_MULT_FILE = "boringssl/ec_p256_scalar_base_mult_tests.txt";
    private static final String ECDH_FILE = "boringssl/ecdh_p256_point_mult_tests.txt";

    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final String GX =
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
    private static final String GY =
            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

    /**
     * SigGen records with their known nonce K: r‖s equals R‖S, where digests longer than 32 bytes
     * (SHA-384, SHA-512) are truncated to their leftmost 256 bits.
     */
    @Test
    void signWithNonce_sigGenRecords_matchRAndS() throws Exception {
        List<Record> records = TestVectors.readRecords(SIGN_FILE);
        assertVectorCount(SIGN_FILE, 62, records.size());

        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            byte[] signature =
                    P256.signWithNonce(
                            record.bytes("Private"), record.bytes("Digest"), record.bytes("K"));
            String expected = record.get("R") + record.get("S");
            if (!expected.equals(hex(signature))) {
                failures.add(
                        record.id()
                                + " ("
                                + record.bytes("Digest").length
                                + "-byte digest): r‖s is "
                                + hex(signature)
                                + ", expected "
                                + expected);
            }
        }
        assertNoFailures(SIGN_FILE, records.size(), failures);
    }

    @Test
    void multiplyBase_sigGenPrivate_matchesXY() throws Exception {
        List<Record> records = TestVectors.readRecords(SIGN_FILE);
        assertVectorCount(SIGN_FILE, 62, records.size());

        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            checkPoint(
                    failures,
                    record,
                    P256.multiplyBase(record.bytes("Private")),
                    record.get("X"),
                    record.get("Y"));
        }
        assertNoFailures(SIGN_FILE, records.size(), failures);
    }

    /** Scalars include 0, small values, and n−k for small k. X = Y = 0 is the infinity point. */
    @Test
    void multiplyBase_scalarBaseMultRecords_matchXY() throws Exception {
        List<Record> records = TestVectors.readRecords(BASE_MULT_FILE);
        assertVectorCount(BASE_MULT_FILE, 129, records.size());

        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            checkPoint(
                    failures,
                    record,
                    P256.multiplyBase(record.bytes("N")),
                    record.get("X"),
                    record.get("Y"));
        }
        assertNoFailures(BASE_MULT_FILE, records.size(), failures);
    }

    /** The same scalars through variable-base multiplication, with G given as a point. */
    @Test
    void multiply_generatorByBaseMultScalars_matchesXY() throws Exception {
        List<Record> records = TestVectors.readRecords(BASE_MULT_FILE);
        assertVectorCount(BASE_MULT_FILE, 129, records.size());

        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            checkPoint(
                    failures,
                    record,
                    P256.multiply(record.bytes("N"), hex(GX), hex(GY)),
                    record.get("X"),
                    record.get("Y"));
        }
        assertNoFailures(BASE_MULT_FILE, records.size(), failures);
    }

    /**
     * ECC CDH records: the x-coordinate of Private·(PeerX, PeerY) equals Z, Private·G equals (X,
     * Y), and both given points are on the curve.
     */
    @Test
    void multiply_ecdhRecords_matchZ() throws Exception {
        List<Record> records = TestVectors.readRecords(ECDH_FILE);
        assertVectorCount(ECDH_FILE, 25, records.size());

        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            byte[] peerX = record.bytes("PeerX");
            byte[] peerY = record.bytes("PeerY");
            if (!P256.isOnCurve(peerX, peerY)) {
                failures.add(record.id() + ": peer point reported as not on the curve");
            }
            if (!P256.isOnCurve(record.bytes("X"), record.bytes("Y"))) {
                failures.add(record.id() + ": public point reported as not on the curve");
            }

            byte[] shared = P256.multiply(record.bytes("Private"), peerX, peerY);
            String sharedX = shared == null ? "infinity" : hex(Arrays.copyOf(shared, 32));
            if (!record.get("Z").equals(sharedX)) {
                failures.add(record.id() + ": x of d·Peer is " + sharedX + ", expected Z");
            }

            checkPoint(
                    failures,
                    record,
                    P256.multiplyBase(record.bytes("Private")),
                    record.get("X"),
                    record.get("Y"));
        }
        assertNoFailures(ECDH_FILE, records.size(), failures);
    }

    /**
     * A point whose x-coordinate is given as x + p (still below 2^256) is not a valid encoding,
     * although x + p ≡ x (mod p). Small x-coordinates leave room for x + p, and both square roots y
     * and p − y are tried.
     */
    @Test
    void isOnCurve_xPlusP_rejected() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (BigInteger x = BigInteger.ONE; checked < 16; x = x.add(BigInteger.ONE)) {
            BigInteger y = squareRoot(curveRightSide(x));
            if (y == null) {
                continue;
            }
            for (BigInteger root : new BigInteger[] {y, P.subtract(y)}) {
                checked++;
                String id = "x=" + x + ", y=" + root.toString(16);
                if (!P256.isOnCurve(fixed32(x), fixed32(root))) {
                    failures.add(id + ": valid point reported as not on the curve");
                }
                if (P256.isOnCurve(fixed32(x.add(P)), fixed32(root))) {
                    failures.add(id + ": x + p accepted");
                }
            }
        }
        assertNoFailures("points with small x", checked, failures);
    }

    @Test
    void fromAffine_xPlusP_throws() {
        BigInteger x = BigInteger.ONE;
        while (squareRoot(curveRightSide(x)) == null) {
            x = x.add(BigInteger.ONE);
        }
        byte[] y = fixed32(squareRoot(curveRightSide(x)));
        byte[] xPlusP = fixed32(x.add(P));

        assertTrue(P256.isOnCurve(fixed32(x), y), "(x, y) must be a valid point");
        assertThrows(InvalidKeyException.class, () -> P256PublicKey.fromAffine(xPlusP, y));
    }

    @Test
    void isOnCurve_generator_accepted() {
        assertTrue(P256.isOnCurve(hex(GX), hex(GY)));
        assertEquals(GX + GY, hex(P256.multiplyBase(fixed32(BigInteger.ONE))));
    }

    private static void checkPoint(
            List<String> failures, Record record, byte[] actual, String x, String y) {
        boolean infinity =
                new BigInteger(x, 16).signum() == 0 && new BigInteger(y, 16).signum() == 0;
        if (infinity) {
            if (actual != null) {
                failures.add(record.id() + ": got " + hex(actual) + ", expected infinity (null)");
            }
            return;
        }
        if (actual == null || !(x + y).equals(hex(actual))) {
            failures.add(
                    record.id()
                            + ": got "
                            + (actual == null ? "infinity" : hex(actual))
                            + ", expected "
                            + x
                            + y);
        }
    }

    private static BigInteger curveRightSide(BigInteger x) {
        return x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
    }

    /** Returns value^((p+1)/4) mod p if it is a square root, which works because p ≡ 3 (mod 4). */
    private static BigInteger squareRoot(BigInteger value) {
        BigInteger a = value.mod(P);
        BigInteger root = a.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
        return root.multiply(root).mod(P).equals(a) ? root : null;
    }
}
