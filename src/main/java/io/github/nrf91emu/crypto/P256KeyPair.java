package io.github.nrf91emu.crypto;

import java.util.Objects;

/** A P-256 private key with its public key. Null arguments throw {@link NullPointerException}. */
public record P256KeyPair(P256PrivateKey privateKey, P256PublicKey publicKey) {
    /**
     * Creates a pair after checking that the public key is d·G for the private key d.
     *
     * @throws IllegalArgumentException if the public key belongs to another private key
     */
    public P256KeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException(
                    "public key " + publicKey + " does not belong to the private key");
        }
    }

    /** Creates the pair of a private key and the public key derived from it. */
    public static P256KeyPair of(P256PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        return new P256KeyPair(privateKey, privateKey.publicKey());
    }
}
