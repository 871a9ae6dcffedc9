package io.github.nrf91emu.jwt;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 encoding of claim text, and the well-formedness check of RFC 3629 §4 with the byte ranges
 * of Unicode Table 3-7. The check rejects overlong forms, the surrogates U+D800 to U+DFFF and code
 * points above U+10FFFF.
 */
final class Utf8 {
    private Utf8() {}

    /**
     * Encodes text as UTF-8. Unlike {@link String#getBytes}, which replaces an unpaired surrogate
     * with {@code ?}, this writes it as its 3-byte form {@code ED A0..BF 80..BF}, so that {@link
     * #checkWellFormed} rejects it at its byte offset.
     */
    static byte[] encode(String text) {
        int length = text.length();
        int encodedLength = encodedLength(text);
        if (encodedLength == length) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }

        byte[] out = new byte[encodedLength];
        int pos = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | c >>> 6);
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (isSurrogatePair(text, i)) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                out[pos++] = (byte) (0xF0 | codePoint >>> 18);
                out[pos++] = (byte) (0x80 | ((codePoint >>> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((codePoint >>> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                out[pos++] = (byte) (0xE0 | c >>> 12);
                out[pos++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    private static int encodedLength(String text) {
        int length = text.length();
        int encodedLength = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x800) {
                // 3 bytes for one char, or 4 bytes for a surrogate pair of two chars.
                encodedLength += 2;
                if (isSurrogatePair(text, i)) {
                    i++;
                }
            } else if (c >= 0x80) {
                encodedLength += 1;
            }
        }
        return encodedLength;
    }

    private static boolean isSurrogatePair(String text, int index) {
        return Character.isHighSurrogate(text.charAt(index))
                && index + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(index + 1));
    }

    /**
     * Checks that {@code bytes} is well-formed UTF-8.
     *
     * @param claim the JSON name of the claim, for the exception message
     * @throws InvalidClaimException at the first ill-formed sequence, naming the claim, the offset
     *     of the sequence's first byte and what is wrong with it
     */
    static void checkWellFormed(String claim, byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] >= 0) {
                i++;
            } else {
                i = checkSequence(claim, bytes, i);
            }
        }
    }

    /**
     * Checks the multi-byte sequence that starts at {@code start} and returns the index after it.
     */
    private static int checkSequence(String claim, byte[] bytes, int start) {
        int lead = bytes[start] & 0xFF;
        int continuationCount;
        // The second byte of some sequences has a narrower range than 80..BF (Unicode Table 3-7).
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead < 0xC0) {
            throw invalid(claim, start, "continuation byte " + hex(lead) + " without a lead byte");
        } else if (lead < 0xC2) {
            throw invalid(claim, start, "byte " + hex(lead) + " starts an overlong encoding");
        } else if (lead < 0xE0) {
            continuationCount = 1;
        } else if (lead < 0xF0) {
            continuationCount = 2;
            secondMin = lead == 0xE0 ? 0xA0 : 0x80;
            secondMax = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead < 0xF5) {
            continuationCount = 3;
            secondMin = lead == 0xF0 ? 0x90 : 0x80;
            secondMax = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw invalid(claim, start, "byte " + hex(lead) + " never occurs in UTF-8");
        }

        for (int k = 1; k <= continuationCount; k++) {
            int index = start + k;
            if (index >= bytes.length) {
                throw truncated(
                        claim,
                        start,
                        lead,
                        continuationCount,
                        "the value ends after " + (k - 1) + " of them");
            }
            int next = bytes[index] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                String cause = "byte " + hex(next) + " at offset " + index + " is not one";
                throw truncated(claim, start, lead, continuationCount, cause);
            }
            if (k == 1 && (next < secondMin || next > secondMax)) {
                throw invalid(claim, start, restrictedRangeReason(lead, next));
            }
        }
        return start + continuationCount + 1;
    }

    /** Names the rule that a continuation byte after E0, ED, F0 or F4 breaks. */
    private static String restrictedRangeReason(int lead, int second) {
        String pair = "bytes " + hex(lead) + " " + hex(second);
        if (lead == 0xE0 || lead == 0xF0) {
            return pair + " start an overlong encoding";
        }
        if (lead == 0xED) {
            return pair + " start a UTF-16 surrogate (U+D800 to U+DFFF), which UTF-8 excludes";
        }
        return pair + " start a code point above U+10FFFF";
    }

    private static InvalidClaimException truncated(
            String claim, int start, int lead, int continuationCount, String cause) {
        String reason =
                "lead byte "
                        + hex(lead)
                        + " needs "
                        + continuationCount
                        + (continuationCount == 1 ? " continuation byte" : " continuation bytes")
                        + " (0x80 to 0xBF), but "
                        + cause;
        return invalid(claim, start, reason);
    }

    private static InvalidClaimException invalid(String claim, int offset, String reason) {
        String message =
                "invalid UTF-8 in claim "
                        + claim
                        + " at byte offset "
                        + offset
                        + ": "
                        + reason
                        + " (expected well-formed UTF-8, RFC 3629)";
        return new InvalidClaimException(claim, offset, message);
    }

    private static String hex(int value) {
        return "0x"
                + Character.toUpperCase(Character.forDigit(value >>> 4, 16))
                + Character.toUpperCase(Character.forDigit(value & 0xF, 16));
    }
}
