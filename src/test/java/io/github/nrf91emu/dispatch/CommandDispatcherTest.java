package io.github.nrf91emu.dispatch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandDispatcherTest {
    private final AtomicBoolean cmeReporting = new AtomicBoolean();
    private final List<String> ran = new ArrayList<>();

    /** A handler that writes a line naming itself, or runs {@code failure}, which may throw. */
    private CommandHandler handler(String name, Set<AtForm> forms, Runnable failure) {
        return new CommandHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<AtForm> forms() {
                return forms;
            }

            @Override
            public void handle(AtCommand command, ResponseLines response) throws CommandException {
                ran.add(command.toString());
                response.add(name + ": " + command.form());
                if (failure != null) {
                    failure.run();
                }
                if (name.equals("+FAIL50")) {
                    throw CommandException.cme(50, "always fails");
                }
                if (name.equals("+PLAIN")) {
                    throw CommandException.error("always fails without a code");
                }
            }
        };
    }

    private CommandDispatcher dispatcher(Set<String> disabled) {
        Set<AtForm> all = Set.of(AtForm.values());
        return new CommandDispatcher(
                List.of(
                        handler("+ONE", all, null),
                        handler("%TWO", Set.of(AtForm.EXECUTE), null),
                        handler("+FAIL50", all, null),
                        handler("+PLAIN", all, null),
                        handler(
                                "+CRASH",
                                all,
                                () -> {
                                    throw new IllegalStateException("bug");
                                })),
                disabled,
                cmeReporting::get);
    }

    private String run(String line) {
        return new String(dispatcher(Set.of("%two")).run(line.getBytes(ISO_8859_1)), ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} cmee={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT                 | false | OK\\r\\n",
                "AT+ONE             | false | +ONE: EXECUTE\\r\\nOK\\r\\n",
                "at+one=1,\"x\"     | false | +ONE: SET\\r\\nOK\\r\\n",
                "AT+ONE?;+ONE=?     | false | +ONE: READ\\r\\n+ONE: TEST\\r\\nOK\\r\\n",
                "AT+NONE            | false | ERROR\\r\\n",
                "AT+NONE            | true  | ERROR\\r\\n",
                "AT+ONE;+NONE;+ONE  | true  | +ONE: EXECUTE\\r\\nERROR\\r\\n",
                "AT+FAIL50          | false | ERROR\\r\\n",
                "AT+FAIL50          | true  | +CME ERROR: 50\\r\\n",
                "AT+ONE;+FAIL50     | true  | +ONE: EXECUTE\\r\\n+CME ERROR: 50\\r\\n",
                "AT+PLAIN           | true  | ERROR\\r\\n",
                "AT+CRASH           | true  | ERROR\\r\\n",
                "AT%TWO             | false | ERROR\\r\\n",
                "AT%TWO             | true  | +CME ERROR: 51\\r\\n",
                "AT%TWO=?           | true  | +CME ERROR: 51\\r\\n",
                "AT%TWO?            | false | ERROR\\r\\n",
                "AT+ONE=\"open      | true  | ERROR\\r\\n",
                "XYZ                | true  | ERROR\\r\\n",
            })
    void finalResults(String line, boolean cmee, String expected) {
        cmeReporting.set(cmee);
        assertEquals(expected.replace("\\r\\n", "\r\n"), run(line));
    }

    @Test
    void formNotAcceptedIsError() {
        cmeReporting.set(true);
        CommandDispatcher dispatcher = dispatcher(Set.of());

        byte[] response = dispatcher.run("AT%TWO?".getBytes(ISO_8859_1));

        assertEquals("ERROR\r\n", new String(response, ISO_8859_1));
        assertEquals(List.of(), ran);
    }

    @Test
    void failureStopsLaterCommands() {
        run("AT+ONE=1;+FAIL50;+ONE=2");

        assertEquals(List.of("+ONE=[Numeric[text=1]]", "+FAIL50"), ran);
    }

    @Test
    void overlongLineIsError() {
        cmeReporting.set(true);
        assertEquals("ERROR\r\n", new String(dispatcher(Set.of()).overlongLine(), ISO_8859_1));
    }

    @Test
    void duplicateHandlerNamesRejected() {
        CommandHandler first = handler("+ONE", Set.of(AtForm.EXECUTE), null);
        CommandHandler second = handler("+one", Set.of(AtForm.EXECUTE), null);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new CommandDispatcher(List.of(first, second), Set.of(), () -> false));

        assertEquals("two handlers for command +ONE", e.getMessage());
    }

    @Test
    void loggableEscapesControlCharacters() {
        assertEquals(
                "invalid 'a\\x0Ab\\x0D\\x00\\x7F' value",
                CommandDispatcher.loggable("invalid 'a\nb\r\u0000\u007f' value"));
    }

    @Test
    void loggableCutsLongMessages() {
        String message = "x".repeat(5000);

        String logged = CommandDispatcher.loggable(message);

        assertEquals("x".repeat(CommandDispatcher.MAX_LOGGED_MESSAGE) + "...(5000 chars)", logged);
    }

    @Test
    void loggableKeepsShortMessages() {
        assertEquals("sec_tag must be 0..9", CommandDispatcher.loggable("sec_tag must be 0..9"));
        assertEquals("", CommandDispatcher.loggable(null));
    }
}
