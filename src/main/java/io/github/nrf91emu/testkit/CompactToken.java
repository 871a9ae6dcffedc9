package io.github.nrf91emu.testkit;

import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.nio.charset.StandardCharsets;

/** The three Base64Url segments of a JWS in compact serialization (RFC 7515 §7.1). */
record CompactToken(String headerSegment, String payloadSegment, String signatureSegment) {

    /**
     * Splits a token at its two dots. Segments may be empty here, and {@link #decode} rejects what
     * an empty segment cannot encode.
     *
     * @throws TokenRejectedException with {@link Reason#MALFORMED} unless there are exactly two
     *     dots
     */
    static CompactToken split(String token) throws TokenRejectedException {
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new TokenRejectedException(
                    Reason.MALFORMED,
                    "token has "
                            + countDots(token)
                            + " dots (expected 2: header.payload.signature)");
        }
        return new CompactToken(
                token.substring(0, firstDot),
                token.substring(firstDot + 1, secondDot),
                token.substring(secondDot + 1));
    }

    /** Returns the JWS signing input {@code header.payload} as ASCII bytes. */
    byte[] signingInput() {
        return (headerSegment + "." + payloadSegment).getBytes(StandardCharsets.US_ASCII);
    }

    /** Joins the segments with dots into a compact token. */
    String join() {
        return headerSegment + "." + payloadSegment + "." + signatureSegment;
    }

    /**
     * Decodes one segment as strict Base64Url: no padding, no characters outside {@code A-Z a-z 0-9
     * - _}, and zero unused bits in the last character.
     *
     * @param name the segment's name for the message: header, payload or signature
     * @throws TokenRejectedException with {@link Reason#MALFORMED} if the segment is not strict
     *     Base64Url
     */
    static byte[] decode(String segment, String name) throws TokenRejectedException {
        try {
            return Base64Url.decode(segment);
        } catch (IllegalArgumentException e) {
            // Base64Url's messages name the index and code point of one character, never the text.
            throw new TokenRejectedException(
                    Reason.MALFORMED, name + " segment is not valid Base64Url: " + e.getMessage());
        }
    }

    private static int countDots(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
    }
}
