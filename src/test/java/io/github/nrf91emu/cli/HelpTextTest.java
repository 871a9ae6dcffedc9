package io.github.nrf91emu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;

/** Tests of {@link HelpText}: layout, and one entry for every option. */
class HelpTextTest {
    private static final String HELP = HelpText.format(CliOptions.definitions());
    private static final List<String> LINES = HELP.lines().toList();

    @Test
    void format_startsWithUsageSynopsis() {
        assertEquals(
                "Usage: nrf91-at-emulator [-hV] [--cmee] [--identity] [--time-unknown]",
                LINES.get(0));
        assertEquals(
                "                         [--state=<file>] [--disable=<command>]...",
                LINES.get(4),
                HELP);
    }

    @Test
    void format_linesFitWidth() {
        for (String line : LINES) {
            assertTrue(line.length() <= HelpText.WIDTH, "longer than 80 columns: " + line);
            assertTrue(line.isEmpty() || !line.endsWith(" "), "trailing space: '" + line + "'");
        }
    }

    @Test
    void format_listsEveryOptionWithDescription() {
        for (Option option : CliOptions.definitions().getOptions()) {
            String label = "--" + option.getLongOpt();
            if (option.hasArg()) {
                label += "=" + option.getArgName();
            }
            if (option.getOpt() != null) {
                label = "-" + option.getOpt() + ", " + label;
            }
            assertTrue(HELP.contains(label), "help lacks " + label + ":\n" + HELP);
            String descriptionStart = option.getDescription().split(" ")[0];
            assertTrue(HELP.contains(descriptionStart), descriptionStart + " in:\n" + HELP);
        }
    }

    @Test
    void format_alignsDescriptions() {
        assertTrue(
                HELP.contains(
                        "\n      --seed=<n>             Derives the device identity (IMEI, UUIDs,"
                                + " identity\n                               key) from"),
                HELP);
        assertTrue(
                HELP.contains(
                        "\n      --listen=[<host>:]<port>\n                             Serves the"
                                + " modem"),
                HELP);
        assertTrue(HELP.contains("\n  -h, --help                 Prints this help and exits.\n"));
    }

    @Test
    void format_showsDefaultsAndExitStatus() {
        String joined = String.join(" ", HELP.strip().split("\\s+"));
        assertTrue(joined.contains("Default: 300."), HELP);
        assertTrue(joined.contains("Default: 8."), HELP);
        assertTrue(joined.contains("Default: nRF9160."), HELP);
        assertEquals(
                "Exit status: 0 on success, 1 on a failure while running, 2 on an invalid option.",
                LINES.get(LINES.size() - 1));
        assertEquals("", LINES.get(LINES.size() - 2));
    }
}
