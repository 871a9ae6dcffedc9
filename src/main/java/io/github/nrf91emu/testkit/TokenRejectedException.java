package io.github.nrf91emu.testkit;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A token that {@link ModemTokenVerifier} rejected. Tests and callers read the cause from its
 * {@link Reason} without parsing the message. The message starts with the reason and names the
 * offending segment, header member or claim. It may quote the kid and other header or claim values
 * (cut after 80 characters), or name one character of a segment that is not Base64Url. It never
 * contains a whole segment, the signature or key material.
 */
public final class TokenRejectedException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** The cause of a rejection, in the order the verifier checks them. */
    public enum Reason {
        /**
         * The token is not three dot-separated segments of strict Base64Url, or the header or
         * payload is not a JSON object in UTF-8 with unique member names, or the header has no
         * {@code alg}.
         */
        MALFORMED,
        /** The header's {@code alg} is not {@code ES256}, for example {@code none} or HS256. */
        UNSUPPORTED_ALGORITHM,
        /** The header has a {@code crit} member, which lists extensions this verifier lacks. */
        UNSUPPORTED_CRITICAL_HEADER,
        /** The header has no {@code kid}, but the verifier selects keys by kid. */
        MISSING_KEY_ID,
        /** The header's {@code kid} names no key of the verifier's JWK Set. */
        UNKNOWN_KEY_ID,
        /** The signature is not 64 bytes r‖s, for example because it is in DER form. */
        MALFORMED_SIGNATURE,
        /** The signature does not verify with the selected key. */
        INVALID_SIGNATURE,
        /** A registered claim has the wrong JSON type, such as {@code exp} as a string. */
        INVALID_CLAIM,
        /** {@code exp} is before {@code iat}. */
        EXPIRY_BEFORE_ISSUE,
        /** The token has no {@code exp}, and the verifier requires one. */
        MISSING_EXPIRY,
        /** {@code exp} has passed, by more than the allowed clock skew. */
        EXPIRED,
        /** {@code iat} lies in the future, by more than the allowed clock skew. */
        ISSUED_IN_FUTURE,
        /** {@code nbf} lies in the future, by more than the allowed clock skew. */
        NOT_YET_VALID,
        /** {@code iss} is missing or is not the issuer the verifier expects. */
        UNEXPECTED_ISSUER
    }

    private final Reason reason;

    TokenRejectedException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    /** Returns why the token was rejected. */
    public Reason reason() {
        return reason;
    }
}
