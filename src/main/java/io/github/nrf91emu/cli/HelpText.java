package io.github.nrf91emu.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Formats the {@code --help} output at 80 columns: a usage line, the description, one entry for
 * each option with its argument label and description, and the exit status. The entries follow the
 * definition order. The usage line lists the short options first, then flags, then options with a
 * value, each group in alphabetical order.
 *
 * <p>Own code rather than Commons CLI's help formatters (1.11.0): they put angle brackets around
 * every argument label, so {@code [<host>:]<port>} would print as {@code <[<host>:]<port>>}, and
 * the newer {@code org.apache.commons.cli.help.HelpFormatter} took about twice as long as this
 * class in a new JVM.
 */
final class HelpText {
    static final int WIDTH = 80;

    private static final String DESCRIPTION =
            "Emulates the AT command interface of an nRF91 modem. Reads AT command lines from"
                    + " standard input and writes the modem's responses to standard output, or"
                    + " serves the modem over TCP with --listen. Logs go to standard error.";

    private static final String EXIT_STATUS =
            "Exit status: 0 on success, 1 on a failure while running, 2 on an invalid option.";

    /** Column where option descriptions start. Their further lines start 2 columns further in. */
    private static final int DESCRIPTION_COLUMN = 29;

    private static final int CONTINUATION_INDENT = 2;

    /** Minimum gap between an option's label and its description on the same line. */
    private static final int MIN_GAP = 2;

    private HelpText() {}

    static String format(Options options) {
        StringBuilder text = new StringBuilder(4096);
        String usagePrefix = "Usage: " + CliOptions.COMMAND_NAME + " ";
        text.append(usagePrefix);
        appendWrapped(text, synopsis(options), usagePrefix.length(), usagePrefix.length());
        appendWrapped(text, DESCRIPTION, 0, 0);
        for (Option option : options.getOptions()) {
            appendOption(text, option);
        }
        text.append('\n');
        appendWrapped(text, EXIT_STATUS, 0, 0);
        return text.toString();
    }

    /**
     * Returns the usage synopsis, such as {@code [-hV] [--cmee] [--seed=<n>]
     * [--disable=<command>]...}.
     */
    private static String synopsis(Options options) {
        StringBuilder shortOptions = new StringBuilder();
        List<String> flags = new ArrayList<>();
        List<String> valueOptions = new ArrayList<>();
        List<String> repeatableOptions = new ArrayList<>();
        for (Option option : options.getOptions()) {
            if (option.getOpt() != null) {
                shortOptions.append(option.getOpt());
            } else if (!option.hasArg()) {
                flags.add("[" + longLabel(option) + "]");
            } else if (CliOptions.isRepeatable(option)) {
                repeatableOptions.add("[" + longLabel(option) + "]...");
            } else {
                valueOptions.add("[" + longLabel(option) + "]");
            }
        }
        StringBuilder synopsis = new StringBuilder();
        if (shortOptions.length() > 0) {
            synopsis.append("[-").append(shortOptions).append(']');
        }
        appendSorted(synopsis, flags);
        appendSorted(synopsis, valueOptions);
        appendSorted(synopsis, repeatableOptions);
        return synopsis.toString();
    }

    private static void appendSorted(StringBuilder synopsis, List<String> items) {
        String[] sorted = items.toArray(new String[0]);
        Arrays.sort(sorted);
        for (String item : sorted) {
            if (synopsis.length() > 0) {
                synopsis.append(' ');
            }
            synopsis.append(item);
        }
    }

    /**
     * Appends one option: its names and argument label, then its description from {@link
     * #DESCRIPTION_COLUMN}, or from the next line when the label leaves no room.
     */
    private static void appendOption(StringBuilder text, Option option) {
        String label =
                option.getOpt() != null
                        ? "  -" + option.getOpt() + ", " + longLabel(option)
                        : "      " + longLabel(option);
        text.append(label);
        if (label.length() + MIN_GAP <= DESCRIPTION_COLUMN) {
            appendSpaces(text, DESCRIPTION_COLUMN - label.length());
        } else {
            text.append('\n');
            appendSpaces(text, DESCRIPTION_COLUMN);
        }
        appendWrapped(
                text,
                option.getDescription(),
                DESCRIPTION_COLUMN,
                DESCRIPTION_COLUMN + CONTINUATION_INDENT);
    }

    /** Returns the long name with its argument label, such as {@code --seed=<n>}. */
    private static String longLabel(Option option) {
        String name = "--" + option.getLongOpt();
        return option.hasArg() ? name + "=" + option.getArgName() : name;
    }

    /**
     * Appends {@code words} wrapped at {@link #WIDTH} columns, then a line end. The caller has
     * already filled {@code column} columns of the current line, and further lines start with
     * {@code indent} spaces. A word longer than a line stays whole.
     */
    private static void appendWrapped(StringBuilder text, String words, int column, int indent) {
        int position = column;
        boolean lineEmpty = true;
        int start = 0;
        while (start < words.length()) {
            int end = words.indexOf(' ', start);
            if (end < 0) {
                end = words.length();
            }
            if (end > start) {
                int wordLength = end - start;
                if (!lineEmpty && position + 1 + wordLength > WIDTH) {
                    text.append('\n');
                    appendSpaces(text, indent);
                    position = indent;
                    lineEmpty = true;
                }
                if (!lineEmpty) {
                    text.append(' ');
                    position++;
                }
                text.append(words, start, end);
                position += wordLength;
                lineEmpty = false;
            }
            start = end + 1;
        }
        text.append('\n');
    }

    private static void appendSpaces(StringBuilder text, int count) {
        for (int i = 0; i < count; i++) {
            text.append(' ');
        }
    }
}
