package io.github.nrf91emu.state;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.CredentialRecord;
import io.github.nrf91emu.keystore.CredentialStore;
import io.github.nrf91emu.keystore.CredentialType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The JSON form of a {@link DeviceState}, format version 1, written with Jackson's tree model:
 *
 * <pre>{@code
 * {
 *   "formatVersion" : 1,
 *   "seed" : "<identity seed, hex>",
 *   "model" : "nRF9160",
 *   "firmwareVersion" : "mfw_nrf9160_1.3.5",
 *   "credentialStore" : {
 *     "capacity" : 64,                  // only if the builder set it
 *     "maxContentLength" : 4096,        // only if the builder set it
 *     "items" : [ {
 *       "secTag" : 16842753,
 *       "type" : 0,
 *       "content" : "<content, Base64>",
 *       "password" : "<password, Base64>", // only if the item has one
 *       "modemOwned" : false
 *     } ]
 *   }
 * }
 * }</pre>
 *
 * Content and password are Base64 (RFC 4648 §4, with padding) so that every byte, CR and LF
 * included, comes back exactly. {@code modemOwned} repeats for a reader of the file what the
 * sec_tag already determines (modem sec_tags are above 2147483647), and reading checks that the two
 * agree.
 *
 * <p>Reading is strict: the file must be one JSON object with every required field, no unknown or
 * repeated field, and values of the right JSON type and range, or {@link #decode} names the first
 * field that is wrong. The rules that the credential store and the modem builder check (PEM
 * certificates, content length, password type, firmware version characters) are left to them.
 */
final class StateJson {
    /** The format version this class writes and the newest it reads. */
    static final int FORMAT_VERSION = 1;

    private static final String FORMAT_VERSION_FIELD = "formatVersion";
    private static final String SEED = "seed";
    private static final String MODEL = "model";
    private static final String FIRMWARE_VERSION = "firmwareVersion";
    private static final String CREDENTIAL_STORE = "credentialStore";
    private static final String CAPACITY = "capacity";
    private static final String MAX_CONTENT_LENGTH = "maxContentLength";
    private static final String ITEMS = "items";
    private static final String SEC_TAG = "secTag";
    private static final String TYPE = "type";
    private static final String CONTENT = "content";
    private static final String PASSWORD = "password";
    private static final String MODEM_OWNED = "modemOwned";

    private static final Set<String> ROOT_FIELDS =
            Set.of(FORMAT_VERSION_FIELD, SEED, MODEL, FIRMWARE_VERSION, CREDENTIAL_STORE);
    private static final Set<String> STORE_FIELDS = Set.of(CAPACITY, MAX_CONTENT_LENGTH, ITEMS);
    private static final Set<String> ITEM_FIELDS =
            Set.of(SEC_TAG, TYPE, CONTENT, PASSWORD, MODEM_OWNED);

    private static final int MAX_TYPE_NUMBER = 11;

    /**
     * Reads duplicate keys as errors, and keeps token text out of error messages, because a
     * corrupted file may have a seed or a key where the parser expected a token.
     */
    private static final ObjectMapper MAPPER =
            new ObjectMapper(
                    JsonFactory.builder()
                            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                            .errorReportConfiguration(
                                    ErrorReportConfiguration.builder()
                                            .maxErrorTokenLength(0)
                                            .maxRawContentLength(0)
                                            .build())
                            .build());

    private StateJson() {}

    /** A state file whose content is wrong; the message names the field, without its value. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message, null, false, false);
        }
    }

    /** Encodes the state as pretty-printed UTF-8 JSON with a final line end. */
    static byte[] encode(DeviceState state) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(FORMAT_VERSION_FIELD, FORMAT_VERSION);
        root.put(SEED, HexFormat.of().formatHex(state.seed()));
        root.put(MODEL, state.model().modelName());
        root.put(FIRMWARE_VERSION, state.firmwareVersion());

        ObjectNode store = root.putObject(CREDENTIAL_STORE);
        if (state.credentialCapacity().isPresent()) {
            store.put(CAPACITY, state.credentialCapacity().getAsInt());
        }
        if (state.maxCredentialLength().isPresent()) {
            store.put(MAX_CONTENT_LENGTH, state.maxCredentialLength().getAsInt());
        }
        ArrayNode items = store.putArray(ITEMS);
        Base64.Encoder base64 = Base64.getEncoder();
        for (CredentialRecord record : state.credentials()) {
            ObjectNode item = items.addObject();
            item.put(SEC_TAG, record.secTag());
            item.put(TYPE, record.type().number());
            item.put(CONTENT, base64.encodeToString(record.content()));
            Optional<byte[]> password = record.password();
            if (password.isPresent()) {
                item.put(PASSWORD, base64.encodeToString(password.get()));
            }
            item.put(MODEM_OWNED, record.modemOwned());
        }

        String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes and checks a state file.
     *
     * @throws FormatException if the bytes are not one JSON object, the format version is missing
     *     or newer than {@value #FORMAT_VERSION}, or a field is missing, unknown, repeated, of the
     *     wrong JSON type or out of range
     */
    static DeviceState decode(byte[] json) throws FormatException {
        ObjectNode root = object(parse(json), "the file");
        checkFormatVersion(root);
        rejectUnknownFields(root, ROOT_FIELDS, null);

        byte[] seed = hex(required(root, SEED, null), SEED);
        if (seed.length == 0) {
            throw new FormatException("field '" + SEED + "' is empty (expected hex digits)");
        }
        Model model = model(required(root, MODEL, null));
        String firmwareVersion = text(required(root, FIRMWARE_VERSION, null), FIRMWARE_VERSION);

        ObjectNode store = object(required(root, CREDENTIAL_STORE, null), CREDENTIAL_STORE);
        rejectUnknownFields(store, STORE_FIELDS, CREDENTIAL_STORE);
        OptionalInt capacity = optionalInt(store, CAPACITY, 0);
        OptionalInt maxContentLength = optionalInt(store, MAX_CONTENT_LENGTH, 1);
        List<CredentialRecord> items = items(required(store, ITEMS, CREDENTIAL_STORE));

        return new DeviceState(seed, model, firmwareVersion, capacity, maxContentLength, items);
    }

    private static JsonNode parse(byte[] json) throws FormatException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null) {
                throw new FormatException("the file is empty (expected a JSON object)");
            }
            if (parser.nextToken() != null) {
                throw new FormatException(
                        "unexpected data after the JSON object at "
                                + location(parser.currentTokenLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            if (endsEarly(e, json.length)) {
                throw new FormatException(
                        "the JSON ends early at "
                                + location(e.getLocation())
                                + ", so the file is truncated");
            }
            throw new FormatException(
                    "invalid JSON at " + location(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            // Not expected: the parser reads from a byte array.
            throw new FormatException("invalid JSON: " + e.getMessage());
        }
    }

    /**
     * Returns whether parsing failed because the input ended: Jackson reports some of these cases
     * as {@link JsonEOFException} and others, such as an end between two fields, as a plain parse
     * error at the end of the input.
     */
    private static boolean endsEarly(JsonProcessingException e, int length) {
        if (e instanceof JsonEOFException) {
            return true;
        }
        JsonLocation location = e.getLocation();
        return location != null && location.getByteOffset() >= length;
    }

    private static String location(JsonLocation location) {
        if (location == null) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Checks the format version first, because a newer format may change any other field, and its
     * reader's message ("newer than this version reads") is the one that helps.
     */
    private static void checkFormatVersion(ObjectNode root) throws FormatException {
        JsonNode node = required(root, FORMAT_VERSION_FIELD, null);
        if (!node.isIntegralNumber()) {
            throw new FormatException(
                    "field '"
                            + FORMAT_VERSION_FIELD
                            + "' must be an integer (got "
                            + kind(node)
                            + ")");
        }
        if (!node.canConvertToInt() || node.intValue() > FORMAT_VERSION) {
            throw new FormatException(
                    FORMAT_VERSION_FIELD
                            + " "
                            + node.asText()
                            + " is newer than this version of nrf91-at-emulator reads ("
                            + FORMAT_VERSION
                            + "); use a newer version or another state file");
        }
        if (node.intValue() < FORMAT_VERSION) {
            throw new FormatException(
                    FORMAT_VERSION_FIELD
                            + " "
                            + node.intValue()
                            + " is invalid (expected "
                            + FORMAT_VERSION
                            + ")");
        }
    }

    private static List<CredentialRecord> items(JsonNode node) throws FormatException {
        String itemsField = CREDENTIAL_STORE + "." + ITEMS;
        if (!node.isArray()) {
            throw new FormatException(
                    "field '" + itemsField + "' must be an array (got " + kind(node) + ")");
        }
        List<CredentialRecord> records = new ArrayList<>(node.size());
        Map<String, Integer> indexByPair = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String field = itemsField + "[" + i + "]";
            CredentialRecord record = item(object(node.get(i), field), field);
            String pair = "sec_tag " + record.secTag() + ", type " + record.type().number();
            Integer first = indexByPair.putIfAbsent(pair, i);
            if (first != null) {
                throw new FormatException(
                        field + " repeats " + pair + " of " + itemsField + "[" + first + "]");
            }
            records.add(record);
        }
        return records;
    }

    private static CredentialRecord item(ObjectNode item, String field) throws FormatException {
        rejectUnknownFields(item, ITEM_FIELDS, field);
        long secTag =
                integer(
                        required(item, SEC_TAG, field),
                        field + "." + SEC_TAG,
                        0,
                        CredentialStore.MAX_SEC_TAG);
        int type =
                (int) integer(required(item, TYPE, field), field + "." + TYPE, 0, MAX_TYPE_NUMBER);
        byte[] content = base64(required(item, CONTENT, field), field + "." + CONTENT);
        byte[] password = null;
        if (item.has(PASSWORD)) {
            password = base64(item.get(PASSWORD), field + "." + PASSWORD);
        }

        JsonNode modemOwned = required(item, MODEM_OWNED, field);
        if (!modemOwned.isBoolean()) {
            throw new FormatException(
                    "field '"
                            + field
                            + "."
                            + MODEM_OWNED
                            + "' must be true or false (got "
                            + kind(modemOwned)
                            + ")");
        }
        boolean modemTag = secTag > CredentialStore.MAX_HOST_SEC_TAG;
        if (modemOwned.booleanValue() != modemTag) {
            throw new FormatException(
                    "field '"
                            + field
                            + "."
                            + MODEM_OWNED
                            + "' is "
                            + modemOwned.booleanValue()
                            + ", but sec_tag "
                            + secTag
                            + (modemTag ? " belongs to the modem" : " belongs to the host")
                            + " (modem sec_tags are above "
                            + CredentialStore.MAX_HOST_SEC_TAG
                            + ")");
        }
        return new CredentialRecord(secTag, CredentialType.fromNumber(type), content, password);
    }

    private static ObjectNode object(JsonNode node, String field) throws FormatException {
        if (!node.isObject()) {
            String name = field.equals("the file") ? field : "field '" + field + "'";
            throw new FormatException(name + " must be a JSON object (got " + kind(node) + ")");
        }
        return (ObjectNode) node;
    }

    /**
     * Returns a field's value; {@code parent} is the enclosing field's name, or null at the root.
     */
    private static JsonNode required(ObjectNode node, String name, String parent)
            throws FormatException {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new FormatException("missing field '" + qualified(parent, name) + "'");
        }
        return value;
    }

    private static void rejectUnknownFields(ObjectNode node, Set<String> known, String parent)
            throws FormatException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new FormatException("unknown field '" + qualified(parent, name) + "'");
            }
        }
    }

    private static String qualified(String parent, String name) {
        return parent == null ? name : parent + "." + name;
    }

    private static OptionalInt optionalInt(ObjectNode store, String name, int min)
            throws FormatException {
        JsonNode node = store.get(name);
        if (node == null) {
            return OptionalInt.empty();
        }
        String field = CREDENTIAL_STORE + "." + name;
        return OptionalInt.of((int) integer(node, field, min, Integer.MAX_VALUE));
    }

    private static long integer(JsonNode node, String field, long min, long max)
            throws FormatException {
        String range = " must be an integer in " + min + ".." + max;
        if (!node.isIntegralNumber()) {
            throw new FormatException(
                    "field '" + field + "'" + range + " (got " + kind(node) + ")");
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new FormatException(
                    "field '" + field + "'" + range + " (got " + node.asText() + ")");
        }
        return node.longValue();
    }

    private static String text(JsonNode node, String field) throws FormatException {
        if (!node.isTextual()) {
            throw new FormatException(
                    "field '" + field + "' must be a string (got " + kind(node) + ")");
        }
        return node.textValue();
    }

    private static Model model(JsonNode node) throws FormatException {
        String name = text(node, MODEL);
        try {
            return Model.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new FormatException("field '" + MODEL + "': " + e.getMessage());
        }
    }

    /** Decodes hex digits; the message never quotes them, because the seed is secret. */
    private static byte[] hex(JsonNode node, String field) throws FormatException {
        String digits = text(node, field);
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new FormatException(
                    "field '" + field + "' is not an even number of hex digits (0-9, a-f)");
        }
    }

    /** Decodes Base64; the message never quotes it, because content and passwords may be secret. */
    private static byte[] base64(JsonNode node, String field) throws FormatException {
        String text = text(node, field);
        String rule = "field '" + field + "' is not valid Base64 (RFC 4648 §4, with padding)";
        // The JDK decoder also takes unpadded text; the writer always pads.
        if (text.length() % 4 != 0) {
            throw new FormatException(rule);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException(rule);
        }
    }

    /** Returns the JSON type of a value, such as {@code string}, for error messages. */
    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
