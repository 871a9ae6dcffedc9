package io.github.nrf91emu.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * JSON of JOSE headers, claim sets and JWK Sets, read strictly with Jackson: UTF-8 only, one value
 * without trailing data, and no member name twice in an object. RFC 7515 §5.2 lets a recipient
 * either reject duplicate names or keep the last one, and rejecting them means that no two readers
 * can see different values.
 */
final class JoseJson {
    static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    /** Maximum number of characters of a value that a message quotes. */
    private static final int MAX_QUOTED_LENGTH = 80;

    private JoseJson() {}

    /**
     * Parses a decoded header or payload as one JSON object. Messages give the position of the
     * error but never Jackson's own text, which quotes the input.
     *
     * @param name the part's name for the message: header or payload
     * @throws TokenRejectedException with {@link Reason#MALFORMED} if the bytes are not UTF-8, not
     *     valid JSON, have a duplicate member name, or are not an object
     */
    static ObjectNode parseObject(byte[] utf8, String name) throws TokenRejectedException {
        String text = decodeUtf8(utf8, name);
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TokenRejectedException(
                    Reason.MALFORMED,
                    name
                            + " is not valid JSON with unique member names"
                            + position(e.getLocation()));
        }
        if (node == null || !node.isObject()) {
            throw new TokenRejectedException(
                    Reason.MALFORMED, name + " is " + describe(node) + " (expected a JSON object)");
        }
        return (ObjectNode) node;
    }

    /**
     * Writes an object as compact JSON and pads it at the end with ASCII spaces to a multiple of 3
     * bytes, as the nRF9160 does, so that its Base64Url text needs no padding.
     */
    static byte[] toModemJson(ObjectNode object) {
        byte[] compact;
        try {
            compact = MAPPER.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a JSON tree into memory failed", e);
        }
        int paddedLength = (compact.length + 2) / 3 * 3;
        byte[] padded = Arrays.copyOf(compact, paddedLength);
        Arrays.fill(padded, compact.length, paddedLength, (byte) ' ');
        return padded;
    }

    /**
     * Quotes a string value for a message, with characters outside printable ASCII (and quote and
     * backslash) as {@code U+XXXX}, and cuts it after {@value #MAX_QUOTED_LENGTH} characters.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(value.length(), MAX_QUOTED_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("U+%04X", (int) c));
            }
        }
        out.append('"');
        if (value.length() > shown) {
            out.append(" (first ")
                    .append(shown)
                    .append(" of ")
                    .append(value.length())
                    .append(" characters)");
        }
        return out.toString();
    }

    /**
     * Names the JSON type of a node for a message, quoting it only when it is a string, so that it
     * reads after "is": "missing", "a JSON array", "the string \"none\"".
     */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isTextual()) {
            return "the string " + quote(node.textValue());
        }
        return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String decodeUtf8(byte[] utf8, String name) throws TokenRejectedException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TokenRejectedException(Reason.MALFORMED, name + " is not valid UTF-8");
        }
    }

    private static String position(JsonLocation at) {
        if (at == null) {
            return "";
        }
        return " (error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
