package io.github.nrf91emu.crypto;

import java.util.Objects;

/** A P-256 private key with its public key. */
public record P256KeyPair(P256PrivateKey privateKey, P256PublicKey publicKey) {
    public P256KeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Creates the pair of a private key and the public key derived from it. */
    public static P256KeyPair of(P256PrivateKey privateKey) {
        return new P256KeyPair(privateKey, privateKey.publicKey());
    }
}
