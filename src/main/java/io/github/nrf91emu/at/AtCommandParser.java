package io.github.nrf91emu.at;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one framed command line, without its line end, into extended commands.
 *
 * <p>Grammar (ITU-T V.250 §5.4, as the nRF91 modem applies it):
 *
 * <pre>
 * line      = ws* ("AT" | "at" | "At" | "aT") ws* [command (ws* ";" ws* command)* [";"]] ws*
 * command   = ("+" | "%" | "#") alnum+ ("=?" | "?" | "=" parameters | "")
 * parameters = parameter ("," parameter)*
 * parameter = ws* [quoted | token] ws*
 * quoted    = '"' any byte but '"' * '"'      (no escapes; CR and LF allowed)
 * token     = printable ASCII but , ; " and space, one or more
 * </pre>
 *
 * A token of an optional sign and digits is {@link AtParameter.Numeric}, any other token {@link
 * AtParameter.Unquoted}. {@code ws} is space or tab. Command names are returned in upper case. A
 * bare {@code AT} parses to no commands. The parser is stateless and thread-safe.
 */
public final class AtCommandParser {
    /** Maximum length of a command line the modem accepts, in bytes, without the line end. */
    public static final int MAX_LINE_LENGTH = 4096;

    private AtCommandParser() {}

    /**
     * Parses a command line.
     *
     * @param line the bytes of the line, without CR or LF at its end
     * @return the commands in the order written; empty for a bare {@code AT}
     * @throws AtSyntaxException if the line is longer than {@link #MAX_LINE_LENGTH} or breaks the
     *     grammar above
     */
    public static List<AtCommand> parse(byte[] line) throws AtSyntaxException {
        if (line.length > MAX_LINE_LENGTH) {
            throw new AtSyntaxException(
                    "line too long: " + line.length + " bytes (max " + MAX_LINE_LENGTH + ")",
                    MAX_LINE_LENGTH);
        }
        return new Cursor(line).parseLine();
    }

    /** Parse position in one line; one instance per parse. */
    private static final class Cursor {
        private final byte[] line;
        private int pos;

        Cursor(byte[] line) {
            this.line = line;
        }

        List<AtCommand> parseLine() throws AtSyntaxException {
            skipWhitespace();
            if (!matchIgnoreCase('A') || !matchIgnoreCase('T')) {
                throw new AtSyntaxException("line does not start with AT", pos);
            }
            List<AtCommand> commands = new ArrayList<>();
            skipWhitespace();
            while (!atEnd()) {
                commands.add(parseCommand());
                skipWhitespace();
                if (atEnd()) {
                    break;
                }
                expect(';', "';' or end of line");
                skipWhitespace();
            }
            return commands;
        }

        private AtCommand parseCommand() throws AtSyntaxException {
            int start = pos;
            if (atEnd() || "+%#".indexOf(line[pos]) < 0) {
                throw new AtSyntaxException("command name must start with +, % or #", pos);
            }
            pos++;
            while (!atEnd() && isAlphanumeric(line[pos])) {
                pos++;
            }
            if (pos == start + 1) {
                throw new AtSyntaxException("command name has no letters or digits", pos);
            }
            String name = ascii(start, pos).toUpperCase(java.util.Locale.ROOT);

            if (match('=')) {
                if (match('?')) {
                    return new AtCommand(name, AtForm.TEST, List.of());
                }
                return new AtCommand(name, AtForm.SET, parseParameters());
            }
            if (match('?')) {
                return new AtCommand(name, AtForm.READ, List.of());
            }
            return new AtCommand(name, AtForm.EXECUTE, List.of());
        }

        private List<AtParameter> parseParameters() throws AtSyntaxException {
            List<AtParameter> parameters = new ArrayList<>();
            while (true) {
                skipWhitespace();
                parameters.add(parseParameter());
                skipWhitespace();
                if (!match(',')) {
                    return parameters;
                }
            }
        }

        private AtParameter parseParameter() throws AtSyntaxException {
            if (match('"')) {
                int start = pos;
                while (!atEnd() && line[pos] != '"') {
                    pos++;
                }
                if (atEnd()) {
                    throw new AtSyntaxException("unterminated quoted string", start - 1);
                }
                byte[] content = Arrays.copyOfRange(line, start, pos);
                pos++;
                return new AtParameter.Quoted(content);
            }
            int start = pos;
            while (!atEnd() && isTokenByte(line[pos])) {
                pos++;
            }
            if (pos == start) {
                if (!atEnd() && line[pos] != ',' && line[pos] != ';') {
                    throw new AtSyntaxException(
                            "unexpected byte 0x" + Integer.toHexString(line[pos] & 0xff), pos);
                }
                return new AtParameter.Empty();
            }
            String token = ascii(start, pos);
            return isNumber(token)
                    ? new AtParameter.Numeric(token)
                    : new AtParameter.Unquoted(token);
        }

        private static boolean isNumber(String token) {
            int first = token.charAt(0) == '+' || token.charAt(0) == '-' ? 1 : 0;
            if (first == token.length()) {
                return false;
            }
            for (int i = first; i < token.length(); i++) {
                if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isTokenByte(byte b) {
            return b > ' ' && b < 0x7f && b != ',' && b != ';' && b != '"';
        }

        private static boolean isAlphanumeric(byte b) {
            return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
        }

        private void expect(char expected, String what) throws AtSyntaxException {
            if (!match(expected)) {
                throw new AtSyntaxException(
                        "expected "
                                + what
                                + " but found byte 0x"
                                + Integer.toHexString(line[pos] & 0xff),
                        pos);
            }
        }

        private boolean match(char expected) {
            if (!atEnd() && line[pos] == expected) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean matchIgnoreCase(char upper) {
            if (!atEnd() && (line[pos] == upper || line[pos] == Character.toLowerCase(upper))) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipWhitespace() {
            while (!atEnd() && (line[pos] == ' ' || line[pos] == '\t')) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= line.length;
        }

        private String ascii(int from, int to) {
            return new String(line, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
