package io.github.nrf91emu.testkit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.CBORReadContext;
import io.github.nrf91emu.testkit.ProvisioningRejectedException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Strict reader of one CBOR data item (RFC 8949) on top of Jackson's CBOR parser. The caller reads
 * the item's contents one by one, and the reader rejects every item whose type differs from the one
 * requested.
 *
 * <p>Each item read is also written to a generator, and {@link #finish} compares the input with the
 * generator output. Jackson writes the deterministic encoding of RFC 8949 section 4.2.1 (shortest
 * integers and lengths, definite lengths), so {@link #finish} rejects any other encoding, a text
 * map key that parses as an integer, and bytes after the item.
 *
 * <p>Every rejection is a {@link ProvisioningRejectedException} with {@link Reason#MALFORMED}.
 */
final class StrictCborReader {
    private static final CBORFactory FACTORY = new CBORFactory();

    private final byte[] input;
    private final String name;
    private final CBORParser parser;
    private final ByteArrayOutputStream rewritten = new ByteArrayOutputStream(256);
    private final CBORGenerator generator;

    private StrictCborReader(byte[] input, String name) throws IOException {
        this.input = input;
        this.name = name;
        this.parser = (CBORParser) FACTORY.createParser(input);
        this.generator = FACTORY.createGenerator(rewritten);
    }

    /**
     * Creates a reader positioned before the first byte of {@code input}.
     *
     * @param name the name of the input in messages, such as {@code "COSE_Sign1"}
     */
    static StrictCborReader of(byte[] input, String name) throws ProvisioningRejectedException {
        try {
            return new StrictCborReader(input, name);
        } catch (IOException e) {
            throw malformed(name + " cannot be read: " + message(e), e);
        }
    }

    /**
     * Reads the start of a definite-length array and returns its item count.
     *
     * @param tag the only tag that the array must have, or -1 if it must have no tag
     */
    int startArray(int tag, String item) throws ProvisioningRejectedException {
        next(JsonToken.START_ARRAY, tag, item, "an array");
        int size = definiteLength(item, "array");
        write(() -> generator.writeStartArray(null, size));
        return size;
    }

    /** Reads the end of an array whose items were all read. */
    void endArray(String item) throws ProvisioningRejectedException {
        next(JsonToken.END_ARRAY, -1, item, "the end of the array");
        write(generator::writeEndArray);
    }

    /** Reads the start of a definite-length map and returns its entry count. */
    int startMap(String item) throws ProvisioningRejectedException {
        next(JsonToken.START_OBJECT, -1, item, "a map");
        int size = definiteLength(item, "map");
        write(() -> generator.writeStartObject(null, size));
        return size;
    }

    /** Reads a map key, which must be an integer, and returns it. */
    long mapKey(String item) throws ProvisioningRejectedException {
        next(JsonToken.FIELD_NAME, -1, item, "a map key");
        long key;
        try {
            // Jackson returns integer keys as their decimal text.
            key = Long.parseLong(parser.currentName());
        } catch (NumberFormatException | IOException e) {
            throw malformed(name + " " + item + " is a text key (expected an integer key)", e);
        }
        write(() -> generator.writeFieldId(key));
        return key;
    }

    /** Reads the end of a map whose entries were all read. */
    void endMap(String item) throws ProvisioningRejectedException {
        next(JsonToken.END_OBJECT, -1, item, "the end of the map");
        write(generator::writeEndObject);
    }

    /** Reads an integer that fits a {@code long}. */
    long integer(String item) throws ProvisioningRejectedException {
        next(JsonToken.VALUE_NUMBER_INT, -1, item, "an integer");
        long value;
        try {
            if (parser.getNumberType() == NumberType.BIG_INTEGER) {
                throw malformed(name + " " + item + " is outside the range of a 64-bit integer");
            }
            value = parser.getLongValue();
        } catch (IOException e) {
            throw malformed(name + " " + item + " cannot be read: " + message(e), e);
        }
        write(() -> generator.writeNumber(value));
        return value;
    }

    /**
     * Reads a byte string.
     *
     * @param length the required length in bytes, or -1 for any
     */
    byte[] bytes(String item, int length) throws ProvisioningRejectedException {
        next(JsonToken.VALUE_EMBEDDED_OBJECT, -1, item, "a byte string");
        return binaryValue(item, length);
    }

    /** Reads a byte string or nil, and returns the bytes or null for nil. */
    byte[] bytesOrNull(String item) throws ProvisioningRejectedException {
        JsonToken token = nextToken(item);
        checkTags(-1, item);
        if (token == JsonToken.VALUE_NULL) {
            write(generator::writeNull);
            return null;
        }
        if (token != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw unexpected(token, item, "a byte string or nil");
        }
        return binaryValue(item, -1);
    }

    /**
     * Checks that the input ends after the item just read and is in deterministic encoding.
     *
     * @throws ProvisioningRejectedException if bytes follow the item, or the input is not the
     *     deterministic encoding of the items read
     */
    void finish() throws ProvisioningRejectedException {
        byte[] expected;
        try {
            generator.close();
            expected = rewritten.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("CBOR encoding into memory failed", e);
        }
        if (input.length > expected.length
                && Arrays.equals(input, 0, expected.length, expected, 0, expected.length)) {
            throw malformed(
                    name
                            + " has "
                            + (input.length - expected.length)
                            + " bytes after its end (expected one CBOR item)");
        }
        if (!Arrays.equals(input, expected)) {
            throw malformed(
                    name
                            + " is not in deterministic CBOR encoding (expected shortest integers"
                            + " and lengths, definite lengths and integer map keys, RFC 8949"
                            + " section 4.2.1)");
        }
    }

    private byte[] binaryValue(String item, int length) throws ProvisioningRejectedException {
        byte[] value;
        try {
            value = parser.getBinaryValue();
        } catch (IOException e) {
            throw malformed(name + " " + item + " cannot be read: " + message(e), e);
        }
        if (length >= 0 && value.length != length) {
            throw malformed(
                    name + " " + item + " is " + value.length + " bytes (expected " + length + ")");
        }
        write(() -> generator.writeBinary(value));
        return value;
    }

    private void next(JsonToken expected, int tag, String item, String description)
            throws ProvisioningRejectedException {
        JsonToken token = nextToken(item);
        if (token != expected) {
            throw unexpected(token, item, description);
        }
        checkTags(tag, item);
        if (tag >= 0) {
            write(() -> generator.writeTag(tag));
        }
    }

    private JsonToken nextToken(String item) throws ProvisioningRejectedException {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw malformed(name + " ends before " + item);
            }
            return token;
        } catch (IOException e) {
            throw malformed(name + " is not valid CBOR at " + item + ": " + message(e), e);
        }
    }

    private void checkTags(int tag, String item) throws ProvisioningRejectedException {
        CBORParser.TagList tags = parser.getCurrentTags();
        int count = tags == null ? 0 : tags.size();
        if (tag < 0 && count > 0) {
            throw malformed(
                    name + " " + item + " has tag " + tags.getFirstTag() + " (expected no tag)");
        }
        if (tag >= 0 && (count != 1 || tags.getFirstTag() != tag)) {
            String found = count == 0 ? "no tag" : count + " tags, the first " + tags.getFirstTag();
            throw malformed(name + " " + item + " has " + found + " (expected tag " + tag + ")");
        }
    }

    private int definiteLength(String item, String kind) throws ProvisioningRejectedException {
        CBORReadContext context = parser.getParsingContext();
        if (!context.hasExpectedLength()) {
            throw malformed(
                    name
                            + " "
                            + item
                            + " is an indefinite-length "
                            + kind
                            + " (expected definite)");
        }
        return context.getExpectedLength();
    }

    private ProvisioningRejectedException unexpected(
            JsonToken token, String item, String description) {
        return malformed(
                name + " " + item + " is " + describe(token) + " (expected " + description + ")");
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case END_ARRAY -> "the end of an array";
            case START_OBJECT -> "a map";
            case END_OBJECT -> "the end of a map";
            case FIELD_NAME -> "a map key";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a floating-point number";
            case VALUE_STRING -> "a text string";
            case VALUE_EMBEDDED_OBJECT -> "a byte string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "nil";
            default -> token.name();
        };
    }

    /** Returns the exception message, without the location that Jackson appends. */
    private static String message(IOException e) {
        return e instanceof JacksonException jackson
                ? jackson.getOriginalMessage()
                : e.getMessage();
    }

    private static ProvisioningRejectedException malformed(String detail) {
        return new ProvisioningRejectedException(Reason.MALFORMED, detail);
    }

    private static ProvisioningRejectedException malformed(String detail, Throwable cause) {
        return new ProvisioningRejectedException(Reason.MALFORMED, detail, cause);
    }

    /** Generator call that writes one item and may throw {@link IOException}. */
    private interface Write {
        void run() throws IOException;
    }

    private void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new IllegalStateException("CBOR encoding into memory failed", e);
        }
    }
}
