package io.github.nrf91emu;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.nrf91emu.device.DeviceIdentity;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens made through {@code AT%JWT}, checked against the device's exported public key with
 * nimbus-jose-jwt and jjwt, and decoded byte by byte with the JDK's Base64 and Jackson.
 */
class ModemJwtTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESPONSE =
            Pattern.compile(
                    "%JWT: \"([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{86})\"\r\nOK\r\n");

    private final Modem modem = fixedModem(11);
    private final DeviceIdentity identity = modem.identity();

    private static Modem fixedModem(long seed) {
        return Modem.builder().seed(seed).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /** Returns the token of a {@code %JWT} response, failing unless the response has that form. */
    private static String token(String response) {
        var matcher = RESPONSE.matcher(response);
        assertTrue(matcher.matches(), response);
        return matcher.group(1);
    }

    /** Decodes the device's exported PEM with the JDK, independently of the project's parser. */
    private ECPublicKey exportedKey() throws Exception {
        String base64 =
                identity.publicKeyPem()
                        .replace("-----BEGIN PUBLIC KEY-----", "")
                        .replace("-----END PUBLIC KEY-----", "")
                        .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return (ECPublicKey)
                KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    }

    private static byte[] segment(String token, int index) {
        return Base64.getUrlDecoder().decode(token.split("\\.")[index]);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void assertVerifies(String token) throws Exception {
        ECPublicKey key = exportedKey();

        SignedJWT nimbus = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.ES256, nimbus.getHeader().getAlgorithm());
        assertTrue(nimbus.verify(new ECDSAVerifier(key)), "nimbus-jose-jwt rejected " + token);

        Jws<Claims> jjwt =
                Jwts.parser()
                        .verifyWith(key)
                        .clock(() -> Date.from(NOW))
                        .build()
                        .parseSignedClaims(token);
        assertEquals(identity.issuer(), jjwt.getPayload().getIssuer());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "AT%JWT=0,3600,\"ClientAuth\",\"urn:server\"",
                "AT%JWT=0,0,\"\",\"\"",
                "AT%JWT=,,,",
                "AT%JWT",
                "AT%JWT=0",
                "AT%JWT=0,0",
                "AT%JWT=,,",
                "AT%JWT=0,0,\"\"",
                "at%jwt=0,60,\"sub\"",
                "AT%JWT=0,1,,\"aud\"",
            })
    void tokensVerify(String line) throws Exception {
        assertVerifies(token(modem.execute(line)));
    }

    @Test
    void headerFieldByField() throws Exception {
        String token = token(modem.execute("AT%JWT=0,3600,\"ClientAuth\",\"urn:server\""));
        byte[] header = segment(token, 0);
        String kid =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(exportedKey().getEncoded()));

        String expected = "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}";
        assertEquals(expected, new String(header, UTF_8).stripTrailing());
        assertEquals(0, header.length % 3);
        assertTrue(header.length - expected.length() < 3);
        assertEquals(identity.keyId(), kid);
        assertEquals(0, token.split("\\.")[0].length() % 4);
        assertFalse(token.contains("="));
    }

    @Test
    void payloadFieldByField() throws Exception {
        String token = token(modem.execute("AT%JWT=0,3600,\"ClientAuth\",\"urn:server\""));
        byte[] payload = segment(token, 1);
        JsonNode claims = JSON.readTree(payload);
        String text = new String(payload, UTF_8);

        assertEquals(List.of("iss", "jti", "iat", "exp", "sub", "aud"), names(claims));
        assertEquals("nRF9160." + identity.deviceUuid(), claims.get("iss").asText());
        assertTrue(
                claims.get("jti")
                        .asText()
                        .matches("nRF9160\\." + identity.firmwareUuid() + "\\.[0-9a-f]{32}"),
                claims.get("jti").asText());
        assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals("ClientAuth", claims.get("sub").asText());
        assertEquals("urn:server", claims.get("aud").asText());
        assertEquals(0, payload.length % 3);
        assertEquals(text.stripTrailing().length(), text.indexOf('}') + 1);
        assertFalse(text.stripTrailing().contains(" "), text);
        assertEquals(86, token.split("\\.")[2].length());
        assertEquals(64, segment(token, 2).length);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "AT%JWT",
                "AT%JWT=,,,",
                "AT%JWT=0,0,\"\",\"\"",
                "AT%JWT=0",
                "AT%JWT=0,0",
                "AT%JWT=,,",
                "AT%JWT=0,0,\"\""
            })
    void minimalTokensCarryIssuerAndId(String line) throws Exception {
        JsonNode claims = JSON.readTree(segment(token(modem.execute(line)), 1));

        assertEquals(List.of("iss", "jti"), names(claims));
    }

    @Test
    void timeUnknownLeavesOutTimes() throws Exception {
        Modem unknown = Modem.builder().seed(11).timeKnown(false).build();

        JsonNode claims =
                JSON.readTree(segment(token(unknown.execute("AT%JWT=0,3600,\"s\",\"a\"")), 1));

        assertEquals(List.of("iss", "jti", "sub", "aud"), names(claims));
    }

    @Test
    void timesFollowSetClock() throws Exception {
        Modem unknown =
                Modem.builder()
                        .seed(11)
                        .timeKnown(false)
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .build();
        unknown.execute("AT+CCLK=\"30/01/02,03:04:05+00\"");

        JsonNode claims = JSON.readTree(segment(token(unknown.execute("AT%JWT=0,10")), 1));

        assertEquals(
                Instant.parse("2030-01-02T03:04:05Z").getEpochSecond(), claims.get("iat").asLong());
        assertEquals(10, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void maximumExpDelta() throws Exception {
        JsonNode claims = JSON.readTree(segment(token(modem.execute("AT%JWT=0,4294967295")), 1));

        assertEquals(NOW.getEpochSecond() + 4294967295L, claims.get("exp").asLong());
    }

    @Test
    void longSubjectAndAudience() throws Exception {
        String subject = "s".repeat(128);
        String audience = "a".repeat(2000);
        String token =
                token(modem.execute("AT%JWT=0,3600,\"" + subject + "\",\"" + audience + "\""));
        JsonNode claims = JSON.readTree(segment(token, 1));

        assertVerifies(token);
        assertEquals(subject, claims.get("sub").asText());
        assertEquals(audience, claims.get("aud").asText());
    }

    @Test
    void specialCharactersEscaped() throws Exception {
        String subject = "back\\slash\r\nline\ttab\u0001 caf\u00e9 \u6f22 \ud83d\ude00";
        String token = token(modem.execute("AT%JWT=0,0,\"" + subject + "\",\"x\""));
        JsonNode claims = JSON.readTree(segment(token, 1));

        assertVerifies(token);
        assertEquals(subject, claims.get("sub").asText());
        assertEquals(subject, SignedJWT.parse(token).getJWTClaimsSet().getSubject());
    }

    @Test
    void invalidUtf8SubjectAnswers50() {
        modem.execute("AT+CMEE=1");
        byte[] line = "AT%JWT=0,0,\"ab\u00ff\",\"x\"".getBytes(ISO_8859_1);

        assertEquals("+CME ERROR: 50\r\n", new String(modem.execute(line), US_ASCII));
    }

    @Test
    void rejectedSubjectKeepsJtiSequence() {
        Modem rejecting = fixedModem(5);
        byte[] invalid = "AT%JWT=0,0,\"\u00ff\"".getBytes(ISO_8859_1);

        assertEquals("ERROR\r\n", new String(rejecting.execute(invalid), US_ASCII));

        assertEquals(fixedModem(5).execute("AT%JWT"), rejecting.execute("AT%JWT"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z"})
    void clockOutsideModemRangeIsUnknown(String time) throws Exception {
        Modem outside =
                Modem.builder()
                        .seed(11)
                        .clock(Clock.fixed(Instant.parse(time), ZoneOffset.UTC))
                        .build();

        JsonNode claims = JSON.readTree(segment(token(outside.execute("AT%JWT=0,60")), 1));

        assertEquals(List.of("iss", "jti"), names(claims));
        assertEquals("ERROR\r\n", outside.execute("AT+CCLK?"));
    }

    @Test
    void sameSeedAndClockSameTokens() {
        Modem first = fixedModem(5);
        Modem second = fixedModem(5);
        String line = "AT%JWT=0,3600,\"ClientAuth\",\"urn:server\"";

        String a1 = first.execute(line);
        String a2 = first.execute(line);
        String b1 = second.execute(line);
        String b2 = second.execute(line);

        assertEquals(a1, b1);
        assertEquals(a2, b2);
        assertNotEquals(a1, a2);
    }

    @Test
    void tokenIdsDiffer() throws Exception {
        String first =
                JSON.readTree(segment(token(modem.execute("AT%JWT")), 1)).get("jti").asText();
        String second =
                JSON.readTree(segment(token(modem.execute("AT%JWT")), 1)).get("jti").asText();

        assertNotEquals(first, second);
    }

    @Test
    void signatureMatchesOwnVerify() {
        String token = token(modem.execute("AT%JWT"));
        int dot = token.lastIndexOf('.');

        assertTrue(
                io.github.nrf91emu.crypto.Es256.verify(
                        identity.publicKey(),
                        token.substring(0, dot).getBytes(US_ASCII),
                        segment(token, 2)));
        assertArrayEquals(
                segment(token, 2), Base64.getUrlDecoder().decode(token.substring(dot + 1)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "AT%JWT=1                                 | +CME ERROR: 50",
                "AT%JWT=-1                                | +CME ERROR: 50",
                "'AT%JWT=\"0\"'                           | +CME ERROR: 50",
                "AT%JWT=x                                 | +CME ERROR: 50",
                "AT%JWT=0,-1                              | +CME ERROR: 50",
                "AT%JWT=0,4294967296                      | +CME ERROR: 50",
                "AT%JWT=0,99999999999999999999999         | +CME ERROR: 50",
                "AT%JWT=0,1.5                             | +CME ERROR: 50",
                "'AT%JWT=0,\"60\"'                        | +CME ERROR: 50",
                "AT%JWT=0,0,abc                           | +CME ERROR: 50",
                "AT%JWT=0,0,12                            | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",aud'                   | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",1'               | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",,2'              | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",1,3'             | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",1,1'             | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",-1,2'            | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",2147483648,2'    | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",\"1\",2'         | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",1,2,0'           | +CME ERROR: 50",
                "'AT%JWT=0,0,\"s\",\"a\",1,2'             | +CME ERROR: 513",
                "'AT%JWT=0,100,\"sub\",\"aud\",10,2'      | +CME ERROR: 513",
                "AT%JWT=,,,,16842753,8                    | +CME ERROR: 513",
                "AT%JWT=,,,,2147483647,2                  | +CME ERROR: 513",
                "AT%JWT?                                  | ERROR",
                "AT%JWT=?                                 | ERROR",
            })
    void errors(String line, String expected) {
        modem.execute("AT+CMEE=1");
        assertEquals(expected + "\r\n", modem.execute(line));
    }

    @Test
    void errorsArePlainWithoutCmee() {
        assertEquals("ERROR\r\n", modem.execute("AT%JWT=1"));
        assertEquals("ERROR\r\n", modem.execute("AT%JWT=0,0,\"s\",\"a\",1,2"));
    }
}
