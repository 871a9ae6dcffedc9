package io.github.nrf91emu.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.CredentialRecord;
import io.github.nrf91emu.keystore.CredentialType;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests of the JSON form of the device state: round trip, layout and every rejected input. */
class StateJsonTest {
    private static final String SEED_HEX = "5eed5eed5eed5eed";
    private static final String CONTENT_BASE64 = "aWQNCg=="; // "id\r\n"

    /** A valid file; each invalid case below changes one part of it. */
    private static final String VALID =
            """
            {
              "formatVersion" : 1,
              "seed" : "5eed5eed5eed5eed",
              "model" : "nRF9161",
              "firmwareVersion" : "mfw_test_1.0",
              "credentialStore" : {
                "capacity" : 10,
                "maxContentLength" : 100,
                "items" : [ {
                  "secTag" : 7,
                  "type" : 4,
                  "content" : "aWQNCg==",
                  "modemOwned" : false
                } ]
              }
            }
            """;

    private static DeviceState fullState() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (0xf0 + i);
        }
        List<CredentialRecord> items =
                List.of(
                        new CredentialRecord(
                                7, CredentialType.PSK_IDENTITY, "a\r\nb\n".getBytes(UTF_8), null),
                        new CredentialRecord(
                                8,
                                CredentialType.CLIENT_PRIVATE_KEY,
                                new byte[] {0, (byte) 0xff, '"', '\\'},
                                "pass\u00e9".getBytes(UTF_8)),
                        new CredentialRecord(
                                4294967295L,
                                CredentialType.NORDIC_PUBLIC_KEY,
                                "modem".getBytes(UTF_8),
                                null));
        return new DeviceState(
                seed,
                Model.NRF9151,
                "mfw_nrf91x1_9.9.9",
                OptionalInt.of(12),
                OptionalInt.of(2048),
                items);
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        DeviceState state = fullState();

        DeviceState decoded = StateJson.decode(StateJson.encode(state));

        assertArrayEquals(state.seed(), decoded.seed());
        assertEquals(Model.NRF9151, decoded.model());
        assertEquals("mfw_nrf91x1_9.9.9", decoded.firmwareVersion());
        assertEquals(OptionalInt.of(12), decoded.credentialCapacity());
        assertEquals(OptionalInt.of(2048), decoded.maxCredentialLength());
        assertEquals(state.credentials().size(), decoded.credentials().size());
        for (int i = 0; i < state.credentials().size(); i++) {
            CredentialRecord expected = state.credentials().get(i);
            CredentialRecord actual = decoded.credentials().get(i);
            assertEquals(expected.secTag(), actual.secTag(), "secTag of item " + i);
            assertEquals(expected.type(), actual.type(), "type of item " + i);
            assertArrayEquals(expected.content(), actual.content(), "content of item " + i);
            assertEquals(expected.modemOwned(), actual.modemOwned(), "modemOwned of item " + i);
            assertEquals(
                    expected.password().isPresent(),
                    actual.password().isPresent(),
                    "password presence of item " + i);
        }
        assertArrayEquals(
                "pass\u00e9".getBytes(UTF_8), decoded.credentials().get(1).password().get());
    }

    @Test
    void roundTripWithoutLimits() throws Exception {
        DeviceState state =
                new DeviceState(
                        new byte[] {1},
                        Model.NRF9160,
                        "mfw_nrf9160_1.3.5",
                        OptionalInt.empty(),
                        OptionalInt.empty(),
                        List.of());

        byte[] json = StateJson.encode(state);
        DeviceState decoded = StateJson.decode(json);

        assertEquals(OptionalInt.empty(), decoded.credentialCapacity());
        assertEquals(OptionalInt.empty(), decoded.maxCredentialLength());
        assertEquals(List.of(), decoded.credentials());
        assertFalse(new String(json, UTF_8).contains("capacity"));
        assertFalse(new String(json, UTF_8).contains("maxContentLength"));
    }

    @Test
    void encodeLayout() throws Exception {
        String json = new String(StateJson.encode(fullState()), UTF_8);

        assertTrue(json.startsWith("{\n  \"formatVersion\" : 1,\n  \"seed\" : \"f0f1f2"), json);
        assertTrue(json.contains("\"model\" : \"nRF9151\""), json);
        assertTrue(json.contains("\"content\" : \"YQ0KYgo=\""), json);
        assertTrue(json.contains("\"password\" : \"cGFzc8Op\""), json);
        assertTrue(json.contains("\"modemOwned\" : true"), json);
        assertTrue(json.endsWith("}\n"), json);
        assertEquals(1, json.split("\"password\"", -1).length - 1, "one item has a password");
    }

    @Test
    void decodeValidFile() throws Exception {
        DeviceState state = StateJson.decode(VALID.getBytes(UTF_8));

        assertArrayEquals(
                new byte[] {0x5e, (byte) 0xed, 0x5e, (byte) 0xed, 0x5e, (byte) 0xed, 0x5e, -19},
                state.seed());
        assertEquals(Model.NRF9161, state.model());
        assertArrayEquals("id\r\n".getBytes(UTF_8), state.credentials().get(0).content());
    }

    @Test
    void decodeAcceptsUpperCaseHex() throws Exception {
        byte[] json = VALID.replace(SEED_HEX, SEED_HEX.toUpperCase()).getBytes(UTF_8);

        assertArrayEquals(
                StateJson.decode(VALID.getBytes(UTF_8)).seed(), StateJson.decode(json).seed());
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                invalid(
                        "newer version",
                        change("\"formatVersion\" : 1", "\"formatVersion\" : 2"),
                        "formatVersion 2 is newer than this version of nrf91-at-emulator reads (1)"),
                invalid(
                        "newer version with new fields",
                        "{\"formatVersion\": 7, \"identity\": {}}",
                        "formatVersion 7 is newer than this version"),
                invalid(
                        "huge version",
                        change("\"formatVersion\" : 1", "\"formatVersion\" : 99999999999"),
                        "formatVersion 99999999999 is newer"),
                invalid(
                        "version zero",
                        change("\"formatVersion\" : 1", "\"formatVersion\" : 0"),
                        "formatVersion 0 is invalid (expected 1)"),
                invalid(
                        "version as string",
                        change("\"formatVersion\" : 1", "\"formatVersion\" : \"1\""),
                        "field 'formatVersion' must be an integer (got string)"),
                invalid(
                        "version missing",
                        change("\"formatVersion\" : 1,", ""),
                        "missing field 'formatVersion'"),
                invalid(
                        "seed not hex",
                        change(SEED_HEX, "5eed5eed5eed5eeg"),
                        "field 'seed' is not an even number of hex digits"),
                invalid(
                        "seed empty",
                        change("\"" + SEED_HEX + "\"", "\"\""),
                        "field 'seed' is empty"),
                invalid(
                        "seed odd length",
                        change(SEED_HEX, "5eed5eed5eed5ee"),
                        "field 'seed' is not an even number of hex digits"),
                invalid(
                        "seed as number",
                        change("\"" + SEED_HEX + "\"", "5"),
                        "field 'seed' must be a string (got number)"),
                invalid(
                        "seed missing",
                        change("\"seed\" : \"" + SEED_HEX + "\",", ""),
                        "missing field 'seed'"),
                invalid(
                        "unknown model",
                        change("nRF9161", "nRF9999"),
                        "field 'model': unknown model: 'nRF9999' (expected one of nRF9160"),
                invalid(
                        "firmware as null",
                        change("\"mfw_test_1.0\"", "null"),
                        "field 'firmwareVersion' must be a string (got null)"),
                invalid(
                        "unknown root field",
                        change("\"model\"", "\"colour\" : \"red\", \"model\""),
                        "unknown field 'colour'"),
                invalid(
                        "store missing",
                        "{\"formatVersion\":1,\"seed\":\"00\",\"model\":\"nRF9160\","
                                + "\"firmwareVersion\":\"x\"}",
                        "missing field 'credentialStore'"),
                invalid(
                        "store not object",
                        "{\"formatVersion\":1,\"seed\":\"00\",\"model\":\"nRF9160\","
                                + "\"firmwareVersion\":\"x\",\"credentialStore\":[]}",
                        "field 'credentialStore' must be a JSON object (got array)"),
                invalid(
                        "unknown store field",
                        change("\"capacity\"", "\"size\" : 1, \"capacity\""),
                        "unknown field 'credentialStore.size'"),
                invalid(
                        "negative capacity",
                        change("\"capacity\" : 10", "\"capacity\" : -1"),
                        "field 'credentialStore.capacity' must be an integer in 0..2147483647"
                                + " (got -1)"),
                invalid(
                        "zero maximum length",
                        change("\"maxContentLength\" : 100", "\"maxContentLength\" : 0"),
                        "field 'credentialStore.maxContentLength' must be an integer in"
                                + " 1..2147483647 (got 0)"),
                invalid(
                        "items missing",
                        "{\"formatVersion\":1,\"seed\":\"00\",\"model\":\"nRF9160\","
                                + "\"firmwareVersion\":\"x\",\"credentialStore\":{}}",
                        "missing field 'credentialStore.items'"),
                invalid(
                        "items not array",
                        "{\"formatVersion\":1,\"seed\":\"00\",\"model\":\"nRF9160\","
                                + "\"firmwareVersion\":\"x\",\"credentialStore\":{\"items\":5}}",
                        "field 'credentialStore.items' must be an array (got number)"),
                invalid(
                        "item not object",
                        "{\"formatVersion\":1,\"seed\":\"00\",\"model\":\"nRF9160\","
                                + "\"firmwareVersion\":\"x\",\"credentialStore\":{\"items\":[1]}}",
                        "field 'credentialStore.items[0]' must be a JSON object (got number)"),
                invalid(
                        "unknown item field",
                        change("\"secTag\"", "\"sha256\" : \"AB\", \"secTag\""),
                        "unknown field 'credentialStore.items[0].sha256'"),
                invalid(
                        "negative sec_tag",
                        change("\"secTag\" : 7", "\"secTag\" : -1"),
                        "field 'credentialStore.items[0].secTag' must be an integer in"
                                + " 0..4294967295 (got -1)"),
                invalid(
                        "sec_tag too large",
                        change("\"secTag\" : 7", "\"secTag\" : 4294967296"),
                        "(got 4294967296)"),
                invalid(
                        "type out of range",
                        change("\"type\" : 4", "\"type\" : 12"),
                        "field 'credentialStore.items[0].type' must be an integer in 0..11"
                                + " (got 12)"),
                invalid(
                        "type as string",
                        change("\"type\" : 4", "\"type\" : \"4\""),
                        "field 'credentialStore.items[0].type' must be an integer in 0..11"
                                + " (got string)"),
                invalid("type fraction", change("\"type\" : 4", "\"type\" : 4.5"), "(got number)"),
                invalid(
                        "content bad Base64",
                        change(CONTENT_BASE64, "aW*NCg=="),
                        "field 'credentialStore.items[0].content' is not valid Base64"),
                invalid(
                        "content without padding",
                        change(CONTENT_BASE64, "aWQNCg"),
                        "field 'credentialStore.items[0].content' is not valid Base64"),
                invalid(
                        "content missing",
                        change("\"content\" : \"" + CONTENT_BASE64 + "\",", ""),
                        "missing field 'credentialStore.items[0].content'"),
                invalid(
                        "password bad Base64",
                        change("\"modemOwned\"", "\"password\" : \"%%\", \"modemOwned\""),
                        "field 'credentialStore.items[0].password' is not valid Base64"),
                invalid(
                        "modem flag wrong",
                        change("\"modemOwned\" : false", "\"modemOwned\" : true"),
                        "field 'credentialStore.items[0].modemOwned' is true, but sec_tag 7"
                                + " belongs to the host"),
                invalid(
                        "modem flag as string",
                        change("\"modemOwned\" : false", "\"modemOwned\" : \"no\""),
                        "must be true or false (got string)"),
                invalid(
                        "modem flag missing",
                        change(",\n      \"modemOwned\" : false", ""),
                        "missing field 'credentialStore.items[0].modemOwned'"),
                invalid(
                        "duplicate item",
                        change(
                                "} ]",
                                "}, {\"secTag\": 7, \"type\": 4, \"content\": \"eA==\","
                                        + " \"modemOwned\": false} ]"),
                        "credentialStore.items[1] repeats sec_tag 7, type 4 of"
                                + " credentialStore.items[0]"),
                invalid(
                        "duplicate key",
                        change("\"model\"", "\"seed\" : \"00\", \"model\""),
                        "Duplicate field 'seed'"),
                invalid(
                        "truncated",
                        VALID.substring(0, VALID.indexOf("\"items\"")),
                        "the JSON ends early at line 9, column 5, so the file is truncated"),
                invalid(
                        "truncated after value",
                        VALID.substring(0, VALID.indexOf(",\n    \"items\"")),
                        "the JSON ends early at line 8"),
                invalid(
                        "truncated in string",
                        VALID.substring(0, VALID.indexOf(CONTENT_BASE64) + 3),
                        ", so the file is truncated"),
                invalid("not JSON", "seed=5eed\n", "invalid JSON at line 1, column 1: "),
                invalid("empty", "", "the file is empty (expected a JSON object)"),
                invalid("white space only", " \n", "the file is empty"),
                invalid("array", "[1]", "the file must be a JSON object (got array)"),
                invalid("data after object", VALID + "{}", "unexpected data after the JSON object"),
                invalid("garbage after object", VALID + "x", "invalid JSON at line 17"));
    }

    private static String change(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("not in the valid file: " + from);
        }
        return VALID.replace(from, to);
    }

    private static Arguments invalid(String name, String json, String expectedMessagePart) {
        return Arguments.of(name, json, expectedMessagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void decodeRejects(String name, String json, String expectedMessagePart) {
        StateJson.FormatException e =
                assertThrows(
                        StateJson.FormatException.class,
                        () -> StateJson.decode(json.getBytes(UTF_8)));

        assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
        assertFalse(e.getMessage().contains(SEED_HEX), "message quotes the seed");
        assertFalse(e.getMessage().contains(CONTENT_BASE64), "message quotes the content");
        assertFalse(e.getMessage().contains("\n"), "message has more than one line");
    }

    @Test
    void decodeRejectsInvalidUtf8() {
        String text = VALID.replace("mfw_test_1.0", "mfw_test_X");
        byte[] json = text.getBytes(UTF_8);
        json[text.indexOf("mfw_test_X") + 9] = (byte) 0xff;

        StateJson.FormatException e =
                assertThrows(StateJson.FormatException.class, () -> StateJson.decode(json));

        assertTrue(e.getMessage().startsWith("invalid JSON at line 5"), e.getMessage());
    }

    @Test
    void toStringHidesSeed() {
        String text = fullState().toString();

        assertEquals(
                "DeviceState{model=nRF9151, firmwareVersion=mfw_nrf91x1_9.9.9, credentials=3}",
                text);
    }
}
