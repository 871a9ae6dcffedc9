package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.at.AtParameter;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import io.github.nrf91emu.provisioning.ProvisioningMessages;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code AT%ATTESTTOKEN[=<challenge>]}: returns {@code %ATTESTTOKEN:
 * "<Base64Url(message)>.<Base64Url(COSE_Sign1)>"}, a device identity message signed by the device
 * identity key (nRF9160 AT Commands Reference Guide, {@code %ATTESTTOKEN}; {@link
 * ProvisioningMessages}). The message carries the device UUID, the model's device type, the
 * firmware UUID and a nonce. A challenge of 32 hexadecimal digits in quotes, in either case,
 * replaces the nonce; {@code AT%ATTESTTOKEN} and {@code AT%ATTESTTOKEN=} use a fresh one.
 *
 * <p>A challenge that is not quoted or not 32 hexadecimal digits, or a second parameter, fails with
 * a plain {@code ERROR}. The read and test forms return {@code ERROR}.
 */
final class AttestTokenCommand implements CommandHandler {
    private static final int CHALLENGE_DIGITS = 2 * ProvisioningMessages.NONCE_LENGTH;

    private final Device device;

    AttestTokenCommand(Device device) {
        this.device = device;
    }

    @Override
    public String name() {
        return "%ATTESTTOKEN";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET, AtForm.EXECUTE);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        Parameters.requireAtMost(command, 1, malformed("takes at most 1 parameter"));
        byte[] nonce = challenge(command.parameter(0));
        if (nonce == null) {
            nonce = device.nextNonce();
        }
        DeviceIdentity identity = device.identity();
        String token =
                ProvisioningMessages.attestationToken(
                        device.identityKey().privateKey(),
                        identity.deviceUuid(),
                        identity.model().attestationDeviceType(),
                        identity.firmwareUuid(),
                        nonce);
        response.add("%ATTESTTOKEN: \"" + token + "\"");
    }

    /** Returns the challenge bytes, or null when there is none. */
    private static byte[] challenge(AtParameter parameter) throws CommandException {
        if (parameter instanceof AtParameter.Empty) {
            return null;
        }
        byte[] text = Parameters.quoted(parameter, malformed("challenge must be a quoted string"));
        if (text.length != CHALLENGE_DIGITS) {
            throw malformed(
                    "challenge must be "
                            + CHALLENGE_DIGITS
                            + " hexadecimal digits, got "
                            + text.length
                            + " characters");
        }
        for (byte b : text) {
            if (Character.digit(b, 16) < 0) {
                throw malformed("challenge must be " + CHALLENGE_DIGITS + " hexadecimal digits");
            }
        }
        return HexFormat.of().parseHex(new String(text, StandardCharsets.US_ASCII));
    }

    private static CommandException malformed(String message) {
        return CommandException.error("%ATTESTTOKEN " + message);
    }
}
