package io.github.nrf91emu.crypto;

import io.github.nrf91emu.crypto.internal.P256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * ECDSA on P-256 with SHA-256 (JWS "ES256", RFC 7518 §3.4).
 *
 * <p>Signatures are 64 bytes, r‖s, each a 32-byte big-endian integer. Signing is deterministic
 * by default: the nonce comes from RFC 6979 §3.2 with HMAC-SHA256, so the same key and message
 * always give the same signature. Signing runs in constant time with respect to the private key
 * and the nonce. Verification works on public data and runs in variable time.
 */
public final class Es256 {
    /** Length of an r‖s signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private Es256() {}

    /** Signs SHA-256(message) with the deterministic RFC 6979 nonce. Returns r‖s. */
    public static byte[] sign(P256PrivateKey key, byte[] message) {
        return signDigest(key, sha256(message));
    }

    /**
     * Signs SHA-256(message) with an RFC 6979 nonce into which 32 fresh bytes from {@code random}
     * are mixed as additional data (RFC 6979 §3.6). Returns r‖s.
     */
    public static byte[] sign(P256PrivateKey key, byte[] message, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] extra = new byte[32];
        random.nextBytes(extra);
        return P256.sign(key.scalar(), sha256(message), extra);
    }

    /**
     * Signs a precomputed digest with the deterministic RFC 6979 nonce. A digest longer than 32
     * bytes is truncated to its leftmost 256 bits (FIPS 186-4 §6.4). Returns r‖s.
     */
    public static byte[] signDigest(P256PrivateKey key, byte[] digest) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(digest, "digest");
        return P256.sign(key.scalar(), digest, null);
    }

    /**
     * Verifies an r‖s signature over SHA-256(message). Returns false for a signature of the
     * wrong length or with r or s outside 1..n-1.
     */
    public static boolean verify(P256PublicKey key, byte[] message, byte[] signature) {
        return verifyDigest(key, sha256(message), signature);
    }

    /** Verifies an r‖s signature over a precomputed digest, truncated as in signing. */
    public static boolean verifyDigest(P256PublicKey key, byte[] digest, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(digest, "digest");
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        return P256.verify(key.rawX(), key.rawY(), digest, signature);
    }

    static byte[] sha256(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
