package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import java.util.Set;

/**
 * {@code AT+CMEE}: error reporting. 0 (the power-on default) reports command errors as {@code
 * ERROR}, 1 as {@code +CME ERROR: <n>}. The modem has no verbose mode, so 2 returns {@code ERROR}.
 */
final class CmeeCommand implements CommandHandler {
    private final Device device;

    CmeeCommand(Device device) {
        this.device = device;
    }

    @Override
    public String name() {
        return "+CMEE";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET, AtForm.READ, AtForm.TEST);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        switch (command.form()) {
            case SET -> {
                CommandException invalid = CommandException.error("+CMEE value must be 0 or 1");
                Parameters.requireAtMost(command, 1, invalid);
                device.setCmeReporting(
                        Parameters.integer(command.parameter(0), 0, 1, invalid) == 1);
            }
            case READ -> response.add("+CMEE: " + (device.cmeReporting() ? 1 : 0));
            default -> response.add("+CMEE: (0,1)");
        }
    }
}
