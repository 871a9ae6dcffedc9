package io.github.nrf91emu.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the token of an {@code AT%JWT} response for the tests of the JUnit extension. */
final class TokenResponses {
    private static final Pattern RESPONSE =
            Pattern.compile(
                    "%JWT: \"([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{86})\"\r\nOK\r\n");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenResponses() {}

    /** Returns the token of a {@code %JWT} response, failing unless the response has that form. */
    static String token(String response) {
        Matcher matcher = RESPONSE.matcher(response);
        assertTrue(matcher.matches(), "not a %JWT response: " + response);
        return matcher.group(1);
    }

    /** Returns the claims of the token in a {@code %JWT} response. */
    static JsonNode claims(String response) throws IOException {
        String payload = token(response).split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }

    /** Joins lines with CR LF after each, as the modem writes them. */
    static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }
}
