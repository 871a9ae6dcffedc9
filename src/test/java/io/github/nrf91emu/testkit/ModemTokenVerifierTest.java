package io.github.nrf91emu.testkit;

import static io.github.nrf91emu.testkit.TestTokens.KEY;
import static io.github.nrf91emu.testkit.TestTokens.OTHER_KEY;
import static io.github.nrf91emu.testkit.TestTokens.assertRejected;
import static io.github.nrf91emu.testkit.TestTokens.header;
import static io.github.nrf91emu.testkit.TestTokens.sign;
import static io.github.nrf91emu.testkit.TestTokens.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.security.spec.InvalidKeySpecException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModemTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");
    private static final long T = NOW.getEpochSecond();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String KID = KEY.publicKey().spkiSha256Hex();
    private static final String OTHER_KID = OTHER_KEY.publicKey().spkiSha256Hex();
    private static final String HEADER = header(KID);

    private static ModemTokenVerifier.Builder jwkSetBuilder() {
        return ModemTokenVerifier.builder()
                .jwkSet(JwkSets.of(KEY.publicKey(), OTHER_KEY.publicKey()))
                .clock(CLOCK);
    }

    private static ModemTokenVerifier jwkSetVerifier() {
        return jwkSetBuilder().build();
    }

    private static ModemTokenVerifier keyVerifier() {
        return ModemTokenVerifier.builder().publicKey(KEY.publicKey()).clock(CLOCK).build();
    }

    /** Returns a claim set with iss and jti, then the given members, as JSON text. */
    private static String claims(String members) {
        String base = "{\"iss\":\"nRF9160.test\",\"jti\":\"nRF9160.test.01\"";
        return members.isEmpty() ? base + "}" : base + "," + members + "}";
    }

    private static String token(String claimMembers) {
        return sign(KEY, HEADER, claims(claimMembers));
    }

    private static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(signature);
    }

    private static void assertRejectedBoth(String token, Reason reason) {
        assertRejected(jwkSetVerifier(), token, reason, KEY.publicKey(), OTHER_KEY.publicKey());
        assertRejected(keyVerifier(), token, reason, KEY.publicKey());
    }

    @Test
    void acceptsModemToken() throws Exception {
        Modem modem = Modem.builder().seed(3).clock(CLOCK).build();
        DeviceIdentity identity = modem.identity();
        String response = modem.execute("AT%JWT=0,600,\"device-3\",\"urn:test\"");
        String token = response.substring(7, response.indexOf("\"\r\n"));
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder()
                        .jwkSet(JwkSets.of(identity.publicKey()))
                        .clock(CLOCK)
                        .build();

        VerifiedToken verified = verifier.verify(token);

        assertEquals(Optional.of(identity.keyId()), verified.keyId());
        assertEquals(Optional.of(identity.issuer()), verified.issuer());
        assertTrue(verified.jwtId().orElseThrow().startsWith("nRF9160."), verified.toString());
        assertEquals(Optional.of("device-3"), verified.subject());
        assertEquals(Optional.of("urn:test"), verified.audience());
        assertEquals(Optional.of(NOW), verified.issuedAt());
        assertEquals(Optional.of(NOW.plusSeconds(600)), verified.expiresAt());
        assertEquals(Optional.empty(), verified.notBefore());
        assertEquals("ES256", verified.header().get("alg").textValue());
        assertEquals(
                600, verified.claims().get("exp").asLong() - verified.claims().get("iat").asLong());
    }

    @Test
    void expectedIssuerAcceptsOwnDevice() throws Exception {
        Modem modem = Modem.builder().seed(3).clock(CLOCK).build();
        String response = modem.execute("AT%JWT=0,600");
        String token = response.substring(7, response.indexOf("\"\r\n"));
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder()
                        .publicKey(modem.identity().publicKey())
                        .clock(CLOCK)
                        .expectedIssuer(modem.identity().issuer())
                        .build();

        assertEquals(Optional.of(modem.identity().issuer()), verifier.verify(token).issuer());
    }

    @Test
    void expectedIssuerRejectsOtherIssuer() {
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder()
                        .publicKey(KEY.publicKey())
                        .clock(CLOCK)
                        .expectedIssuer("nRF9160.other")
                        .build();

        TokenRejectedException rejected =
                assertThrows(
                        TokenRejectedException.class,
                        () -> verifier.verify(token("\"exp\":" + (T + 60))));

        assertEquals(Reason.UNEXPECTED_ISSUER, rejected.reason());
        assertEquals(
                "UNEXPECTED_ISSUER: iss is \"nRF9160.test\" (expected \"nRF9160.other\")",
                rejected.getMessage());
    }

    @Test
    void expectedIssuerRejectsMissingIssuer() {
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder()
                        .publicKey(KEY.publicKey())
                        .clock(CLOCK)
                        .expectedIssuer("nRF9160.test")
                        .build();
        String token = sign(KEY, HEADER, "{\"jti\":\"x\",\"exp\":" + (T + 60) + "}");

        TokenRejectedException rejected =
                assertThrows(TokenRejectedException.class, () -> verifier.verify(token));

        assertEquals(Reason.UNEXPECTED_ISSUER, rejected.reason());
        assertTrue(rejected.getMessage().contains("iss is missing"), rejected.getMessage());
    }

    @Test
    void acceptsTokenWithoutExpiry() throws Exception {
        Modem modem = Modem.builder().seed(3).clock(CLOCK).build();
        String response = modem.execute("AT%JWT");
        String token = response.substring(7, response.indexOf("\"\r\n"));
        ModemTokenVerifier lenient =
                ModemTokenVerifier.builder()
                        .publicKey(modem.identity().publicKey())
                        .clock(CLOCK)
                        .build();
        ModemTokenVerifier strict =
                ModemTokenVerifier.builder()
                        .publicKey(modem.identity().publicKey())
                        .clock(CLOCK)
                        .requireExpiry(true)
                        .build();

        assertEquals(Optional.empty(), lenient.verify(token).expiresAt());
        assertRejected(strict, token, Reason.MISSING_EXPIRY, modem.identity().publicKey());
    }

    @Test
    void verifiedTokenCopiesJson() throws Exception {
        VerifiedToken verified = jwkSetVerifier().verify(token("\"sub\":\"a\""));

        verified.claims().put("sub", "changed");
        verified.header().put("alg", "none");

        assertEquals("a", verified.claims().get("sub").textValue());
        assertEquals("ES256", verified.header().get("alg").textValue());
    }

    static Stream<Arguments> malformedTokens() {
        String good = token("");
        String[] parts = good.split("\\.");
        String payload = parts[1];
        String signature = parts[2];
        char last = signature.charAt(signature.length() - 1);
        // The last of 86 characters carries 2 bits and 4 unused zero bits, so it is A, Q, g or w.
        // The next letter of each sets the lowest unused bit.
        char nonCanonicalLast = (char) (last + 1);
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("two segments", parts[0] + "." + payload),
                Arguments.of("four segments", good + ".AAAA"),
                Arguments.of("header padding", parts[0] + "=." + payload + "." + signature),
                Arguments.of(
                        "plus in payload",
                        parts[0] + ".+" + payload.substring(1) + "." + signature),
                Arguments.of("space in header", " " + good),
                Arguments.of("line break in payload", parts[0] + "." + payload + "\n." + signature),
                Arguments.of(
                        "non-canonical last character",
                        good.substring(0, good.length() - 1) + nonCanonicalLast),
                Arguments.of(
                        "header not JSON", segment("not json") + "." + payload + "." + signature),
                Arguments.of("header empty", "." + payload + "." + signature),
                Arguments.of(
                        "header array", segment("[\"ES256\"]") + "." + payload + "." + signature),
                Arguments.of(
                        "header duplicate alg",
                        segment("{\"alg\":\"ES256\",\"alg\":\"ES256\",\"kid\":\"" + KID + "\"}")
                                + "."
                                + payload
                                + "."
                                + signature),
                Arguments.of(
                        "header not UTF-8",
                        Base64Url.encode(new byte[] {'{', (byte) 0xFF, '}'})
                                + "."
                                + payload
                                + "."
                                + signature),
                Arguments.of(
                        "header without alg", sign(KEY, "{\"kid\":\"" + KID + "\"}", claims(""))),
                Arguments.of(
                        "kid not string", sign(KEY, "{\"alg\":\"ES256\",\"kid\":7}", claims(""))),
                Arguments.of("payload not JSON", sign(KEY, HEADER, "iss=me")),
                Arguments.of("payload array", sign(KEY, HEADER, "[]")),
                Arguments.of(
                        "payload duplicate claim",
                        sign(KEY, HEADER, "{\"iss\":\"a\",\"iss\":\"b\"}")),
                Arguments.of("payload trailing data", sign(KEY, HEADER, "{\"iss\":\"a\"} {}")),
                Arguments.of(
                        "payload not UTF-8",
                        sign(
                                KEY,
                                utf8(HEADER),
                                new byte[] {'{', '"', (byte) 0xC0, '"', ':', '1', '}'})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTokens")
    void rejectsMalformed(String name, String token) {
        assertRejected(
                jwkSetVerifier(), token, Reason.MALFORMED, KEY.publicKey(), OTHER_KEY.publicKey());
    }

    @ParameterizedTest(name = "alg {0}")
    @ValueSource(
            strings = {
                "\"none\"",
                "\"HS256\"",
                "\"RS256\"",
                "\"ES384\"",
                "\"es256\"",
                "\"ES256 \"",
                "256",
                "null",
                "[\"ES256\"]"
            })
    void rejectsOtherAlgorithms(String alg) {
        String token =
                sign(
                        KEY,
                        "{\"typ\":\"JWT\",\"alg\":" + alg + ",\"kid\":\"" + KID + "\"}",
                        claims(""));
        assertRejectedBoth(token, Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void algorithmCheckedBeforeKeySelection() {
        String header = segment("{\"alg\":\"none\",\"kid\":\"no-such-kid\"}");
        String token = header + "." + segment(claims("")) + ".";

        TokenRejectedException e =
                assertRejected(jwkSetVerifier(), token, Reason.UNSUPPORTED_ALGORITHM);

        assertEquals(
                "UNSUPPORTED_ALGORITHM: header alg is the string \"none\" (expected \"ES256\")",
                e.getMessage());
    }

    @Test
    void rejectsCriticalHeader() {
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + KID + "\",\"crit\":[\"exp\"],\"exp\":1}";
        assertRejectedBoth(sign(KEY, header, claims("")), Reason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void jwkSetRequiresKid() {
        String token = sign(KEY, "{\"alg\":\"ES256\"}", claims(""));
        assertRejected(jwkSetVerifier(), token, Reason.MISSING_KEY_ID);
    }

    @Test
    void jwkSetRejectsUnknownKid() {
        String token = sign(KEY, header("ab12"), claims(""));

        TokenRejectedException e = assertRejected(jwkSetVerifier(), token, Reason.UNKNOWN_KEY_ID);

        assertTrue(e.getMessage().contains("\"ab12\""), e.getMessage());
        assertTrue(e.getMessage().contains("2 keys"), e.getMessage());
    }

    @Test
    void jwkSetSelectsKeyByKid() throws Exception {
        String byKey = sign(KEY, header(KID), claims(""));
        String byOtherKey = sign(OTHER_KEY, header(OTHER_KID), claims(""));

        assertEquals(Optional.of(KID), jwkSetVerifier().verify(byKey).keyId());
        assertEquals(Optional.of(OTHER_KID), jwkSetVerifier().verify(byOtherKey).keyId());
    }

    @Test
    void jwkSetBindsKidToKey() {
        String token = sign(OTHER_KEY, header(KID), claims(""));

        TokenRejectedException e =
                assertRejected(
                        jwkSetVerifier(),
                        token,
                        Reason.INVALID_SIGNATURE,
                        KEY.publicKey(),
                        OTHER_KEY.publicKey());

        assertEquals(
                "INVALID_SIGNATURE: ES256 signature does not verify with the key of kid \""
                        + KID
                        + "\"",
                e.getMessage());
    }

    @Test
    void keysByIdSelectsKey() throws Exception {
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder()
                        .keysById(Map.of("device-a", KEY.publicKey()))
                        .clock(CLOCK)
                        .build();

        assertEquals(
                Optional.of("device-a"),
                verifier.verify(sign(KEY, header("device-a"), claims(""))).keyId());
        assertRejected(verifier, sign(KEY, header(KID), claims("")), Reason.UNKNOWN_KEY_ID);
    }

    @Test
    void singleKeyIgnoresKid() throws Exception {
        String otherKid = sign(KEY, header(OTHER_KID), claims(""));
        String noKid = sign(KEY, "{\"alg\":\"ES256\"}", claims(""));

        assertEquals(Optional.of(OTHER_KID), keyVerifier().verify(otherKid).keyId());
        assertEquals(Optional.empty(), keyVerifier().verify(noKid).keyId());
    }

    @Test
    void rejectsDerSignature() {
        String token = token("");
        byte[] rs = Base64Url.decode(token.substring(token.lastIndexOf('.') + 1));
        String der = withSignature(token, Es256.toDer(rs));

        TokenRejectedException e =
                assertRejected(jwkSetVerifier(), der, Reason.MALFORMED_SIGNATURE, KEY.publicKey());

        assertTrue(e.getMessage().contains("DER"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 32, 63, 65, 96})
    void rejectsSignatureOfWrongLength(int length) {
        String token = withSignature(token(""), new byte[length]);
        assertRejectedBoth(token, Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsZeroSignature() {
        assertRejectedBoth(withSignature(token(""), new byte[64]), Reason.INVALID_SIGNATURE);
    }

    @Test
    void rejectsSignatureOverOtherPayload() {
        String signed = token("\"sub\":\"a\"");
        String other = token("\"sub\":\"b\"");
        String swapped =
                other.substring(0, other.lastIndexOf('.'))
                        + signed.substring(signed.lastIndexOf('.'));
        assertRejectedBoth(swapped, Reason.INVALID_SIGNATURE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "\"exp\":\"1796391296\"",
                "\"iat\":1796391296.5",
                "\"exp\":1.8e9",
                "\"exp\":99999999999999999999",
                "\"exp\":31556889864403200",
                "\"iat\":-31557014167219201",
                "\"nbf\":true",
                "\"iss\":5",
                "\"jti\":{}",
                "\"sub\":null",
                "\"aud\":[\"urn:test\"]"
            })
    void rejectsInvalidClaim(String member) {
        assertRejectedBoth(sign(KEY, HEADER, "{" + member + "}"), Reason.INVALID_CLAIM);
    }

    @Test
    void rejectsExpiryBeforeIssue() {
        String token = token("\"iat\":" + T + ",\"exp\":" + (T - 1));

        TokenRejectedException e = assertRejected(keyVerifier(), token, Reason.EXPIRY_BEFORE_ISSUE);

        assertTrue(e.getMessage().contains(NOW.minusSeconds(1).toString()), e.getMessage());
    }

    @Test
    void acceptsExpiryEqualToIssue() throws Exception {
        VerifiedToken verified = keyVerifier().verify(token("\"iat\":" + T + ",\"exp\":" + T));
        assertEquals(verified.issuedAt(), verified.expiresAt());
    }

    /** Each row: a claim, its offset from now and the skew in seconds, and ACCEPTED or a reason. */
    @ParameterizedTest(name = "{0}={1} s, skew {2} s: {3}")
    @CsvSource({
        "exp, -61, 60, EXPIRED",
        "exp, -60, 60, EXPIRED",
        "exp, -59, 60, ACCEPTED",
        "exp, 0, 0, EXPIRED",
        "exp, 1, 0, ACCEPTED",
        "iat, 61, 60, ISSUED_IN_FUTURE",
        "iat, 60, 60, ACCEPTED",
        "iat, 1, 0, ISSUED_IN_FUTURE",
        "iat, 0, 0, ACCEPTED",
        "iat, -86400, 0, ACCEPTED",
        "nbf, 61, 60, NOT_YET_VALID",
        "nbf, 60, 60, ACCEPTED",
        "nbf, 1, 0, NOT_YET_VALID",
        "nbf, 0, 0, ACCEPTED"
    })
    void skewEdges(String claim, long offset, long skewSeconds, String outcome) throws Exception {
        ModemTokenVerifier verifier =
                jwkSetBuilder().clockSkew(Duration.ofSeconds(skewSeconds)).build();
        String token = token("\"" + claim + "\":" + (T + offset));

        if (outcome.equals("ACCEPTED")) {
            verifier.verify(token);
        } else {
            assertRejected(verifier, token, Reason.valueOf(outcome), KEY.publicKey());
        }
    }

    @Test
    void expiryComparedToTheNanosecond() throws Exception {
        String token = token("\"exp\":" + (T + 1));
        Clock justBefore = Clock.fixed(Instant.ofEpochSecond(T, 999_999_999), ZoneOffset.UTC);
        Clock atExpiry = Clock.fixed(Instant.ofEpochSecond(T + 1), ZoneOffset.UTC);

        jwkSetBuilder().clock(justBefore).clockSkew(Duration.ZERO).build().verify(token);
        assertRejected(
                jwkSetBuilder().clock(atExpiry).clockSkew(Duration.ZERO).build(),
                token,
                Reason.EXPIRED);
    }

    @Test
    void defaultSkewIsSixtySeconds() throws Exception {
        assertEquals(Duration.ofSeconds(60), ModemTokenVerifier.DEFAULT_CLOCK_SKEW);
        keyVerifier().verify(token("\"exp\":" + (T - 59)));
        assertRejected(keyVerifier(), token("\"exp\":" + (T - 60)), Reason.EXPIRED);
    }

    @Test
    void extremeTimesDoNotOverflow() throws Exception {
        String farFuture = token("\"exp\":" + Instant.MAX.getEpochSecond());
        String farPast = token("\"iat\":" + Instant.MIN.getEpochSecond());
        ModemTokenVerifier verifier = jwkSetBuilder().clockSkew(Duration.ofDays(365_000)).build();

        verifier.verify(farFuture);
        verifier.verify(farPast);
    }

    @Test
    void expiredMessageNamesTimes() {
        TokenRejectedException e =
                assertRejected(keyVerifier(), token("\"exp\":" + (T - 3600)), Reason.EXPIRED);

        assertEquals(
                "EXPIRED: token expired at 2026-12-04T11:34:56Z (now 2026-12-04T12:34:56Z, allowed clock skew 60 s)",
                e.getMessage());
    }

    @Test
    void fractionalSkewInMessage() {
        ModemTokenVerifier verifier = jwkSetBuilder().clockSkew(Duration.ofMillis(1500)).build();

        TokenRejectedException e =
                assertRejected(verifier, token("\"exp\":" + (T - 2)), Reason.EXPIRED);

        assertTrue(e.getMessage().endsWith("allowed clock skew PT1.5S)"), e.getMessage());
    }

    @Test
    void builderRequiresOneKeySource() {
        ModemTokenVerifier.Builder none = ModemTokenVerifier.builder().clock(CLOCK);
        ModemTokenVerifier.Builder two =
                ModemTokenVerifier.builder()
                        .clock(CLOCK)
                        .publicKey(KEY.publicKey())
                        .jwkSet(JwkSets.of(KEY.publicKey()));

        IllegalArgumentException noneError =
                assertThrows(IllegalArgumentException.class, none::build);
        IllegalArgumentException twoError =
                assertThrows(IllegalArgumentException.class, two::build);

        assertTrue(noneError.getMessage().contains("0 key sources"), noneError.getMessage());
        assertTrue(twoError.getMessage().contains("2 key sources"), twoError.getMessage());
    }

    @Test
    void builderRequiresClock() {
        ModemTokenVerifier.Builder builder =
                ModemTokenVerifier.builder().publicKey(KEY.publicKey());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("no clock"), e.getMessage());
    }

    @Test
    void builderRejectsNegativeSkew() {
        ModemTokenVerifier.Builder builder = jwkSetBuilder().clockSkew(Duration.ofSeconds(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals("clock skew is negative: PT-1S (expected zero or more)", e.getMessage());
    }

    @Test
    void builderRejectsInvalidJwkSet() {
        ModemTokenVerifier.Builder builder =
                ModemTokenVerifier.builder().clock(CLOCK).jwkSet("{\"keys\":7}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertInstanceOf(InvalidKeySpecException.class, e.getCause());
    }

    @Test
    void builderRejectsSetWithoutEs256Keys() {
        ModemTokenVerifier.Builder builder =
                ModemTokenVerifier.builder()
                        .clock(CLOCK)
                        .jwkSet("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("no keys"), e.getMessage());
    }

    @Test
    void builderRejectsEmptyKid() {
        ModemTokenVerifier.Builder builder =
                ModemTokenVerifier.builder().clock(CLOCK).keysById(Map.of("", KEY.publicKey()));
        assertThrows(IllegalArgumentException.class, builder::build);
    }

    @Test
    void toStringShowsKidsOnly() {
        String text = jwkSetVerifier().toString();

        assertTrue(text.contains(KID), text);
        TestTokens.assertNoSecrets(text, "", KEY.publicKey(), OTHER_KEY.publicKey());
        assertFalse(keyVerifier().toString().contains(Base64Url.encode(KEY.publicKey().x())));
    }

    private static String segment(String json) {
        return Base64Url.encode(utf8(json));
    }
}
