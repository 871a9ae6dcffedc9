package io.github.nrf91emu.crypto.internal;

import java.util.Arrays;

/**
 * The deterministic ECDSA nonces of RFC 6979 §3.2 for P-256 with HMAC-SHA256 ({@link HmacSha256}
 * over the JDK's SHA-256), as a sequence: {@link #next()} returns the first candidate k in 1..n-1
 * and, when called again because r or s came out zero, the following ones (§3.2 step h.3). With
 * additional data, the derivation follows §3.6: the data is appended to the key-update inputs of
 * step d and f.
 *
 * <p>The key and every intermediate value are secret. HMAC-SHA256 runs in constant time for inputs
 * of fixed length, and the range check of each candidate uses {@link P256Scalars#isInRange}, so the
 * only data-dependent behaviour is a retry, which happens with probability about 2^-32.
 */
final class Rfc6979Nonces {
    private final HmacSha256 hmac = HmacSha256.get();
    private byte[] k = new byte[32];
    private byte[] v = new byte[32];
    private boolean started;

    /**
     * Starts the sequence for a private scalar (32 big-endian bytes in 1..n-1), the message digest
     * as {@code bits2octets(h1)} (32 bytes, already reduced mod n), and optional additional data
     * (null for none).
     */
    Rfc6979Nonces(byte[] privateScalar, byte[] reducedDigest, byte[] additionalData) {
        Arrays.fill(v, (byte) 0x01);
        byte[] extra = additionalData == null ? new byte[0] : additionalData;
        k = hmac(k, v, new byte[] {0x00}, privateScalar, reducedDigest, extra);
        v = hmac(k, v);
        k = hmac(k, v, new byte[] {0x01}, privateScalar, reducedDigest, extra);
        v = hmac(k, v);
    }

    /** Returns the next candidate nonce k in 1..n-1 as 32 big-endian bytes. */
    byte[] next() {
        while (true) {
            if (started) {
                k = hmac(k, v, new byte[] {0x00});
                v = hmac(k, v);
            }
            started = true;
            v = hmac(k, v);
            if (P256Scalars.isInRange(v)) {
                return v.clone();
            }
        }
    }

    private byte[] hmac(byte[] key, byte[]... parts) {
        return hmac.mac(key, parts);
    }
}
