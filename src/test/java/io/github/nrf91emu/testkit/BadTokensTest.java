package io.github.nrf91emu.testkit;

import static io.github.nrf91emu.testkit.TestTokens.assertRejected;
import static io.github.nrf91emu.testkit.TestTokens.jdkKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.github.nrf91emu.crypto.Base64Url;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SignatureException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kind of bad token is rejected by {@link ModemTokenVerifier} with its expected reason, and by
 * nimbus-jose-jwt and jjwt set up the usual way, or accepted by them where the table expects it.
 * The good token passes all three.
 */
class BadTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final BadTokens TOKENS = BadTokens.builder().seed(7).clock(CLOCK).build();

    /**
     * What the independent libraries do with each kind: the exception class they throw, or null
     * where they accept the token. nimbus-jose-jwt 10.10 and jjwt 0.13.0 check exp and nbf but not
     * iat, and both decode Base64Url leniently: padding is accepted by both, and the standard
     * alphabet in the signature by nimbus-jose-jwt.
     */
    private static final Map<BadTokenKind, Rejection> LIBRARIES = new EnumMap<>(BadTokenKind.class);

    private record Rejection(Class<? extends Exception> nimbus, Class<? extends Exception> jjwt) {}

    static {
        LIBRARIES.put(
                BadTokenKind.EXPIRED,
                new Rejection(ExpiredJWTException.class, ExpiredJwtException.class));
        LIBRARIES.put(BadTokenKind.ISSUED_IN_FUTURE, new Rejection(null, null));
        LIBRARIES.put(
                BadTokenKind.SIGNED_BY_OTHER_DEVICE,
                new Rejection(BadJWSException.class, SignatureException.class));
        LIBRARIES.put(
                BadTokenKind.PAYLOAD_CHANGED,
                new Rejection(BadJWSException.class, SignatureException.class));
        LIBRARIES.put(
                BadTokenKind.DER_SIGNATURE,
                new Rejection(BadJWSException.class, SignatureException.class));
        LIBRARIES.put(
                BadTokenKind.ALG_NONE,
                new Rejection(BadJOSEException.class, UnsupportedJwtException.class));
        LIBRARIES.put(
                BadTokenKind.HS256_WITH_PEM_SECRET,
                new Rejection(BadJOSEException.class, UnsupportedJwtException.class));
        LIBRARIES.put(
                BadTokenKind.HS256_WITH_SPKI_SECRET,
                new Rejection(BadJOSEException.class, UnsupportedJwtException.class));
        LIBRARIES.put(BadTokenKind.BASE64_PADDING, new Rejection(null, null));
        LIBRARIES.put(
                BadTokenKind.STANDARD_BASE64_ALPHABET,
                new Rejection(null, MalformedJwtException.class));
        LIBRARIES.put(
                BadTokenKind.KID_OF_OTHER_DEVICE,
                new Rejection(BadJWSException.class, SignatureException.class));
        LIBRARIES.put(
                BadTokenKind.TRUNCATED,
                new Rejection(BadJWSException.class, SignatureException.class));
    }

    private static ModemTokenVerifier jwkSetVerifier() {
        return ModemTokenVerifier.builder().jwkSet(TOKENS.jwkSet()).clock(CLOCK).build();
    }

    private static ModemTokenVerifier deviceKeyVerifier() {
        return ModemTokenVerifier.builder().publicKey(TOKENS.deviceKey()).clock(CLOCK).build();
    }

    /**
     * Creates a nimbus-jose-jwt processor for ES256 with the JWK Set of both devices and the
     * default claims verifier, whose clock is fixed by overriding its current time.
     */
    private static DefaultJWTProcessor<SecurityContext> nimbusProcessor() throws ParseException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        JWKSet jwkSet = JWKSet.parse(TOKENS.jwkSet());
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(
                        JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwkSet)));
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(null, null) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(NOW);
                    }
                });
        return processor;
    }

    /** Creates a jjwt parser with the device's public key and a fixed clock. */
    private static JwtParser jjwtParser() throws GeneralSecurityException {
        return Jwts.parser()
                .verifyWith(jdkKey(TOKENS.deviceKey()))
                .clock(() -> Date.from(NOW))
                .build();
    }

    @Test
    void tableCoversEveryKind() {
        assertEquals(Arrays.asList(BadTokenKind.values()), LIBRARIES.keySet().stream().toList());
    }

    @Test
    void allHasOneTokenPerKindInOrder() {
        assertEquals(
                Arrays.asList(BadTokenKind.values()),
                TOKENS.all().stream().map(BadToken::kind).toList());
    }

    @Test
    void goodTokenPassesEveryVerifier() throws Exception {
        VerifiedToken verified = jwkSetVerifier().verify(TOKENS.goodToken());
        assertEquals(TOKENS.deviceKey().spkiSha256Hex(), verified.keyId().orElseThrow());
        assertEquals(NOW, verified.issuedAt().orElseThrow());
        assertDoesNotThrow(() -> deviceKeyVerifier().verify(TOKENS.goodToken()));

        assertNotNull(nimbusProcessor().process(TOKENS.goodToken(), null));
        assertNotNull(jjwtParser().parseSignedClaims(TOKENS.goodToken()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTokenKind.class)
    void rejectedWithJwkSet(BadTokenKind kind) {
        String token = TOKENS.get(kind).token();
        assertRejected(
                jwkSetVerifier(),
                token,
                kind.expectedReason(),
                TOKENS.deviceKey(),
                TOKENS.otherDeviceKey());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTokenKind.class)
    void rejectedWithDeviceKey(BadTokenKind kind) {
        String token = TOKENS.get(kind).token();
        assertRejected(deviceKeyVerifier(), token, kind.expectedReason(), TOKENS.deviceKey());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTokenKind.class)
    void nimbusOutcome(BadTokenKind kind) throws Exception {
        String token = TOKENS.get(kind).token();
        DefaultJWTProcessor<SecurityContext> processor = nimbusProcessor();
        Class<? extends Exception> expected = LIBRARIES.get(kind).nimbus();
        if (expected == null) {
            assertDoesNotThrow(() -> processor.process(token, null), kind + " accepted");
            return;
        }
        Exception e = assertThrows(Exception.class, () -> processor.process(token, null));
        assertEquals(expected, e.getClass(), e.toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTokenKind.class)
    void jjwtOutcome(BadTokenKind kind) throws Exception {
        String token = TOKENS.get(kind).token();
        JwtParser parser = jjwtParser();
        Class<? extends Exception> expected = LIBRARIES.get(kind).jjwt();
        if (expected == null) {
            assertDoesNotThrow(() -> parser.parseSignedClaims(token), kind + " accepted");
            return;
        }
        Exception e = assertThrows(Exception.class, () -> parser.parseSignedClaims(token));
        assertEquals(expected, e.getClass(), e.toString());
    }

    @Test
    void otherKidUnknownToDeviceSet() {
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder()
                        .jwkSet(JwkSets.of(TOKENS.deviceKey()))
                        .clock(CLOCK)
                        .build();
        String token = TOKENS.get(BadTokenKind.KID_OF_OTHER_DEVICE).token();
        assertRejected(verifier, token, TokenRejectedException.Reason.UNKNOWN_KEY_ID);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = BadTokenKind.class,
            names = {"EXPIRED", "ISSUED_IN_FUTURE"})
    void timeShiftedTokensHaveValidSignatures(BadTokenKind kind) throws Exception {
        SignedJWT jwt = SignedJWT.parse(TOKENS.get(kind).token());
        assertTrue(jwt.verify(new ECDSAVerifier(jdkKey(TOKENS.deviceKey()))));
        assertEquals(
                TOKENS.deviceKey().spkiSha256Hex(), jwt.getHeader().getKeyID(), "kid of " + kind);
    }

    @Test
    void expiredTokenTimes() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TOKENS.get(BadTokenKind.EXPIRED).token());
        assertEquals(Date.from(NOW.minusSeconds(3600)), jwt.getJWTClaimsSet().getExpirationTime());
        assertEquals(Date.from(NOW.minusSeconds(7200)), jwt.getJWTClaimsSet().getIssueTime());
    }

    @Test
    void futureTokenTimes() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TOKENS.get(BadTokenKind.ISSUED_IN_FUTURE).token());
        assertEquals(Date.from(NOW.plusSeconds(3600)), jwt.getJWTClaimsSet().getIssueTime());
        assertEquals(Date.from(NOW.plusSeconds(7200)), jwt.getJWTClaimsSet().getExpirationTime());
    }

    @Test
    void signedByOtherDeviceVerifiesWithOtherKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TOKENS.get(BadTokenKind.SIGNED_BY_OTHER_DEVICE).token());
        assertTrue(jwt.verify(new ECDSAVerifier(jdkKey(TOKENS.otherDeviceKey()))));
        assertEquals(TOKENS.deviceKey().spkiSha256Hex(), jwt.getHeader().getKeyID());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = BadTokenKind.class,
            names = {"BASE64_PADDING", "STANDARD_BASE64_ALPHABET"})
    void encodingKindsKeepSignatureBytes(BadTokenKind kind) {
        String bad = TOKENS.get(kind).token();
        String good = TOKENS.goodToken();
        assertEquals(prefix(good), prefix(bad), "header and payload of " + kind);
        assertArrayEquals(
                Base64Url.decode(signature(good)),
                Base64.getMimeDecoder().decode(toStandard(signature(bad))),
                "signature bytes of " + kind);
        assertNotEquals(signature(good), signature(bad), "signature text of " + kind);
    }

    @Test
    void hs256TokensVerifyAsHmacWithKeyBytes() throws Exception {
        String pem = TOKENS.deviceKey().toPem();
        byte[] spki = TOKENS.deviceKey().toSpkiDer();
        SignedJWT withPem = SignedJWT.parse(TOKENS.get(BadTokenKind.HS256_WITH_PEM_SECRET).token());
        SignedJWT withSpki =
                SignedJWT.parse(TOKENS.get(BadTokenKind.HS256_WITH_SPKI_SECRET).token());

        assertEquals(JWSAlgorithm.HS256, withPem.getHeader().getAlgorithm());
        assertTrue(withPem.verify(new MACVerifier(pem.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(JWSAlgorithm.HS256, withSpki.getHeader().getAlgorithm());
        assertTrue(withSpki.verify(new MACVerifier(spki)));
    }

    @Test
    void algNoneHasEmptySignature() {
        String token = TOKENS.get(BadTokenKind.ALG_NONE).token();
        assertTrue(token.endsWith("."), token);
        assertEquals(payload(TOKENS.goodToken()), payload(token));
    }

    @Test
    void sameSettingsGiveSameTokens() {
        BadTokens again = BadTokens.builder().seed(7).clock(CLOCK).build();
        assertEquals(TOKENS.goodToken(), again.goodToken());
        for (BadTokenKind kind : BadTokenKind.values()) {
            assertEquals(TOKENS.get(kind).token(), again.get(kind).token(), kind.name());
        }
    }

    @Test
    void descriptionsStartWithKind() {
        for (BadToken bad : TOKENS.all()) {
            assertTrue(
                    bad.description().startsWith(bad.kind().description() + ": "),
                    bad.description());
            assertEquals(bad.kind() + ": " + bad.description(), bad.toString());
        }
    }

    private static String prefix(String token) {
        return token.substring(0, token.lastIndexOf('.'));
    }

    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static String payload(String token) {
        return token.split("\\.", -1)[1];
    }

    private static String toStandard(String base64) {
        return base64.replace('-', '+').replace('_', '/');
    }
}
