package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import java.util.Set;

/**
 * {@code AT+CGSN}: the IMEI, bare for the execute form and as {@code +CGSN: "<IMEI>"} for {@code
 * AT+CGSN=1}. Other serial number types return {@code ERROR}.
 */
final class CgsnCommand implements CommandHandler {
    private final Device device;

    CgsnCommand(Device device) {
        this.device = device;
    }

    @Override
    public String name() {
        return "+CGSN";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET, AtForm.EXECUTE);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        String imei = device.identity().imei();
        if (command.form() == AtForm.EXECUTE) {
            response.add(imei);
            return;
        }
        CommandException invalid = CommandException.error("+CGSN type must be 1 (IMEI)");
        Parameters.requireAtMost(command, 1, invalid);
        Parameters.integer(command.parameter(0), 1, 1, invalid);
        response.add("+CGSN: \"" + imei + "\"");
    }
}
