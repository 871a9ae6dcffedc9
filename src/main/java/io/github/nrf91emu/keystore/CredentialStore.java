package io.github.nrf91emu.keystore;

import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256PrivateKey;
import io.github.nrf91emu.keystore.CredentialStoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The modem's credential store, which {@code AT%CMNG} manages: one {@link Credential} per (sec_tag,
 * type) pair, listed in order of sec_tag and then type.
 *
 * <p>Sec_tags 0..2147483647 belong to the host. Sec_tags 2147483648..4294967295 belong to the
 * modem: only the {@link Builder} can put items there, and the host can list and read them but not
 * write or delete them.
 *
 * <p>Limits, both set by the builder:
 *
 * <ul>
 *   <li>capacity: the maximum number of items at host sec_tags, {@value #DEFAULT_CAPACITY} by
 *       default. Items at modem sec_tags do not count.
 *   <li>maximum content length: {@value #DEFAULT_MAX_CONTENT_LENGTH} bytes by default, the maximum
 *       length of an AT command line, so that the limit never rejects content that fits on a line.
 * </ul>
 *
 * NOTE: a real modem limits its store by bytes, not by items, and Nordic does not publish that
 * limit, so the default capacity is an estimate of what host tools need.
 *
 * <p>Thread safety: changes are serialized, and every change publishes a new immutable snapshot, so
 * that reads from any thread see a consistent state without locking.
 *
 * <p>Persistence: a store built with a {@link Persistence} hands it the complete new list of items
 * before each change takes effect. If saving fails, the change is dropped and the write or delete
 * fails with reason {@code SAVE_FAILED}, so the saved items and the items in memory stay the same.
 *
 * <p>This class is the command handlers' view of the store and not meant for use outside the
 * emulator; {@link CredentialStoreView} is the read-only API.
 */
public final class CredentialStore {
    /** The highest sec_tag that the host may write and delete. */
    public static final long MAX_HOST_SEC_TAG = 2_147_483_647L;

    /** The highest sec_tag. Sec_tags from 2147483648 up belong to the modem. */
    public static final long MAX_SEC_TAG = 4_294_967_295L;

    /** Default maximum number of items at host sec_tags. */
    public static final int DEFAULT_CAPACITY = 64;

    /** Default maximum content length in bytes. */
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 4096;

    /** Maximum password length in bytes, as {@code AT%CMNG} allows it. */
    public static final int MAX_PASSWORD_LENGTH = 32;

    private final int capacity;
    private final int maxContentLength;
    private final Persistence persistence;

    /** The current items by {@link #key}, as an unmodifiable snapshot that each change replaces. */
    private volatile NavigableMap<Long, Credential> items;

    private CredentialStore(
            int capacity,
            int maxContentLength,
            Persistence persistence,
            NavigableMap<Long, Credential> items) {
        this.capacity = capacity;
        this.maxContentLength = maxContentLength;
        this.persistence = persistence;
        this.items = Collections.unmodifiableNavigableMap(items);
    }

    /** Storage that keeps the items of a store, such as a state file. */
    @FunctionalInterface
    public interface Persistence {
        /**
         * Saves the complete list of items, ordered by sec_tag and then type. The store calls it
         * before a change takes effect, one call at a time, and the save must be durable when it
         * returns.
         *
         * @throws IOException if the items could not be saved, and the store then drops the change
         */
        void save(List<CredentialRecord> items) throws IOException;
    }

    /** Returns a builder, which without settings makes an empty store with the default limits. */
    public static Builder builder() {
        return new Builder();
    }

    public int capacity() {
        return capacity;
    }

    public int maxContentLength() {
        return maxContentLength;
    }

    /** Returns every item, ordered by sec_tag and then type. */
    public List<Credential> list() {
        return List.copyOf(items.values());
    }

    /** Returns the items at one sec_tag, ordered by type. */
    public List<Credential> list(long secTag) {
        requireSecTag(secTag);
        return List.copyOf(items.subMap(key(secTag, 0), true, key(secTag, 15), true).values());
    }

    /** Returns the item at a sec_tag and type, if there is one. */
    public Optional<Credential> find(long secTag, CredentialType type) {
        requireSecTag(secTag);
        Objects.requireNonNull(type, "type");
        return Optional.ofNullable(items.get(key(secTag, type.number())));
    }

    /**
     * Stores content at a host sec_tag, replacing an item that is already there.
     *
     * @param content the exact bytes to store, not empty; the array is copied
     * @param password the password of an encrypted client private key, or null
     * @return the stored item
     * @throws CredentialStoreException with reason {@code ALREADY_EXISTS} if the sec_tag belongs to
     *     the modem and the modem has an item at that type, {@code NO_ACCESS} for any other write
     *     to a modem sec_tag, {@code INVALID_CONTENT} if the content is longer than the maximum or
     *     is not well-formed PEM certificates for type 0 or 1, {@code MEMORY_FULL} if the pair is
     *     new and the store is at its capacity, and {@code SAVE_FAILED} if the persistence failed
     *     to save the change, which then does not take effect
     * @throws IllegalArgumentException if the sec_tag is outside 0..4294967295, the content is
     *     empty, or a password is given for a type other than 2 or is longer than 32 bytes
     */
    public synchronized Credential write(
            long secTag, CredentialType type, byte[] content, byte[] password)
            throws CredentialStoreException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        requireSecTag(secTag);
        String invalidArgument = invalidItemReason(type, content, password);
        if (invalidArgument != null) {
            throw new IllegalArgumentException(invalidArgument);
        }

        long key = key(secTag, type.number());
        String pair = "sec_tag " + secTag + ", type " + type.number();
        if (secTag > MAX_HOST_SEC_TAG) {
            if (items.containsKey(key)) {
                throw new CredentialStoreException(
                        Reason.ALREADY_EXISTS, "the modem's own item exists at " + pair);
            }
            throw new CredentialStoreException(
                    Reason.NO_ACCESS, "sec_tag " + secTag + " belongs to the modem");
        }
        String invalidContent = invalidContentReason(type, content, maxContentLength);
        if (invalidContent != null) {
            throw new CredentialStoreException(
                    Reason.INVALID_CONTENT, "invalid content for " + pair + ": " + invalidContent);
        }
        if (!items.containsKey(key) && hostItemCount(items) >= capacity) {
            throw new CredentialStoreException(
                    Reason.MEMORY_FULL,
                    "store is full: " + capacity + " items (the capacity), writing " + pair);
        }

        Credential credential = new Credential(secTag, type, content, password);
        NavigableMap<Long, Credential> next = new TreeMap<>(items);
        next.put(key, credential);
        saveChange(next, "writing " + pair);
        items = Collections.unmodifiableNavigableMap(next);
        return credential;
    }

    /**
     * Deletes the item at a host sec_tag and type.
     *
     * @throws CredentialStoreException with reason {@code NO_ACCESS} if the sec_tag belongs to the
     *     modem, {@code NOT_FOUND} if nothing is stored there, {@code SAVE_FAILED} if the
     *     persistence failed to save the change, which then does not take effect
     * @throws IllegalArgumentException if the sec_tag is outside 0..4294967295
     */
    public synchronized void delete(long secTag, CredentialType type)
            throws CredentialStoreException {
        Objects.requireNonNull(type, "type");
        requireSecTag(secTag);
        if (secTag > MAX_HOST_SEC_TAG) {
            throw new CredentialStoreException(
                    Reason.NO_ACCESS, "sec_tag " + secTag + " belongs to the modem");
        }
        long key = key(secTag, type.number());
        if (!items.containsKey(key)) {
            throw notFound(secTag, type);
        }
        NavigableMap<Long, Credential> next = new TreeMap<>(items);
        next.remove(key);
        saveChange(next, "deleting sec_tag " + secTag + ", type " + type.number());
        items = Collections.unmodifiableNavigableMap(next);
    }

    /**
     * Saves the current items through the persistence, as each change does. A new state file uses
     * it to store the initial items before the first change.
     *
     * @throws IOException if saving fails
     * @throws IllegalStateException if the store was built without a persistence
     */
    public synchronized void save() throws IOException {
        if (persistence == null) {
            throw new IllegalStateException("the credential store has no persistence");
        }
        persistence.save(records(items));
    }

    /** Hands the items after a change to the persistence, if there is one. */
    private void saveChange(NavigableMap<Long, Credential> next, String change)
            throws CredentialStoreException {
        if (persistence == null) {
            return;
        }
        try {
            persistence.save(records(next));
        } catch (IOException e) {
            throw new CredentialStoreException(
                    Reason.SAVE_FAILED,
                    "saving the store failed, so " + change + " did not take effect: " + e,
                    e);
        }
    }

    private static List<CredentialRecord> records(NavigableMap<Long, Credential> items) {
        List<CredentialRecord> records = new ArrayList<>(items.size());
        for (Credential credential : items.values()) {
            records.add(credential.toRecord());
        }
        return records;
    }

    /**
     * Returns whether a write at a host sec_tag and type would fit: true if the pair contains an
     * item (a write replaces it) or the store is below its capacity.
     */
    public boolean hasRoomFor(long secTag, CredentialType type) {
        Objects.requireNonNull(type, "type");
        requireSecTag(secTag);
        NavigableMap<Long, Credential> snapshot = items;
        return snapshot.containsKey(key(secTag, type.number()))
                || hostItemCount(snapshot) < capacity;
    }

    /**
     * Returns the key pair of the private key stored at a sec_tag and type. The key is parsed on
     * first use and kept with the item, so a later call returns the same instance until the item is
     * replaced or deleted.
     *
     * @throws CredentialStoreException with reason {@code NOT_FOUND} if nothing is stored there,
     *     {@code UNUSABLE_KEY} if the content is not a P-256 private key that the stored password
     *     (or no password) opens
     * @throws IllegalArgumentException if the type is not a private key type (2 or 8)
     */
    public P256KeyPair privateKey(long secTag, CredentialType type)
            throws CredentialStoreException {
        Objects.requireNonNull(type, "type");
        if (!type.isPrivateKey()) {
            throw new IllegalArgumentException(
                    "type " + type + " is not a private key type (expected 2 or 8)");
        }
        Optional<Credential> credential = find(secTag, type);
        if (credential.isEmpty()) {
            throw notFound(secTag, type);
        }
        return credential.get().keyPair();
    }

    /** Returns a read-only view of this store for callers outside the emulator. */
    public CredentialStoreView view() {
        return new CredentialStoreView(this);
    }

    @Override
    public String toString() {
        NavigableMap<Long, Credential> snapshot = items;
        return "CredentialStore{items="
                + snapshot.size()
                + ", capacity="
                + capacity
                + ", maxContentLength="
                + maxContentLength
                + "}";
    }

    private static CredentialStoreException notFound(long secTag, CredentialType type) {
        return new CredentialStoreException(
                Reason.NOT_FOUND,
                "nothing stored at sec_tag " + secTag + ", type " + type.number());
    }

    /**
     * Returns the map key of a pair. Keys sort by sec_tag and then type, because the type number
     * (0..11) fits in the low 4 bits.
     */
    private static long key(long secTag, int typeNumber) {
        return (secTag << 4) | typeNumber;
    }

    private static int hostItemCount(NavigableMap<Long, Credential> items) {
        return items.headMap(key(MAX_HOST_SEC_TAG, 15), true).size();
    }

    private static void requireSecTag(long secTag) {
        if (secTag < 0 || secTag > MAX_SEC_TAG) {
            throw new IllegalArgumentException(
                    "sec_tag out of range: " + secTag + " (expected 0.." + MAX_SEC_TAG + ")");
        }
    }

    /**
     * Returns why the arguments can't form an item, or null. {@code AT%CMNG} checks the same rules
     * before it calls the store and returns {@code ERROR}.
     */
    private static String invalidItemReason(CredentialType type, byte[] content, byte[] password) {
        if (content.length == 0) {
            return "content is empty";
        }
        if (password != null && type != CredentialType.CLIENT_PRIVATE_KEY) {
            return "password given for type "
                    + type.number()
                    + " (only type 2, an encrypted client private key, takes one)";
        }
        if (password != null && password.length > MAX_PASSWORD_LENGTH) {
            return "password is "
                    + password.length
                    + " bytes long (maximum "
                    + MAX_PASSWORD_LENGTH
                    + ")";
        }
        return null;
    }

    /** Returns why content is invalid for the type (the modem's error 527), or null. */
    private static String invalidContentReason(
            CredentialType type, byte[] content, int maxContentLength) {
        if (content.length > maxContentLength) {
            return "content is "
                    + content.length
                    + " bytes long (maximum "
                    + maxContentLength
                    + ")";
        }
        if (type.requiresCertificate()) {
            return PemCertificates.invalidReason(content);
        }
        return null;
    }

    /**
     * Settings and initial items of a {@link CredentialStore}, checked in {@link #build()}. Unlike
     * {@link CredentialStore#write}, the builder may put items at modem sec_tags.
     */
    public static final class Builder {
        private int capacity = DEFAULT_CAPACITY;
        private int maxContentLength = DEFAULT_MAX_CONTENT_LENGTH;
        private Persistence persistence;
        private final List<Item> items = new ArrayList<>();

        /** An item to add. {@code keyObject} marks one given as a {@link P256PrivateKey}. */
        private record Item(
                long secTag,
                CredentialType type,
                byte[] content,
                byte[] password,
                boolean keyObject) {}

        private Builder() {}

        /** Returns a new builder with the same settings, persistence and items as this one. */
        public Builder copy() {
            Builder copy = new Builder();
            copy.capacity = capacity;
            copy.maxContentLength = maxContentLength;
            copy.persistence = persistence;
            copy.items.addAll(items);
            return copy;
        }

        /** Sets the maximum number of items at host sec_tags. With 0, every new write fails. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** Sets the maximum content length in bytes. */
        public Builder maxContentLength(int maxContentLength) {
            this.maxContentLength = maxContentLength;
            return this;
        }

        /**
         * Sets the storage that saves every change before it takes effect; by default changes are
         * kept in memory only.
         */
        public Builder persistence(Persistence persistence) {
            this.persistence = Objects.requireNonNull(persistence, "persistence");
            return this;
        }

        /**
         * Adds an item, at a host or a modem sec_tag.
         *
         * @param content the exact bytes to store, copied
         * @param password the password of an encrypted client private key, copied, or null
         */
        public Builder add(long secTag, CredentialType type, byte[] content, byte[] password) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(content, "content");
            items.add(
                    new Item(
                            secTag,
                            type,
                            content.clone(),
                            password == null ? null : password.clone(),
                            false));
            return this;
        }

        /**
         * Adds a private key as an unencrypted PKCS #8 PEM block ({@link
         * P256PrivateKey#toPkcs8Pem()}) with LF line ends. The type must be 2 or 8.
         */
        public Builder addPrivateKey(long secTag, CredentialType type, P256PrivateKey key) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(key, "key");
            byte[] pem = key.toPkcs8Pem().getBytes(StandardCharsets.US_ASCII);
            items.add(new Item(secTag, type, pem, null, true));
            return this;
        }

        /**
         * Builds the store.
         *
         * @throws IllegalArgumentException if a setting or an item is invalid. The message names
         *     the setting or the item's sec_tag and type. Invalid are: a negative capacity, a
         *     maximum content length below 1, more items at host sec_tags than the capacity, and
         *     two items with the same sec_tag and type. An item is invalid if its sec_tag is
         *     outside 0..4294967295, or its content is empty, too long, or for types 0 and 1 not
         *     well-formed PEM certificates. It is also invalid with a password for a type other
         *     than 2 or longer than 32 bytes, or as a private key object with a type other than 2
         *     or 8.
         */
        public CredentialStore build() {
            if (capacity < 0) {
                throw new IllegalArgumentException(
                        "credential capacity must not be negative: " + capacity);
            }
            if (maxContentLength < 1) {
                throw new IllegalArgumentException(
                        "maximum credential length must be at least 1 byte: " + maxContentLength);
            }
            NavigableMap<Long, Credential> initial = new TreeMap<>();
            for (Item item : items) {
                Credential credential = checkedCredential(item);
                if (initial.put(key(item.secTag(), item.type().number()), credential) != null) {
                    throw new IllegalArgumentException(
                            "credential " + credential.describe() + " is given twice");
                }
            }
            int hostItems = hostItemCount(initial);
            if (hostItems > capacity) {
                throw new IllegalArgumentException(
                        "credentials at host sec_tags: "
                                + hostItems
                                + " (more than the capacity of "
                                + capacity
                                + ")");
            }
            return new CredentialStore(capacity, maxContentLength, persistence, initial);
        }

        private Credential checkedCredential(Item item) {
            long secTag = item.secTag();
            if (secTag < 0 || secTag > MAX_SEC_TAG) {
                throw new IllegalArgumentException(
                        "credential sec_tag out of range: "
                                + secTag
                                + " (expected 0.."
                                + MAX_SEC_TAG
                                + ")");
            }
            String pair = "sec_tag " + secTag + ", type " + item.type().number();
            if (item.keyObject() && !item.type().isPrivateKey()) {
                throw new IllegalArgumentException(
                        "invalid credential at "
                                + pair
                                + ": a private key needs type 2 or 8 (got "
                                + item.type()
                                + ")");
            }
            String reason = invalidItemReason(item.type(), item.content(), item.password());
            if (reason == null) {
                reason = invalidContentReason(item.type(), item.content(), maxContentLength);
            }
            if (reason != null) {
                throw new IllegalArgumentException("invalid credential at " + pair + ": " + reason);
            }
            return new Credential(secTag, item.type(), item.content(), item.password());
        }
    }
}
