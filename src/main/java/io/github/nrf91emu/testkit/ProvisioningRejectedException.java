package io.github.nrf91emu.testkit;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A {@code %KEYGEN} or {@code %ATTESTTOKEN} response that {@link ProvisioningVerifier} rejected.
 * Tests and callers read the cause from its {@link Reason} without parsing the message. The message
 * starts with the reason and names the part or CBOR item that failed and the expected value. It may
 * quote small integers of the message, such as the message type, a header value or a length. It may
 * also quote a key id of at most 8 bytes, the nonce, the expected challenge, the SHA-256 of the
 * identity key's SubjectPublicKeyInfo, or one character of a part that is not Base64Url. It never
 * contains a whole part, the signature, the DER or a key.
 */
public final class ProvisioningRejectedException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** The cause of a rejection. */
    public enum Reason {
        /**
         * The response is not two dot-separated parts of strict Base64Url, or its response form
         * lacks the closing quote. Also a CBOR structure with the wrong tag, type, length or item
         * count, bytes after its end, or an encoding that is not deterministic.
         */
        MALFORMED,
        /**
         * The response belongs to the other command: a {@code %KEYGEN} response passed to {@link
         * ProvisioningVerifier#verifyAttestation} or the reverse, or the message type is not one
         * that the command returns.
         */
        UNEXPECTED_MESSAGE_TYPE,
        /**
         * The COSE protected header is not exactly {@code {1: -7}} (alg ES256), or the unprotected
         * header is not exactly {@code {4: h'21'}} (the key id of the identity key).
         */
        UNSUPPORTED_HEADER,
        /** The COSE signature does not verify with the device identity key. */
        INVALID_SIGNATURE,
        /** The SHA-256 in the {@code %KEYGEN} payload is not the digest of the DER. */
        DIGEST_MISMATCH,
        /**
         * The DER of a certificate signing request is not a strict DER PKCS #10 request with an
         * ecdsa-with-SHA256 signature by its own P-256 key that verifies.
         */
        INVALID_REQUEST,
        /** The DER of a public key message is not a P-256 SubjectPublicKeyInfo. */
        INVALID_PUBLIC_KEY,
        /** The nonce of an attestation token is not the challenge the verifier expects. */
        CHALLENGE_MISMATCH
    }

    private final Reason reason;

    ProvisioningRejectedException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    ProvisioningRejectedException(Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
        this.reason = reason;
    }

    /** Returns why the response was rejected. */
    public Reason reason() {
        return reason;
    }
}
