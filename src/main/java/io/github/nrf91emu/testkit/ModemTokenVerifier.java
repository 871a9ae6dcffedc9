package io.github.nrf91emu.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.security.spec.InvalidKeySpecException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference verifier for the ES256 tokens of {@code AT%JWT}, for tests and test servers. It
 * accepts only what a careful server should accept, checking in this order:
 *
 * <ol>
 *   <li>three segments of strict Base64Url (RFC 7515 §7.1, RFC 4648 §5 without padding);
 *   <li>a header that is a JSON object in UTF-8 with unique member names and {@code alg} {@code
 *       "ES256"}, checked before any key is used, so {@code none} and HS256 fail here (RFC 8725
 *       §3.1), and no {@code crit} member;
 *   <li>the key: the one configured key, or the key of the header's {@code kid} in a JWK Set;
 *   <li>a signature of exactly 64 bytes r‖s (RFC 7518 §3.4), so a DER signature fails, that
 *       verifies with {@link Es256#verify};
 *   <li>a payload that is a JSON object, with string {@code iss}, {@code jti}, {@code sub}, {@code
 *       aud} and integer {@code iat}, {@code exp}, {@code nbf} where present;
 *   <li>the times: {@code exp} not before {@code iat}, {@code exp} present if required, and {@code
 *       exp}, {@code iat} and {@code nbf} against the clock with the allowed skew.
 * </ol>
 *
 * <p>With a single key, the header's {@code kid} is not compared with the key. Use a JWK Set to
 * bind each kid to its key. A verifier is immutable and thread-safe.
 */
public final class ModemTokenVerifier {
    /** Clock skew allowed unless the builder sets another. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    private static final String ALGORITHM = "ES256";

    /** The one key; null when keys are selected by kid. */
    private final P256PublicKey key;

    /** Keys by kid, in JWK Set order; null when there is one key. */
    private final Map<String, P256PublicKey> keysById;

    private final Clock clock;
    private final Duration clockSkew;
    private final boolean requireExpiry;

    /** The required {@code iss}; null when any issuer is accepted. */
    private final String expectedIssuer;

    private ModemTokenVerifier(Builder builder, Map<String, P256PublicKey> keysById) {
        this.key = builder.key;
        this.keysById = keysById;
        this.clock = builder.clock;
        this.clockSkew = builder.clockSkew;
        this.requireExpiry = builder.requireExpiry;
        this.expectedIssuer = builder.expectedIssuer;
    }

    /** Returns a builder; set a key or a JWK Set, and a clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a compact token.
     *
     * @return the header and claims of the accepted token
     * @throws TokenRejectedException if the token fails a check, with the reason of the check
     */
    public VerifiedToken verify(String token) throws TokenRejectedException {
        Objects.requireNonNull(token, "token");
        CompactToken segments = CompactToken.split(token);
        ObjectNode header =
                JoseJson.parseObject(
                        CompactToken.decode(segments.headerSegment(), "header"), "header");
        checkAlgorithm(header);
        checkNoCriticalMembers(header);
        Optional<String> kid = keyId(header);
        P256PublicKey verificationKey = selectKey(kid);

        byte[] payload = CompactToken.decode(segments.payloadSegment(), "payload");
        byte[] signature = CompactToken.decode(segments.signatureSegment(), "signature");
        checkSignature(verificationKey, kid, segments, signature);

        VerifiedToken verified = VerifiedToken.of(header, JoseJson.parseObject(payload, "payload"));
        ClaimTimes.check(verified, clock.instant(), clockSkew, requireExpiry);
        checkIssuer(verified);
        return verified;
    }

    private void checkIssuer(VerifiedToken verified) throws TokenRejectedException {
        if (expectedIssuer == null || verified.issuer().equals(Optional.of(expectedIssuer))) {
            return;
        }
        throw new TokenRejectedException(
                Reason.UNEXPECTED_ISSUER,
                "iss is "
                        + verified.issuer().map(JoseJson::quote).orElse("missing")
                        + " (expected "
                        + JoseJson.quote(expectedIssuer)
                        + ")");
    }

    private static void checkAlgorithm(ObjectNode header) throws TokenRejectedException {
        JsonNode alg = header.get("alg");
        if (alg == null) {
            throw new TokenRejectedException(
                    Reason.MALFORMED, "header has no alg member (expected \"ES256\")");
        }
        if (!alg.isTextual() || !ALGORITHM.equals(alg.textValue())) {
            throw new TokenRejectedException(
                    Reason.UNSUPPORTED_ALGORITHM,
                    "header alg is " + JoseJson.describe(alg) + " (expected \"ES256\")");
        }
    }

    /**
     * Rejects every {@code crit} member, because this verifier implements no JWS extensions and RFC
     * 7515 §4.1.11 requires rejecting a token whose critical extensions are not understood.
     */
    private static void checkNoCriticalMembers(ObjectNode header) throws TokenRejectedException {
        if (header.has("crit")) {
            throw new TokenRejectedException(
                    Reason.UNSUPPORTED_CRITICAL_HEADER,
                    "header has a crit member (expected none: this verifier supports no JWS"
                            + " extensions)");
        }
    }

    private static Optional<String> keyId(ObjectNode header) throws TokenRejectedException {
        JsonNode kid = header.get("kid");
        if (kid == null) {
            return Optional.empty();
        }
        if (!kid.isTextual()) {
            throw new TokenRejectedException(
                    Reason.MALFORMED,
                    "header kid is " + JoseJson.describe(kid) + " (expected a JSON string)");
        }
        return Optional.of(kid.textValue());
    }

    private P256PublicKey selectKey(Optional<String> kid) throws TokenRejectedException {
        if (keysById == null) {
            return key;
        }
        if (kid.isEmpty()) {
            throw new TokenRejectedException(
                    Reason.MISSING_KEY_ID,
                    "header has no kid (expected the kid of a key in the JWK Set)");
        }
        P256PublicKey selected = keysById.get(kid.get());
        if (selected == null) {
            throw new TokenRejectedException(
                    Reason.UNKNOWN_KEY_ID,
                    "header kid "
                            + JoseJson.quote(kid.get())
                            + " names no key of the JWK Set ("
                            + keysById.size()
                            + (keysById.size() == 1 ? " key)" : " keys)"));
        }
        return selected;
    }

    private static void checkSignature(
            P256PublicKey key, Optional<String> kid, CompactToken segments, byte[] signature)
            throws TokenRejectedException {
        if (signature.length != Es256.SIGNATURE_LENGTH) {
            throw new TokenRejectedException(
                    Reason.MALFORMED_SIGNATURE,
                    "signature is "
                            + signature.length
                            + " bytes (expected 64: r and s of 32 bytes each, RFC 7518 §3.4)"
                            + (looksLikeDer(signature)
                                    ? "; it starts like a DER SEQUENCE, which is not valid in a"
                                            + " JWS"
                                    : ""));
        }
        if (!Es256.verify(key, segments.signingInput(), signature)) {
            throw new TokenRejectedException(
                    Reason.INVALID_SIGNATURE,
                    "ES256 signature does not verify with the key "
                            + kid.map(id -> "of kid " + JoseJson.quote(id)).orElse("given"));
        }
    }

    /**
     * Returns whether bytes start like a DER Ecdsa-Sig-Value: a SEQUENCE tag whose one-byte length
     * covers the rest. Used only to word the message.
     */
    private static boolean looksLikeDer(byte[] signature) {
        return signature.length >= 8
                && signature[0] == 0x30
                && (signature[1] & 0xFF) == signature.length - 2;
    }

    @Override
    public String toString() {
        return "ModemTokenVerifier{"
                + (keysById == null
                        ? "key kid=" + key.spkiSha256Hex()
                        : "kids=" + keysById.keySet())
                + ", clockSkew="
                + clockSkew
                + ", requireExpiry="
                + requireExpiry
                + (expectedIssuer == null ? "" : ", expectedIssuer=" + expectedIssuer)
                + "}";
    }

    /** Settings of a {@link ModemTokenVerifier}, checked in {@link #build()}. */
    public static final class Builder {
        private P256PublicKey key;
        private String jwkSet;
        private Map<String, P256PublicKey> keysById;
        private Clock clock;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private boolean requireExpiry;
        private String expectedIssuer;

        private Builder() {}

        /** Verifies every token with this key, whatever its kid. */
        public Builder publicKey(P256PublicKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Selects the key of each token by its kid from this JWK Set, read by {@link JwkSets}. */
        public Builder jwkSet(String json) {
            this.jwkSet = Objects.requireNonNull(json, "json");
            return this;
        }

        /** Selects the key of each token by its kid from this map; the map is copied. */
        public Builder keysById(Map<String, P256PublicKey> keysById) {
            Objects.requireNonNull(keysById, "keysById");
            Map<String, P256PublicKey> copy = new LinkedHashMap<>();
            for (Map.Entry<String, P256PublicKey> entry : keysById.entrySet()) {
                copy.put(
                        Objects.requireNonNull(entry.getKey(), "kid"),
                        Objects.requireNonNull(entry.getValue(), "key"));
            }
            this.keysById = copy;
            return this;
        }

        /** Sets the clock that {@code exp}, {@code iat} and {@code nbf} are compared with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how far the token's times may be off the clock, in both directions; the default is
         * {@link #DEFAULT_CLOCK_SKEW}.
         */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
            return this;
        }

        /**
         * Sets whether a token without {@code exp} is rejected. The default, false, accepts it,
         * because the modem leaves {@code exp} out when exp_delta is 0 or its time is unknown.
         */
        public Builder requireExpiry(boolean requireExpiry) {
            this.requireExpiry = requireExpiry;
            return this;
        }

        /**
         * Requires {@code iss} to equal {@code issuer}, such as {@code
         * nRF9160.6099f79c-cf08-496a-bc85-fdde31f823e1} for the device of that UUID ({@code
         * <model>.<device UUID>}). By default any issuer is accepted, so a token of one device
         * passes for another whose key verifies it.
         */
        public Builder expectedIssuer(String issuer) {
            this.expectedIssuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @throws IllegalArgumentException if a setting is invalid: not exactly one of a key, a JWK
         *     Set and a key map is set, or the JWK Set is invalid or has no ES256 key. Also if a
         *     kid of the map is empty, the clock is missing, or the clock skew is negative.
         */
        public ModemTokenVerifier build() {
            int keySources =
                    (key != null ? 1 : 0) + (jwkSet != null ? 1 : 0) + (keysById != null ? 1 : 0);
            if (keySources != 1) {
                throw new IllegalArgumentException(
                        "verifier has "
                                + keySources
                                + " key sources (expected exactly one of publicKey, jwkSet and"
                                + " keysById)");
            }
            if (clock == null) {
                throw new IllegalArgumentException(
                        "verifier has no clock (expected clock(Clock), for example"
                                + " Clock.systemUTC())");
            }
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException(
                        "clock skew is negative: " + clockSkew + " (expected zero or more)");
            }
            Map<String, P256PublicKey> selectable = selectableKeys();
            return new ModemTokenVerifier(this, selectable);
        }

        /** Returns the keys by kid from the JWK Set or map, or null for a single key. */
        private Map<String, P256PublicKey> selectableKeys() {
            Map<String, P256PublicKey> keys = keysById;
            if (jwkSet != null) {
                try {
                    keys = JwkSets.parse(jwkSet);
                } catch (InvalidKeySpecException e) {
                    throw new IllegalArgumentException("invalid JWK Set: " + e.getMessage(), e);
                }
            }
            if (keys == null) {
                return null;
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(
                        "verifier has no keys (expected at least one EC P-256 key for ES256)");
            }
            for (String kid : keys.keySet()) {
                if (kid.isEmpty()) {
                    throw new IllegalArgumentException(
                            "kid is empty (expected a non-empty string)");
                }
            }
            return Map.copyOf(keys);
        }
    }
}
