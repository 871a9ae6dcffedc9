package io.github.nrf91emu.jwt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The claims of a token that AT%JWT issues: {@code iss} and {@code jti} always, {@code iat} and
 * {@code exp} together or not at all, and {@code sub} and {@code aud} when the AT command gave them
 * (RFC 7519 §4.1).
 *
 * <p>The subject and audience are kept as the raw bytes that arrived between the quotes of the AT
 * command. An empty subject or audience means the claim is left out, as on a real modem. Every
 * claim value is well-formed UTF-8, which {@link Builder#build()} checks. Instances are immutable
 * and thread-safe.
 */
public final class ModemJwtClaims {
    private static final byte[] EMPTY = new byte[0];

    private final String issuer;
    private final String jwtId;
    private final byte[] issuerUtf8;
    private final byte[] jwtIdUtf8;
    private final boolean hasTimes;
    private final long issuedAt;
    private final long expiresAt;
    private final byte[] subject;
    private final byte[] audience;

    private ModemJwtClaims(Builder builder, byte[] issuerUtf8, byte[] jwtIdUtf8) {
        this.issuer = builder.issuer;
        this.jwtId = builder.jwtId;
        this.issuerUtf8 = issuerUtf8;
        this.jwtIdUtf8 = jwtIdUtf8;
        this.hasTimes = builder.hasIssuedAt;
        this.issuedAt = builder.issuedAt;
        this.expiresAt = builder.expiresAt;
        this.subject = builder.subject;
        this.audience = builder.audience;
    }

    /** Returns a builder with no claims set. */
    /**
     * Checks that a claim value given as bytes is well-formed UTF-8, the check that {@link
     * Builder#build()} applies to {@code sub} and {@code aud}.
     *
     * @throws InvalidClaimException if it is not, naming {@code claim} and the byte offset
     */
    public static void requireUtf8(String claim, byte[] value) {
        Utf8.checkWellFormed(claim, value);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the {@code iss} claim, on a modem {@code "<model>.<device UUID>"}. */
    public String issuer() {
        return issuer;
    }

    /** Returns the {@code jti} claim, on a modem {@code "<model>.<firmware UUID>.<32 hex>"}. */
    public String jwtId() {
        return jwtId;
    }

    /** Returns the {@code iat} claim in seconds since the Unix epoch, or empty when left out. */
    public OptionalLong issuedAt() {
        return hasTimes ? OptionalLong.of(issuedAt) : OptionalLong.empty();
    }

    /** Returns the {@code exp} claim in seconds since the Unix epoch, or empty when left out. */
    public OptionalLong expiresAt() {
        return hasTimes ? OptionalLong.of(expiresAt) : OptionalLong.empty();
    }

    /** Returns whether the token carries a {@code sub} claim. */
    public boolean hasSubject() {
        return subject.length > 0;
    }

    /** Returns a copy of the UTF-8 bytes of the {@code sub} claim, empty when left out. */
    public byte[] subject() {
        return subject.clone();
    }

    /** Returns whether the token carries an {@code aud} claim. */
    public boolean hasAudience() {
        return audience.length > 0;
    }

    /** Returns a copy of the UTF-8 bytes of the {@code aud} claim, empty when left out. */
    public byte[] audience() {
        return audience.clone();
    }

    /** Returns whether both {@code iat} and {@code exp} are set. */
    boolean hasTimes() {
        return hasTimes;
    }

    long issuedAtSeconds() {
        return issuedAt;
    }

    long expiresAtSeconds() {
        return expiresAt;
    }

    /** Returns the UTF-8 bytes of {@code iss} without copying, so callers must not change them. */
    byte[] issuerUtf8() {
        return issuerUtf8;
    }

    /** Returns the UTF-8 bytes of {@code jti} without copying, so callers must not change them. */
    byte[] jwtIdUtf8() {
        return jwtIdUtf8;
    }

    /** Returns the UTF-8 bytes of {@code sub} without copying, so callers must not change them. */
    byte[] subjectUtf8() {
        return subject;
    }

    /** Returns the UTF-8 bytes of {@code aud} without copying, so callers must not change them. */
    byte[] audienceUtf8() {
        return audience;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ModemJwtClaims)) {
            return false;
        }
        ModemJwtClaims that = (ModemJwtClaims) other;
        return issuer.equals(that.issuer)
                && jwtId.equals(that.jwtId)
                && hasTimes == that.hasTimes
                && issuedAt == that.issuedAt
                && expiresAt == that.expiresAt
                && Arrays.equals(subject, that.subject)
                && Arrays.equals(audience, that.audience);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(issuer, jwtId, hasTimes, issuedAt, expiresAt);
        result = 31 * result + Arrays.hashCode(subject);
        return 31 * result + Arrays.hashCode(audience);
    }

    /** Formats the claims as {@code ModemJwtClaims{iss=…, jti=…}}, leaving out absent claims. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ModemJwtClaims{iss=").append(issuer);
        text.append(", jti=").append(jwtId);
        if (hasTimes) {
            text.append(", iat=").append(issuedAt).append(", exp=").append(expiresAt);
        }
        if (hasSubject()) {
            text.append(", sub=").append(new String(subject, StandardCharsets.UTF_8));
        }
        if (hasAudience()) {
            text.append(", aud=").append(new String(audience, StandardCharsets.UTF_8));
        }
        return text.append('}').toString();
    }

    /**
     * Collects claim values and checks them in {@link #build()}. A builder is not thread-safe and
     * may build several instances.
     */
    public static final class Builder {
        private String issuer;
        private String jwtId;
        private boolean hasIssuedAt;
        private long issuedAt;
        private boolean hasExpiresAt;
        private long expiresAt;
        private byte[] subject = EMPTY;
        private byte[] audience = EMPTY;

        private Builder() {}

        /** Sets the required {@code iss} claim. */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Sets the required {@code jti} claim. */
        public Builder jwtId(String jwtId) {
            this.jwtId = jwtId;
            return this;
        }

        /** Sets the {@code iat} claim in seconds since the Unix epoch. Set {@code exp} too. */
        public Builder issuedAt(long epochSeconds) {
            this.issuedAt = epochSeconds;
            this.hasIssuedAt = true;
            return this;
        }

        /** Sets the {@code exp} claim in seconds since the Unix epoch. Set {@code iat} too. */
        public Builder expiresAt(long epochSeconds) {
            this.expiresAt = epochSeconds;
            this.hasExpiresAt = true;
            return this;
        }

        /**
         * Sets the {@code sub} claim to the bytes between the quotes of the AT command.
         *
         * @param utf8 the bytes, which are copied, or null or empty to leave the claim out
         */
        public Builder subject(byte[] utf8) {
            this.subject = utf8 == null ? EMPTY : utf8.clone();
            return this;
        }

        /**
         * Sets the {@code sub} claim to the UTF-8 encoding of {@code text}. An unpaired surrogate
         * makes {@link #build()} throw {@link InvalidClaimException}.
         *
         * @param text the subject, or null or empty to leave the claim out
         */
        public Builder subject(String text) {
            this.subject = text == null ? EMPTY : Utf8.encode(text);
            return this;
        }

        /**
         * Sets the {@code aud} claim to the bytes between the quotes of the AT command.
         *
         * @param utf8 the bytes, which are copied, or null or empty to leave the claim out
         */
        public Builder audience(byte[] utf8) {
            this.audience = utf8 == null ? EMPTY : utf8.clone();
            return this;
        }

        /**
         * Sets the {@code aud} claim to the UTF-8 encoding of {@code text}. An unpaired surrogate
         * makes {@link #build()} throw {@link InvalidClaimException}.
         *
         * @param text the audience, or null or empty to leave the claim out
         */
        public Builder audience(String text) {
            this.audience = text == null ? EMPTY : Utf8.encode(text);
            return this;
        }

        /**
         * Checks the values and creates the claims.
         *
         * @throws InvalidClaimException if {@code iss}, {@code jti}, {@code sub} or {@code aud} is
         *     not well-formed UTF-8. The exception names the claim and the byte offset.
         * @throws IllegalArgumentException if {@code iss} or {@code jti} is missing or empty, only
         *     one of {@code iat} and {@code exp} is set, either is negative, or {@code exp} is
         *     before {@code iat}
         */
        public ModemJwtClaims build() {
            byte[] issuerUtf8 = encodeRequired("iss", "issuer", issuer);
            byte[] jwtIdUtf8 = encodeRequired("jti", "jwtId", jwtId);
            checkTimes();
            Utf8.checkWellFormed("sub", subject);
            Utf8.checkWellFormed("aud", audience);
            return new ModemJwtClaims(this, issuerUtf8, jwtIdUtf8);
        }

        private static byte[] encodeRequired(String claim, String setter, String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(
                        "claim "
                                + claim
                                + " is "
                                + (value == null ? "missing" : "empty")
                                + " (expected a non-empty string from "
                                + setter
                                + "(String))");
            }
            byte[] utf8 = Utf8.encode(value);
            Utf8.checkWellFormed(claim, utf8);
            return utf8;
        }

        private void checkTimes() {
            if (hasIssuedAt != hasExpiresAt) {
                String set = hasIssuedAt ? "iat" : "exp";
                String unset = hasIssuedAt ? "exp" : "iat";
                throw new IllegalArgumentException(
                        "claim " + set + " is set but " + unset + " is not (set both or neither)");
            }
            if (!hasIssuedAt) {
                return;
            }
            checkNotNegative("iat", issuedAt);
            checkNotNegative("exp", expiresAt);
            if (expiresAt < issuedAt) {
                throw new IllegalArgumentException(
                        "claim exp "
                                + expiresAt
                                + " is before iat "
                                + issuedAt
                                + " (expected exp >= iat)");
            }
        }

        private static void checkNotNegative(String claim, long epochSeconds) {
            if (epochSeconds < 0) {
                throw new IllegalArgumentException(
                        "claim "
                                + claim
                                + " is negative: "
                                + epochSeconds
                                + " (expected seconds since 1970-01-01T00:00:00Z, 0 or more)");
            }
        }
    }
}
