package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.TestVectors.assertNoFailures;
import static io.github.nrf91emu.crypto.TestVectors.assertVectorCount;
import static io.github.nrf91emu.crypto.TestVectors.concat;
import static io.github.nrf91emu.crypto.TestVectors.fixed32;
import static io.github.nrf91emu.crypto.TestVectors.hex;

import io.github.nrf91emu.crypto.TestVectors.Record;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NIST CAVP vectors through the public API: ECDSA SigGen and SigVer (as converted by BoringSSL,
 * with digests in place of messages) and public key validation (PKV).
 */
class NistEcdsaVectorTest {
    private static final String SIGN_FILE = "boringssl/ecdsa_p256_sign_tests.txt";
    private static final String VERIFY_FILE = "boringssl/ecdsa_p256_verify_tests.txt";
    private static final String PKV_FILE = "nist_cavp/PKV_P-256.rsp";

    @Test
    void publicKey_sigGenPrivate_matchesXY() throws Exception {
        List<Record> records = TestVectors.readRecords(SIGN_FILE);
        assertVectorCount(SIGN_FILE, 62, records.size());

        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            P256PublicKey publicKey =
                    P256PrivateKey.fromScalar(record.bytes("Private")).publicKey();
            String expected = record.get("X") + record.get("Y");
            String actual = hex(publicKey.x()) + hex(publicKey.y());
            if (!expected.equals(actual)) {
                failures.add(record.id() + ": x‖y is " + actual + ", expected " + expected);
            }
        }
        assertNoFailures(SIGN_FILE, records.size(), failures);
    }

    /**
     * SigGen signatures are valid. The SHA-384 and SHA-512 digests must be truncated, and the SHA-1
     * and SHA-224 digests are passed zero-padded (see {@link #digest}).
     */
    @Test
    void verifyDigest_sigGenSignatures_accepted() throws Exception {
        List<Record> records = TestVectors.readRecords(SIGN_FILE);
        assertVectorCount(SIGN_FILE, 62, records.size());

        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            P256PublicKey publicKey =
                    P256PublicKey.fromAffine(record.bytes("X"), record.bytes("Y"));
            byte[] signature = concat(record.bytes("R"), record.bytes("S"));
            if (!Es256.verifyDigest(publicKey, digest(record), signature)) {
                failures.add(
                        record.id()
                                + ": valid signature over a "
                                + record.bytes("Digest").length
                                + "-byte digest rejected");
            }
        }
        assertNoFailures(SIGN_FILE, records.size(), failures);
    }

    /**
     * SigVer records: a record with an {@code Invalid} field must be rejected, any other must
     * verify. A public key that {@link P256PublicKey#fromAffine} rejects counts as a rejection.
     */
    @Test
    void verifyDigest_sigVerRecords_matchExpectedResult() throws Exception {
        List<Record> records = TestVectors.readRecords(VERIFY_FILE);
        assertVectorCount(VERIFY_FILE, 85, records.size());

        List<String> failures = new ArrayList<>();
        int invalidCount = 0;
        for (Record record : records) {
            boolean expectValid = !record.has("Invalid");
            invalidCount += expectValid ? 0 : 1;
            boolean accepted;
            try {
                P256PublicKey publicKey =
                        P256PublicKey.fromAffine(record.bytes("X"), record.bytes("Y"));
                byte[] signature = concat(record.bytes("R"), record.bytes("S"));
                accepted = Es256.verifyDigest(publicKey, digest(record), signature);
            } catch (InvalidKeyException e) {
                accepted = false;
                if (expectValid) {
                    failures.add(record.id() + ": public key rejected: " + e.getMessage());
                    continue;
                }
            }
            if (accepted != expectValid) {
                failures.add(
                        record.id()
                                + (expectValid
                                        ? ": valid signature rejected"
                                        : ": invalid signature accepted"));
            }
        }
        assertNoFailures(VERIFY_FILE, records.size(), failures);
        assertVectorCount(VERIFY_FILE + " (Invalid records)", 64, invalidCount);
    }

    /**
     * PKV records: "P" keys are accepted and "F" keys raise {@link InvalidKeyException}. The file
     * gives out-of-range coordinates as hex numbers of more than 256 bits. These are passed in
     * their shortest big-endian form (33 bytes), and all other coordinates as 32 bytes.
     */
    @Test
    void fromAffine_pkvRecords_matchResult() throws Exception {
        List<Record> records = TestVectors.readRecords(PKV_FILE);
        assertVectorCount(PKV_FILE, 12, records.size());

        List<String> failures = new ArrayList<>();
        int passCount = 0;
        for (Record record : records) {
            String result = record.get("Result");
            boolean expectValid = result.startsWith("P");
            passCount += expectValid ? 1 : 0;
            byte[] x = coordinate(record.get("Qx"));
            byte[] y = coordinate(record.get("Qy"));
            try {
                P256PublicKey.fromAffine(x, y);
                if (!expectValid) {
                    failures.add(record.id() + ": key accepted, expected " + result);
                }
            } catch (InvalidKeyException e) {
                if (expectValid) {
                    failures.add(record.id() + ": valid key rejected: " + e.getMessage());
                }
            }
        }
        assertNoFailures(PKV_FILE, records.size(), failures);
        assertVectorCount(PKV_FILE + " (P records)", 4, passCount);
    }

    /**
     * Returns the record's digest, left-padded with zero bytes to 32 bytes when shorter. The core
     * takes a digest shorter than 32 bytes as its integer value (see {@link
     * io.github.nrf91emu.crypto.internal.P256}), which the padded form keeps, and {@link Es256}
     * rejects digests shorter than SHA-256's 32 bytes.
     */
    private static byte[] digest(Record record) {
        byte[] digest = record.bytes("Digest");
        if (digest.length >= 32) {
            return digest;
        }
        byte[] padded = new byte[32];
        System.arraycopy(digest, 0, padded, 32 - digest.length, digest.length);
        return padded;
    }

    private static byte[] coordinate(String hexNumber) {
        BigInteger value = new BigInteger(hexNumber, 16);
        if (value.bitLength() <= 256) {
            return fixed32(value);
        }
        return value.toByteArray();
    }
}
