package io.github.nrf91emu.crypto;

import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reader of PEM blocks (RFC 7468) that keeps each DER to one accepted text.
 *
 * <p>Text outside blocks is skipped. Inside a block, the label and the Base64 body must not contain
 * control characters, and the Base64 must be the canonical form: padded, and with zero unused bits
 * in its last character. Lines may end in LF, CRLF or CR, and spaces and tabs at either end of a
 * body line are ignored. RFC 1421 headers such as Proc-Type are returned, not interpreted. Messages
 * name lines, labels and code points but never body text, which may be a private key.
 */
final class PemText {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** A PEM block: its label, its RFC 1421 headers and its decoded body. */
    record Block(String label, List<Header> headers, byte[] der) {}

    /** An RFC 1421 header line such as {@code Proc-Type: 4,ENCRYPTED}. */
    record Header(String name, String value) {}

    private final String[] lines;
    private int next;

    private PemText(String text) {
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    /**
     * Returns the first block whose label passes {@code isWanted}. Blocks before it are decoded and
     * skipped, so a malformed one fails the search, and text after its END line is not read.
     *
     * @param keyKind the kind of block, such as "private key", for the message when none is found
     */
    static Block firstBlock(String text, Predicate<String> isWanted, String keyKind)
            throws InvalidKeySpecException {
        PemText reader = new PemText(text);
        List<String> skipped = new ArrayList<>();
        for (Block block = reader.nextBlock(); block != null; block = reader.nextBlock()) {
            if (isWanted.test(block.label())) {
                return block;
            }
            skipped.add(block.label());
        }
        throw new InvalidKeySpecException(
                "no "
                        + keyKind
                        + " block in the PEM text (found "
                        + (skipped.isEmpty()
                                ? "no PEM blocks"
                                : "only " + String.join(", ", skipped))
                        + ")");
    }

    /** Reads up to and including the next END line. Returns null when no BEGIN line is left. */
    private Block nextBlock() throws InvalidKeySpecException {
        while (next < lines.length && !lines[next].startsWith(BEGIN)) {
            next++;
        }
        if (next == lines.length) {
            return null;
        }
        int beginLine = next++;
        String label = label(lines[beginLine], beginLine);
        String endLine = END + label + DASHES;

        List<Header> headers = readHeaders();
        StringBuilder body = new StringBuilder();
        while (true) {
            if (next == lines.length || lines[next].startsWith(BEGIN)) {
                throw new InvalidKeySpecException(
                        "invalid PEM text: "
                                + endLine
                                + " not found after line "
                                + (beginLine + 1));
            }
            int lineNumber = next;
            String line = lines[next++];
            if (line.startsWith(END)) {
                if (!stripBlanks(line).equals(endLine)) {
                    throw new InvalidKeySpecException(
                            "invalid PEM text: line "
                                    + (lineNumber + 1)
                                    + " does not match the BEGIN line (expected "
                                    + endLine
                                    + ")");
                }
                return new Block(label, headers, decode(body.toString(), label));
            }
            String content = stripBlanks(line);
            checkNoControlCharacters(content, "Base64 body of " + label, lineNumber);
            body.append(content);
        }
    }

    /** Returns the label of a BEGIN line, which must end in five dashes. */
    private static String label(String line, int lineNumber) throws InvalidKeySpecException {
        String trimmed = stripBlanks(line);
        if (!trimmed.endsWith(DASHES) || trimmed.length() < BEGIN.length() + DASHES.length()) {
            throw new InvalidKeySpecException(
                    "invalid PEM text: BEGIN line "
                            + (lineNumber + 1)
                            + " does not end in five dashes (expected -----BEGIN label-----)");
        }
        String label = trimmed.substring(BEGIN.length(), trimmed.length() - DASHES.length());
        checkNoControlCharacters(label, "label of the BEGIN line", lineNumber);
        return label;
    }

    /**
     * Reads RFC 1421 header lines ({@code Name: value}) at the start of a body and the blank line
     * after them. Base64 text never contains a colon, so the first line without one ends them.
     */
    private List<Header> readHeaders() {
        List<Header> headers = new ArrayList<>();
        while (next < lines.length && lines[next].indexOf(':') > 0) {
            String line = lines[next++];
            int colon = line.indexOf(':');
            headers.add(
                    new Header(
                            line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        if (!headers.isEmpty() && next < lines.length && stripBlanks(lines[next]).isEmpty()) {
            next++;
        }
        return headers;
    }

    private static void checkNoControlCharacters(String text, String part, int lineNumber)
            throws InvalidKeySpecException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidKeySpecException(
                        String.format(
                                "invalid PEM text: control character U+%04X in the %s on line %d",
                                (int) c, part, lineNumber + 1));
            }
        }
    }

    /**
     * Decodes the Base64 body and accepts it only if it is the canonical encoding of the result, so
     * that unused bits and missing or extra padding are rejected.
     */
    private static byte[] decode(String base64, String label) throws InvalidKeySpecException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The JDK's messages name the offending character and its index, not the text.
            throw new InvalidKeySpecException(
                    "invalid PEM text: Base64 body of " + label + " is invalid: " + e.getMessage(),
                    e);
        }
        if (!Base64.getEncoder().encodeToString(der).equals(base64)) {
            throw new InvalidKeySpecException(
                    "invalid PEM text: Base64 body of "
                            + label
                            + " is not in canonical form (expected '=' padding and zero unused"
                            + " bits in the last character)");
        }
        return der;
    }

    /** Strips spaces and tabs, the white space of RFC 7468, from both ends of a line. */
    private static String stripBlanks(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
