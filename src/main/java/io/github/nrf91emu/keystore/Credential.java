package io.github.nrf91emu.keystore;

import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One item of the credential store: the content stored at a (sec_tag, type) pair, byte for byte as
 * it was written, and an optional password for an encrypted private key. Instances are immutable,
 * and writing the same pair again stores a new instance.
 *
 * <p>The content of a {@linkplain CredentialType#isSecret() secret type} and any password never
 * leave this class through its public methods or {@link #toString()}.
 */
public final class Credential {
    private final long secTag;
    private final CredentialType type;
    private final byte[] content;
    private final byte[] password;
    private final String sha256;

    /** The private key parsed on first use, or the reason it can't be parsed. */
    private volatile ParsedKey parsedKey;

    private record ParsedKey(P256KeyPair keyPair, GeneralSecurityException failure) {}

    Credential(long secTag, CredentialType type, byte[] content, byte[] password) {
        this.secTag = secTag;
        this.type = type;
        this.content = content.clone();
        this.password = password == null ? null : password.clone();
        this.sha256 = HexFormat.of().withUpperCase().formatHex(sha256(this.content));
    }

    public long secTag() {
        return secTag;
    }

    public CredentialType type() {
        return type;
    }

    /** Returns whether the sec_tag is above 2147483647, the range the modem keeps for itself. */
    public boolean modemOwned() {
        return secTag > CredentialStore.MAX_HOST_SEC_TAG;
    }

    /**
     * Returns the SHA-256 of the content as 64 upper-case hex digits, as {@code %CMNG} lists it.
     */
    public String sha256() {
        return sha256;
    }

    /** Returns the content length in bytes. */
    public int length() {
        return content.length;
    }

    /**
     * Returns a copy of the content, or empty for a {@linkplain CredentialType#isSecret() secret
     * type}, whose content never leaves the store.
     */
    public Optional<byte[]> content() {
        return type.isSecret() ? Optional.empty() : Optional.of(content.clone());
    }

    /** Returns whether a password was stored with the item. */
    public boolean hasPassword() {
        return password != null;
    }

    /**
     * Returns the P-256 key pair of a private key item, parsed from its PEM content with its
     * password on the first call and kept for later calls.
     *
     * <p>The caller checks that the type is a private key type.
     *
     * @throws CredentialStoreException with reason {@code UNUSABLE_KEY} if the content is not a
     *     P-256 private key that the stored password (or no password) opens
     */
    P256KeyPair keyPair() throws CredentialStoreException {
        ParsedKey parsed = parsedKey;
        if (parsed == null) {
            parsed = parseKey();
            parsedKey = parsed;
        }
        if (parsed.failure() != null) {
            throw new CredentialStoreException(
                    CredentialStoreException.Reason.UNUSABLE_KEY,
                    describe()
                            + " is not a usable P-256 private key ("
                            + parsed.failure().getClass().getSimpleName()
                            + ")",
                    parsed.failure());
        }
        return parsed.keyPair();
    }

    private ParsedKey parseKey() {
        char[] passwordChars = password == null ? null : utf8Chars(password);
        try {
            String pem = new String(content, StandardCharsets.UTF_8);
            return new ParsedKey(
                    P256KeyPair.of(P256Keys.privateKeyFromPem(pem, passwordChars)), null);
        } catch (GeneralSecurityException e) {
            return new ParsedKey(null, e);
        } finally {
            if (passwordChars != null) {
                Arrays.fill(passwordChars, '\0');
            }
        }
    }

    /** Returns the item with its content and password, for the store's persistence. */
    CredentialRecord toRecord() {
        return new CredentialRecord(secTag, type, content, password);
    }

    /** Returns the sec_tag and type as messages name them, such as {@code sec_tag 7, type 2}. */
    String describe() {
        return "sec_tag " + secTag + ", type " + type.number();
    }

    private static char[] utf8Chars(byte[] bytes) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] result = new char[chars.remaining()];
        chars.get(result);
        Arrays.fill(chars.array(), '\0');
        return result;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Formats the item without its content or password, such as {@code Credential{…}}. */
    @Override
    public String toString() {
        return "Credential{secTag="
                + secTag
                + ", type="
                + type
                + ", length="
                + content.length
                + ", sha256="
                + sha256
                + (password != null ? ", password=<redacted>" : "")
                + "}";
    }
}
