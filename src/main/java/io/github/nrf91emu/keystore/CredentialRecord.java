package io.github.nrf91emu.keystore;

import java.util.Objects;
import java.util.Optional;

/**
 * One item of the credential store with its content and password, as the store hands it to its
 * {@link CredentialStore.Persistence} to save. Unlike {@link Credential}, it exposes the content of
 * every type, so it exists only on the way to and from storage. Instances are immutable, and the
 * accessors return copies.
 */
public final class CredentialRecord {
    private final long secTag;
    private final CredentialType type;
    private final byte[] content;
    private final byte[] password;

    /**
     * Creates a record; the arrays are copied. The store checks the values when it is built from
     * the record ({@link CredentialStore.Builder#build()}).
     *
     * @param password the password of an encrypted client private key, or null
     */
    public CredentialRecord(long secTag, CredentialType type, byte[] content, byte[] password) {
        this.secTag = secTag;
        this.type = Objects.requireNonNull(type, "type");
        this.content = Objects.requireNonNull(content, "content").clone();
        this.password = password == null ? null : password.clone();
    }

    public long secTag() {
        return secTag;
    }

    public CredentialType type() {
        return type;
    }

    /** Returns a copy of the content bytes, of any type, secret or not. */
    public byte[] content() {
        return content.clone();
    }

    /** Returns a copy of the password, or empty if the item has none. */
    public Optional<byte[]> password() {
        return password == null ? Optional.empty() : Optional.of(password.clone());
    }

    /** Returns whether the sec_tag is above 2147483647, the range the modem keeps for itself. */
    public boolean modemOwned() {
        return secTag > CredentialStore.MAX_HOST_SEC_TAG;
    }

    /** Formats the item without its content or password. */
    @Override
    public String toString() {
        return "CredentialRecord{secTag="
                + secTag
                + ", type="
                + type
                + ", length="
                + content.length
                + (password != null ? ", password=<redacted>" : "")
                + "}";
    }
}
