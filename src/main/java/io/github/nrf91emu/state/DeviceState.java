package io.github.nrf91emu.state;

import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.CredentialRecord;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The part of a device that a state file keeps across restarts: the identity seed, model, firmware
 * version, the credential store's items and the store limits that the builder set. A real modem
 * resets the rest at power-on ({@code +CMEE}, the {@code +CFUN} mode, the clock and the power-off
 * warning), so those are not part of it. Instances are immutable.
 *
 * <p>The seed derives the identity key, so it is as secret as a private key: {@link #toString()}
 * leaves it out.
 */
public final class DeviceState {
    private final byte[] seed;
    private final Model model;
    private final String firmwareVersion;
    private final OptionalInt credentialCapacity;
    private final OptionalInt maxCredentialLength;
    private final List<CredentialRecord> credentials;

    /**
     * Creates a state; the seed is copied.
     *
     * @param credentialCapacity the store capacity, or empty for the default
     * @param maxCredentialLength the maximum content length, or empty for the default
     * @param credentials the items, ordered by sec_tag and then type
     */
    public DeviceState(
            byte[] seed,
            Model model,
            String firmwareVersion,
            OptionalInt credentialCapacity,
            OptionalInt maxCredentialLength,
            List<CredentialRecord> credentials) {
        this.seed = Objects.requireNonNull(seed, "seed").clone();
        this.model = Objects.requireNonNull(model, "model");
        this.firmwareVersion = Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        this.credentialCapacity = Objects.requireNonNull(credentialCapacity, "credentialCapacity");
        this.maxCredentialLength =
                Objects.requireNonNull(maxCredentialLength, "maxCredentialLength");
        this.credentials = List.copyOf(credentials);
    }

    /** Returns a copy of the identity seed. */
    public byte[] seed() {
        return seed.clone();
    }

    public Model model() {
        return model;
    }

    public String firmwareVersion() {
        return firmwareVersion;
    }

    /** Returns the credential store capacity that the builder set, or empty for the default. */
    public OptionalInt credentialCapacity() {
        return credentialCapacity;
    }

    /** Returns the maximum credential length that the builder set, or empty for the default. */
    public OptionalInt maxCredentialLength() {
        return maxCredentialLength;
    }

    /** Returns the credential store items, ordered by sec_tag and then type. */
    public List<CredentialRecord> credentials() {
        return credentials;
    }

    /** Returns a state with the same identity and limits and these credentials. */
    public DeviceState withCredentials(List<CredentialRecord> newCredentials) {
        return new DeviceState(
                seed,
                model,
                firmwareVersion,
                credentialCapacity,
                maxCredentialLength,
                newCredentials);
    }

    /** Formats the state without the seed and without credential content. */
    @Override
    public String toString() {
        return "DeviceState{model="
                + model
                + ", firmwareVersion="
                + firmwareVersion
                + ", credentials="
                + credentials.size()
                + "}";
    }
}
