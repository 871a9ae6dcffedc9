package io.github.nrf91emu.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Digest lengths accepted by {@link Es256#signDigest} and {@link Es256#verifyDigest}. */
class Es256DigestTest {
    private static final P256KeyPair PAIR =
            P256Keys.fromSeed("digest".getBytes(StandardCharsets.US_ASCII));

    @Test
    void signDigest_shortDigest_rejected() {
        for (int length : new int[] {0, 1, 20, 28, 31}) {
            byte[] digest = new byte[length];

            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Es256.signDigest(PAIR.privateKey(), digest),
                            length + "-byte digest");

            KeyImportTest.assertContains(e, "digest is " + length + " bytes");
            KeyImportTest.assertContains(e, "expected at least 32");
        }
    }

    @Test
    void verifyDigest_shortDigest_rejected() {
        byte[] signature = Es256.sign(PAIR.privateKey(), new byte[0]);
        for (int length : new int[] {0, 1, 20, 28, 31}) {
            byte[] digest = new byte[length];

            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Es256.verifyDigest(PAIR.publicKey(), digest, signature),
                            length + "-byte digest");

            KeyImportTest.assertContains(e, "digest is " + length + " bytes");
        }
    }

    @Test
    void signDigest_sha256Digest_matchesSign() throws Exception {
        byte[] message = "ES256 digest".getBytes(StandardCharsets.US_ASCII);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);

        byte[] signature = Es256.signDigest(PAIR.privateKey(), digest);

        assertArrayEquals(Es256.sign(PAIR.privateKey(), message), signature);
        assertTrue(Es256.verifyDigest(PAIR.publicKey(), digest, signature));
    }

    /** A longer digest is truncated to its leftmost 32 bytes, as the NIST vectors need. */
    @Test
    void signDigest_longDigest_truncated() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(new byte[] {1});

        byte[] signature = Es256.signDigest(PAIR.privateKey(), digest);

        assertArrayEquals(
                Es256.signDigest(PAIR.privateKey(), Arrays.copyOf(digest, 32)), signature);
        assertTrue(Es256.verifyDigest(PAIR.publicKey(), digest, signature));
    }
}
