package io.github.nrf91emu.example;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.github.nrf91emu.example.InvalidDeviceTokenException.Reason;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the ES256 tokens that nRF91 modems make with {@code AT%JWT}, on the server that receives
 * them, with nimbus-jose-jwt. The checks run in this order:
 *
 * <ol>
 *   <li>the token is three segments of the URL-safe Base64 alphabet without {@code =} padding (RFC
 *       7515 §2), because nimbus-jose-jwt's decoder also accepts padding and the standard {@code +}
 *       and {@code /} characters;
 *   <li>the header's {@code alg} is ES256, so {@code none} and HS256 tokens fail before a key is
 *       used;
 *   <li>the header has no {@code crit} member, because this verifier supports no JWS extensions
 *       (RFC 7515 §4.1.11);
 *   <li>the header's {@code kid} names a registered device, and only that device's key verifies the
 *       signature;
 *   <li>{@code iat}, {@code nbf} and {@code exp}, where present, are integers from 0 to
 *       253402300799 (9999-12-31T23:59:59Z), because nimbus-jose-jwt turns larger values into wrong
 *       dates;
 *   <li>the claims {@code iss}, {@code jti}, {@code iat} and {@code exp} are present, and {@code
 *       exp} has not passed by more than the clock skew;
 *   <li>{@code iat} lies no more than the clock skew in the future, a check that nimbus-jose-jwt's
 *       {@link DefaultJWTClaimsVerifier} does not make;
 *   <li>{@code iss} is {@code <model>.<device UUID>}, the form the modem firmware writes.
 * </ol>
 *
 * <p>A verifier is immutable and thread-safe.
 */
public final class DeviceTokenVerifier {
    /** One segment of a compact token: the URL-safe Base64 alphabet, no padding (RFC 4648 §5). */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]*");

    /**
     * Maximum token length accepted, far above the longest token a modem makes from a 4096-byte AT
     * line, so that a huge token is rejected before it is decoded.
     */
    private static final int MAX_TOKEN_LENGTH = 65_536;

    /** A UUID in the modem's form: lower-case hex digits in groups of 8, 4, 4, 4 and 12. */
    private static final String UUID_FORM =
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** The modem's {@code iss}: a model name such as nRF9160, a dot and the device UUID. */
    private static final Pattern ISSUER = Pattern.compile("(nRF91[0-9]{2})\\.(" + UUID_FORM + ")");

    /** The modem's {@code kid}: the lower-case hex SHA-256 of the key's SubjectPublicKeyInfo. */
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{64}");

    /**
     * Claims every accepted token has. A modem whose time is unknown leaves out {@code iat} and
     * {@code exp}, and such a token would never expire.
     */
    private static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "jti", "iat", "exp");

    /** The claims whose values are NumericDates, seconds since the Unix epoch (RFC 7519 §2). */
    private static final List<String> TIME_CLAIMS = List.of("iat", "nbf", "exp");

    /** The latest NumericDate accepted, 9999-12-31T23:59:59Z. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final Map<String, ECPublicKey> deviceKeys;
    private final Clock clock;
    private final Duration clockSkew;
    private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;

    /**
     * Creates a verifier for the devices of a JWK Set.
     *
     * @param registeredDevices the public keys of the registered devices, each an EC P-256 key
     *     under the {@code kid} that the device puts in its tokens
     * @param clock the clock that {@code iat} and {@code exp} are checked against
     * @param clockSkew how far device clocks may differ from {@code clock}, in whole seconds
     * @throws IllegalArgumentException if a key is not a public EC P-256 key, has no {@code kid} or
     *     shares its {@code kid} with another key, or if the clock skew is negative, not whole
     *     seconds or above {@link Integer#MAX_VALUE} seconds
     */
    public DeviceTokenVerifier(JWKSet registeredDevices, Clock clock, Duration clockSkew) {
        Objects.requireNonNull(registeredDevices, "registeredDevices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = checkClockSkew(clockSkew);
        this.deviceKeys = publicKeysById(registeredDevices);
        this.claimsVerifier = claimsVerifier(clock, clockSkew);
    }

    /**
     * Verifies a compact token.
     *
     * @return the device's model and UUID from {@code iss}, and the claims
     * @throws InvalidDeviceTokenException if a check fails, with that check as its reason
     */
    public DeviceToken verify(String token) throws InvalidDeviceTokenException {
        Objects.requireNonNull(token, "token");
        checkShape(token);
        SignedJWT jwt = parseSigned(token);

        String keyId = checkHeader(jwt.getHeader());
        checkSignature(jwt, keyId);

        JWTClaimsSet claims = claimsOf(jwt);
        checkTimeRanges(jwt.getPayload().toJSONObject());
        checkTimes(claims);
        return deviceToken(keyId, claims);
    }

    private static void checkShape(String token) throws InvalidDeviceTokenException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidDeviceTokenException(
                    Reason.MALFORMED,
                    "token is " + token.length() + " characters (max " + MAX_TOKEN_LENGTH + ")");
        }
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3) {
            throw new InvalidDeviceTokenException(
                    Reason.MALFORMED,
                    "token has " + segments.length + " segments (expected 3, separated by '.')");
        }
        String[] names = {"header", "payload", "signature"};
        for (int i = 0; i < segments.length; i++) {
            if (!SEGMENT.matcher(segments[i]).matches() || !isCanonical(segments[i])) {
                throw new InvalidDeviceTokenException(
                        Reason.MALFORMED,
                        names[i]
                                + " segment is not canonical unpadded Base64Url (expected only"
                                + " A-Z, a-z, 0-9, '-' and '_', and zero unused bits)");
            }
        }
    }

    /** Returns whether the segment decodes and encodes back to the same text. */
    private static boolean isCanonical(String segment) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(segment);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SignedJWT parseSigned(String token) throws InvalidDeviceTokenException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidDeviceTokenException(
                    Reason.MALFORMED, "token is not a JWT: " + e.getMessage(), e);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidDeviceTokenException(
                    Reason.UNSUPPORTED_ALGORITHM,
                    "token is unsecured (alg none) or encrypted (expected a JWS signed with"
                            + " ES256)");
        }
        return signed;
    }

    /**
     * Checks that the algorithm is ES256, that there is no crit member and that the kid is
     * registered, and returns the kid.
     */
    private String checkHeader(JWSHeader header) throws InvalidDeviceTokenException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new InvalidDeviceTokenException(
                    Reason.UNSUPPORTED_ALGORITHM,
                    "header alg is " + header.getAlgorithm() + " (expected ES256)");
        }
        // nimbus's ECDSAVerifier returns false for an unknown crit name, which would be reported
        // as a bad signature, and it accepts an empty crit list, which RFC 7515 forbids.
        if (header.getCriticalParams() != null) {
            throw new InvalidDeviceTokenException(
                    Reason.UNSUPPORTED_CRITICAL_HEADER,
                    "header has a crit member (expected none, because this verifier supports no"
                            + " JWS extensions)");
        }
        String keyId = header.getKeyID();
        if (keyId == null) {
            throw new InvalidDeviceTokenException(
                    Reason.UNKNOWN_KEY,
                    "header has no kid (expected the kid of a registered device)");
        }
        if (!deviceKeys.containsKey(keyId)) {
            throw new InvalidDeviceTokenException(
                    Reason.UNKNOWN_KEY,
                    "header kid " + describeKeyId(keyId) + " is not registered");
        }
        return keyId;
    }

    private void checkSignature(SignedJWT jwt, String keyId) throws InvalidDeviceTokenException {
        boolean valid;
        try {
            valid = jwt.verify(new ECDSAVerifier(deviceKeys.get(keyId)));
        } catch (JOSEException e) {
            throw new InvalidDeviceTokenException(
                    Reason.INVALID_SIGNATURE,
                    "ES256 verification failed for kid " + keyId + ": " + e.getMessage(),
                    e);
        }
        if (!valid) {
            throw new InvalidDeviceTokenException(
                    Reason.INVALID_SIGNATURE,
                    "ES256 signature does not verify with the key of kid " + keyId);
        }
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) throws InvalidDeviceTokenException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidDeviceTokenException(
                    Reason.MALFORMED, "claims are invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that each time claim present is an integer from 0 to {@link #MAX_NUMERIC_DATE}.
     * nimbus-jose-jwt 10.10 multiplies the seconds by 1000 in a {@code long} without an overflow
     * check, so {@code "exp": 1e20} becomes a date in 1969. RFC 7519 also allows fractions, but the
     * modem writes whole seconds.
     *
     * @param claims the claims as nimbus parses JSON, where an integer literal that fits a {@code
     *     long} is a {@link Long}, and a fraction, an exponent or a larger integer is a {@link
     *     Double}
     */
    private static void checkTimeRanges(Map<String, Object> claims)
            throws InvalidDeviceTokenException {
        for (String name : TIME_CLAIMS) {
            Object value = claims.get(name);
            if (value == null) {
                continue;
            }
            boolean valid =
                    value instanceof Long seconds && seconds >= 0 && seconds <= MAX_NUMERIC_DATE;
            if (!valid) {
                String description =
                        value instanceof Number ? value.toString() : "not a JSON number";
                throw new InvalidDeviceTokenException(
                        Reason.INVALID_CLAIMS,
                        "claim "
                                + name
                                + " is "
                                + description
                                + " (expected an integer from 0 to "
                                + MAX_NUMERIC_DATE
                                + ", seconds since the Unix epoch up to 9999-12-31T23:59:59Z)");
            }
        }
    }

    private void checkTimes(JWTClaimsSet claims) throws InvalidDeviceTokenException {
        try {
            claimsVerifier.verify(claims, null);
        } catch (ExpiredJWTException e) {
            throw new InvalidDeviceTokenException(
                    Reason.EXPIRED,
                    "token expired at " + claims.getExpirationTime().toInstant() + timeContext(),
                    e);
        } catch (BadJWTException e) {
            throw new InvalidDeviceTokenException(Reason.INVALID_CLAIMS, e.getMessage(), e);
        }

        Instant issuedAt = claims.getIssueTime().toInstant();
        if (issuedAt.isAfter(clock.instant().plus(clockSkew))) {
            throw new InvalidDeviceTokenException(
                    Reason.ISSUED_IN_FUTURE, "token is issued at " + issuedAt + timeContext());
        }
    }

    // NOTE: a JWK Set maps each kid to a key, but not to a device UUID, so this checks only the
    // form of iss. A server that stores the device UUID of each key should also compare them.
    private static DeviceToken deviceToken(String keyId, JWTClaimsSet claims)
            throws InvalidDeviceTokenException {
        Matcher issuer = ISSUER.matcher(claims.getIssuer());
        if (!issuer.matches()) {
            throw new InvalidDeviceTokenException(
                    Reason.INVALID_ISSUER,
                    "iss is not <model>.<device UUID> (expected a model such as nRF9160, a dot"
                            + " and a lower-case UUID)");
        }
        return new DeviceToken(keyId, issuer.group(1), UUID.fromString(issuer.group(2)), claims);
    }

    private String timeContext() {
        return " (now "
                + clock.instant()
                + ", allowed clock skew "
                + clockSkew.getSeconds()
                + " s)";
    }

    /** Quotes a kid of the modem's form; any other text from the token is left out of messages. */
    private static String describeKeyId(String keyId) {
        return KEY_ID.matcher(keyId).matches()
                ? "\"" + keyId + "\""
                : "(not 64 lower-case hex digits, not shown)";
    }

    private static Map<String, ECPublicKey> publicKeysById(JWKSet jwkSet) {
        Map<String, ECPublicKey> keys = new HashMap<>();
        for (JWK jwk : jwkSet.getKeys()) {
            String keyId = jwk.getKeyID();
            if (keyId == null) {
                throw new IllegalArgumentException(
                        "registered key has no kid (expected the kid the device puts in tokens)");
            }
            if (!(jwk instanceof ECKey ecKey) || !Curve.P_256.equals(ecKey.getCurve())) {
                throw new IllegalArgumentException(
                        "registered key "
                                + keyId
                                + " is not an EC P-256 key (expected kty EC, crv P-256)");
            }
            if (ecKey.isPrivate()) {
                throw new IllegalArgumentException(
                        "registered key " + keyId + " has a private part (expected public keys)");
            }
            if (keys.put(keyId, toPublicKey(ecKey)) != null) {
                throw new IllegalArgumentException(
                        "kid " + keyId + " is registered twice (expected one key per kid)");
            }
        }
        return Map.copyOf(keys);
    }

    private static ECPublicKey toPublicKey(ECKey key) {
        try {
            return key.toECPublicKey();
        } catch (JOSEException e) {
            throw new IllegalArgumentException(
                    "registered key " + key.getKeyID() + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Creates nimbus-jose-jwt's claims verifier on {@code clock}, for the required claims. */
    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(
            Clock clock, Duration clockSkew) {
        DefaultJWTClaimsVerifier<SecurityContext> verifier =
                new DefaultJWTClaimsVerifier<>(null, REQUIRED_CLAIMS) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        verifier.setMaxClockSkew((int) clockSkew.getSeconds());
        return verifier;
    }

    private static Duration checkClockSkew(Duration clockSkew) {
        Objects.requireNonNull(clockSkew, "clockSkew");
        boolean wholeSeconds = clockSkew.getNano() == 0;
        if (clockSkew.isNegative() || !wholeSeconds || clockSkew.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "clock skew is "
                            + clockSkew
                            + " (expected whole seconds from 0 to "
                            + Integer.MAX_VALUE
                            + ")");
        }
        return clockSkew;
    }
}
