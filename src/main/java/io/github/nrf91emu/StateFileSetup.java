package io.github.nrf91emu;

import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.keystore.CredentialRecord;
import io.github.nrf91emu.keystore.CredentialStore;
import io.github.nrf91emu.state.DeviceState;
import io.github.nrf91emu.state.StateFile;
import io.github.nrf91emu.state.StateFileException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the device of a modem that keeps its state in a locked {@link StateFile}.
 *
 * <ul>
 *   <li>A missing file is created from the builder's settings (its seed or a new random one, model,
 *       firmware version, credentials and the store limits it set) before the device is returned.
 *   <li>An existing file wins: the device gets its seed, model, firmware version, limits and
 *       credentials. A seed, model, firmware version, capacity or maximum credential length that
 *       the builder set and that differs from the file's is an error. Credentials given to the
 *       builder only fill a new file, and an existing file's credentials replace them (logged at
 *       info level).
 * </ul>
 *
 * Every problem is a {@link StateFileException} naming the file, and an existing file is only read
 * here, never written. The keys and nonces of {@code AT%KEYGEN} and {@code AT%ATTESTTOKEN} are
 * random even with a set seed, because the stored keys outlive the modem.
 */
final class StateFileSetup {
    private static final Logger LOG = LoggerFactory.getLogger(StateFileSetup.class);

    /**
     * The settings that the builder was given, each null when it was left unset, and the number of
     * credentials given to it. The seed decides the token ids too: a set seed gives the same token
     * ids on every run, as without a state file.
     */
    record Requested(
            byte[] seed,
            Model model,
            String firmwareVersion,
            Integer credentialCapacity,
            Integer maxCredentialLength,
            int credentialCount) {}

    private StateFileSetup() {}

    /**
     * Reads or creates the state file and returns the device it describes.
     *
     * @param credentials the builder's credential settings and items, already checked
     * @throws StateFileException if the file can't be read or created, is invalid, or contradicts a
     *     requested setting
     */
    static Device openDevice(
            StateFile file,
            Requested requested,
            CredentialStore.Builder credentials,
            ModemClock clock) {
        Optional<DeviceState> saved = file.read();
        if (saved.isPresent()) {
            return restore(file, saved.get(), requested, clock);
        }
        return create(file, requested, credentials, clock);
    }

    private static Device create(
            StateFile file,
            Requested requested,
            CredentialStore.Builder credentials,
            ModemClock clock) {
        SecureRandom random = new SecureRandom();
        byte[] seed = requested.seed() != null ? requested.seed() : Device.randomSeed(random);
        Model model = requested.model() != null ? requested.model() : Modem.Builder.DEFAULT_MODEL;
        String firmwareVersion =
                requested.firmwareVersion() != null
                        ? requested.firmwareVersion()
                        : model.defaultFirmwareVersion();
        DeviceState initial =
                new DeviceState(
                        seed,
                        model,
                        firmwareVersion,
                        optional(requested.credentialCapacity()),
                        optional(requested.maxCredentialLength()),
                        List.of());
        CredentialStore store = credentials.copy().persistence(persistence(file, initial)).build();
        try {
            store.save();
        } catch (IOException e) {
            throw new StateFileException(file.path(), "creating the file failed: " + e, e);
        }
        Device device = device(initial, requested.seed() == null, random, clock, store);
        LOG.info(
                "Created state file {} for {} with IMEI {}",
                file.path(),
                model,
                device.identity().imei());
        return device;
    }

    private static Device restore(
            StateFile file, DeviceState saved, Requested requested, ModemClock clock) {
        checkRequestedSettings(file, saved, requested);
        try {
            Modem.Builder.checkFirmwareVersion(saved.firmwareVersion());
        } catch (IllegalArgumentException e) {
            throw new StateFileException(file.path(), "field 'firmwareVersion': " + e.getMessage());
        }

        CredentialStore.Builder fromFile = CredentialStore.builder();
        for (CredentialRecord record : saved.credentials()) {
            fromFile.add(
                    record.secTag(),
                    record.type(),
                    record.content(),
                    record.password().orElse(null));
        }
        if (saved.credentialCapacity().isPresent()) {
            fromFile.capacity(saved.credentialCapacity().getAsInt());
        }
        if (saved.maxCredentialLength().isPresent()) {
            fromFile.maxContentLength(saved.maxCredentialLength().getAsInt());
        }
        CredentialStore store;
        try {
            store = fromFile.persistence(persistence(file, saved)).build();
        } catch (IllegalArgumentException e) {
            throw new StateFileException(
                    file.path(), "invalid credential store: " + e.getMessage(), e);
        }

        int ignored = requested.credentialCount();
        if (ignored > 0) {
            LOG.info(
                    "State file {} exists, so its {} credentials replace the {} given to the"
                            + " builder",
                    file.path(),
                    store.list().size(),
                    ignored);
        }
        LOG.debug("Loaded state file {} with {} credentials", file.path(), store.list().size());
        return device(saved, requested.seed() == null, new SecureRandom(), clock, store);
    }

    /** Rejects each setting that the builder set to a value other than the file's. */
    private static void checkRequestedSettings(
            StateFile file, DeviceState saved, Requested requested) {
        // Compared in constant time and never quoted, because the seed derives the identity key.
        if (requested.seed() != null && !MessageDigest.isEqual(requested.seed(), saved.seed())) {
            throw conflict(file, "the seed differs from the file's seed", "seed");
        }
        if (requested.model() != null && requested.model() != saved.model()) {
            throw conflict(
                    file,
                    "model " + requested.model() + " differs from the file's " + saved.model(),
                    "model");
        }
        String version = requested.firmwareVersion();
        if (version != null && !version.equals(saved.firmwareVersion())) {
            throw conflict(
                    file,
                    "firmware version "
                            + version
                            + " differs from the file's "
                            + saved.firmwareVersion(),
                    "firmware version");
        }
        checkLimit(
                file,
                "credential capacity",
                requested.credentialCapacity(),
                saved.credentialCapacity(),
                CredentialStore.DEFAULT_CAPACITY);
        checkLimit(
                file,
                "maximum credential length",
                requested.maxCredentialLength(),
                saved.maxCredentialLength(),
                CredentialStore.DEFAULT_MAX_CONTENT_LENGTH);
    }

    private static void checkLimit(
            StateFile file, String name, Integer requested, OptionalInt saved, int defaultValue) {
        int savedValue = saved.orElse(defaultValue);
        if (requested != null && requested != savedValue) {
            String savedText = saved.isPresent() ? "" + savedValue : savedValue + " (the default)";
            throw conflict(
                    file, name + " " + requested + " differs from the file's " + savedText, name);
        }
    }

    private static StateFileException conflict(StateFile file, String difference, String setting) {
        return new StateFileException(
                file.path(),
                difference
                        + "; leave the "
                        + setting
                        + " unset to use the file's, or use another state file");
    }

    private static Device device(
            DeviceState state,
            boolean randomTokenIds,
            SecureRandom random,
            ModemClock clock,
            CredentialStore store) {
        Device device =
                randomTokenIds
                        ? Device.fromSeedWithRandomTokenIds(
                                state.seed(),
                                random,
                                state.model(),
                                state.firmwareVersion(),
                                clock,
                                store)
                        : Device.fromSeed(
                                state.seed(), state.model(), state.firmwareVersion(), clock, store);
        // The store outlives this device, so a seeded key stream would repeat stored keys.
        device.drawProvisioningValuesFrom(random);
        return device;
    }

    /** Returns the persistence that writes each change of the store to the file. */
    private static CredentialStore.Persistence persistence(StateFile file, DeviceState fixedPart) {
        Objects.requireNonNull(fixedPart, "fixedPart");
        // An anonymous class, not a lambda, for the reason given in Modem's constructor.
        return new CredentialStore.Persistence() {
            @Override
            public void save(List<CredentialRecord> items) throws IOException {
                file.write(fixedPart.withCredentials(items));
            }
        };
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
