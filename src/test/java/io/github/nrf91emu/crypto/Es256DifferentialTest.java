package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.TestVectors.concat;
import static io.github.nrf91emu.crypto.TestVectors.fixed32;
import static io.github.nrf91emu.crypto.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ES256 against two independent implementations, Bouncy Castle's ECDSASigner on its custom
 * secp256r1 curve and the JDK's SunEC provider (SHA256withECDSAinP1363Format), on random keys and
 * messages of 0 to 200 bytes.
 *
 * <p>Every iteration draws its key and message from the seed and its index alone, so a failure
 * reported as "iteration i" is reproduced by running again with {@code -Des256.seed=SEED}. The seed
 * is random unless set, and is printed to standard output.
 */
class Es256DifferentialTest {
    private static final int ITERATIONS = 10_000;
    private static final int SUBSET_ITERATIONS = 1_000;
    private static final int MAX_MESSAGE_LENGTH = 200;
    private static final int MAX_FAILURES_SHOWN = 50;

    private static final X9ECParameters BC_CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters BC_DOMAIN =
            new ECDomainParameters(
                    BC_CURVE.getCurve(), BC_CURVE.getG(), BC_CURVE.getN(), BC_CURVE.getH());

    private static long seed;
    private static ECParameterSpec jdkParameters;
    private static KeyFactory jdkKeyFactory;

    @BeforeAll
    static void chooseSeed() throws GeneralSecurityException {
        String property = System.getProperty("es256.seed");
        seed = property != null ? Long.parseLong(property) : new SecureRandom().nextLong();
        System.out.println(
                "Es256DifferentialTest seed: " + seed + " (rerun with -Des256.seed=" + seed + ")");

        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", "SunEC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        jdkParameters = parameters.getParameterSpec(ECParameterSpec.class);
        jdkKeyFactory = KeyFactory.getInstance("EC", "SunEC");
    }

    /** Our deterministic signature verifies in Bouncy Castle and in the JDK. */
    @Test
    void ourSignature_verifiesInBcAndJdk() {
        runIterations(
                ITERATIONS,
                (i, c, failures) -> {
                    byte[] signature = Es256.sign(c.privateKey, c.message);

                    if (!bcVerify(bcPublicKey(c), c.message, signature)) {
                        failures.add("Bouncy Castle rejects " + hex(signature));
                    }
                    if (!jdkVerify(jdkPublicKey(c.publicKey()), c.message, signature)) {
                        failures.add("the JDK rejects " + hex(signature));
                    }
                });
    }

    /** Randomized signatures of Bouncy Castle and of the JDK verify in ours. */
    @Test
    void theirSignatures_verifyInOurs() {
        runIterations(
                ITERATIONS,
                (i, c, failures) -> {
                    byte[] bcSignature = bcSignRandomized(c, seededRandom(i));
                    byte[] jdkSignature = jdkSign(c, seededRandom(i));

                    if (!Es256.verify(c.publicKey(), c.message, bcSignature)) {
                        failures.add("ours rejects Bouncy Castle's " + hex(bcSignature));
                    }
                    if (!Es256.verify(c.publicKey(), c.message, jdkSignature)) {
                        failures.add("ours rejects the JDK's " + hex(jdkSignature));
                    }
                });
    }

    /** Both use RFC 6979 with HMAC-SHA256, so the signatures are equal byte for byte. */
    @Test
    void deterministicSignature_equalsBc() {
        runIterations(
                ITERATIONS,
                (i, c, failures) -> {
                    String ours = hex(Es256.sign(c.privateKey, c.message));
                    String theirs = hex(bcSignDeterministic(c));

                    if (!ours.equals(theirs)) {
                        failures.add("ours " + ours + ", Bouncy Castle " + theirs);
                    }
                });
    }

    @Test
    void publicKey_fromScalar_equalsBc() {
        runIterations(
                ITERATIONS,
                (i, c, failures) -> {
                    org.bouncycastle.math.ec.ECPoint q = bcPublicKey(c).getQ();
                    String theirs =
                            hex(q.getAffineXCoord().getEncoded())
                                    + hex(q.getAffineYCoord().getEncoded());
                    String ours = hex(c.publicKey().x()) + hex(c.publicKey().y());

                    if (!ours.equals(theirs)) {
                        failures.add("ours " + ours + ", Bouncy Castle " + theirs);
                    }
                });
    }

    @Test
    void randomizedSignature_verifiesEverywhere() {
        runIterations(
                SUBSET_ITERATIONS,
                (i, c, failures) -> {
                    byte[] signature = Es256.sign(c.privateKey, c.message, seededRandom(i));

                    if (!Es256.verify(c.publicKey(), c.message, signature)) {
                        failures.add("ours rejects " + hex(signature));
                    }
                    if (!bcVerify(bcPublicKey(c), c.message, signature)) {
                        failures.add("Bouncy Castle rejects " + hex(signature));
                    }
                    if (!jdkVerify(jdkPublicKey(c.publicKey()), c.message, signature)) {
                        failures.add("the JDK rejects " + hex(signature));
                    }
                });
    }

    @Test
    void randomizedSignature_differsFromDeterministic() {
        runIterations(
                SUBSET_ITERATIONS,
                (i, c, failures) -> {
                    byte[] randomized = Es256.sign(c.privateKey, c.message, seededRandom(i));

                    if (Arrays.equals(randomized, Es256.sign(c.privateKey, c.message))) {
                        failures.add("randomized signature equals the deterministic one");
                    }
                });
    }

    /**
     * One flipped bit in the message or in the signature makes ours reject. Iterations with an
     * empty message have no message bit to flip, so the loop runs until 1,000 messages with at
     * least one byte have been changed.
     */
    @Test
    void flippedBit_rejectedByOurs() {
        List<String> failures = new ArrayList<>();
        int messageChecks = 0;
        int signatureChecks = 0;
        for (int i = 0; messageChecks < SUBSET_ITERATIONS; i++) {
            Case c = newCase(i);
            byte[] signature = Es256.sign(c.privateKey, c.message);
            SplittableRandom random = new SplittableRandom(iterationSeed(i) ^ 0x5DEECE66DL);

            byte[] changedSignature = signature.clone();
            int signatureBit = random.nextInt(8 * changedSignature.length);
            changedSignature[signatureBit / 8] ^= (byte) (1 << (signatureBit % 8));
            signatureChecks++;
            if (Es256.verify(c.publicKey(), c.message, changedSignature)) {
                failures.add(
                        failure(i, "accepted with signature bit " + signatureBit + " flipped"));
            }

            if (c.message.length == 0) {
                continue;
            }
            byte[] changedMessage = c.message.clone();
            int messageBit = random.nextInt(8 * changedMessage.length);
            changedMessage[messageBit / 8] ^= (byte) (1 << (messageBit % 8));
            messageChecks++;
            if (Es256.verify(c.publicKey(), changedMessage, signature)) {
                failures.add(failure(i, "accepted with message bit " + messageBit + " flipped"));
            }
        }
        assertNoFailures(messageChecks + signatureChecks, failures);
    }

    /** The checks of one iteration. A failure is added as a reason, without the iteration. */
    private interface IterationCheck {
        void run(int iteration, Case c, List<String> failures) throws GeneralSecurityException;
    }

    /**
     * Runs a check on iterations 0 to count − 1 on the common fork-join pool, then asserts that no
     * iteration failed. The iterations are independent, so the order of execution does not change
     * their inputs, and failures are listed by iteration index.
     */
    private static void runIterations(int count, IterationCheck check) {
        List<String> failures =
                IntStream.range(0, count)
                        .parallel()
                        .mapToObj(i -> runIteration(i, check))
                        .flatMap(List::stream)
                        .collect(Collectors.toList());
        assertNoFailures(count, failures);
    }

    private static List<String> runIteration(int iteration, IterationCheck check) {
        List<String> reasons = new ArrayList<>();
        try {
            check.run(iteration, newCase(iteration), reasons);
        } catch (GeneralSecurityException | RuntimeException e) {
            reasons.add("threw " + e);
        }
        List<String> failures = new ArrayList<>();
        for (String reason : reasons) {
            failures.add(failure(iteration, reason));
        }
        return failures;
    }

    /** A random key pair and message, determined by the seed and the iteration index. */
    private record Case(P256PrivateKey privateKey, byte[] message) {
        /** Returns the public key, derived on first use and then cached by the private key. */
        P256PublicKey publicKey() {
            return privateKey.publicKey();
        }
    }

    private static Case newCase(int iteration) {
        SplittableRandom random = new SplittableRandom(iterationSeed(iteration));
        byte[] scalar = new byte[32];
        P256PrivateKey privateKey = null;
        while (privateKey == null) {
            random.nextBytes(scalar);
            try {
                privateKey = P256PrivateKey.fromScalar(scalar);
            } catch (InvalidKeyException outOfRange) {
                // A draw of 0 or of at least n: about 2^-32 per draw, draw again.
            }
        }
        byte[] message = new byte[random.nextInt(MAX_MESSAGE_LENGTH + 1)];
        random.nextBytes(message);
        return new Case(privateKey, message);
    }

    /** Returns a seed for one iteration, mixed so that neighbouring indices are unrelated. */
    private static long iterationSeed(int iteration) {
        return new SplittableRandom(seed + iteration).nextLong();
    }

    /**
     * Returns a SecureRandom whose output depends only on the seed and the iteration, so that
     * randomized signatures are reproduced by the same seed. SHA1PRNG seeded before its first use
     * does not mix in system entropy.
     */
    private static SecureRandom seededRandom(int iteration) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(iterationSeed(iteration));
            return random;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA1PRNG is missing from this Java runtime", e);
        }
    }

    private static ECPrivateKeyParameters bcPrivateKey(Case c) {
        return new ECPrivateKeyParameters(
                new BigInteger(1, c.privateKey.toScalarBytes()), BC_DOMAIN);
    }

    /** Returns the public key that Bouncy Castle derives from the scalar. */
    private static ECPublicKeyParameters bcPublicKey(Case c) {
        BigInteger d = new BigInteger(1, c.privateKey.toScalarBytes());
        return new ECPublicKeyParameters(BC_DOMAIN.getG().multiply(d).normalize(), BC_DOMAIN);
    }

    private static byte[] bcSignDeterministic(Case c) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, bcPrivateKey(c));
        return rs(signer.generateSignature(sha256(c.message)));
    }

    private static byte[] bcSignRandomized(Case c, SecureRandom random) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(bcPrivateKey(c), random));
        return rs(signer.generateSignature(sha256(c.message)));
    }

    private static boolean bcVerify(ECPublicKeyParameters key, byte[] message, byte[] signature) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return verifier.verifySignature(sha256(message), r, s);
    }

    private static byte[] jdkSign(Case c, SecureRandom random) throws GeneralSecurityException {
        PrivateKey key =
                jdkKeyFactory.generatePrivate(
                        new ECPrivateKeySpec(
                                new BigInteger(1, c.privateKey.toScalarBytes()), jdkParameters));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        signer.initSign(key, random);
        signer.update(c.message);
        return signer.sign();
    }

    private static PublicKey jdkPublicKey(P256PublicKey key) throws GeneralSecurityException {
        ECPoint point = new ECPoint(new BigInteger(1, key.x()), new BigInteger(1, key.y()));
        return jdkKeyFactory.generatePublic(new ECPublicKeySpec(point, jdkParameters));
    }

    private static boolean jdkVerify(PublicKey key, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static byte[] rs(BigInteger[] signature) {
        return concat(fixed32(signature[0]), fixed32(signature[1]));
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String failure(int iteration, String reason) {
        return "iteration " + iteration + ": " + reason;
    }

    /** Asserts that the list is empty, showing the first failures and the seed otherwise. */
    private static void assertNoFailures(int checked, List<String> failures) {
        assertTrue(
                failures.isEmpty(),
                () ->
                        failures.size()
                                + " of "
                                + checked
                                + " checks failed with seed "
                                + seed
                                + " (rerun with -Des256.seed="
                                + seed
                                + "):\n  "
                                + String.join(
                                        "\n  ",
                                        failures.subList(
                                                0, Math.min(failures.size(), MAX_FAILURES_SHOWN)))
                                + (failures.size() > MAX_FAILURES_SHOWN ? "\n  ..." : ""));
    }
}
