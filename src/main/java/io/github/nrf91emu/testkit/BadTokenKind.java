package io.github.nrf91emu.testkit;

import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.util.Objects;

/**
 * The fault of a token that {@link BadTokens} makes, for which a server must reject it. Each bad
 * token is derived from the device's good token or made by a device with the same identity key, so
 * exactly one thing is wrong with it.
 *
 * <p>{@link #expectedReason()} is the reason that {@link ModemTokenVerifier} gives with either the
 * device's public key or a JWK Set of both the device and the other device.
 */
public enum BadTokenKind {
    /**
     * Made by a device with the same identity key whose clock was set back, so the signature is
     * valid and {@code exp} lies in the past.
     */
    EXPIRED("exp has passed; made by the same device with its clock set back", Reason.EXPIRED),

    /**
     * Made by a device with the same identity key whose clock runs ahead, so the signature is valid
     * and {@code iat} lies in the future.
     */
    ISSUED_IN_FUTURE(
            "iat lies in the future; made by the same device with its clock ahead",
            Reason.ISSUED_IN_FUTURE),

    /**
     * The good token's header and payload, signed by the other device's key. The kid still names
     * the device, so this tests that the verifier binds the kid to its key: a verifier that tries
     * every key of its JWK Set in turn accepts it with the other device's key.
     */
    SIGNED_BY_OTHER_DEVICE(
            "signed by another device's key; the kid still names this device",
            Reason.INVALID_SIGNATURE),

    /** The good token with {@code exp} moved a year later after signing; the signature is kept. */
    PAYLOAD_CHANGED(
            "exp moved a year later after signing; the signature is kept",
            Reason.INVALID_SIGNATURE),

    /** The good token's signature in ASN.1 DER, as Java's SHA256withECDSA writes it. */
    DER_SIGNATURE("signature in ASN.1 DER instead of 64 bytes r‖s", Reason.MALFORMED_SIGNATURE),

    /** The header's alg set to {@code none} and the signature left empty (RFC 7519 §6.1). */
    ALG_NONE("alg set to none and the signature removed", Reason.UNSUPPORTED_ALGORITHM),

    /**
     * The header's alg set to HS256 and an HMAC-SHA256 signature keyed with the device's public key
     * PEM text, as exported by {@link io.github.nrf91emu.crypto.P256PublicKey#toPem()}. A verifier
     * that takes the algorithm from the token and feeds its key bytes to HMAC accepts it.
     */
    HS256_WITH_PEM_SECRET(
            "alg set to HS256 with the public key PEM text as HMAC secret",
            Reason.UNSUPPORTED_ALGORITHM),

    /** As {@link #HS256_WITH_PEM_SECRET}, keyed with the public key's SubjectPublicKeyInfo DER. */
    HS256_WITH_SPKI_SECRET(
            "alg set to HS256 with the public key SPKI DER as HMAC secret",
            Reason.UNSUPPORTED_ALGORITHM),

    /**
     * The good token with {@code ==} padding added to the signature segment, the padding that
     * standard Base64 gives 64 bytes. The header and payload never need padding, because the modem
     * pads their JSON to a multiple of 3 bytes.
     */
    BASE64_PADDING("Base64 padding '=' added to the signature segment", Reason.MALFORMED),

    /**
     * The good token with its signature segment in the standard Base64 alphabet: every {@code -}
     * replaced by {@code +} and every {@code _} by {@code /}. The signature bytes are unchanged, so
     * a verifier whose decoder accepts both alphabets accepts the token.
     */
    STANDARD_BASE64_ALPHABET(
            "signature in the standard Base64 alphabet, with '+' and '/' instead of '-' and '_'",
            Reason.MALFORMED),

    /**
     * The good token with the header's kid changed to the other device's; the signature is kept.
     * With a JWK Set of both devices the kid selects the other device's key, which does not verify.
     * The signature also fails with the device's own key, because it covers the header. With a JWK
     * Set of the device alone, the reason is {@link Reason#UNKNOWN_KEY_ID} instead.
     */
    KID_OF_OTHER_DEVICE(
            "kid changed to another device's; the signature is kept", Reason.INVALID_SIGNATURE),

    /**
     * The good token without the last two characters of its signature: still three segments of
     * valid Base64Url, but the signature is 63 bytes.
     */
    TRUNCATED(
            "last two characters cut off, so the signature is 63 bytes",
            Reason.MALFORMED_SIGNATURE);

    private final String description;
    private final Reason expectedReason;

    BadTokenKind(String description, Reason expectedReason) {
        this.description = Objects.requireNonNull(description);
        this.expectedReason = Objects.requireNonNull(expectedReason);
    }

    /** Returns what is wrong with tokens of this kind, in a few words. */
    public String description() {
        return description;
    }

    /** Returns the reason {@link ModemTokenVerifier} rejects tokens of this kind with. */
    public Reason expectedReason() {
        return expectedReason;
    }
}
