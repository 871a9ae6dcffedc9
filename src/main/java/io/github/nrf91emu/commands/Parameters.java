package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtParameter;
import io.github.nrf91emu.dispatch.CommandException;

/** Checks of set-command parameters shared by the handlers. */
final class Parameters {
    private Parameters() {}

    /** Throws {@code failure} if the command has more than {@code max} parameters. */
    static void requireAtMost(AtCommand command, int max, CommandException failure)
            throws CommandException {
        if (command.parameters().size() > max) {
            throw failure;
        }
    }

    /**
     * Returns the parameter as an integer in {@code min..max}, or throws {@code failure} if it is
     * empty, not a number or out of range.
     */
    static long integer(AtParameter parameter, long min, long max, CommandException failure)
            throws CommandException {
        if (parameter instanceof AtParameter.Numeric numeric) {
            Long value = numeric.valueIn(min, max);
            if (value != null) {
                return value;
            }
        }
        throw failure;
    }

    /** Returns the content of a quoted parameter, or throws {@code failure} for any other kind. */
    static byte[] quoted(AtParameter parameter, CommandException failure) throws CommandException {
        if (parameter instanceof AtParameter.Quoted quoted) {
            return quoted.bytes();
        }
        throw failure;
    }
}
