package io.github.nrf91emu.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Objects;

/**
 * Generation of P-256 key pairs, at random or from a seed, and import of private keys from PEM.
 * Public keys are imported and exported by {@link P256PublicKey}, private keys exported by {@link
 * P256PrivateKey}.
 *
 * <p>Null arguments throw {@link NullPointerException}, except the password of {@link
 * #privateKeyFromPem(String, char[])}, which may be null for an unencrypted key.
 */
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
     * Derives a key pair from a seed, the same on every machine and Java version. The scalar is the
     * first SHA-256(label ‖ seed ‖ counter) with a 4-byte big-endian counter from 0 that lies in
     * 1..n-1, where label is the ASCII text {@code nrf91-at-emulator P-256 key from seed}.
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

    /**
     * Decodes the first private key block of unencrypted PEM text. Same as {@link
     * #privateKeyFromPem(String, char[])} with no password, so an ENCRYPTED PRIVATE KEY block is
     * rejected.
     *
     * @throws InvalidKeySpecException if the PEM or the DER is malformed, not in DER or not
     *     supported (a traditional RSA PRIVATE KEY block included), or there is no private key
     *     block
     * @throws InvalidKeyException if the key is encrypted, of another algorithm or curve, its
     *     scalar is not in 1..n-1, or its public key does not match the scalar
     */
    public static P256PrivateKey privateKeyFromPem(String pem)
            throws InvalidKeySpecException, InvalidKeyException {
        Objects.requireNonNull(pem, "pem");
        return KeyPem.readPrivateKey(pem, null);
    }

    /**
     * Decodes the first private key block of PEM text, the first block whose label ends in {@code
     * PRIVATE KEY}. Text and well-formed blocks before it, such as EC PARAMETERS, are skipped (a
     * malformed block before it fails the import). Text after its END line is ignored, because it
     * commonly contains other blocks. The label and the Base64 body must not contain control
     * characters, and the Base64 must be canonical: padded, with zero unused bits in the last
     * character. Supported blocks:
     *
     * <ul>
     *   <li>EC PRIVATE KEY: SEC 1 ECPrivateKey (RFC 5915) with the private key in exactly 32 bytes,
     *       with or without the optional parameters and public key;
     *   <li>PRIVATE KEY: unencrypted PKCS #8 (RFC 5208, RFC 5958) with algorithm id-ecPublicKey;
     *   <li>ENCRYPTED PRIVATE KEY: encrypted PKCS #8 (RFC 5958 §3), as written by {@code openssl
     *       pkcs8 -topk8} and Bouncy Castle.
     * </ul>
     *
     * <p>The curve must be the named curve prime256v1 (P-256, secp256r1). An embedded public key
     * must equal the one derived from the scalar. The legacy OpenSSL encryption with Proc-Type and
     * DEK-Info headers is rejected.
     *
     * <p>Encrypted keys may use PBES2 (RFC 8018 §6.2) with PBKDF2 (HMAC with SHA-1, SHA-2, SHA-3 or
     * SM3) or scrypt, and the cipher AES-128-CBC, AES-192-CBC, AES-256-CBC, DES-EDE3-CBC or
     * SM4-CBC. Other PBES2 ciphers, such as Camellia and ARIA, are rejected as not supported. The
     * PKCS #12 PBE schemes (such as {@code openssl pkcs8 -v1 PBE-SHA1-3DES}) and PBES1 are
     * decrypted by Bouncy Castle. The password is encoded as UTF-8. It may be empty for PBES2 but
     * not for the other schemes. Because the file chooses the cost of deriving the key, these
     * limits are checked before any derivation:
     *
     * <ul>
     *   <li>PBKDF2, PKCS #12 PBE and PBES1: an iteration count from 1 to 2,000,000;
     *   <li>scrypt: N a power of 2 greater than 1, r and p at least 1, 128·N·r at most 128 MiB and
     *       p at most 16.
     * </ul>
     *
     * @param pem PEM text (RFC 7468)
     * @param password the password of an ENCRYPTED PRIVATE KEY block; ignored for unencrypted
     *     blocks and may be null for them. The array is neither changed nor kept.
     * @throws InvalidKeySpecException if the PEM or the DER is malformed, not in DER or not
     *     supported (a traditional RSA PRIVATE KEY block included), or there is no private key
     *     block. It is also thrown when the encryption scheme is not supported, its parameters are
     *     invalid or outside the limits above, or the password is empty for a scheme other than
     *     PBES2.
     * @throws InvalidKeyException if the password is missing or wrong (indistinguishable from
     *     corrupted ciphertext), the PKCS #8 key is of another algorithm or curve, its scalar is
     *     not in 1..n-1, or its public key does not match the scalar
     */
    public static P256PrivateKey privateKeyFromPem(String pem, char[] password)
            throws InvalidKeySpecException, InvalidKeyException {
        Objects.requireNonNull(pem, "pem");
        return KeyPem.readPrivateKey(pem, password);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
