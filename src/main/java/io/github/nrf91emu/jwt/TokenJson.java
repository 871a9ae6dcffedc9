package io.github.nrf91emu.jwt;

import java.nio.charset.StandardCharsets;

/**
 * The compact JSON of the header and the payload of a modem token, written straight into byte
 * arrays in the key order of a real nRF9160. Like the modem, it ends each JSON text with ASCII
 * spaces up to a length that is a multiple of 3, so its Base64Url form needs no padding.
 *
 * <p>Strings are escaped as RFC 8259 §7 requires and no further. A backslash goes before {@code "}
 * and {@code \}. A control byte below 0x20 becomes its short escape {@code \b \f \n \r \t}, or else
 * a backslash, {@code u00} and two lower-case hex digits. Every other byte, 0x7F and the bytes of
 * multi-byte UTF-8 included, is copied as is.
 */
final class TokenJson {
    private static final byte[] HEADER_BEFORE_KID =
            ascii("{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"");
    private static final byte[] HEADER_AFTER_KID = ascii("\"}");

    private static final byte[] ISS = ascii("{\"iss\":\"");
    private static final byte[] JTI = ascii("\",\"jti\":\"");
    private static final byte[] IAT = ascii(",\"iat\":");
    private static final byte[] EXP = ascii(",\"exp\":");
    private static final byte[] SUB = ascii(",\"sub\":\"");
    private static final byte[] AUD = ascii(",\"aud\":\"");

    private static final byte[] HEX_DIGITS = ascii("0123456789abcdef");

    /**
     * For each byte value: 0 if the byte is copied as is, otherwise the character that follows the
     * backslash of its escape. The character {@code u} stands for the six-byte escape with {@code
     * u00} and two hex digits.
     */
    private static final byte[] ESCAPES = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\t'] = 't';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private TokenJson() {}

    /** Returns the padded header {@code {"typ":"JWT","alg":"ES256","kid":"<kid>"}}. */
    static byte[] header(String kid) {
        byte[] kidBytes = kid.getBytes(StandardCharsets.UTF_8);
        long length = HEADER_BEFORE_KID.length + escapedLength(kidBytes) + HEADER_AFTER_KID.length;
        byte[] out = new byte[(int) paddedLength(length)];

        int pos = put(HEADER_BEFORE_KID, out, 0);
        pos = putString(kidBytes, out, pos);
        pos = put(HEADER_AFTER_KID, out, pos);
        padWithSpaces(out, pos);
        return out;
    }

    /**
     * Returns the length of the payload JSON of {@code claims} after padding. The result is a
     * {@code long} because escaping can make the JSON up to six times longer than the claims.
     */
    static long paddedPayloadLength(ModemJwtClaims claims) {
        long length = ISS.length + escapedLength(claims.issuerUtf8());
        length += JTI.length + escapedLength(claims.jwtIdUtf8()) + 1;
        if (claims.hasTimes()) {
            length += IAT.length + decimalLength(claims.issuedAtSeconds());
            length += EXP.length + decimalLength(claims.expiresAtSeconds());
        }
        if (claims.hasSubject()) {
            length += SUB.length + escapedLength(claims.subjectUtf8()) + 1;
        }
        if (claims.hasAudience()) {
            length += AUD.length + escapedLength(claims.audienceUtf8()) + 1;
        }
        return paddedLength(length + 1);
    }

    /**
     * Writes the payload JSON with the claims in the modem's order {@code iss, jti, iat, exp, sub,
     * aud}, leaving out absent claims, and pads it.
     *
     * @param paddedLength the value of {@link #paddedPayloadLength} for the same claims
     */
    static byte[] payload(ModemJwtClaims claims, int paddedLength) {
        byte[] out = new byte[paddedLength];
        int pos = put(ISS, out, 0);
        pos = putString(claims.issuerUtf8(), out, pos);
        pos = put(JTI, out, pos);
        pos = putString(claims.jwtIdUtf8(), out, pos);
        out[pos++] = '"';

        if (claims.hasTimes()) {
            pos = put(IAT, out, pos);
            pos = putDecimal(claims.issuedAtSeconds(), out, pos);
            pos = put(EXP, out, pos);
            pos = putDecimal(claims.expiresAtSeconds(), out, pos);
        }
        if (claims.hasSubject()) {
            pos = put(SUB, out, pos);
            pos = putString(claims.subjectUtf8(), out, pos);
            out[pos++] = '"';
        }
        if (claims.hasAudience()) {
            pos = put(AUD, out, pos);
            pos = putString(claims.audienceUtf8(), out, pos);
            out[pos++] = '"';
        }

        out[pos++] = '}';
        padWithSpaces(out, pos);
        return out;
    }

    /** Rounds a length up to the next multiple of 3. */
    static long paddedLength(long length) {
        return (length + 2) / 3 * 3;
    }

    private static long escapedLength(byte[] value) {
        long length = value.length;
        for (byte b : value) {
            byte escape = ESCAPES[b & 0xFF];
            if (escape == 'u') {
                length += 5;
            } else if (escape != 0) {
                length += 1;
            }
        }
        return length;
    }

    /** Copies {@code value} escaped, without the surrounding quotes. Returns the next position. */
    private static int putString(byte[] value, byte[] out, int pos) {
        int runStart = 0;
        for (int i = 0; i < value.length; i++) {
            byte escape = ESCAPES[value[i] & 0xFF];
            if (escape == 0) {
                continue;
            }
            int runLength = i - runStart;
            System.arraycopy(value, runStart, out, pos, runLength);
            pos += runLength;
            pos = putEscape(value[i], escape, out, pos);
            runStart = i + 1;
        }
        int runLength = value.length - runStart;
        System.arraycopy(value, runStart, out, pos, runLength);
        return pos + runLength;
    }

    private static int putEscape(byte b, byte escape, byte[] out, int pos) {
        out[pos++] = '\\';
        out[pos++] = escape;
        if (escape == 'u') {
            out[pos++] = '0';
            out[pos++] = '0';
            out[pos++] = HEX_DIGITS[(b >>> 4) & 0xF];
            out[pos++] = HEX_DIGITS[b & 0xF];
        }
        return pos;
    }

    /** Returns the number of decimal digits of a value that is 0 or more. */
    private static int decimalLength(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    /** Writes a value that is 0 or more in decimal digits. Returns the next position. */
    private static int putDecimal(long value, byte[] out, int pos) {
        int end = pos + decimalLength(value);
        for (int i = end - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    private static int put(byte[] constant, byte[] out, int pos) {
        System.arraycopy(constant, 0, out, pos, constant.length);
        return pos + constant.length;
    }

    private static void padWithSpaces(byte[] out, int from) {
        for (int i = from; i < out.length; i++) {
            out[i] = ' ';
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
