package io.github.nrf91emu.crypto;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.spec.InvalidKeySpecException;
import java.util.Objects;

/**
 * JSON Web Keys for P-256 public keys: RFC 7517 §4 with the EC members of RFC 7518 §6.2.1, and the
 * RFC 7638 thumbprint.
 */
final class JwkCodec {
    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private JwkCodec() {}

    /**
     * Formats the public key as compact JSON with exactly the required members in the lexicographic
     * order of RFC 7638 §3.2, which is also the thumbprint input.
     */
    static String encode(P256PublicKey key) {
        return "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
                + Base64Url.encode(key.rawX())
                + "\",\"y\":\""
                + Base64Url.encode(key.rawY())
                + "\"}";
    }

    /** Returns the RFC 7638 thumbprint: Base64Url of SHA-256 over {@link #encode}. */
    static String thumbprint(P256PublicKey key) {
        return Base64Url.encode(Es256.sha256(encode(key).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Decodes a public JWK. Members other than kty, crv, x, y and d (such as kid, use, alg) are
     * ignored. A JWK with d is rejected, so that private key material passed by mistake is not
     * silently accepted.
     */
    static P256PublicKey decodePublic(String json)
            throws InvalidKeySpecException, InvalidKeyException {
        Objects.requireNonNull(json, "json");
        JsonNode jwk = parse(json);
        String kty = requiredString(jwk, "kty");
        if (!"EC".equals(kty)) {
            throw new InvalidKeyException("JWK kty is \"" + kty + "\" (expected \"EC\")");
        }
        String crv = requiredString(jwk, "crv");
        if (!"P-256".equals(crv)) {
            throw new InvalidKeyException("JWK crv is \"" + crv + "\" (expected \"P-256\")");
        }
        if (jwk.has("d")) {
            throw new InvalidKeySpecException(
                    "JWK contains the private key member d (expected a public JWK without d)");
        }
        return P256PublicKey.fromAffine(coordinate(jwk, "x"), coordinate(jwk, "y"));
    }

    private static JsonNode parse(String json) throws InvalidKeySpecException {
        JsonNode jwk;
        try {
            jwk = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote input text, which could be a private key, so only the
            // position is reported.
            JsonLocation at = e.getLocation();
            throw new InvalidKeySpecException(
                    "JWK is not valid JSON"
                            + (at == null
                                    ? ""
                                    : " (error at line "
                                            + at.getLineNr()
                                            + ", column "
                                            + at.getColumnNr()
                                            + ")"));
        }
        if (jwk == null || !jwk.isObject()) {
            throw new InvalidKeySpecException("JWK is not a JSON object");
        }
        return jwk;
    }

    private static String requiredString(JsonNode jwk, String member)
            throws InvalidKeySpecException {
        JsonNode value = jwk.get(member);
        if (value == null) {
            throw new InvalidKeySpecException("JWK member " + member + " is missing");
        }
        if (!value.isTextual()) {
            throw new InvalidKeySpecException("JWK member " + member + " is not a JSON string");
        }
        return value.textValue();
    }

    /** Decodes x or y, which RFC 7518 §6.2.1.2 requires to be exactly 32 bytes for P-256. */
    private static byte[] coordinate(JsonNode jwk, String member) throws InvalidKeySpecException {
        byte[] bytes;
        try {
            bytes = Base64Url.decode(requiredString(jwk, member));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeySpecException(
                    "JWK " + member + " is not valid Base64Url: " + e.getMessage(), e);
        }
        if (bytes.length != 32) {
            throw new InvalidKeySpecException(
                    "JWK " + member + " is " + bytes.length + " bytes (expected 32 for P-256)");
        }
        return bytes;
    }
}
