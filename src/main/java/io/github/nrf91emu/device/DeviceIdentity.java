package io.github.nrf91emu.device;

import io.github.nrf91emu.crypto.P256PublicKey;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of an emulated device: its model, IMEI, device UUID, modem firmware UUID and
 * version, and the public half of its device identity key. The private half stays inside the
 * device. Instances are immutable.
 */
public final class DeviceIdentity {
    private final Model model;
    private final String imei;
    private final UUID deviceUuid;
    private final UUID firmwareUuid;
    private final String firmwareVersion;
    private final P256PublicKey publicKey;

    DeviceIdentity(
            Model model,
            String imei,
            UUID deviceUuid,
            UUID firmwareUuid,
            String firmwareVersion,
            P256PublicKey publicKey) {
        this.model = Objects.requireNonNull(model, "model");
        this.imei = Objects.requireNonNull(imei, "imei");
        this.deviceUuid = Objects.requireNonNull(deviceUuid, "deviceUuid");
        this.firmwareUuid = Objects.requireNonNull(firmwareUuid, "firmwareUuid");
        this.firmwareVersion = Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    public Model model() {
        return model;
    }

    /** Returns the 15-digit IMEI, whose last digit is the Luhn check digit. */
    public String imei() {
        return imei;
    }

    /** Returns the device UUID, which tokens carry in {@code iss}. */
    public UUID deviceUuid() {
        return deviceUuid;
    }

    /** Returns the modem firmware UUID, which tokens carry in {@code jti}. */
    public UUID firmwareUuid() {
        return firmwareUuid;
    }

    /** Returns the firmware version string that {@code AT+CGMR} returns. */
    public String firmwareVersion() {
        return firmwareVersion;
    }

    /** Returns the public key of the device identity key. */
    public P256PublicKey publicKey() {
        return publicKey;
    }

    /** Returns the public key as a PEM "PUBLIC KEY" block (SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return publicKey.toPem();
    }

    /** Returns the public key as a JWK (RFC 7518 §6.2), without {@code kid}. */
    public String publicKeyJwk() {
        return publicKey.toJwk();
    }

    /**
     * Returns the {@code kid} of tokens signed with the identity key: the lower-case hex SHA-256 of
     * the public key's SubjectPublicKeyInfo DER.
     */
    public String keyId() {
        return publicKey.spkiSha256Hex();
    }

    /** Returns the issuer of the device's tokens: {@code <model>.<device UUID>}. */
    public String issuer() {
        return model.modelName() + "." + deviceUuid;
    }

    @Override
    public String toString() {
        return "DeviceIdentity{model="
                + model
                + ", imei="
                + imei
                + ", deviceUuid="
                + deviceUuid
                + ", firmwareVersion="
                + firmwareVersion
                + "}";
    }
}
