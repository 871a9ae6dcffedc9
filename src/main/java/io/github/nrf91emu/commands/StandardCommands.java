package io.github.nrf91emu.commands;

import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.dispatch.CommandHandler;
import java.util.ArrayList;
import java.util.List;

/** The AT commands of an emulated nRF91 modem. */
public final class StandardCommands {
    private StandardCommands() {}

    /** Creates the handlers of every command the device's model answers, bound to the device. */
    public static List<CommandHandler> create(Device device) {
        DeviceIdentity identity = device.identity();
        List<CommandHandler> handlers = new ArrayList<>();
        handlers.add(new CmeeCommand(device));
        handlers.add(new CfunCommand(device));
        handlers.add(new CgsnCommand(device));
        handlers.add(new FixedAnswerCommand("+CGMI", "Nordic Semiconductor ASA"));
        handlers.add(new FixedAnswerCommand("+CGMM", identity.model().hardwareName()));
        handlers.add(new FixedAnswerCommand("+CGMR", identity.firmwareVersion()));
        handlers.add(
                new FixedAnswerCommand("%XMODEMUUID", "%XMODEMUUID: " + identity.firmwareUuid()));
        if (identity.model().hasDeviceUuidCommand()) {
            handlers.add(
                    new FixedAnswerCommand("%DEVICEUUID", "%DEVICEUUID: " + identity.deviceUuid()));
        }
        handlers.add(CclkCommand.standard(device.clock()));
        handlers.add(CclkCommand.nordic(device.clock()));
        handlers.add(new CmngCommand(device));
        handlers.add(new JwtCommand(device));
        return List.copyOf(handlers);
    }
}
