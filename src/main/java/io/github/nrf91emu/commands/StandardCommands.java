package io.github.nrf91emu.commands;

import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.FirmwareVersion;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.dispatch.CommandHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The AT commands of an emulated nRF91 modem. */
public final class StandardCommands {
    private StandardCommands() {}

    /**
     * Returns the names of the commands that a device of {@code model} has, the names of the
     * handlers {@link #create(Device)} makes for it. {@code %JWT}, {@code %KEYGEN} and {@code
     * %ATTESTTOKEN} are among them, although {@link #create(Device)} leaves them out for firmware
     * older than {@link FirmwareVersion#FIRST_WITH_JWT}.
     */
    public static Set<String> names(Model model) {
        Set<String> names = new LinkedHashSet<>();
        names.add("+CMEE");
        names.add("+CFUN");
        names.add("+CGSN");
        names.add("+CGMI");
        names.add("+CGMM");
        names.add("+CGMR");
        names.add("%XMODEMUUID");
        if (model.hasDeviceUuidCommand()) {
            names.add("%DEVICEUUID");
        }
        names.add("+CCLK");
        names.add("%CCLK");
        names.add("%CMNG");
        names.add("%JWT");
        names.add("%KEYGEN");
        names.add("%ATTESTTOKEN");
        return Collections.unmodifiableSet(names);
    }

    /**
     * Creates the handlers of every command the device's model and firmware have, bound to the
     * device. Firmware older than {@link FirmwareVersion#FIRST_WITH_JWT} gets no {@code %JWT},
     * {@code %KEYGEN} or {@code %ATTESTTOKEN}, so those commands return {@code ERROR} as unknown
     * commands.
     */
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
        if (FirmwareVersion.hasJwtCommand(identity.firmwareVersion())) {
            handlers.add(new JwtCommand(device));
            handlers.add(new KeygenCommand(device));
            handlers.add(new AttestTokenCommand(device));
        }
        return List.copyOf(handlers);
    }
}
