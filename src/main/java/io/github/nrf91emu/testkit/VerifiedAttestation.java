package io.github.nrf91emu.testkit;

import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * Contents of a {@code %ATTESTTOKEN} response that {@link ProvisioningVerifier} accepted: the
 * values of its signed device identity message. Instances are immutable, so {@link #nonce()}
 * returns a copy.
 */
public final class VerifiedAttestation {
    private final UUID deviceUuid;
    private final int deviceType;
    private final UUID firmwareUuid;
    private final byte[] nonce;

    VerifiedAttestation(UUID deviceUuid, int deviceType, UUID firmwareUuid, byte[] nonce) {
        this.deviceUuid = Objects.requireNonNull(deviceUuid, "deviceUuid");
        this.deviceType = deviceType;
        this.firmwareUuid = Objects.requireNonNull(firmwareUuid, "firmwareUuid");
        this.nonce = nonce.clone();
    }

    /** Returns the device UUID of the message. */
    public UUID deviceUuid() {
        return deviceUuid;
    }

    /**
     * Returns the device type, which identifies the model: 3 for nRF9160, 4 for nRF9161, 5 for
     * nRF9131 and 6 for nRF9151.
     */
    public int deviceType() {
        return deviceType;
    }

    /** Returns the firmware UUID, as {@code AT%XMODEMUUID} returns it. */
    public UUID firmwareUuid() {
        return firmwareUuid;
    }

    /** Returns a copy of the 16-byte nonce, which equals the challenge if the command sent one. */
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public String toString() {
        return "VerifiedAttestation{deviceUuid="
                + deviceUuid
                + ", deviceType="
                + deviceType
                + ", firmwareUuid="
                + firmwareUuid
                + ", nonce="
                + HexFormat.of().formatHex(nonce)
                + "}";
    }
}
