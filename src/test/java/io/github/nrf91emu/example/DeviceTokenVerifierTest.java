package io.github.nrf91emu.example;

import static io.github.nrf91emu.example.JwtResponses.tokenOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.ModemFaults;
import io.github.nrf91emu.example.InvalidDeviceTokenException.Reason;
import io.github.nrf91emu.junit.EmulatedModem;
import io.github.nrf91emu.junit.TestClock;
import io.github.nrf91emu.testkit.JwkSets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example verifier with tokens of the modem that {@link EmulatedModem} injects into each test,
 * on the test's clock, and with tokens that nimbus-jose-jwt signs for cases a modem never makes.
 */
@EmulatedModem
class DeviceTokenVerifierTest {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** The header of the tokens that {@link #signJson} signs with the {@code server-test} key. */
    private static final String ES256_HEADER = "{\"alg\":\"ES256\",\"kid\":\"server-test\"}";

    /** Creates a verifier that has registered this modem alone, on the test's clock. */
    private static DeviceTokenVerifier verifierFor(Modem modem, TestClock clock)
            throws ParseException {
        JWKSet registered = JWKSet.parse(JwkSets.of(modem.identity().publicKey()));
        return new DeviceTokenVerifier(registered, clock, CLOCK_SKEW);
    }

    @Test
    void goodTokenAccepted(Modem modem, TestClock clock) throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);

        String token = tokenOf(modem.execute("AT%JWT=0,3600"));
        DeviceToken device = verifier.verify(token);

        assertEquals(modem.identity().keyId(), device.keyId());
        assertEquals("nRF9160", device.model());
        assertEquals(modem.identity().deviceUuid(), device.deviceUuid());
        assertEquals(Date.from(clock.now()), device.claims().getIssueTime());
    }

    @Test
    void tokenExpiresWithTestClock(Modem modem, TestClock clock) throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);
        String token = tokenOf(modem.execute("AT%JWT=0,3600"));

        clock.advance(Duration.ofSeconds(3600 + 59));
        assertEquals(modem.identity().deviceUuid(), verifier.verify(token).deviceUuid());

        clock.advance(Duration.ofSeconds(1));
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));
        assertEquals(Reason.EXPIRED, e.reason());
    }

    @Test
    void deviceClockAheadRejected(Modem modem, TestClock clock, ModemFaults faults)
            throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);

        faults.setClockError(CLOCK_SKEW);
        String withinSkew = tokenOf(modem.execute("AT%JWT=0,3600"));
        faults.setClockError(CLOCK_SKEW.plusSeconds(1));
        String beyondSkew = tokenOf(modem.execute("AT%JWT=0,3600"));

        assertEquals(modem.identity().deviceUuid(), verifier.verify(withinSkew).deviceUuid());
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(beyondSkew));
        assertEquals(Reason.ISSUED_IN_FUTURE, e.reason());
    }

    @Test
    void nonCanonicalSignatureRejected(Modem modem, TestClock clock) throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);
        String token = tokenOf(modem.execute("AT%JWT=0,3600"));
        // 64 bytes take 86 characters, so the last one carries 2 unused bits; flip the lowest.
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char respelled = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String other = token.substring(0, token.length() - 1) + respelled;

        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(other));

        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("signature segment is not canonical"), e.getMessage());
    }

    @Test
    void hugeTokenRejectedBeforeDecoding(Modem modem, TestClock clock) throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);
        String token = tokenOf(modem.execute("AT%JWT=0,3600"));
        String huge = token.substring(0, token.indexOf('.') + 1) + "A".repeat(70_000) + ".x";

        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(huge));

        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("max 65536"), e.getMessage());
    }

    @Test
    void unregisteredModemRejected(Modem modem, TestClock clock) throws Exception {
        Modem other = Modem.builder().seed(1).clock(clock).build();
        DeviceTokenVerifier verifier = verifierFor(other, clock);

        String token = tokenOf(modem.execute("AT%JWT=0,3600"));
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));

        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertTrue(e.getMessage().contains(modem.identity().keyId()), e.getMessage());
    }

    @Test
    void issuerWithoutDeviceUuidRejected(TestClock clock) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("server-test").generate();
        DeviceTokenVerifier verifier =
                new DeviceTokenVerifier(new JWKSet(key.toPublicJWK()), clock, CLOCK_SKEW);
        JWTClaimsSet claims = claimsAt(clock.now()).issuer("nRF9160.device-17").build();

        String token =
                sign(key, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("server-test"), claims);
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));

        assertEquals(Reason.INVALID_ISSUER, e.reason());
    }

    @Test
    void tokenWithoutKidRejected(TestClock clock) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("server-test").generate();
        DeviceTokenVerifier verifier =
                new DeviceTokenVerifier(new JWKSet(key.toPublicJWK()), clock, CLOCK_SKEW);
        JWTClaimsSet claims = claimsAt(clock.now()).build();

        String token = sign(key, new JWSHeader.Builder(JWSAlgorithm.ES256), claims);
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));

        assertEquals(Reason.UNKNOWN_KEY, e.reason());
    }

    /**
     * Rejects a correctly signed token with a {@code crit} member. RFC 7515 §4.1.11 requires
     * rejecting it unless the verifier understands every listed extension, and also forbids an
     * empty list.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"crit\":[\"x\"],\"x\":1", "\"crit\":[]"})
    void criticalHeaderRejected(String members, TestClock clock) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("server-test").generate();
        DeviceTokenVerifier verifier =
                new DeviceTokenVerifier(new JWKSet(key.toPublicJWK()), clock, CLOCK_SKEW);
        String header = "{\"alg\":\"ES256\",\"kid\":\"server-test\"," + members + "}";

        String token = signJson(key, header, json(claimLiteralsAt(clock.now())));
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));

        assertEquals(Reason.UNSUPPORTED_CRITICAL_HEADER, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("header has a crit member"), e.getMessage());
    }

    /**
     * {@code iat}, {@code nbf} or {@code exp} that is not an integer from 0 to 9999-12-31T23:59:59Z
     * in seconds. nimbus-jose-jwt 10.10 turns {@code 1e20} into a date in 1969 and {@code
     * 99999999999999999} into one in the year 246105574. Without the range check, such a token is
     * reported as expired, issued in the future or not yet valid, or it is accepted.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "exp, 1e20",
        "exp, 99999999999999999",
        "exp, 99999999999999999999",
        "exp, 253402300800",
        "exp, -1",
        "exp, 1.5",
        "iat, 1e20",
        "iat, 99999999999999999",
        "nbf, 1e20",
        "nbf, 99999999999999999"
    })
    void timeClaimOutOfRangeRejected(String name, String value, TestClock clock) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("server-test").generate();
        DeviceTokenVerifier verifier =
                new DeviceTokenVerifier(new JWKSet(key.toPublicJWK()), clock, CLOCK_SKEW);
        Map<String, String> claims = claimLiteralsAt(clock.now());
        claims.put(name, value);

        String token = signJson(key, ES256_HEADER, json(claims));
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));

        assertEquals(Reason.INVALID_CLAIMS, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("claim " + name + " is "), e.getMessage());
    }

    @Test
    void expiryInYear9999Accepted(TestClock clock) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("server-test").generate();
        DeviceTokenVerifier verifier =
                new DeviceTokenVerifier(new JWKSet(key.toPublicJWK()), clock, CLOCK_SKEW);
        Map<String, String> claims = claimLiteralsAt(clock.now());
        claims.put("exp", "253402300799");

        DeviceToken device = verifier.verify(signJson(key, ES256_HEADER, json(claims)));

        Instant expiry = device.claims().getExpirationTime().toInstant();
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), expiry);
    }

    @Test
    void privateKeyNotRegistered(TestClock clock) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("server-test").generate();

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new DeviceTokenVerifier(new JWKSet(key), clock, CLOCK_SKEW));

        assertEquals(
                "registered key server-test has a private part (expected public keys)",
                e.getMessage());
    }

    @Test
    void fractionalClockSkewRejected(Modem modem, TestClock clock) throws Exception {
        JWKSet registered = JWKSet.parse(JwkSets.of(modem.identity().publicKey()));

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new DeviceTokenVerifier(registered, clock, Duration.ofMillis(1500)));

        assertTrue(e.getMessage().startsWith("clock skew is PT1.5S"), e.getMessage());
    }

    /** Returns claims of the modem's form, with a valid issuer, issued at {@code now}. */
    private static JWTClaimsSet.Builder claimsAt(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer("nRF9160.0063ef33-6af6-46f0-a18b-adec05eb618e")
                .jwtID("nRF9160.78907666-cb75-43f7-bb94-1944a390887e." + "0".repeat(32))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    /**
     * Returns the claims of {@link #claimsAt} as JSON literals, so that a test can put in a number
     * that {@link JWTClaimsSet.Builder} cannot write.
     */
    private static Map<String, String> claimLiteralsAt(Instant now) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", "\"nRF9160.0063ef33-6af6-46f0-a18b-adec05eb618e\"");
        claims.put(
                "jti", "\"nRF9160.78907666-cb75-43f7-bb94-1944a390887e." + "0".repeat(32) + "\"");
        claims.put("iat", Long.toString(now.getEpochSecond()));
        claims.put("exp", Long.toString(now.getEpochSecond() + 3600));
        return claims;
    }

    /** Writes a JSON object whose members have the given JSON literals as values. */
    private static String json(Map<String, String> members) {
        return members.entrySet().stream()
                .map(member -> "\"" + member.getKey() + "\":" + member.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * Signs a token whose header and claims segments encode exactly the given JSON text, which
     * nimbus's builders would rewrite or reject.
     */
    private static String signJson(ECKey key, String headerJson, String claimsJson)
            throws Exception {
        JWSHeader header = JWSHeader.parse(Base64URL.encode(headerJson));
        JWSObject jws = new JWSObject(header, new Payload(claimsJson));
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }

    private static String sign(ECKey key, JWSHeader.Builder header, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
