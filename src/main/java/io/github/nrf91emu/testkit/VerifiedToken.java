package io.github.nrf91emu.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.time.Instant;
import java.util.Optional;

/**
 * A token that {@link ModemTokenVerifier} accepted: its header and claims as JSON, and a typed view
 * of the members that modem tokens carry. Instances are immutable, so {@link #header()} and {@link
 * #claims()} return copies.
 *
 * <p>The typed accessors were checked when the token was verified: {@code kid}, {@code iss}, {@code
 * jti}, {@code sub} and {@code aud} are JSON strings where present, and {@code iat}, {@code exp}
 * and {@code nbf} are integers (seconds since the Unix epoch) within the range of {@link Instant}.
 */
public final class VerifiedToken {
    private final ObjectNode header;
    private final ObjectNode claims;
    private final Optional<String> keyId;
    private final Optional<String> issuer;
    private final Optional<String> jwtId;
    private final Optional<String> subject;
    private final Optional<String> audience;
    private final Optional<Instant> issuedAt;
    private final Optional<Instant> expiresAt;
    private final Optional<Instant> notBefore;

    private VerifiedToken(ObjectNode header, ObjectNode claims) throws TokenRejectedException {
        this.header = header.deepCopy();
        this.claims = claims.deepCopy();
        this.keyId = optionalString(header, "kid", "header member", Reason.MALFORMED);
        this.issuer = optionalString(claims, "iss", "claim", Reason.INVALID_CLAIM);
        this.jwtId = optionalString(claims, "jti", "claim", Reason.INVALID_CLAIM);
        this.subject = optionalString(claims, "sub", "claim", Reason.INVALID_CLAIM);
        this.audience = audience(claims);
        this.issuedAt = numericDate(claims, "iat");
        this.expiresAt = numericDate(claims, "exp");
        this.notBefore = numericDate(claims, "nbf");
    }

    /**
     * Reads the typed view of a header and claim set.
     *
     * @throws TokenRejectedException with {@link Reason#MALFORMED} if {@code kid} is not a string,
     *     or with {@link Reason#INVALID_CLAIM} if a claim of the typed view has the wrong type
     */
    static VerifiedToken of(ObjectNode header, ObjectNode claims) throws TokenRejectedException {
        return new VerifiedToken(header, claims);
    }

    /** Returns a copy of the header. */
    public ObjectNode header() {
        return header.deepCopy();
    }

    /** Returns a copy of the claim set. */
    public ObjectNode claims() {
        return claims.deepCopy();
    }

    /** Returns the header's {@code kid}, for modem tokens the SHA-256 hex of the key's SPKI DER. */
    public Optional<String> keyId() {
        return keyId;
    }

    /** Returns the {@code iss} claim, for modem tokens {@code <model>.<device UUID>}. */
    public Optional<String> issuer() {
        return issuer;
    }

    /** Returns the {@code jti} claim. */
    public Optional<String> jwtId() {
        return jwtId;
    }

    /** Returns the {@code sub} claim. */
    public Optional<String> subject() {
        return subject;
    }

    /** Returns the {@code aud} claim, which a modem token carries as one string. */
    public Optional<String> audience() {
        return audience;
    }

    /** Returns the {@code iat} claim. */
    public Optional<Instant> issuedAt() {
        return issuedAt;
    }

    /** Returns the {@code exp} claim. */
    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    /** Returns the {@code nbf} claim, which modem tokens do not carry. */
    public Optional<Instant> notBefore() {
        return notBefore;
    }

    @Override
    public String toString() {
        return "VerifiedToken{header=" + header + ", claims=" + claims + "}";
    }

    private static Optional<String> optionalString(
            ObjectNode object, String name, String kind, Reason reason)
            throws TokenRejectedException {
        JsonNode value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new TokenRejectedException(
                    reason,
                    kind
                            + " "
                            + name
                            + " is "
                            + JoseJson.describe(value)
                            + " (expected a JSON string)");
        }
        return Optional.of(value.textValue());
    }

    /**
     * Reads {@code aud} as one string. RFC 7519 §4.1.3 also allows an array of strings, but the
     * modem never writes one, so an array is rejected as {@link Reason#INVALID_CLAIM}.
     */
    private static Optional<String> audience(ObjectNode claims) throws TokenRejectedException {
        JsonNode value = claims.get("aud");
        if (value != null && value.isArray()) {
            throw new TokenRejectedException(
                    Reason.INVALID_CLAIM,
                    "claim aud is a JSON array (expected one JSON string, as modem tokens carry)");
        }
        return optionalString(claims, "aud", "claim", Reason.INVALID_CLAIM);
    }

    /**
     * Reads a NumericDate (RFC 7519 §2). Numbers with a fraction or an exponent are rejected
     * although RFC 7519 allows them, because the modem writes whole seconds as plain integers.
     */
    private static Optional<Instant> numericDate(ObjectNode claims, String name)
            throws TokenRejectedException {
        JsonNode value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber()) {
            throw new TokenRejectedException(
                    Reason.INVALID_CLAIM,
                    "claim "
                            + name
                            + " is "
                            + describeNumber(value)
                            + " (expected an integer number of seconds since the Unix epoch)");
        }
        if (!value.canConvertToLong()
                || value.longValue() < Instant.MIN.getEpochSecond()
                || value.longValue() > Instant.MAX.getEpochSecond()) {
            throw new TokenRejectedException(
                    Reason.INVALID_CLAIM,
                    "claim "
                            + name
                            + " is out of range (expected seconds in "
                            + Instant.MIN.getEpochSecond()
                            + ".."
                            + Instant.MAX.getEpochSecond()
                            + ")");
        }
        return Optional.of(Instant.ofEpochSecond(value.longValue()));
    }

    private static String describeNumber(JsonNode value) {
        if (value.isNumber()) {
            return "a JSON number with a fraction or an exponent (" + value.asText() + ")";
        }
        return JoseJson.describe(value);
    }
}
