package io.github.nrf91emu.dispatch;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtCommandParser;
import io.github.nrf91emu.at.AtSyntaxException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs command lines: parses a line, finds each command's handler by name, checks the form and
 * writes the response, information lines first and then exactly one final result. This is the only
 * place where failures become final results:
 *
 * <ul>
 *   <li>a line that breaks the AT syntax, an unknown command or a form the command does not accept:
 *       {@code ERROR}, whatever {@code +CMEE} is;
 *   <li>a {@link CommandException}: {@code +CME ERROR: <n>} while CME reporting is on and the
 *       failure has a code, otherwise {@code ERROR};
 *   <li>a disabled command, in any form: {@code +CME ERROR: 51} ("command disabled in this software
 *       build"), or {@code ERROR} while CME reporting is off;
 *   <li>any other exception from a handler: {@code ERROR}, logged at warn level.
 * </ul>
 *
 * Commands joined by {@code ;} run in order, and the first failure ends the line and is its final
 * result; the information lines of the commands before it are kept. An instance is not thread-safe:
 * the caller runs one line at a time.
 */
public final class CommandDispatcher {
    /** Maximum length of a failure message in a log line. */
    static final int MAX_LOGGED_MESSAGE = 200;

    /** CME error code for a command that the device was built without. */
    public static final int CME_COMMAND_DISABLED = 51;

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final byte[] OK = "OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "ERROR\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, CommandHandler> handlers = new HashMap<>();
    private final Set<String> disabled;

    /** Upper-case names of the commands disabled by {@link #setDisabledAtRuntime}. */
    private final Set<String> disabledAtRuntime = new HashSet<>();

    private final BooleanSupplier cmeReporting;

    /**
     * Creates a dispatcher.
     *
     * @param handlers the commands; two with the same name are an error
     * @param disabled names of commands to report as disabled, in any case
     * @param cmeReporting whether {@code +CMEE=1} is in effect, asked once per failure
     */
    public CommandDispatcher(
            List<CommandHandler> handlers, Set<String> disabled, BooleanSupplier cmeReporting) {
        for (CommandHandler handler : handlers) {
            String name = handler.name().toUpperCase(Locale.ROOT);
            if (this.handlers.putIfAbsent(name, handler) != null) {
                throw new IllegalArgumentException("two handlers for command " + name);
            }
        }
        Set<String> disabledNames = new HashSet<>();
        for (String name : disabled) {
            disabledNames.add(name.toUpperCase(Locale.ROOT));
        }
        this.disabled = Set.copyOf(disabledNames);
        this.cmeReporting = cmeReporting;
    }

    /** Runs one command line, given without its line end, and returns the whole response. */
    public byte[] run(byte[] line) {
        List<AtCommand> commands;
        try {
            commands = AtCommandParser.parse(line);
        } catch (AtSyntaxException e) {
            LOG.debug("Rejected malformed line: {}", loggable(e.getMessage()));
            return ERROR.clone();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        for (AtCommand command : commands) {
            ResponseLines lines = new ResponseLines();
            byte[] failure = runCommand(command, lines);
            if (failure != null) {
                out.writeBytes(failure);
                return out.toByteArray();
            }
            lines.appendTo(out);
        }
        out.writeBytes(OK);
        return out.toByteArray();
    }

    /**
     * Disables a command, or enables it again, in addition to the commands disabled at
     * construction, which stay disabled. The name is matched in any case.
     */
    public void setDisabledAtRuntime(String name, boolean disabled) {
        String upperCase = name.toUpperCase(Locale.ROOT);
        if (disabled) {
            disabledAtRuntime.add(upperCase);
        } else {
            disabledAtRuntime.remove(upperCase);
        }
    }

    /** Returns whether a command is disabled, at construction or at runtime; in any case. */
    public boolean isDisabled(String name) {
        String upperCase = name.toUpperCase(Locale.ROOT);
        return disabled.contains(upperCase) || disabledAtRuntime.contains(upperCase);
    }

    /** Returns the response to a line that was dropped for exceeding the maximum length. */
    public byte[] overlongLine() {
        LOG.debug("Rejected line longer than {} bytes", AtCommandParser.MAX_LINE_LENGTH);
        return ERROR.clone();
    }

    /** Runs one command and returns null on success, else the bytes of its final result. */
    private byte[] runCommand(AtCommand command, ResponseLines lines) {
        CommandHandler handler = handlers.get(command.name());
        if (handler == null) {
            LOG.debug("{} {}: unknown command, ERROR", command.name(), command.form());
            return ERROR;
        }
        if (isDisabled(command.name())) {
            return failureResult(
                    command, CommandException.cme(CME_COMMAND_DISABLED, "command disabled"));
        }
        if (!handler.forms().contains(command.form())) {
            LOG.debug("{} {}: form not supported, ERROR", command.name(), command.form());
            return ERROR;
        }
        try {
            handler.handle(command, lines);
            LOG.debug("{} {}: OK", command.name(), command.form());
            return null;
        } catch (CommandException e) {
            return failureResult(command, e);
        } catch (RuntimeException e) {
            LOG.warn("{} {}: handler failed, answering ERROR", command.name(), command.form(), e);
            return ERROR;
        }
    }

    private byte[] failureResult(AtCommand command, CommandException e) {
        OptionalInt code = e.cmeCode();
        if (code.isPresent() && cmeReporting.getAsBoolean()) {
            LOG.debug(
                    "{} {}: {}, +CME ERROR: {}",
                    command.name(),
                    command.form(),
                    loggable(e.getMessage()),
                    code.getAsInt());
            return ("+CME ERROR: " + code.getAsInt() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        LOG.debug("{} {}: {}, ERROR", command.name(), command.form(), loggable(e.getMessage()));
        return ERROR;
    }

    /**
     * Returns a failure message fit for one log line. Messages may quote parameter text that a
     * client sent, so control characters become {@code \xNN} escapes, which keeps a client from
     * writing lines of its own into the log, and text past {@value #MAX_LOGGED_MESSAGE} characters
     * is cut.
     */
    static String loggable(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(Math.min(message.length(), MAX_LOGGED_MESSAGE) + 8);
        for (int i = 0; i < message.length(); i++) {
            if (text.length() >= MAX_LOGGED_MESSAGE) {
                return text.append("...(").append(message.length()).append(" chars)").toString();
            }
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\x%02X", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
