package io.github.nrf91emu.crypto.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256 {@link MessageDigest}, for keys of at most 64
 * bytes. It exists because the first {@code javax.crypto.Mac} in a JVM loads the JCE provider,
 * which costs about 50 ms, while RFC 6979 needs only the HMAC construction over a digest that the
 * JDK already provides.
 *
 * <p>Constant time for a given key and message length: the key is padded and XORed with fixed bytes
 * without branches, and the JDK's SHA-256 has no data-dependent branches. Not thread-safe: each
 * thread uses its own instance.
 */
final class HmacSha256 {
    private static final int BLOCK_BYTES = 64;
    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;
    private static final ThreadLocal<HmacSha256> INSTANCES =
            ThreadLocal.withInitial(HmacSha256::new);

    private final MessageDigest sha256 = newSha256();
    private final byte[] block = new byte[BLOCK_BYTES];

    private HmacSha256() {}

    /** Returns this thread's instance. */
    static HmacSha256 get() {
        return INSTANCES.get();
    }

    /**
     * Returns HMAC-SHA256 of the concatenated parts under a key of at most 64 bytes.
     *
     * @throws IllegalArgumentException if the key is longer than 64 bytes
     */
    byte[] mac(byte[] key, byte[]... parts) {
        if (key.length > BLOCK_BYTES) {
            throw new IllegalArgumentException(
                    "HMAC key has " + key.length + " bytes (expected at most 64)");
        }
        Arrays.fill(block, (byte) 0);
        System.arraycopy(key, 0, block, 0, key.length);
        xorAll(INNER_PAD);
        sha256.update(block);
        for (byte[] part : parts) {
            sha256.update(part);
        }
        byte[] inner = sha256.digest();

        xorAll((byte) (INNER_PAD ^ OUTER_PAD));
        sha256.update(block);
        sha256.update(inner);
        Arrays.fill(block, (byte) 0);
        return sha256.digest();
    }

    private void xorAll(byte pad) {
        for (int i = 0; i < BLOCK_BYTES; i++) {
            block[i] ^= pad;
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
