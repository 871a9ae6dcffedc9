package io.github.nrf91emu.jwt;

import static io.github.nrf91emu.jwt.TokenTestSupport.ISSUER;
import static io.github.nrf91emu.jwt.TokenTestSupport.JWT_ID;
import static io.github.nrf91emu.jwt.TokenTestSupport.KEY_PAIR;
import static io.github.nrf91emu.jwt.TokenTestSupport.SIGNER;
import static io.github.nrf91emu.jwt.TokenTestSupport.bytes;
import static io.github.nrf91emu.jwt.TokenTestSupport.claims;
import static io.github.nrf91emu.jwt.TokenTestSupport.fieldNames;
import static io.github.nrf91emu.jwt.TokenTestSupport.jdkPublicKey;
import static io.github.nrf91emu.jwt.TokenTestSupport.trailingSpaces;
import static io.github.nrf91emu.jwt.TokenTestSupport.withoutPadding;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.jwt.TokenTestSupport.DecodedToken;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens of {@link ModemTokenSigner} verify with nimbus-jose-jwt and jjwt, and their header,
 * payload and signature have the byte layout of tokens made by a real nRF9160.
 */
class ModemTokenSignerTest {
    private static final long ISSUED_AT = 1_735_689_600L;
    private static final long EXP_DELTA = 3600;

    private static final String SUBJECT_128 = "s".repeat(128);
    private static final String SUBJECT_1500 = "0123456789abcdef".repeat(93) + "0123456789ab";
    private static final String AUDIENCE_1500 = "u".repeat(1500);

    /** A subject that needs every kind of escape. Nimbus and jjwt must still verify its token. */
    private static final byte[] EVERY_ESCAPE =
            bytes('"', '\\', 0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x7F, 0xC3, 0xA9);

    /** Name, claims, and the payload JSON that a modem writes for them, without padding. */
    static Stream<Arguments> tokenCases() {
        return Stream.of(
                Arguments.of("iss and jti only", claims().build(), payloadJson("")),
                Arguments.of(
                        "iat and exp",
                        claims().issuedAt(ISSUED_AT).expiresAt(ISSUED_AT + EXP_DELTA).build(),
                        payloadJson(",\"iat\":1735689600,\"exp\":1735693200")),
                Arguments.of(
                        "sub only",
                        claims().subject("ClientAuth").build(),
                        payloadJson(",\"sub\":\"ClientAuth\"")),
                Arguments.of(
                        "aud only",
                        claims().audience("urn:server").build(),
                        payloadJson(",\"aud\":\"urn:server\"")),
                Arguments.of(
                        "all claims",
                        claims().issuedAt(ISSUED_AT)
                                .expiresAt(ISSUED_AT + EXP_DELTA)
                                .subject("ClientAuth")
                                .audience("urn:server")
                                .build(),
                        payloadJson(
                                ",\"iat\":1735689600,\"exp\":1735693200"
                                        + ",\"sub\":\"ClientAuth\",\"aud\":\"urn:server\"")),
                Arguments.of(
                        "128-byte sub",
                        claims().subject(SUBJECT_128).build(),
                        payloadJson(",\"sub\":\"" + SUBJECT_128 + "\"")),
                Arguments.of(
                        "1500-byte sub and aud",
                        claims().subject(SUBJECT_1500).audience(AUDIENCE_1500).build(),
                        payloadJson(
                                ",\"sub\":\""
                                        + SUBJECT_1500
                                        + "\",\"aud\":\""
                                        + AUDIENCE_1500
                                        + "\"")),
                Arguments.of(
                        "sub with every escape",
                        claims().subject(EVERY_ESCAPE).build(),
                        payloadJson(
                                ",\"sub\":\"\\\"\\\\\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\u007f\u00e9\"")));
    }

    /** Returns the payload JSON with the tests' iss and jti, then {@code rest}, then the brace. */
    private static String payloadJson(String rest) {
        return "{\"iss\":\"" + ISSUER + "\",\"jti\":\"" + JWT_ID + "\"" + rest + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void nimbus_verifiesToken(String name, ModemJwtClaims claims) throws Exception {
        SignedJWT jwt = SignedJWT.parse(SIGNER.sign(claims));

        assertTrue(jwt.verify(new ECDSAVerifier(jdkPublicKey(SIGNER.publicKey()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void nimbus_readsSameClaims(String name, ModemJwtClaims claims) throws Exception {
        JWTClaimsSet parsed = SignedJWT.parse(SIGNER.sign(claims)).getJWTClaimsSet();

        assertEquals(ISSUER, parsed.getIssuer());
        assertEquals(JWT_ID, parsed.getJWTID());
        assertEquals(text(claims.subject()), parsed.getSubject());
        List<String> audience = claims.hasAudience() ? List.of(text(claims.audience())) : List.of();
        assertEquals(audience, parsed.getAudience());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void jjwt_verifiesToken(String name, ModemJwtClaims claims) throws Exception {
        ECPublicKey publicKey = jdkPublicKey(SIGNER.publicKey());
        // A clock within [iat, exp], so that jjwt does not reject the token as expired.
        Date now = new Date((ISSUED_AT + 60) * 1000);

        Jws<Claims> jws =
                Jwts.parser()
                        .verifyWith(publicKey)
                        .clock(() -> now)
                        .build()
                        .parseSignedClaims(SIGNER.sign(claims));

        assertEquals(ISSUER, jws.getPayload().getIssuer());
        assertEquals(JWT_ID, jws.getPayload().getId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void payload_isModemJson(String name, ModemJwtClaims claims, String expectedJson) {
        DecodedToken token = DecodedToken.of(SIGNER.sign(claims));

        assertEquals(expectedJson, withoutPadding(token.payloadJson()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void payload_keysInModemOrder(String name, ModemJwtClaims claims) throws Exception {
        List<String> expected = new ArrayList<>(List.of("iss", "jti"));
        if (claims.issuedAt().isPresent()) {
            expected.addAll(List.of("iat", "exp"));
        }
        if (claims.hasSubject()) {
            expected.add("sub");
        }
        if (claims.hasAudience()) {
            expected.add("aud");
        }

        JsonNode payload = DecodedToken.of(SIGNER.sign(claims)).payload();

        assertEquals(expected, fieldNames(payload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void payload_paddedWithSpacesToMultipleOf3(
            String name, ModemJwtClaims claims, String expectedJson) {
        byte[] payloadJson = DecodedToken.of(SIGNER.sign(claims)).payloadJson();
        int jsonLength = expectedJson.getBytes(StandardCharsets.UTF_8).length;

        assertEquals(0, payloadJson.length % 3, "payload JSON length mod 3");
        assertEquals((3 - jsonLength % 3) % 3, trailingSpaces(payloadJson), "padding spaces");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void segments_needNoBase64Padding(String name, ModemJwtClaims claims) {
        String token = SIGNER.sign(claims);
        DecodedToken decoded = DecodedToken.of(token);

        assertFalse(token.contains("="), "token contains '='");
        assertEquals(0, decoded.headerSegment().length() % 4, "header segment length mod 4");
        assertEquals(0, decoded.payloadSegment().length() % 4, "payload segment length mod 4");
        assertEquals(86, decoded.signatureSegment().length(), "signature segment length");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenCases")
    void signature_isEs256OfSigningInput(String name, ModemJwtClaims claims) {
        DecodedToken token = DecodedToken.of(SIGNER.sign(claims));

        byte[] expected = Es256.sign(KEY_PAIR.privateKey(), token.signingInput());

        assertArrayEquals(expected, token.signature());
    }

    @Test
    void header_isModemHeaderWithTwoSpaces() {
        DecodedToken token = DecodedToken.of(SIGNER.sign(claims().build()));
        String expected = "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + SIGNER.kid() + "\"}";

        // The 100-byte JSON text needs two spaces to reach 102, a multiple of 3.
        assertEquals(expected + "  ", new String(token.headerJson(), StandardCharsets.US_ASCII));
    }

    @Test
    void header_keysInModemOrder() throws Exception {
        DecodedToken token = DecodedToken.of(SIGNER.sign(claims().build()));

        JsonNode header = TokenTestSupport.parseJson(token.headerJson());

        assertEquals(List.of("typ", "alg", "kid"), fieldNames(header));
    }

    @Test
    void header_readByNimbus() throws Exception {
        JWSHeader header = SignedJWT.parse(SIGNER.sign(claims().build())).getHeader();

        assertEquals(JWSAlgorithm.ES256, header.getAlgorithm());
        assertEquals("JWT", header.getType().getType());
        assertEquals(SIGNER.kid(), header.getKeyID());
    }

    @Test
    void kid_isSha256OfJdkEncodedKey() throws Exception {
        byte[] spki = jdkPublicKey(SIGNER.publicKey()).getEncoded();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);

        assertEquals(91, spki.length, "SubjectPublicKeyInfo length");
        assertEquals(HexFormat.of().formatHex(digest), SIGNER.kid());
    }

    @Test
    void kid_differsForAnotherKey() {
        ModemTokenSigner other =
                new ModemTokenSigner(
                        P256Keys.fromSeed("another key".getBytes(StandardCharsets.US_ASCII)));

        assertNotEquals(SIGNER.kid(), other.kid());
    }

    @Test
    void publicKey_isKeyPairPublicKey() {
        assertEquals(KEY_PAIR.publicKey(), SIGNER.publicKey());
    }

    @Test
    void times_expMinusIatIsDelta() throws Exception {
        ModemJwtClaims claims =
                claims().issuedAt(ISSUED_AT).expiresAt(ISSUED_AT + EXP_DELTA).build();

        JsonNode payload = DecodedToken.of(SIGNER.sign(claims)).payload();

        assertTrue(payload.get("iat").isIntegralNumber(), "iat is an integer");
        assertTrue(payload.get("exp").isIntegralNumber(), "exp is an integer");
        assertEquals(ISSUED_AT, payload.get("iat").longValue());
        assertEquals(EXP_DELTA, payload.get("exp").longValue() - payload.get("iat").longValue());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 9, 10, 99, 100, 4_294_967_295L, Long.MAX_VALUE})
    void times_writtenAsDecimalDigits(long seconds) {
        ModemJwtClaims claims = claims().issuedAt(seconds).expiresAt(seconds).build();

        String json = withoutPadding(DecodedToken.of(SIGNER.sign(claims)).payloadJson());

        assertEquals(payloadJson(",\"iat\":" + seconds + ",\"exp\":" + seconds), json);
    }

    /** Name, subject bytes, and the JSON string content that the modem writes for them. */
    static Stream<Arguments> escapeCases() {
        return Stream.of(
                Arguments.of("backslash", bytes('a', '\\', 'b'), "a\\\\b"),
                Arguments.of("quote", bytes('"', 'x', '"'), "\\\"x\\\""),
                Arguments.of("0x00", bytes(0x00), "\\u0000"),
                Arguments.of("0x01", bytes(0x01), "\\u0001"),
                Arguments.of("0x08 backspace", bytes(0x08), "\\b"),
                Arguments.of("0x09 tab", bytes(0x09), "\\t"),
                Arguments.of("0x0A line feed", bytes(0x0A), "\\n"),
                Arguments.of("0x0C form feed", bytes(0x0C), "\\f"),
                Arguments.of("0x0D carriage return", bytes(0x0D), "\\r"),
                Arguments.of("0x1F", bytes(0x1F), "\\u001f"),
                Arguments.of("0x7F kept raw", bytes('a', 0x7F, 'b'), "a\u007fb"),
                Arguments.of("0x20 kept raw", bytes(' '), " "),
                Arguments.of("2-byte UTF-8", bytes(0xC3, 0xA9), "\u00e9"),
                Arguments.of("3-byte UTF-8", bytes(0xE2, 0x82, 0xAC), "\u20ac"),
                Arguments.of("4-byte UTF-8", bytes(0xF0, 0x9F, 0x98, 0x80), "\ud83d\ude00"),
                Arguments.of(
                        "mixed",
                        bytes('x', 0x0D, 0x0A, 'y', '\\', 0xE2, 0x82, 0xAC, 0x01, 'z'),
                        "x\\r\\ny\\\\\u20ac\\u0001z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeCases")
    void subject_escapedAsModemDoes(String name, byte[] subject, String expectedEscaped) {
        ModemJwtClaims claims = claims().subject(subject).build();

        String json = withoutPadding(DecodedToken.of(SIGNER.sign(claims)).payloadJson());

        assertEquals(payloadJson(",\"sub\":\"" + expectedEscaped + "\""), json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeCases")
    void subject_parsesBackWithJackson(String name, byte[] subject) throws Exception {
        ModemJwtClaims claims = claims().subject(subject).build();

        JsonNode payload = DecodedToken.of(SIGNER.sign(claims)).payload();

        assertEquals(text(subject), payload.get("sub").textValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeCases")
    void audience_parsesBackWithJackson(String name, byte[] audience) throws Exception {
        ModemJwtClaims claims = claims().audience(audience).build();

        JsonNode payload = DecodedToken.of(SIGNER.sign(claims)).payload();

        assertEquals(text(audience), payload.get("aud").textValue());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void payload_paddingFollowsSubjectLength(int subjectLength) {
        ModemJwtClaims claims = claims().subject("x".repeat(subjectLength)).build();
        int jsonLength = payloadJson(",\"sub\":\"" + "x".repeat(subjectLength) + "\"").length();

        byte[] payloadJson = DecodedToken.of(SIGNER.sign(claims)).payloadJson();

        assertEquals(jsonLength + (3 - jsonLength % 3) % 3, payloadJson.length);
    }

    @Test
    void sign_sameClaimsTwice_sameToken() {
        ModemJwtClaims claims = claims().issuedAt(ISSUED_AT).expiresAt(ISSUED_AT + 1).build();

        assertEquals(SIGNER.sign(claims), SIGNER.sign(claims));
    }

    @Test
    void sign_equalClaimsOnTwoSigners_sameToken() {
        ModemTokenSigner second = new ModemTokenSigner(KEY_PAIR);
        ModemJwtClaims first = claims().subject("device").build();
        ModemJwtClaims equal =
                claims().subject("device".getBytes(StandardCharsets.US_ASCII)).build();

        assertEquals(SIGNER.sign(first), second.sign(equal));
    }

    @Test
    void sign_fromManyThreads_sameTokens() throws Exception {
        List<ModemJwtClaims> claimsList = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claimsList.add(claims().subject("device-" + i).build());
        }
        List<String> expected = new ArrayList<>();
        for (ModemJwtClaims claims : claimsList) {
            expected.add(SIGNER.sign(claims));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                Callable<List<String>> task = () -> signAll(claimsList);
                results.add(pool.submit(task));
            }
            for (Future<List<String>> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokenLength_matchesSignedToken() {
        ModemJwtClaims claims = claims().subject(SUBJECT_1500).build();
        DecodedToken token = DecodedToken.of(SIGNER.sign(claims));

        long length =
                ModemTokenSigner.tokenLength(
                        token.headerSegment().length() + 1, token.payloadJson().length);

        assertEquals(SIGNER.sign(claims).length(), length);
    }

    @Test
    void sign_nullClaims_throws() {
        assertThrows(NullPointerException.class, () -> SIGNER.sign(null));
    }

    @Test
    void toString_showsKidOnly() {
        assertEquals("ModemTokenSigner{kid=" + SIGNER.kid() + "}", SIGNER.toString());
    }

    private static List<String> signAll(List<ModemJwtClaims> claimsList) {
        List<String> tokens = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            tokens.clear();
            for (ModemJwtClaims claims : claimsList) {
                tokens.add(SIGNER.sign(claims));
            }
        }
        return tokens;
    }

    /** Decodes well-formed UTF-8, or returns null for an empty claim that was left out. */
    private static String text(byte[] utf8) {
        return utf8.length == 0 ? null : new String(utf8, StandardCharsets.UTF_8);
    }
}
