package io.github.nrf91emu.device;

/**
 * The nRF91 modem models the emulator can be. A model fixes the name in tokens, the {@code +CGMM}
 * response, the default firmware version, whether {@code %DEVICEUUID} exists and the device type in
 * {@code %ATTESTTOKEN} messages.
 */
public enum Model {
    // Device types: the nRF Connect SDK's attestation token header names 3 nRF9160 SICA, and
    // nRF Cloud's credential parser names 4 nRF9161 LACA, 5 nRF9131 LACA and 6 nRF9151 LACA.
    NRF9160("nRF9160", "nRF9160-SICA", "mfw_nrf9160_1.3.5", false, 3),
    // NOTE: the hardware variant suffixes and default firmware versions of the nRF91x1 models
    // are typical values, not read off a particular device.
    NRF9161("nRF9161", "nRF9161-LACA", "mfw_nrf91x1_2.0.1", true, 4),
    NRF9151("nRF9151", "nRF9151-LACA", "mfw_nrf91x1_2.0.1", true, 6),
    NRF9131("nRF9131", "nRF9131-LACA", "mfw_nrf91x1_2.0.1", true, 5);

    private final String modelName;
    private final String hardwareName;
    private final String defaultFirmwareVersion;
    private final boolean hasDeviceUuidCommand;
    private final int attestationDeviceType;

    Model(
            String modelName,
            String hardwareName,
            String defaultFirmwareVersion,
            boolean hasDeviceUuidCommand,
            int attestationDeviceType) {
        this.modelName = modelName;
        this.hardwareName = hardwareName;
        this.defaultFirmwareVersion = defaultFirmwareVersion;
        this.hasDeviceUuidCommand = hasDeviceUuidCommand;
        this.attestationDeviceType = attestationDeviceType;
    }

    /**
     * Returns the model name as tokens carry it in {@code iss} and {@code jti}: {@code nRF9160}.
     */
    public String modelName() {
        return modelName;
    }

    /** Returns the {@code AT+CGMM} response, such as {@code nRF9160-SICA}. */
    public String hardwareName() {
        return hardwareName;
    }

    /** Returns the firmware version a device of this model gets unless one is set. */
    public String defaultFirmwareVersion() {
        return defaultFirmwareVersion;
    }

    /** Returns whether the model has {@code AT%DEVICEUUID}; the nRF91x1 models do. */
    public boolean hasDeviceUuidCommand() {
        return hasDeviceUuidCommand;
    }

    /**
     * Returns the device type number that {@code %ATTESTTOKEN} messages carry: 3 for the nRF9160, 4
     * for the nRF9161, 5 for the nRF9131 and 6 for the nRF9151.
     */
    public int attestationDeviceType() {
        return attestationDeviceType;
    }

    /**
     * Returns the model with the given name, such as {@code nRF9160}, in any case.
     *
     * @throws IllegalArgumentException if no model has that name; the message lists the names
     */
    public static Model fromName(String name) {
        for (Model model : values()) {
            if (model.modelName.equalsIgnoreCase(name)) {
                return model;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Model model : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(model.modelName);
        }
        throw new IllegalArgumentException(
                "unknown model: '" + name + "' (expected one of " + names + ")");
    }

    @Override
    public String toString() {
        return modelName;
    }
}
