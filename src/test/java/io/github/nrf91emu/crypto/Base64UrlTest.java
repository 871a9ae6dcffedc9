package io.github.nrf91emu.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Base64Url} against the RFC 4648 §10 vectors and the strict-decoder reject list of
 * {@code /testdata/rfc/rfc4648_base_encodings.json}, and against {@link java.util.Base64} on random
 * data. Set the system property {@code base64url.seed} to repeat a printed random seed.
 */
class Base64UrlTest {
    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static final Base64.Encoder JDK_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder JDK_DECODER = Base64.getUrlDecoder();

    /** Index of the first offending character of each entry of the file's reject list. */
    private static final Map<String, Integer> REJECT_INDEX =
            Map.of(
                    "Zg==", 2,
                    "Z", 0,
                    "Zm9v+g", 4,
                    "Zm9v/g", 4,
                    "Zm 9v", 2,
                    "Zh", 1);

    private static JsonNode vectors;

    @BeforeAll
    static void loadVectors() throws IOException {
        String resource = "/testdata/rfc/rfc4648_base_encodings.json";
        try (InputStream in = Base64UrlTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource not found on the classpath: " + resource);
            }
            vectors = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void rfc4648_section10Vectors() {
        JsonNode table = vectors.get("section_10_vectors");
        List<String> failures = new ArrayList<>();
        for (JsonNode vector : table) {
            String id = "section10[\"" + vector.get("input").asText() + "\"]";
            byte[] data = vector.get("input").asText().getBytes(StandardCharsets.US_ASCII);
            checkBothDirections(id, data, vector.get("base64url_nopad").asText(), failures);
        }

        assertNoFailures("RFC 4648 section 10 vectors", table.size(), failures);
    }

    @Test
    void rfc4648_alphabetCases() {
        JsonNode table = vectors.get("derived_alphabet_cases");
        List<String> failures = new ArrayList<>();
        for (JsonNode vector : table) {
            String hex = vector.get("octets_hex").asText();
            byte[] data = HexFormat.of().parseHex(hex);
            checkBothDirections(
                    "alphabet[" + hex + "]",
                    data,
                    vector.get("base64url_nopad").asText(),
                    failures);
        }

        assertNoFailures("derived alphabet cases", table.size(), failures);
    }

    @Test
    void decode_rejectList() {
        JsonNode table = vectors.get("invalid_base64url_for_jose_derived");
        List<String> failures = new ArrayList<>();
        for (JsonNode vector : table) {
            String input = vector.get("input").asText();
            String id = "reject[\"" + input + "\"] (" + vector.get("why").asText() + ")";
            Integer index = REJECT_INDEX.get(input);
            if (index == null) {
                failures.add(id + ": no expected index in REJECT_INDEX for this input");
                continue;
            }
            checkRejected(id, input, index, failures);
        }

        assertNoFailures("strict-decoder reject list", table.size(), failures);
    }

    @Test
    void roundTrip_randomLengths() {
        long seed = Long.getLong("base64url.seed", System.nanoTime());
        System.out.println("Base64UrlTest.roundTrip_randomLengths seed: " + seed);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            int offset = random.nextInt(8);
            byte[] padded = new byte[offset + length + random.nextInt(8)];
            random.nextBytes(padded);
            System.arraycopy(data, 0, padded, offset, length);

            String id = "length " + length;
            checkBothDirections(id, data, JDK_ENCODER.encodeToString(data), failures);
            String slice = Base64Url.encode(padded, offset, length);
            if (!slice.equals(JDK_ENCODER.encodeToString(data))) {
                failures.add(id + ": encode(data, " + offset + ", " + length + ") = " + slice);
            }
        }

        assertNoFailures("random round trips with seed " + seed, 301, failures);
    }

    @Test
    void decode_nonCanonicalTrailingBits() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String prefix : List.of("", "Zm9v")) {
            for (char last : ALPHABET.toCharArray()) {
                int value = ALPHABET.indexOf(last);
                checkTail(prefix + "Z" + last, (value & 0xF) == 0, failures);
                checkTail(prefix + "Zm" + last, (value & 0x3) == 0, failures);
                cases += 2;
            }
        }

        assertNoFailures("trailing bits of the last character", cases, failures);
    }

    @Test
    void decode_everyChar() {
        List<String> failures = new ArrayList<>();
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            String text = "AA" + (char) c + "A";
            String id = String.format("char U+%04X", c);
            if (ALPHABET.indexOf(c) >= 0) {
                checkAccepted(id, text, failures);
                continue;
            }
            checkRejected(id, text, 2, failures);
            String message = rejectionMessage(text);
            if (message != null && !message.contains(String.format("U+%04X", c))) {
                failures.add(id + ": message does not show the code point: " + message);
            }
        }

        assertNoFailures("all 65536 chars at index 2", Character.MAX_VALUE + 1, failures);
    }

    @Test
    void decode_errorMessages() {
        String expected = "(expected A-Z, a-z, 0-9, '-' or '_', no padding)";
        Map<String, String> table = new LinkedHashMap<>();
        table.put(
                "AAAAAAAAAAAAAAAAAAAAAA==",
                "invalid Base64Url character U+003D '=' at index 22 " + expected);
        table.put("Zm 9v", "invalid Base64Url character U+0020 ' ' at index 2 " + expected);
        table.put("Zm9v\n", "invalid Base64Url character U+000A at index 4 " + expected);
        table.put("AA\uD83D\uDE00", "invalid Base64Url character U+1F600 at index 2 " + expected);
        table.put(
                "Zm9vY",
                "invalid Base64Url length 5 (length mod 4 is 1): the lone last character at"
                        + " index 4 encodes no whole byte, so the text may be truncated");
        table.put(
                "Zh",
                "non-canonical Base64Url character U+0068 'h' at index 1: its low 4 bits are"
                        + " unused and must be zero (expected 'g' there)");
        table.put(
                "Zm9",
                "non-canonical Base64Url character U+0039 '9' at index 2: its low 2 bits are"
                        + " unused and must be zero (expected '8' there)");

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> entry : table.entrySet()) {
            String actual = rejectionMessage(entry.getKey());
            if (!entry.getValue().equals(actual)) {
                failures.add(
                        String.format(
                                "\"%s\": expected <%s> but was <%s>",
                                entry.getKey(), entry.getValue(), actual));
            }
        }

        assertNoFailures("exact error messages", table.size(), failures);
    }

    @Test
    void encode_rangeChecks() {
        byte[] data = {1, 2, 3, 4};

        assertEquals("AgM", Base64Url.encode(data, 1, 2));
        assertArrayEquals(
                "AgM".getBytes(StandardCharsets.US_ASCII), Base64Url.encodeToAscii(data, 1, 2));
        assertEquals("", Base64Url.encode(data, 4, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Base64Url.encode(data, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Base64Url.encode(data, 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Base64Url.encode(data, 0, -1));
    }

    @Test
    void nullArguments_rejected() {
        assertThrows(NullPointerException.class, () -> Base64Url.encode(null));
        assertThrows(NullPointerException.class, () -> Base64Url.encode(null, 0, 0));
        assertThrows(NullPointerException.class, () -> Base64Url.encodeToAscii(null));
        assertThrows(NullPointerException.class, () -> Base64Url.decode(null));
    }

    @Test
    void decode_anyCharSequence() {
        assertArrayEquals(
                "foobar".getBytes(StandardCharsets.US_ASCII),
                Base64Url.decode(new StringBuilder("Zm9vYmFy")));
    }

    /** Checks encode, encodeToAscii and decode of one vector, adding a line per mismatch. */
    private static void checkBothDirections(
            String id, byte[] data, String expectedText, List<String> failures) {
        String encoded = Base64Url.encode(data);
        if (!encoded.equals(expectedText)) {
            failures.add(
                    id + ": encode gave \"" + encoded + "\", expected \"" + expectedText + "\"");
        }

        byte[] ascii = Base64Url.encodeToAscii(data);
        if (!Arrays.equals(ascii, expectedText.getBytes(StandardCharsets.US_ASCII))) {
            failures.add(id + ": encodeToAscii differs from \"" + expectedText + "\"");
        }

        try {
            byte[] decoded = Base64Url.decode(expectedText);
            if (!Arrays.equals(decoded, data)) {
                failures.add(id + ": decode gave " + HexFormat.of().formatHex(decoded));
            }
        } catch (IllegalArgumentException e) {
            failures.add(id + ": decode rejected valid text: " + e.getMessage());
        }
    }

    /** Checks that a tail with set unused bits is rejected at its last index, else accepted. */
    private static void checkTail(String text, boolean canonical, List<String> failures) {
        String id = "\"" + text + "\"";
        if (canonical) {
            checkAccepted(id, text, failures);
        } else {
            checkRejected(id, text, text.length() - 1, failures);
        }
    }

    private static void checkAccepted(String id, String text, List<String> failures) {
        try {
            byte[] decoded = Base64Url.decode(text);
            if (!Arrays.equals(decoded, JDK_DECODER.decode(text))) {
                failures.add(id + ": decode differs from java.util.Base64");
            }
        } catch (IllegalArgumentException e) {
            failures.add(id + ": rejected valid text: " + e.getMessage());
        }
    }

    private static void checkRejected(
            String id, String text, int expectedIndex, List<String> failures) {
        String message = rejectionMessage(text);
        if (message == null) {
            failures.add(id + ": accepted, expected a rejection at index " + expectedIndex);
            return;
        }
        Pattern index = Pattern.compile("\\bat index " + expectedIndex + "\\b");
        if (!index.matcher(message).find()) {
            failures.add(id + ": message does not name index " + expectedIndex + ": " + message);
        }
    }

    /** Returns the message of the IllegalArgumentException that decode throws, or null. */
    private static String rejectionMessage(String text) {
        try {
            Base64Url.decode(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void assertNoFailures(String table, int total, List<String> failures) {
        assertTrue(
                failures.isEmpty(),
                () ->
                        failures.size()
                                + " of "
                                + total
                                + " "
                                + table
                                + " failed:\n  "
                                + String.join("\n  ", failures));
    }
}
