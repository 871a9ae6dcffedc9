package io.github.nrf91emu.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/** Generation of P-256 key pairs, at random or from a seed. */
public final class P256Keys {
    private static final byte[] SEED_LABEL =
            "nrf91-at-emulator P-256 key from seed".getBytes(StandardCharsets.US_ASCII);

    private P256Keys() {}

    /** Generates a key pair with a scalar drawn uniformly from 1..n-1 by rejection sampling. */
    public static P256KeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] candidate = new byte[32];
        while (true) {
            random.nextBytes(candidate);
            try {
                return P256KeyPair.of(P256PrivateKey.fromScalar(candidate));
            } catch (InvalidKeyException outOfRange) {
                // Probability about 2^-32 per draw; draw again.
            }
        }
    }

    /**
     * Derives a key pair from a seed, the same on every machine and Java version. The scalar is
     * the first SHA-256(label ‖ seed ‖ counter) with a 4-byte big-endian counter from 0 that
     * lies in 1..n-1, where label is the ASCII text {@code nrf91-at-emulator P-256 key from
     * seed}.
     */
    public static P256KeyPair fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        for (int counter = 0; ; counter++) {
            MessageDigest sha256 = sha256();
            sha256.update(SEED_LABEL);
            sha256.update(seed);
            sha256.update(
                    new byte[] {
                        (byte) (counter >>> 24),
                        (byte) (counter >>> 16),
                        (byte) (counter >>> 8),
                        (byte) counter
                    });
            try {
                return P256KeyPair.of(P256PrivateKey.fromScalar(sha256.digest()));
            } catch (InvalidKeyException outOfRange) {
                // Probability about 2^-32 per counter value; try the next one.
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
