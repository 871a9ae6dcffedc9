package io.github.nrf91emu.testkit;

import static io.github.nrf91emu.testkit.TestTokens.KEY;
import static io.github.nrf91emu.testkit.TestTokens.OTHER_KEY;
import static io.github.nrf91emu.testkit.TestTokens.jdkKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwkSetsTest {
    private static final P256PublicKey PUBLIC = KEY.publicKey();
    private static final P256PublicKey OTHER = OTHER_KEY.publicKey();
    private static final String X = Base64Url.encode(PUBLIC.x());
    private static final String Y = Base64Url.encode(PUBLIC.y());

    /** Returns an EC P-256 JWK of the test key with extra members, as JSON text. */
    private static String jwk(String extraMembers) {
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
                + X
                + "\",\"y\":\""
                + Y
                + "\""
                + extraMembers
                + "}";
    }

    private static String set(String... keys) {
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    @Test
    void writesModemKid() {
        String expected =
                "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
                        + X
                        + "\",\"y\":\""
                        + Y
                        + "\",\"kid\":\""
                        + PUBLIC.spkiSha256Hex()
                        + "\",\"alg\":\"ES256\",\"use\":\"sig\"}]}";

        assertEquals(expected, JwkSets.of(PUBLIC));
    }

    @Test
    void nimbusReadsWrittenSet() throws Exception {
        JWKSet set = JWKSet.parse(JwkSets.of(PUBLIC, OTHER));

        assertEquals(2, set.getKeys().size());
        ECKey first = set.getKeyByKeyId(PUBLIC.spkiSha256Hex()).toECKey();
        assertEquals(Curve.P_256, first.getCurve());
        assertEquals(JWSAlgorithm.ES256, first.getAlgorithm());
        assertEquals(KeyUse.SIGNATURE, first.getKeyUse());
        assertArrayEquals(PUBLIC.toSpkiDer(), first.toECPublicKey().getEncoded());
        ECKey second = set.getKeyByKeyId(OTHER.spkiSha256Hex()).toECKey();
        assertArrayEquals(OTHER.toSpkiDer(), second.toECPublicKey().getEncoded());
    }

    @Test
    void readsNimbusWrittenSet() throws Exception {
        JWK nimbusKey = new ECKey.Builder(Curve.P_256, jdkKey(PUBLIC)).keyID("device-1").build();
        String json = new JWKSet(nimbusKey).toString();

        assertEquals(Map.of("device-1", PUBLIC), JwkSets.parse(json));
    }

    @Test
    void roundTripKeepsOrder() throws Exception {
        Map<String, P256PublicKey> keys = new LinkedHashMap<>();
        keys.put("z-second-by-name", PUBLIC);
        keys.put("a-first-by-name", OTHER);

        Map<String, P256PublicKey> read = JwkSets.parse(JwkSets.of(keys));

        assertEquals(keys, read);
        assertEquals(List.of("z-second-by-name", "a-first-by-name"), List.copyOf(read.keySet()));
    }

    @Test
    void skipsKeysNotForEs256() throws Exception {
        String json =
                set(
                        "{\"kty\":\"RSA\",\"kid\":\"rsa\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
                        "{\"kty\":\"EC\",\"crv\":\"P-384\",\"kid\":\"p384\",\"x\":\"AA\",\"y\":\"AA\"}",
                        jwk(",\"kid\":\"for-encryption\",\"use\":\"enc\""),
                        jwk(",\"kid\":\"for-es384\",\"alg\":\"ES384\""),
                        jwk(",\"kid\":\"no-use-or-alg\""),
                        "{\"kty\":\"oct\",\"k\":\"AAAA\"}");

        assertEquals(Map.of("no-use-or-alg", PUBLIC), JwkSets.parse(json));
    }

    @Test
    void emptySetHasNoKeys() throws Exception {
        assertEquals("{\"keys\":[]}", JwkSets.of());
        assertEquals(Map.of(), JwkSets.parse("{\"keys\":[]}"));
    }

    /** Each row: a name, the JWK Set, and a part of the expected message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON | {keys: [] | not valid JSON",
                "array | [] | JWK Set is a JSON array",
                "keys missing | {} | member keys is missing",
                "keys not array | {\"keys\":{}} | member keys is a JSON object",
                "key not object | {\"keys\":[7]} | key 0 is a JSON number",
                "duplicate member | {\"keys\":[],\"keys\":[]} | unique member names",
                "trailing data | {\"keys\":[]} x | not valid JSON",
            })
    void rejectsMalformedSet(String name, String json, String message) {
        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> JwkSets.parse(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void rejectsKeyWithoutKid() {
        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> JwkSets.parse(set(jwk(""))));
        assertEquals(
                "JWK Set key 0: kid is missing (expected a non-empty string: keys are selected by kid)",
                e.getMessage());
    }

    @Test
    void rejectsEmptyKid() {
        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> JwkSets.parse(set(jwk(",\"kid\":\"\""))));
        assertTrue(e.getMessage().contains("kid is empty"), e.getMessage());
    }

    @Test
    void rejectsDuplicateKid() {
        String json = set(jwk(",\"kid\":\"same\""), jwk(",\"kid\":\"same\""));
        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> JwkSets.parse(json));
        assertTrue(e.getMessage().contains("key 1 has the kid \"same\""), e.getMessage());
    }

    @Test
    void rejectsPrivateKey() {
        String json = set(jwk(",\"kid\":\"k\",\"d\":\"" + Base64Url.encode(new byte[32]) + "\""));
        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> JwkSets.parse(json));
        assertTrue(e.getMessage().contains("private key member d"), e.getMessage());
    }

    @Test
    void rejectsShortCoordinate() {
        String json =
                set(
                        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k\",\"x\":\""
                                + Base64Url.encode(new byte[31])
                                + "\",\"y\":\""
                                + Y
                                + "\"}");
        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> JwkSets.parse(json));
        assertTrue(
                e.getMessage().startsWith("JWK Set key 0 (kid \"k\"): JWK x is 31 bytes"),
                e.getMessage());
    }

    @Test
    void rejectsPointOffCurve() {
        String json =
                set(
                        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k\",\"x\":\""
                                + X
                                + "\",\"y\":\""
                                + X
                                + "\"}");
        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> JwkSets.parse(json));
        assertTrue(e.getMessage().contains("not on the curve"), e.getMessage());
        TestTokens.assertNoSecrets(e.getMessage(), "", PUBLIC);
    }

    @Test
    void writingRejectsDuplicateKey() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JwkSets.of(PUBLIC, PUBLIC));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }

    @Test
    void writingRejectsEmptyKid() {
        assertThrows(IllegalArgumentException.class, () -> JwkSets.of(Map.of("", PUBLIC)));
    }
}
