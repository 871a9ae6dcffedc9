package io.github.nrf91emu.cli;

import io.github.nrf91emu.device.DeviceIdentity;

/** Formats a device identity for {@code --identity}: one labelled value a line, then the PEM. */
final class IdentityReport {
    /** Width of the label column, colon included; values start after it. */
    private static final int LABEL_WIDTH = 18;

    private IdentityReport() {}

    static String format(DeviceIdentity identity) {
        StringBuilder text = new StringBuilder();
        line(text, "Model", identity.model().modelName());
        line(text, "IMEI", identity.imei());
        line(text, "Device UUID", identity.deviceUuid().toString());
        line(text, "Firmware UUID", identity.firmwareUuid().toString());
        line(text, "Firmware version", identity.firmwareVersion());
        line(text, "Key ID (kid)", identity.keyId());
        line(text, "Public key JWK", identity.publicKeyJwk());
        text.append(identity.publicKeyPem());
        if (text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        int start = text.length();
        text.append(label).append(':');
        while (text.length() - start < LABEL_WIDTH) {
            text.append(' ');
        }
        text.append(value).append('\n');
    }
}
