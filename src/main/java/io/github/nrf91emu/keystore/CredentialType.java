package io.github.nrf91emu.keystore;

/**
 * The type of a credential in the modem's store, with the number that {@code AT%CMNG} uses for it
 * (nRF9160 AT Commands Reference Guide, {@code %CMNG} {@code <type>}).
 */
public enum CredentialType {
    /** 0: a root CA certificate or chain, in PEM. */
    ROOT_CA_CERTIFICATE(0),
    /** 1: a client certificate, in PEM. */
    CLIENT_CERTIFICATE(1),
    /** 2: a client private key, in PEM, optionally encrypted PKCS #8 with a password. */
    CLIENT_PRIVATE_KEY(2),
    /** 3: a pre-shared key for TLS-PSK, as a string of hex digits. */
    PSK(3),
    /** 4: the identity that goes with a pre-shared key. */
    PSK_IDENTITY(4),
    /** 5: a public key. */
    PUBLIC_KEY(5),
    /** 6: the device identity public key. */
    DEVICE_IDENTITY_PUBLIC_KEY(6),
    /** 7: reserved. */
    RESERVED(7),
    /** 8: an endorsement private key. */
    ENDORSEMENT_PRIVATE_KEY(8),
    /** 9: an ownership key. */
    OWNERSHIP_KEY(9),
    /** 10: the Nordic identity root CA certificate. */
    NORDIC_IDENTITY_ROOT_CA(10),
    /** 11: a Nordic public key. */
    NORDIC_PUBLIC_KEY(11);

    private static final CredentialType[] BY_NUMBER = values();

    private final int number;

    CredentialType(int number) {
        this.number = number;
    }

    /** Returns the number of this type in {@code AT%CMNG}, 0..11. */
    public int number() {
        return number;
    }

    /**
     * Returns the type with the given {@code AT%CMNG} number.
     *
     * @throws IllegalArgumentException if the number is not in 0..11
     */
    public static CredentialType fromNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length) {
            throw new IllegalArgumentException(
                    "invalid credential type: " + number + " (expected 0..11)");
        }
        return BY_NUMBER[number];
    }

    /**
     * Returns whether items of this type are secret: the private keys (2 and 8) and the PSK (3).
     * Their content and password never leave the store through a response, message or {@code
     * toString}.
     */
    public boolean isSecret() {
        return this == CLIENT_PRIVATE_KEY || this == PSK || this == ENDORSEMENT_PRIVATE_KEY;
    }

    /** Returns whether items of this type are private keys that can sign tokens (2 and 8). */
    public boolean isPrivateKey() {
        return this == CLIENT_PRIVATE_KEY || this == ENDORSEMENT_PRIVATE_KEY;
    }

    /** Returns whether the content must be one or more PEM certificates (types 0 and 1). */
    public boolean requiresCertificate() {
        return this == ROOT_CA_CERTIFICATE || this == CLIENT_CERTIFICATE;
    }
}
