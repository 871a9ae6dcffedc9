package io.github.nrf91emu.dispatch;

import java.util.OptionalInt;

/**
 * A command failure, thrown by a {@link CommandHandler} and turned into the final result by the
 * {@link CommandDispatcher}: {@code +CME ERROR: <code>} while {@code +CMEE=1} for a failure that
 * has a CME code, otherwise {@code ERROR}. The message goes to the debug log, never to the AT
 * interface, and must not contain secrets.
 */
public final class CommandException extends Exception {
    private static final int NO_CODE = -1;

    private final int cmeCode;

    private CommandException(int cmeCode, String message) {
        super(message, null, false, false);
        this.cmeCode = cmeCode;
    }

    /**
     * Creates a failure that is always reported as a plain {@code ERROR}, whatever {@code +CMEE}
     * is.
     */
    public static CommandException error(String message) {
        return new CommandException(NO_CODE, message);
    }

    /** Creates a failure reported as {@code +CME ERROR: <code>} while {@code +CMEE=1}. */
    public static CommandException cme(int code, String message) {
        if (code < 0) {
            throw new IllegalArgumentException("CME error code must not be negative: " + code);
        }
        return new CommandException(code, message);
    }

    /** Returns the CME error code, or empty for a failure that is always a plain ERROR. */
    public OptionalInt cmeCode() {
        return cmeCode == NO_CODE ? OptionalInt.empty() : OptionalInt.of(cmeCode);
    }
}
