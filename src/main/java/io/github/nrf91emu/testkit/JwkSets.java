package io.github.nrf91emu.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.security.InvalidKeyException;
import java.security.spec.InvalidKeySpecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * JWK Sets (RFC 7517 §5) of P-256 public keys for ES256, written and read by key id.
 *
 * <p>Each written key has the members {@code kty}, {@code crv}, {@code x}, {@code y} (RFC 7518
 * §6.2.1), {@code kid}, {@code alg} {@code "ES256"} and {@code use} {@code "sig"}. Modem tokens
 * name their key by {@link P256PublicKey#spkiSha256Hex()}, so {@link #of(P256PublicKey...)} uses
 * that as the kid.
 */
public final class JwkSets {
    private JwkSets() {}

    /**
     * Writes a JWK Set with each key under the kid the modem puts in its tokens, {@link
     * P256PublicKey#spkiSha256Hex()}, in the order given.
     *
     * @throws IllegalArgumentException if a key is given twice
     */
    public static String of(P256PublicKey... keys) {
        Map<String, P256PublicKey> keysById = new LinkedHashMap<>();
        for (P256PublicKey key : keys) {
            Objects.requireNonNull(key, "key");
            if (keysById.put(key.spkiSha256Hex(), key) != null) {
                throw new IllegalArgumentException(
                        "key with kid " + key.spkiSha256Hex() + " is given twice");
            }
        }
        return of(keysById);
    }

    /**
     * Writes a JWK Set of the keys under the given kids, in the map's iteration order.
     *
     * @throws IllegalArgumentException if a kid is empty
     */
    public static String of(Map<String, P256PublicKey> keysById) {
        Objects.requireNonNull(keysById, "keysById");
        ObjectNode set = JoseJson.MAPPER.createObjectNode();
        ArrayNode keys = set.putArray("keys");
        for (Map.Entry<String, P256PublicKey> entry : keysById.entrySet()) {
            String kid = Objects.requireNonNull(entry.getKey(), "kid");
            P256PublicKey key = Objects.requireNonNull(entry.getValue(), "key of kid " + kid);
            if (kid.isEmpty()) {
                throw new IllegalArgumentException("kid is empty (expected a non-empty string)");
            }
            keys.addObject()
                    .put("kty", "EC")
                    .put("crv", "P-256")
                    .put("x", Base64Url.encode(key.x()))
                    .put("y", Base64Url.encode(key.y()))
                    .put("kid", kid)
                    .put("alg", "ES256")
                    .put("use", "sig");
        }
        return set.toString();
    }

    /**
     * Reads the ES256 keys of a JWK Set by kid, in the order of the set.
     *
     * <p>A key that is not for ES256 is skipped, as RFC 7517 §5 recommends for keys of a type the
     * reader does not understand: {@code kty} other than {@code "EC"}, {@code crv} other than
     * {@code "P-256"}, {@code use} present but not {@code "sig"}, or {@code alg} present but not
     * {@code "ES256"}. Every ES256 key must have a kid that no other key of the set has, because
     * the verifier selects keys by kid.
     *
     * @return an unmodifiable map from kid to key, empty if the set has no ES256 key
     * @throws InvalidKeySpecException if the text is not a JSON object with a {@code keys} array of
     *     objects, or an ES256 key has no kid, a kid another key has, malformed coordinates, a
     *     point off the curve, or the private member {@code d}
     */
    public static Map<String, P256PublicKey> parse(String json) throws InvalidKeySpecException {
        Objects.requireNonNull(json, "json");
        JsonNode keys = readKeysArray(json);
        Map<String, P256PublicKey> keysById = new LinkedHashMap<>();
        for (int index = 0; index < keys.size(); index++) {
            JsonNode jwk = keys.get(index);
            if (!jwk.isObject()) {
                throw new InvalidKeySpecException(
                        "JWK Set key "
                                + index
                                + " is "
                                + JoseJson.describe(jwk)
                                + " (expected a JSON object)");
            }
            if (!isEs256Key(jwk)) {
                continue;
            }
            String kid = keyId(jwk, index);
            if (keysById.containsKey(kid)) {
                throw new InvalidKeySpecException(
                        "JWK Set key "
                                + index
                                + " has the kid "
                                + JoseJson.quote(kid)
                                + " of an earlier key (expected unique kids)");
            }
            keysById.put(kid, publicKey(jwk, index, kid));
        }
        return Collections.unmodifiableMap(keysById);
    }

    private static JsonNode readKeysArray(String json) throws InvalidKeySpecException {
        JsonNode set;
        try {
            set = JoseJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidKeySpecException(
                    "JWK Set is not valid JSON with unique member names (error at line "
                            + e.getLocation().getLineNr()
                            + ", column "
                            + e.getLocation().getColumnNr()
                            + ")");
        }
        if (set == null || !set.isObject()) {
            throw new InvalidKeySpecException(
                    "JWK Set is " + JoseJson.describe(set) + " (expected a JSON object)");
        }
        JsonNode keys = set.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new InvalidKeySpecException(
                    "JWK Set member keys is "
                            + JoseJson.describe(keys)
                            + " (expected a JSON array of keys)");
        }
        return keys;
    }

    private static boolean isEs256Key(JsonNode jwk) {
        return hasValue(jwk, "kty", "EC", false)
                && hasValue(jwk, "crv", "P-256", false)
                && hasValue(jwk, "use", "sig", true)
                && hasValue(jwk, "alg", "ES256", true);
    }

    private static boolean hasValue(
            JsonNode jwk, String member, String expected, boolean optional) {
        JsonNode value = jwk.get(member);
        if (value == null) {
            return optional;
        }
        return value.isTextual() && expected.equals(value.textValue());
    }

    private static String keyId(JsonNode jwk, int index) throws InvalidKeySpecException {
        JsonNode kid = jwk.get("kid");
        if (kid == null || !kid.isTextual() || kid.textValue().isEmpty()) {
            throw new InvalidKeySpecException(
                    "JWK Set key "
                            + index
                            + ": kid is "
                            + (kid != null && kid.isTextual() ? "empty" : JoseJson.describe(kid))
                            + " (expected a non-empty string: keys are selected by kid)");
        }
        return kid.textValue();
    }

    /** Decodes one key with the project's strict JWK reader, whose messages show no key bytes. */
    private static P256PublicKey publicKey(JsonNode jwk, int index, String kid)
            throws InvalidKeySpecException {
        try {
            return P256PublicKey.fromJwk(jwk.toString());
        } catch (InvalidKeySpecException | InvalidKeyException e) {
            throw new InvalidKeySpecException(
                    "JWK Set key "
                            + index
                            + " (kid "
                            + JoseJson.quote(kid)
                            + "): "
                            + e.getMessage(),
                    e);
        }
    }
}
