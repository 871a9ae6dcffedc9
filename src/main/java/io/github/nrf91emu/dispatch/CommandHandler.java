package io.github.nrf91emu.dispatch;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import java.util.Set;

/**
 * Runs one AT command. A handler writes only information lines; the dispatcher adds the final
 * result. A handler that throws must leave the device as it found it.
 */
public interface CommandHandler {

    /** Returns the command name with its prefix, in upper case, such as {@code +CFUN}. */
    String name();

    /** Returns the forms this command accepts; the dispatcher returns ERROR for any other. */
    Set<AtForm> forms();

    /**
     * Runs the command.
     *
     * @param command the parsed command, whose form is one of {@link #forms()}
     * @param response where the information lines go
     * @throws CommandException if the command fails; the dispatcher reports it
     */
    void handle(AtCommand command, ResponseLines response) throws CommandException;
}
