package io.github.nrf91emu;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.keystore.CredentialStoreException;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.keystore.TestCredentials;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code AT%JWT} with a sec_tag: tokens signed by keys that {@code AT%CMNG} stored, checked with
 * nimbus-jose-jwt and the JDK against the public key that the JDK generated.
 */
class ModemStoredKeyJwtTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESPONSE =
            Pattern.compile(
                    "%JWT: \"([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{86})\"\r\nOK\r\n");
    private static final long TAG = 16842753;

    private final Modem modem = newModem();

    private static Modem newModem() {
        return Modem.builder().seed(21).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static String write(long secTag, int type, String content) {
        return "AT%CMNG=0," + secTag + "," + type + ",\"" + content + "\"";
    }

    /** Returns the token of a {@code %JWT} response, failing unless the response has that form. */
    private static String token(String response) {
        Matcher matcher = RESPONSE.matcher(response);
        assertTrue(matcher.matches(), response);
        return matcher.group(1);
    }

    private static JsonNode segment(String token, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    /** Returns the kid of a JDK public key: lower-case hex SHA-256 of its X.509 encoding. */
    private static String kidOf(KeyPair pair) throws Exception {
        byte[] spki = pair.getPublic().getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    }

    /** Checks the signature with nimbus-jose-jwt and with the JDK's ECDSA in P1363 form. */
    private static void assertSignedBy(KeyPair pair, String token) throws Exception {
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        int lastDot = token.lastIndexOf('.');
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(publicKey);
        jdk.update(token.substring(0, lastDot).getBytes(US_ASCII));

        assertTrue(SignedJWT.parse(token).verify(new ECDSAVerifier(publicKey)), "nimbus: " + token);
        assertTrue(
                jdk.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1))),
                "JDK: " + token);
        assertEquals(kidOf(pair), segment(token, 0).get("kid").asText());
    }

    @Test
    void deviceFlowEndToEnd() throws Exception {
        KeyPair pair = TestCredentials.p256();
        String pem = TestCredentials.sec1Pem(pair);

        assertEquals("OK\r\n", modem.execute("AT+CFUN=4"));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=1"));
        assertEquals("OK\r\n", modem.execute(write(TAG, 2, pem)));
        assertEquals("OK\r\n", modem.execute("AT+CFUN=1"));
        String token = token(modem.execute("AT%JWT=0,600,\"dev-1\",\"aud-1\"," + TAG + ",2"));

        assertSignedBy(pair, token);
        JsonNode claims = segment(token, 1);
        assertEquals("nRF9160." + modem.identity().deviceUuid(), claims.get("iss").asText());
        assertTrue(
                claims.get("jti")
                        .asText()
                        .matches(
                                "nRF9160\\." + modem.identity().firmwareUuid() + "\\.[0-9a-f]{32}"),
                claims.get("jti").asText());
        assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(NOW.getEpochSecond() + 600, claims.get("exp").asLong());
        assertEquals("dev-1", claims.get("sub").asText());
        assertEquals("aud-1", claims.get("aud").asText());
        assertEquals(
                "nRF9160." + modem.identity().deviceUuid(),
                SignedJWT.parse(token).getJWTClaimsSet().getIssuer());
        assertNotEquals(modem.identity().keyId(), segment(token, 0).get("kid").asText());
    }

    @ParameterizedTest(name = "{0} as type {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SEC 1           | 2 | LF",
                "SEC 1           | 8 | LF",
                "SEC 1           | 2 | CRLF",
                "PKCS #8         | 2 | LF",
                "PKCS #8         | 8 | CRLF",
                "encrypted PKCS #8 | 2 | LF",
                "encrypted PKCS #8 | 2 | CRLF",
            })
    void keyFormatsSign(String format, int type, String lineEnds) throws Exception {
        KeyPair pair = TestCredentials.p256();
        String pem =
                switch (format) {
                    case "SEC 1" -> TestCredentials.sec1Pem(pair);
                    case "PKCS #8" -> TestCredentials.pkcs8Pem(pair);
                    default -> TestCredentials.encryptedPkcs8Pem(pair, "pass phrase 1");
                };
        pem = lineEnds.equals("CRLF") ? TestCredentials.withCrlf(pem) : pem;
        String password = format.startsWith("encrypted") ? ",\"pass phrase 1\"" : "";

        assertEquals("OK\r\n", modem.execute(write(TAG, type, pem) + password));
        String token = token(modem.execute("AT%JWT=0,0,\"\",\"\"," + TAG + "," + type));

        assertSignedBy(pair, token);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "P-384 key",
                "RSA key",
                "wrong password",
                "missing password",
                "not PEM",
                "certificate",
            })
    void unusableKeyAnswers514(String name) throws Exception {
        KeyPair pair = TestCredentials.p256();
        String line =
                switch (name) {
                    case "P-384 key" ->
                            write(
                                    TAG,
                                    2,
                                    TestCredentials.sec1Pem(TestCredentials.generate("secp384r1")));
                    case "RSA key" -> write(TAG, 2, TestCredentials.pkcs8Pem(rsaKeyPair()));
                    case "wrong password" ->
                            write(TAG, 2, TestCredentials.encryptedPkcs8Pem(pair, "right"))
                                    + ",\"wrong\"";
                    case "missing password" ->
                            write(TAG, 2, TestCredentials.encryptedPkcs8Pem(pair, "right"));
                    case "not PEM" -> write(TAG, 2, "this is not a key");
                    default -> write(TAG, 2, TestCredentials.certificatePem("not a key"));
                };
        modem.execute("AT+CMEE=1");

        assertEquals("OK\r\n", modem.execute(line));
        assertEquals("+CME ERROR: 514\r\n", modem.execute("AT%JWT=0,0,,," + TAG + ",2"));
        assertEquals("+CME ERROR: 514\r\n", modem.execute("AT%JWT=0,0,,," + TAG + ",2"));
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    void otherKeyTypeNotFound() {
        modem.execute("AT+CMEE=1");
        modem.execute(write(TAG, 2, TestCredentials.sec1Pem(TestCredentials.p256())));

        assertEquals("+CME ERROR: 513\r\n", modem.execute("AT%JWT=0,0,,," + TAG + ",8"));
        assertEquals("+CME ERROR: 513\r\n", modem.execute("AT%JWT=0,0,,,7,2"));
        assertEquals("ERROR\r\n", modem.execute("AT+CMEE=0;%JWT=0,0,,,7,2"));
    }

    @Test
    void replacedKeyGivesNewKid() throws Exception {
        KeyPair first = TestCredentials.p256();
        KeyPair second = TestCredentials.p256();
        modem.execute(write(TAG, 2, TestCredentials.sec1Pem(first)));
        String before = token(modem.execute("AT%JWT=0,0,,," + TAG + ",2"));

        assertEquals("OK\r\n", modem.execute(write(TAG, 2, TestCredentials.sec1Pem(second))));
        String after = token(modem.execute("AT%JWT=0,0,,," + TAG + ",2"));

        assertSignedBy(first, before);
        assertSignedBy(second, after);
        assertNotEquals(segment(before, 0).get("kid"), segment(after, 0).get("kid"));
    }

    @Test
    void replacedWithBrokenKeyAnswers514() {
        modem.execute("AT+CMEE=1");
        modem.execute(write(TAG, 2, TestCredentials.sec1Pem(TestCredentials.p256())));
        token(modem.execute("AT%JWT=0,0,,," + TAG + ",2"));

        modem.execute(write(TAG, 2, "broken"));

        assertEquals("+CME ERROR: 514\r\n", modem.execute("AT%JWT=0,0,,," + TAG + ",2"));
    }

    @Test
    void deletedKeyAnswers513() {
        modem.execute("AT+CMEE=1");
        modem.execute(write(TAG, 2, TestCredentials.sec1Pem(TestCredentials.p256())));
        token(modem.execute("AT%JWT=0,0,,," + TAG + ",2"));

        assertEquals("OK\r\n", modem.execute("AT%CMNG=3," + TAG + ",2"));

        assertEquals("+CME ERROR: 513\r\n", modem.execute("AT%JWT=0,0,,," + TAG + ",2"));
    }

    @Test
    void identityKeySignsWithoutSecTag() throws Exception {
        modem.execute(write(TAG, 2, TestCredentials.sec1Pem(TestCredentials.p256())));

        String token = token(modem.execute("AT%JWT"));

        assertEquals(modem.identity().keyId(), segment(token, 0).get("kid").asText());
    }

    @Test
    void sameKeySignsRepeatedly() throws Exception {
        KeyPair pair = TestCredentials.p256();
        modem.execute(write(TAG, 8, TestCredentials.pkcs8Pem(pair)));

        String first = token(modem.execute("AT%JWT=0,60,\"a\",\"b\"," + TAG + ",8"));
        String second = token(modem.execute("AT%JWT=0,60,\"a\",\"b\"," + TAG + ",8"));

        assertSignedBy(pair, first);
        assertSignedBy(pair, second);
        assertNotEquals(segment(first, 1).get("jti"), segment(second, 1).get("jti"));
    }

    @Test
    void publicKeyOfMatchesJdkKey() throws Exception {
        KeyPair pair = TestCredentials.p256();
        String line = write(TAG, 2, TestCredentials.encryptedPkcs8Pem(pair, "pw")) + ",\"pw\"";
        assertEquals("OK\r\n", modem.execute(line));

        P256PublicKey publicKey =
                modem.credentials().publicKeyOf(TAG, CredentialType.CLIENT_PRIVATE_KEY);
        String token = token(modem.execute("AT%JWT=0,0,,," + TAG + ",2"));

        assertEquals(TestCredentials.publicKeyOf(pair), publicKey);
        assertEquals(kidOf(pair), publicKey.spkiSha256Hex());
        assertEquals(kidOf(pair), segment(token, 0).get("kid").asText());
        assertEquals(P256PublicKey.fromPem(publicKey.toPem()), publicKey);
        assertEquals(P256PublicKey.fromJwk(publicKey.toJwk()), publicKey);
    }

    @Test
    void publicKeyOfFailures() {
        modem.execute(write(TAG, 2, "not a key"));

        CredentialStoreException unusable =
                assertThrows(
                        CredentialStoreException.class,
                        () ->
                                modem.credentials()
                                        .publicKeyOf(TAG, CredentialType.CLIENT_PRIVATE_KEY));
        CredentialStoreException missing =
                assertThrows(
                        CredentialStoreException.class,
                        () ->
                                modem.credentials()
                                        .publicKeyOf(TAG, CredentialType.ENDORSEMENT_PRIVATE_KEY));

        assertEquals(CredentialStoreException.Reason.UNUSABLE_KEY, unusable.reason());
        assertEquals(CredentialStoreException.Reason.NOT_FOUND, missing.reason());
        assertThrows(
                IllegalArgumentException.class,
                () -> modem.credentials().publicKeyOf(TAG, CredentialType.PUBLIC_KEY));
    }

    @Test
    void preloadedKeysSign() throws Exception {
        P256KeyPair objectKey = P256Keys.fromSeed("preloaded".getBytes(UTF_8));
        KeyPair encrypted = TestCredentials.p256();
        Modem preloaded =
                Modem.builder()
                        .seed(21)
                        .credential(
                                5, CredentialType.ENDORSEMENT_PRIVATE_KEY, objectKey.privateKey())
                        .credential(
                                6,
                                CredentialType.CLIENT_PRIVATE_KEY,
                                TestCredentials.encryptedPkcs8Pem(encrypted, "builder pw"),
                                "builder pw")
                        .build();

        String objectToken = token(preloaded.execute("AT%JWT=0,0,,,5,8"));
        String encryptedToken = token(preloaded.execute("AT%JWT=0,0,,,6,2"));

        assertEquals(
                objectKey.publicKey().spkiSha256Hex(), segment(objectToken, 0).get("kid").asText());
        assertTrue(
                io.github.nrf91emu.crypto.Es256.verify(
                        objectKey.publicKey(),
                        objectToken.substring(0, objectToken.lastIndexOf('.')).getBytes(US_ASCII),
                        Base64.getUrlDecoder()
                                .decode(objectToken.substring(objectToken.lastIndexOf('.') + 1))));
        assertSignedBy(encrypted, encryptedToken);
    }

    @Test
    void keyWrittenWhileOfflineSignsWhileOnline() throws Exception {
        KeyPair pair = TestCredentials.p256();
        modem.execute("AT+CMEE=1");
        modem.execute(write(TAG, 2, TestCredentials.sec1Pem(pair)));
        modem.execute("AT+CFUN=1");

        assertEquals("+CME ERROR: 518\r\n", modem.execute("AT%CMNG=3," + TAG + ",2"));
        String token = token(modem.execute("AT%JWT=0,0,,," + TAG + ",2"));

        assertSignedBy(pair, token);
        assertFalse(modem.credentials().list().isEmpty());
    }
}
