package io.github.nrf91emu.crypto;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * JSON Web Keys for P-256 public keys: RFC 7517 §4 with the EC members of RFC 7518 §6.2.1, and the
 * RFC 7638 thumbprint.
 */
final class JwkCodec {
    /** Duplicate members and trailing data are checked by {@link #parse} to name them. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** Maximum length of a member name that a message shows in full. */
    private static final int MAX_NAME_IN_MESSAGE = 64;

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

    /**
     * Parses the text as one JSON object. Messages give positions and member names but never
     * Jackson's own text, which may quote input such as a private key.
     */
    private static JsonNode parse(String json) throws InvalidKeySpecException {
        try (JsonParser parser = JSON.createParser(json)) {
            checkMemberNames(parser);
            checkNoTrailingData(parser);
        } catch (JsonProcessingException e) {
            throw new InvalidKeySpecException("JWK is not valid JSON" + position(e.getLocation()));
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from a String failed", e);
        }
        JsonNode jwk;
        try {
            jwk = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Not expected: the token pass above has already read the same text.
            throw new InvalidKeySpecException("JWK is not valid JSON" + position(e.getLocation()));
        }
        if (jwk == null || !jwk.isObject()) {
            throw new InvalidKeySpecException("JWK is not a JSON object");
        }
        return jwk;
    }

    /**
     * Reads the first JSON value token by token and rejects a member name that appears twice in one
     * object, because readers that keep the first or the last duplicate would see different keys.
     */
    private static void checkMemberNames(JsonParser parser)
            throws IOException, InvalidKeySpecException {
        Deque<Set<String>> openObjects = new ArrayDeque<>();
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token == JsonToken.START_OBJECT) {
                openObjects.push(new HashSet<>());
            } else if (token == JsonToken.END_OBJECT) {
                openObjects.pop();
            } else if (token == JsonToken.FIELD_NAME
                    && !openObjects.peek().add(parser.currentName())) {
                throw new InvalidKeySpecException(
                        "JWK has a duplicate member "
                                + quoted(parser.currentName())
                                + position(parser.currentTokenLocation()));
            }
            if (parser.getParsingContext().inRoot()) {
                return;
            }
        }
    }

    private static void checkNoTrailingData(JsonParser parser)
            throws IOException, InvalidKeySpecException {
        JsonLocation at;
        try {
            if (parser.nextToken() == null) {
                return;
            }
            at = parser.currentTokenLocation();
        } catch (JsonProcessingException e) {
            at = e.getLocation();
        }
        throw new InvalidKeySpecException(
                "JWK is not valid JSON (trailing data after the JSON object"
                        + (at == null
                                ? ""
                                : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                        + ")");
    }

    private static String position(JsonLocation at) {
        return at == null
                ? ""
                : " (error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /**
     * Quotes a member name for a message. Printable ASCII other than quote and backslash is shown
     * as is and any other character as its code unit (U+XXXX). Names longer than {@link
     * #MAX_NAME_IN_MESSAGE} characters are cut.
     */
    private static String quoted(String name) {
        StringBuilder out = new StringBuilder("\"");
        int shownLength = Math.min(name.length(), MAX_NAME_IN_MESSAGE);
        for (int i = 0; i < shownLength; i++) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("U+%04X", (int) c));
            }
        }
        out.append('"');
        if (name.length() > shownLength) {
            out.append(" (first ")
                    .append(shownLength)
                    .append(" of ")
                    .append(name.length())
                    .append(" characters)");
        }
        return out.toString();
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
