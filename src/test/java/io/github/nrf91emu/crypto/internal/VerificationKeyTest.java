package io.github.nrf91emu.crypto.internal;

import static io.github.nrf91emu.crypto.TestVectors.assertNoFailures;
import static io.github.nrf91emu.crypto.TestVectors.fixed32;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * Verification with a reused {@link VerificationKey}: the first uses take the path for new keys,
 * later ones the split tables, and both must agree with Bouncy Castle on valid and altered
 * signatures.
 */
class VerificationKeyTest {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN());

    @Test
    void splitTables_builtAfterWarmUses() {
        byte[] scalar = fixed32(BigInteger.valueOf(0x1234567L));
        byte[] point = P256.multiplyBase(scalar);
        VerificationKey key =
                new VerificationKey(
                        Arrays.copyOfRange(point, 0, 32), Arrays.copyOfRange(point, 32, 64));
        for (int use = 1; use < VerificationKey.WARM_USES; use++) {
            assertNull(key.splitTablesForUse(), "tables after " + use + " uses");
        }
        assertNotNull(
                key.splitTablesForUse(), "tables after " + VerificationKey.WARM_USES + " uses");
    }

    @Test
    void verify_reusedKey_matchesBouncyCastle() throws Exception {
        long seed = Long.getLong("verification.seed", new Random().nextLong());
        System.out.println("VerificationKeyTest seed=" + seed);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();

        for (int keyIndex = 0; keyIndex < 40; keyIndex++) {
            BigInteger d = new BigInteger(256, random).mod(DOMAIN.getN().subtract(BigInteger.ONE));
            d = d.add(BigInteger.ONE);
            byte[] point = P256.multiplyBase(fixed32(d));
            byte[] x = Arrays.copyOfRange(point, 0, 32);
            byte[] y = Arrays.copyOfRange(point, 32, 64);
            VerificationKey key = new VerificationKey(x, y);
            ECPoint q = CURVE.getCurve().createPoint(new BigInteger(1, x), new BigInteger(1, y));
            ECDSASigner bc = new ECDSASigner();
            bc.init(false, new ECPublicKeyParameters(q, DOMAIN));

            for (int use = 0; use < 12; use++) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(longBytes(random));
                byte[] signature = P256.sign(fixed32(d), digest, null);
                if (use % 3 == 1) {
                    signature[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
                } else if (use % 3 == 2) {
                    digest[random.nextInt(32)] ^= 1;
                }
                boolean ours = P256.verify(key, digest, signature);
                boolean theirs =
                        bc.verifySignature(
                                digest,
                                new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
                                new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
                if (ours != theirs) {
                    failures.add(
                            "key " + keyIndex + " use " + use + ": ours " + ours + ", BC "
                                    + theirs);
                }
            }
        }
        assertNoFailures("reused verification keys (seed " + seed + ")", 40 * 12, failures);
    }

    private static byte[] longBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(100)];
        random.nextBytes(bytes);
        return bytes;
    }
}
