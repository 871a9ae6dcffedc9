package io.github.nrf91emu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tests of the one-line error formatting of {@link ModemCli}. */
class ModemCliTest {

    @Test
    void oneLine_joinsLinesWithSpaces() {
        assertEquals("a b c", ModemCli.oneLine("  a  \n  b\r\n\r\nc \n"));
        assertEquals("no line end", ModemCli.oneLine("no line end"));
        assertEquals("tab\tinside kept", ModemCli.oneLine("tab\tinside\nkept"));
    }

    @Test
    void usageErrorLine_addsCommandAndHelpHint() {
        assertEquals(
                "nrf91-at-emulator: unknown option '-x' (see --help)",
                ModemCli.usageErrorLine("unknown option '-x'"));
    }
}
