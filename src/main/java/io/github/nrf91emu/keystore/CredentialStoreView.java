package io.github.nrf91emu.keystore;

import io.github.nrf91emu.crypto.P256PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of a modem's credential store, for tests and simulators. It always shows the
 * current items and is safe to use from any thread. Secret content (private keys and PSKs) and
 * passwords are not readable through it: {@link Credential#content()} is empty for them, and {@link
 * #publicKeyOf} returns only the public half of a private key.
 */
public final class CredentialStoreView {
    private final CredentialStore store;

    CredentialStoreView(CredentialStore store) {
        this.store = store;
    }

    /** Returns every item, ordered by sec_tag and then type, as {@code AT%CMNG=1} lists them. */
    public List<Credential> list() {
        return store.list();
    }

    /**
     * Returns the items at one sec_tag, ordered by type.
     *
     * @throws IllegalArgumentException if the sec_tag is outside 0..4294967295
     */
    public List<Credential> list(long secTag) {
        return store.list(secTag);
    }

    /**
     * Returns the item at a sec_tag and type, if there is one.
     *
     * @throws IllegalArgumentException if the sec_tag is outside 0..4294967295
     */
    public Optional<Credential> find(long secTag, CredentialType type) {
        return store.find(secTag, type);
    }

    /**
     * Returns the public key of the private key stored at a sec_tag and type: the key that verifies
     * tokens of {@code AT%JWT=…,<sec_tag>,<type>}. Use {@link P256PublicKey#toPem()} or {@link
     * P256PublicKey#toJwk()} to export it, and {@link P256PublicKey#spkiSha256Hex()} for the
     * tokens' {@code kid}.
     *
     * @throws CredentialStoreException with reason {@code NOT_FOUND} if nothing is stored there,
     *     {@code UNUSABLE_KEY} if the content is not a P-256 private key that the stored password
     *     (or no password) opens
     * @throws IllegalArgumentException if the type is not a private key type (2 or 8), or the
     *     sec_tag is outside 0..4294967295
     */
    public P256PublicKey publicKeyOf(long secTag, CredentialType type)
            throws CredentialStoreException {
        return store.privateKey(secTag, type).publicKey();
    }

    /** Returns the maximum number of items at host sec_tags. */
    public int capacity() {
        return store.capacity();
    }

    /** Returns the maximum content length in bytes. */
    public int maxContentLength() {
        return store.maxContentLength();
    }

    @Override
    public String toString() {
        return "CredentialStoreView{" + store + "}";
    }
}
