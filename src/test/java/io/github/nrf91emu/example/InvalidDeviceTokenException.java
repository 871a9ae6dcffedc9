package io.github.nrf91emu.example;

import java.util.Objects;

/**
 * A device token that {@link DeviceTokenVerifier} rejected. The {@link Reason} names the failed
 * check, for metrics and tests. The message names the segment, header member or claim, and never
 * contains the token or a signature.
 */
public final class InvalidDeviceTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The check that rejected a token, in the order the verifier runs them. */
    public enum Reason {
        /**
         * The token is not three segments of the URL-safe Base64 alphabet without padding, its
         * header or claims are not JSON objects, or a registered claim has the wrong type, such as
         * a text {@code exp}.
         */
        MALFORMED,
        /** The token is not signed with ES256: {@code alg} is {@code none}, HS256 or another. */
        UNSUPPORTED_ALGORITHM,
        /**
         * The header has a {@code crit} member. This verifier supports no JWS extensions, and RFC
         * 7515 §4.1.11 requires rejecting a token whose critical extensions are not understood.
         */
        UNSUPPORTED_CRITICAL_HEADER,
        /** The header has no {@code kid}, or its {@code kid} names no registered device. */
        UNKNOWN_KEY,
        /** The signature does not verify with the key of the header's {@code kid}. */
        INVALID_SIGNATURE,
        /**
         * {@code iat}, {@code nbf} or {@code exp} is not an integer from 0 to 253402300799
         * (9999-12-31T23:59:59Z), a required claim ({@code iss}, {@code jti}, {@code iat}, {@code
         * exp}) is missing, or {@code nbf} lies in the future by more than the clock skew.
         */
        INVALID_CLAIMS,
        /** {@code exp} lies in the past by more than the clock skew. */
        EXPIRED,
        /** {@code iat} lies in the future by more than the clock skew. */
        ISSUED_IN_FUTURE,
        /** {@code iss} is not {@code <model>.<device UUID>}. */
        INVALID_ISSUER
    }

    private final Reason reason;

    InvalidDeviceTokenException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    InvalidDeviceTokenException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns the check that rejected the token. */
    public Reason reason() {
        return reason;
    }
}
