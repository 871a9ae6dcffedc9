package io.github.nrf91emu.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Base64Url without padding: the RFC 4648 §5 alphabet with every trailing {@code =} left out, as
 * JWS segments use it (RFC 7515 §2).
 *
 * <p>The decoder is strict, so every byte string has exactly one accepted text. It rejects padding,
 * white space and line breaks, every character outside {@code A-Z a-z 0-9 - _}, a length that is 1
 * mod 4, and a last character whose unused low bits are not zero (RFC 4648 §3.5). Error messages
 * name the index and the code point of the first offending character.
 *
 * <p>Both directions index lookup tables with the data, so they do not run in constant time. JWS
 * segments are public, but do not pass secrets through this class where timing matters. The class
 * is stateless and thread-safe. Null arguments throw {@link NullPointerException}.
 */
public final class Base64Url {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                    .getBytes(StandardCharsets.US_ASCII);

    private static final String EXPECTED_CHARACTERS =
            "(expected A-Z, a-z, 0-9, '-' or '_', no padding)";

    /** The 6-bit value of each ASCII code, or -1 for a code outside the alphabet. */
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int value = 0; value < ALPHABET.length; value++) {
            VALUES[ALPHABET[value]] = value;
        }
    }

    private Base64Url() {}

    /** Encodes bytes as Base64Url without padding. */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        return encode(data, 0, data.length);
    }

    /**
     * Encodes {@code length} bytes of {@code data}, starting at {@code offset}, as Base64Url
     * without padding.
     *
     * @throws IndexOutOfBoundsException if the range does not lie within {@code data}
     */
    public static String encode(byte[] data, int offset, int length) {
        return new String(encodeToAscii(data, offset, length), StandardCharsets.US_ASCII);
    }

    /**
     * Encodes bytes as Base64Url without padding and returns the text as ASCII bytes, ready to
     * write to a stream or to join into a JWS signing input.
     */
    public static byte[] encodeToAscii(byte[] data) {
        Objects.requireNonNull(data, "data");
        return encodeToAscii(data, 0, data.length);
    }

    /**
     * Encodes {@code length} bytes of {@code data}, starting at {@code offset}, as Base64Url
     * without padding, and returns the text as ASCII bytes.
     *
     * @throws IndexOutOfBoundsException if the range does not lie within {@code data}
     */
    public static byte[] encodeToAscii(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);

        byte[] out = new byte[encodedLength(length)];
        int in = offset;
        int fullGroupsEnd = offset + length - length % 3;
        int pos = 0;
        while (in < fullGroupsEnd) {
            int bits = (data[in] & 0xFF) << 16 | (data[in + 1] & 0xFF) << 8 | (data[in + 2] & 0xFF);
            in += 3;
            out[pos++] = ALPHABET[bits >>> 18];
            out[pos++] = ALPHABET[(bits >>> 12) & 0x3F];
            out[pos++] = ALPHABET[(bits >>> 6) & 0x3F];
            out[pos++] = ALPHABET[bits & 0x3F];
        }

        encodeTail(data, in, length % 3, out, pos);
        return out;
    }

    /** Encodes the last 1 or 2 bytes into 2 or 3 characters. A tail of 0 bytes writes nothing. */
    private static void encodeTail(byte[] data, int in, int tailLength, byte[] out, int pos) {
        if (tailLength == 1) {
            int bits = data[in] & 0xFF;
            out[pos] = ALPHABET[bits >>> 2];
            out[pos + 1] = ALPHABET[(bits << 4) & 0x3F];
        } else if (tailLength == 2) {
            int bits = (data[in] & 0xFF) << 8 | (data[in + 1] & 0xFF);
            out[pos] = ALPHABET[bits >>> 10];
            out[pos + 1] = ALPHABET[(bits >>> 4) & 0x3F];
            out[pos + 2] = ALPHABET[(bits << 2) & 0x3F];
        }
    }

    /** Returns ceil(4 * byteCount / 3), the unpadded length, computed without int overflow. */
    private static int encodedLength(int byteCount) {
        long characters = (4L * byteCount + 2) / 3;
        if (characters > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "input too long to encode: "
                            + byteCount
                            + " bytes need "
                            + characters
                            + " Base64Url characters (maximum "
                            + Integer.MAX_VALUE
                            + ")");
        }
        return (int) characters;
    }

    /**
     * Decodes unpadded Base64Url text strictly.
     *
     * @param text the Base64Url characters, with no padding, white space or line breaks
     * @return the decoded bytes, empty for empty text
     * @throws IllegalArgumentException if {@code text} contains a character outside {@code A-Z a-z
     *     0-9 - _} (padding included), if its length is 1 mod 4, or if the unused low bits of its
     *     last character are not zero; the message names the index of the offending character
     */
    public static byte[] decode(CharSequence text) {
        Objects.requireNonNull(text, "text");
        int length = text.length();
        int tailLength = length & 3;
        if (tailLength == 1) {
            throw invalidLength(text);
        }

        byte[] out = new byte[(int) ((3L * length) >>> 2)];
        int fullGroupsEnd = length - tailLength;
        int pos = 0;
        for (int i = 0; i < fullGroupsEnd; i += 4) {
            int a = valueAt(text, i);
            int b = valueAt(text, i + 1);
            int c = valueAt(text, i + 2);
            int d = valueAt(text, i + 3);
            if ((a | b | c | d) < 0) {
                throw invalidCharacter(text, i);
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[pos++] = (byte) (bits >>> 16);
            out[pos++] = (byte) (bits >>> 8);
            out[pos++] = (byte) bits;
        }

        decodeTail(text, fullGroupsEnd, tailLength, out, pos);
        return out;
    }

    /**
     * Decodes a last group of 2 or 3 characters into 1 or 2 bytes, rejecting set unused bits. A
     * tail of 0 characters writes nothing.
     */
    private static void decodeTail(
            CharSequence text, int start, int tailLength, byte[] out, int pos) {
        if (tailLength == 2) {
            int a = valueAt(text, start);
            int b = valueAt(text, start + 1);
            if ((a | b) < 0) {
                throw invalidCharacter(text, start);
            }
            if ((b & 0xF) != 0) {
                throw nonCanonical(text, start + 1, b, 0xF);
            }
            out[pos] = (byte) (a << 2 | b >>> 4);
        } else if (tailLength == 3) {
            int a = valueAt(text, start);
            int b = valueAt(text, start + 1);
            int c = valueAt(text, start + 2);
            if ((a | b | c) < 0) {
                throw invalidCharacter(text, start);
            }
            if ((c & 0x3) != 0) {
                throw nonCanonical(text, start + 2, c, 0x3);
            }
            int bits = a << 12 | b << 6 | c;
            out[pos] = (byte) (bits >>> 10);
            out[pos + 1] = (byte) (bits >>> 2);
        }
    }

    /** Returns the 6-bit value of the char at {@code index}, or a negative number if invalid. */
    private static int valueAt(CharSequence text, int index) {
        char c = text.charAt(index);
        // (127 - c) >> 31 is -1 for every char above 127 and 0 otherwise, so the one table
        // lookup also rejects non-ASCII chars whose low 7 bits match an alphabet character.
        return VALUES[c & 0x7F] | ((127 - c) >> 31);
    }

    private static IllegalArgumentException invalidCharacter(CharSequence text, int from) {
        int index = from;
        while (valueAt(text, index) >= 0) {
            index++;
        }
        return new IllegalArgumentException(
                "invalid Base64Url character "
                        + describe(text, index)
                        + " at index "
                        + index
                        + " "
                        + EXPECTED_CHARACTERS);
    }

    /**
     * Builds the exception for a length that is 1 mod 4. An invalid character, when the text has
     * one, is reported in its place because it is the likelier cause.
     */
    private static IllegalArgumentException invalidLength(CharSequence text) {
        int length = text.length();
        for (int index = 0; index < length; index++) {
            if (valueAt(text, index) < 0) {
                return invalidCharacter(text, index);
            }
        }
        return new IllegalArgumentException(
                "invalid Base64Url length "
                        + length
                        + " (length mod 4 is 1): the lone last character at index "
                        + (length - 1)
                        + " encodes no whole byte, so the text may be truncated");
    }

    private static IllegalArgumentException nonCanonical(
            CharSequence text, int index, int value, int unusedBitsMask) {
        int unusedBits = Integer.bitCount(unusedBitsMask);
        char canonical = (char) ALPHABET[value & ~unusedBitsMask];
        return new IllegalArgumentException(
                "non-canonical Base64Url character "
                        + describe(text, index)
                        + " at index "
                        + index
                        + ": its low "
                        + unusedBits
                        + " bits are unused and must be zero (expected '"
                        + canonical
                        + "' there)");
    }

    /**
     * Formats the code point at {@code index} as {@code U+XXXX}, followed by the character in
     * quotes only when it is printable ASCII, so control and look-alike characters stay visible.
     */
    private static String describe(CharSequence text, int index) {
        int codePoint = Character.codePointAt(text, index);
        String name = String.format("U+%04X", codePoint);
        if (codePoint >= 0x20 && codePoint <= 0x7E) {
            return name + " '" + (char) codePoint + "'";
        }
        return name;
    }
}
