package io.github.nrf91emu.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** Key generation: the documented seed derivation, recomputed here, and random keys. */
class P256KeysTest {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final byte[] LABEL = "nrf91-at-emulator P-256 key from seed".getBytes(US_ASCII);

    @Test
    void fromSeed_followsDocumentedDerivation() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] seed = ("device-" + i).getBytes(UTF_8);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            sha256.update(seed);
            sha256.update(new byte[] {0, 0, 0, 0});
            BigInteger expected = new BigInteger(1, sha256.digest());
            // Counter 0 gives a value in 1..n-1 except with probability about 2^-32.
            P256KeyPair pair = P256Keys.fromSeed(seed);
            BigInteger actual = new BigInteger(1, pair.privateKey().toScalarBytes());
            if (!expected.equals(actual)) {
                failures.add("seed device-" + i + ": scalar differs");
            }
            ECPoint q = CURVE.getG().multiply(expected).normalize();
            if (!q.getAffineXCoord().toBigInteger().equals(new BigInteger(1, pair.publicKey().x()))
                    || !q.getAffineYCoord()
                            .toBigInteger()
                            .equals(new BigInteger(1, pair.publicKey().y()))) {
                failures.add("seed device-" + i + ": public key differs from Bouncy Castle's");
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void fromSeed_sameSeed_sameKey() {
        byte[] seed = {1, 2, 3};
        assertEquals(P256Keys.fromSeed(seed).privateKey(), P256Keys.fromSeed(seed).privateKey());
        assertEquals(P256Keys.fromSeed(seed).publicKey(), P256Keys.fromSeed(seed).publicKey());
    }

    @Test
    void fromSeed_otherSeed_otherKey() {
        assertNotEquals(
                P256Keys.fromSeed(new byte[] {1}).publicKey(),
                P256Keys.fromSeed(new byte[] {2}).publicKey());
        assertNotEquals(
                P256Keys.fromSeed(new byte[0]).publicKey(),
                P256Keys.fromSeed(new byte[] {0}).publicKey());
    }

    @Test
    void generate_keysInRangeAndDistinct() {
        SecureRandom random = new SecureRandom();
        BigInteger order = CURVE.getN();
        List<String> failures = new ArrayList<>();
        P256PublicKey previous = null;
        for (int i = 0; i < 100; i++) {
            P256KeyPair pair = P256Keys.generate(random);
            BigInteger d = new BigInteger(1, pair.privateKey().toScalarBytes());
            if (d.signum() <= 0 || d.compareTo(order) >= 0) {
                failures.add("key " + i + ": scalar out of range");
            }
            ECPoint q = CURVE.getG().multiply(d).normalize();
            if (!q.getAffineXCoord()
                    .toBigInteger()
                    .equals(new BigInteger(1, pair.publicKey().x()))) {
                failures.add("key " + i + ": public key differs from Bouncy Castle's");
            }
            if (pair.publicKey().equals(previous)) {
                failures.add("key " + i + ": same as the previous key");
            }
            previous = pair.publicKey();
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void privateKey_toString_hidesScalar() {
        P256PrivateKey key = P256Keys.fromSeed(new byte[] {9}).privateKey();
        String text = key.toString();
        String hex = new BigInteger(1, key.toScalarBytes()).toString(16);
        assertFalse(text.contains(hex.substring(0, 16)), text);
        assertFalse(text.contains(new BigInteger(1, key.toScalarBytes()).toString()), text);
    }
}
