package io.github.nrf91emu.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading of the third-party vector files under {@code src/test/resources/testdata/}, hex helpers,
 * and the assertions every vector test ends with.
 */
public final class TestVectors {
    private static final String ROOT = "/testdata/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVectors() {}

    /**
     * One record of a BoringSSL test file or a NIST .rsp file: the {@code key = value} lines
     * between two blank lines, and the line number (1-based) where the record starts.
     */
    public record Record(int line, Map<String, String> fields) {
        /** Returns the value of a field, failing the test when the record lacks it. */
        public String get(String key) {
            String value = fields.get(key);
            if (value == null) {
                throw new IllegalArgumentException(
                        "record at line " + line + " has no field " + key + ": " + fields);
            }
            return value;
        }

        /** Returns the hex value of a field as bytes. */
        public byte[] bytes(String key) {
            return hex(get(key));
        }

        public boolean has(String key) {
            return fields.containsKey(key);
        }

        /** Returns the id used in failure messages. */
        public String id() {
            return "line " + line;
        }
    }

    /** Parses a JSON resource, given by its path below {@code testdata/}. */
    public static JsonNode readJson(String path) throws IOException {
        try (InputStream in = open(path)) {
            return JSON.readTree(in);
        }
    }

    /**
     * Parses a resource of {@code key = value} records separated by blank lines. Comment lines
     * (starting with {@code #}) and section headers (in square brackets) are skipped. A field with
     * nothing after {@code =} (such as {@code Invalid =}) has the empty string as its value.
     */
    public static List<Record> readRecords(String path) throws IOException {
        List<Record> records = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        int start = 0;
        int lineNumber = 0;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(open(path), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String trimmed = line.trim();
                if (trimmed.isEmpty()) {
                    addRecord(records, start, fields);
                    fields = new LinkedHashMap<>();
                    continue;
                }
                if (trimmed.startsWith("#") || trimmed.startsWith("[")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals < 0) {
                    throw new IOException(path + ":" + lineNumber + ": expected key = value");
                }
                if (fields.isEmpty()) {
                    start = lineNumber;
                }
                String key = trimmed.substring(0, equals).trim();
                if (fields.put(key, trimmed.substring(equals + 1).trim()) != null) {
                    throw new IOException(path + ":" + lineNumber + ": duplicate field " + key);
                }
            }
        }
        addRecord(records, start, fields);
        return records;
    }

    private static void addRecord(List<Record> records, int start, Map<String, String> fields) {
        if (!fields.isEmpty()) {
            records.add(new Record(start, Collections.unmodifiableMap(fields)));
        }
    }

    private static InputStream open(String path) throws IOException {
        InputStream in = TestVectors.class.getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IOException("test resource not found: " + ROOT + path);
        }
        return in;
    }

    /** Decodes an even-length hex string of either case. An empty string gives an empty array. */
    public static byte[] hex(String text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has odd length: " + text);
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int high = Character.digit(text.charAt(2 * i), 16);
            int low = Character.digit(text.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("invalid hex string: " + text);
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }

    /** Encodes bytes as lower-case hex, or returns "null" for a null array. */
    public static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16));
            sb.append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Returns the concatenation of the arrays. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    /** Encodes a non-negative value as exactly 32 big-endian bytes. */
    public static byte[] fixed32(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("value does not fit in 32 bytes: " + value);
        }
        byte[] minimal = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(minimal.length, 32);
        System.arraycopy(minimal, minimal.length - length, out, 32 - length, length);
        return out;
    }

    /**
     * Asserts how many vectors a test read, so that a parsing mistake that skips vectors cannot
     * pass unnoticed.
     */
    public static void assertVectorCount(String file, int expected, int actual) {
        assertEquals(expected, actual, "number of vectors read from " + file);
    }

    /** Asserts that no vector failed, listing every failure (id and reason) otherwise. */
    public static void assertNoFailures(String file, int checked, List<String> failures) {
        assertTrue(
                failures.isEmpty(),
                () ->
                        failures.size()
                                + " of "
                                + checked
                                + " vectors of "
                                + file
                                + " failed:\n  "
                                + String.join("\n  ", failures));
    }
}
