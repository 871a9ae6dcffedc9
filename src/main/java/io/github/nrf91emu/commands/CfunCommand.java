package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.FunctionalMode;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import java.util.Set;

/**
 * {@code AT+CFUN}: the functional mode (see {@link FunctionalMode}). A value the modem does not
 * document returns {@code ERROR}.
 */
final class CfunCommand implements CommandHandler {
    private final Device device;

    CfunCommand(Device device) {
        this.device = device;
    }

    @Override
    public String name() {
        return "+CFUN";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET, AtForm.READ, AtForm.TEST);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        switch (command.form()) {
            case SET -> {
                CommandException invalid =
                        CommandException.error(
                                "+CFUN value must be one of 0, 1, 4, 20, 21, 30, 31, 40, 41, 44");
                Parameters.requireAtMost(command, 1, invalid);
                long fun = Parameters.integer(command.parameter(0), 0, 44, invalid);
                if (!FunctionalMode.SUPPORTED.contains((int) fun)) {
                    throw invalid;
                }
                device.functionalMode().apply((int) fun);
            }
            case READ -> response.add("+CFUN: " + device.functionalMode().reported());
            default -> response.add("+CFUN: (0,1,4,20,21,30,31,40,41,44)");
        }
    }
}
