package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.TestVectors.assertNoFailures;
import static io.github.nrf91emu.crypto.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 7515 Appendix A.3, the ES256 example JWS: it verifies under the key of its JWK, and changing
 * any single byte of the signing input or of the signature makes verification fail.
 */
class Rfc7515EcdsaExampleTest {
    private static final String FILE = "rfc/rfc7515_jws_examples.json";

    /** Bit masks XORed into each byte position in turn: the lowest and the highest bit. */
    private static final int[] MASKS = {0x01, 0x80};

    private static JsonNode example;
    private static P256PublicKey publicKey;
    private static byte[] signingInput;
    private static byte[] signature;

    @BeforeAll
    static void readExample() throws Exception {
        example = TestVectors.readJson(FILE).get("appendix_A_3_es256");
        JsonNode jwk = example.get("jwk");
        assertEquals("EC", jwk.get("kty").asText());
        assertEquals("P-256", jwk.get("crv").asText());
        publicKey =
                P256PublicKey.fromAffine(
                        base64Url(jwk.get("x").asText()), base64Url(jwk.get("y").asText()));

        String[] parts = example.get("compact_jws").asText().split("\\.", -1);
        assertEquals(3, parts.length, "parts of the compact JWS");
        signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        signature = base64Url(parts[2]);
    }

    @Test
    void compactJws_parts_matchFileFields() {
        JsonNode jwkHex = example.get("jwk_hex");
        assertEquals(jwkHex.get("x").asText(), hex(publicKey.x()));
        assertEquals(jwkHex.get("y").asText(), hex(publicKey.y()));
        assertEquals(
                example.get("signing_input").asText(),
                new String(signingInput, StandardCharsets.US_ASCII));
        assertEquals(Es256.SIGNATURE_LENGTH, signature.length);
        assertEquals(
                example.get("signature_R_hex").asText() + example.get("signature_S_hex").asText(),
                hex(signature));
    }

    @Test
    void publicKey_fromJwkD_matchesJwkXY() throws Exception {
        P256PrivateKey privateKey =
                P256PrivateKey.fromScalar(base64Url(example.get("jwk").get("d").asText()));

        assertEquals(publicKey, privateKey.publicKey());
    }

    @Test
    void verify_exampleJws_accepted() {
        assertTrue(Es256.verify(publicKey, signingInput, signature));
    }

    @Test
    void verify_anyChangedSigningInputByte_rejected() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int position = 0; position < signingInput.length; position++) {
            for (int mask : MASKS) {
                byte[] changed = signingInput.clone();
                changed[position] ^= (byte) mask;
                checked++;
                if (Es256.verify(publicKey, changed, signature)) {
                    failures.add(describe("signing input", position, mask));
                }
            }
        }
        assertNoFailures(FILE, checked, failures);
        assertEquals(2 * signingInput.length, checked);
    }

    @Test
    void verify_anyChangedSignatureByte_rejected() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int position = 0; position < signature.length; position++) {
            for (int mask : MASKS) {
                byte[] changed = signature.clone();
                changed[position] ^= (byte) mask;
                checked++;
                if (Es256.verify(publicKey, signingInput, changed)) {
                    failures.add(describe("signature", position, mask));
                }
            }
        }
        assertNoFailures(FILE, checked, failures);
        assertEquals(2 * Es256.SIGNATURE_LENGTH, checked);
    }

    @Test
    void verify_signatureWithoutItsLastByte_rejected() {
        byte[] shortened = Arrays.copyOf(signature, signature.length - 1);

        assertFalse(Es256.verify(publicKey, signingInput, shortened));
    }

    private static String describe(String field, int position, int mask) {
        return String.format("%s byte %d XOR 0x%02x accepted", field, position, mask);
    }

    private static byte[] base64Url(String text) {
        assertTrue(text.indexOf('=') < 0, "JWS and JWK values carry no padding");
        return Base64.getUrlDecoder().decode(text);
    }
}
