package io.github.nrf91emu.keystore;

import java.util.Objects;

/**
 * A failed operation of the {@link CredentialStore}. The command handlers map its {@link Reason} to
 * an error code. The message names the sec_tag and type but never contains content or a password.
 */
public final class CredentialStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The cause of a failed operation. */
    public enum Reason {
        /** Nothing is stored at the sec_tag and type. */
        NOT_FOUND,
        /** The sec_tag belongs to the modem, so the host can't write or delete it. */
        NO_ACCESS,
        /** The store already contains its maximum number of items. */
        MEMORY_FULL,
        /** The modem already has an item of its own at the sec_tag and type. */
        ALREADY_EXISTS,
        /** The content is too long, or content of type 0 or 1 is not a well-formed certificate. */
        INVALID_CONTENT,
        /** The item is not a P-256 private key that can be read with its stored password. */
        UNUSABLE_KEY,
        /** The store's persistence failed to save a change, so the store was left as it was. */
        SAVE_FAILED
    }

    private final Reason reason;

    CredentialStoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    CredentialStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
