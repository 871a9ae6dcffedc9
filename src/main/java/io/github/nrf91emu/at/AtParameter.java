package io.github.nrf91emu.at;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One parameter of a set command, as it stood between commas. The parser only sorts parameters into
 * these shapes; each command decides which shapes and values it accepts.
 */
public sealed interface AtParameter {

    /** An empty parameter, as in {@code AT%JWT=,,} or {@code AT%JWT=0,}. */
    record Empty() implements AtParameter {}

    /**
     * A number: an optional sign followed by decimal digits, kept as written so that a command can
     * tell an out-of-range value from a malformed one.
     */
    record Numeric(String text) implements AtParameter {
        /**
         * Returns the value if it lies in {@code min..max}, otherwise {@code null}. Values too
         * large for a {@code long} are out of range too.
         */
        public Long valueIn(long min, long max) {
            try {
                long value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                return value >= min && value <= max ? value : null;
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
    }

    /**
     * A quoted string: the bytes between the two quotes, exactly as they arrived. AT strings have
     * no escape mechanism, so the content never contains a quote but may contain CR, LF and bytes
     * that are not UTF-8.
     */
    record Quoted(byte[] bytes) implements AtParameter {
        public Quoted {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** Returns the content decoded as UTF-8, with malformed input replaced. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Quoted quoted && Arrays.equals(bytes, quoted.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Quoted[" + bytes.length + " bytes]";
        }
    }

    /**
     * A bare token that is neither a number nor quoted, such as {@code abc} in {@code
     * AT%JWT=0,0,abc}. It is kept so that a command can report its own parameter error.
     */
    record Unquoted(String text) implements AtParameter {}
}
