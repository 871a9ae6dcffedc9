package io.github.nrf91emu.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the token of an {@code AT%JWT} response, as device software does. */
final class JwtResponses {
    /** {@code %JWT: "<token>"} and {@code OK}, each line ending in CR LF. */
    private static final Pattern RESPONSE = Pattern.compile("%JWT: \"([^\"]*)\"\r\nOK\r\n");

    private JwtResponses() {}

    /** Returns the token of a {@code %JWT} response, failing the test for any other response. */
    static String tokenOf(String response) {
        Matcher matcher = RESPONSE.matcher(response);
        assertTrue(matcher.matches(), () -> "not a %JWT response: " + response);
        return matcher.group(1);
    }
}
