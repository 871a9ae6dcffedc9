package io.github.nrf91emu.testkit;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Many emulated devices derived from one seed, for tests of servers that serve a whole fleet.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.fromSeed(42, 1000);
 * ModemTokenVerifier verifier =
 *         ModemTokenVerifier.builder().jwkSet(fleet.jwkSet()).clock(clock).build();
 * String response = fleet.device(17).execute("AT%JWT=0,3600");
 * }</pre>
 *
 * <p>Device {@code i} is the modem that {@code Modem.builder().seed(Fleet.deviceSeed(seed, i))}
 * builds with the fleet's settings, so its identity, identity key and token ids are the same on
 * every machine and every run.
 *
 * <p>Memory: building a fleet derives every identity and keeps only the {@link DeviceIdentity}
 * objects, whose public keys are plain coordinates. A device's {@link Modem}, with its private key,
 * command handlers and state, is built on the first {@link #device(int)} call and kept, so the
 * device keeps its state between calls. Devices share the fixed-base table of the P-256 core, which
 * is static, and nothing in the fleet verifies signatures, so no per-key verification tables are
 * built. docs/benchmarks.md has the measured heap per device.
 *
 * <p>A fleet is thread-safe: concurrent {@link #device(int)} calls for one index return the same
 * modem.
 */
public final class Fleet {
    /**
     * Largest fleet. A device retains about 300 bytes before its modem is built and 2.4 KiB after,
     * so a full fleet needs about 300 MB to 2.4 GB of heap; larger sizes fail here instead of with
     * an {@link OutOfMemoryError} part-way through.
     */
    public static final int MAX_SIZE = 1_000_000;

    private final long seed;
    private final Settings settings;
    private final DeviceIdentity[] identities;
    private final AtomicReferenceArray<Modem> modems;

    private Fleet(long seed, Settings settings, DeviceIdentity[] identities) {
        this.seed = seed;
        this.settings = settings;
        this.identities = identities;
        this.modems = new AtomicReferenceArray<>(identities.length);
    }

    /**
     * Builds a fleet of {@code size} nRF9160 devices with the default settings of {@link
     * Modem#builder()}.
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public static Fleet fromSeed(long seed, int size) {
        return builder().seed(seed).size(size).build();
    }

    /** Returns a builder. The size is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the seed of device {@code index}: the fleet seed and then the index, each as a 64-bit
     * big-endian number, 16 bytes in all. {@link Modem.Builder#seed(byte[])} derives the device
     * from it.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public static byte[] deviceSeed(long fleetSeed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException(
                    "device index is negative: " + index + " (expected 0 or more)");
        }
        byte[] bytes = new byte[2 * Long.BYTES];
        putBigEndian(bytes, 0, fleetSeed);
        putBigEndian(bytes, Long.BYTES, index);
        return bytes;
    }

    /** Returns the number of devices. */
    public int size() {
        return identities.length;
    }

    /** Returns the fleet seed, which a failing test can print to rebuild the same fleet. */
    public long seed() {
        return seed;
    }

    /**
     * Returns the modem of device {@code index}, built on the first call and the same instance on
     * later calls.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in 0..size-1
     */
    public Modem device(int index) {
        Objects.checkIndex(index, identities.length);
        Modem modem = modems.get(index);
        if (modem != null) {
            return modem;
        }
        Modem built = settings.modemBuilder(deviceSeed(seed, index)).build();
        Modem winner = modems.compareAndExchange(index, null, built);
        return winner == null ? built : winner;
    }

    /**
     * Returns the identity of device {@code index}, without building its modem.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in 0..size-1
     */
    public DeviceIdentity identity(int index) {
        Objects.checkIndex(index, identities.length);
        return identities[index];
    }

    /** Returns the identities of all devices in index order, as an unmodifiable list. */
    public List<DeviceIdentity> identities() {
        return Collections.unmodifiableList(Arrays.asList(identities));
    }

    /**
     * Writes a JWK Set of every device's identity key in index order, each under the kid that the
     * device puts in its tokens ({@link P256PublicKey#spkiSha256Hex()}), as {@link
     * JwkSets#of(P256PublicKey...)} writes it.
     */
    public String jwkSet() {
        P256PublicKey[] keys = new P256PublicKey[identities.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = identities[i].publicKey();
        }
        return JwkSets.of(keys);
    }

    /**
     * Writes the device public-key CSV for nRF Cloud with the device UUID as device ID, as {@link
     * #nrfCloudCsv(NrfCloudDeviceId)} describes.
     */
    public String nrfCloudCsv() {
        return nrfCloudCsv(NrfCloudDeviceId.DEVICE_UUID);
    }

    /**
     * Writes one CSV row per device in index order, {@code <device id>,"<PEM public key>"}, each
     * ending with LF, and no header row. The PEM is the identity key's SubjectPublicKeyInfo {@code
     * PUBLIC KEY} block with LF line ends. It keeps its line breaks and final LF inside the double
     * quotes, as RFC 4180 allows in a quoted field. Neither field can contain a double quote, so
     * nothing needs escaping.
     *
     * <p>The quoted PEM with its line breaks is the layout of the onboarding CSV that nRF Cloud
     * Utils writes ({@code nrf_cloud_onboard.py}, rows {@code
     * <deviceId>,<subType>,<tags>,<fwTypes>,"<certificatePem>"}).
     */
    // NOTE: the two-column layout for public keys is not checked against Nordic's reference of
    // the nRF Cloud public-key registration endpoint. The onboarding CSV above takes a device
    // certificate, not a public key.
    public String nrfCloudCsv(NrfCloudDeviceId idFormat) {
        Objects.requireNonNull(idFormat, "idFormat");
        StringBuilder csv = new StringBuilder(identities.length * 240);
        for (DeviceIdentity identity : identities) {
            csv.append(idFormat.of(identity))
                    .append(",\"")
                    .append(identity.publicKeyPem())
                    .append("\"\n");
        }
        return csv.toString();
    }

    /** Formats the fleet as {@code Fleet{seed=…, size=…, model=…, firmwareVersion=…}}. */
    @Override
    public String toString() {
        DeviceIdentity first = identities[0];
        return "Fleet{seed="
                + seed
                + ", size="
                + identities.length
                + ", model="
                + first.model()
                + ", firmwareVersion="
                + first.firmwareVersion()
                + "}";
    }

    private static void putBigEndian(byte[] bytes, int offset, long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    /** The settings that every device of a fleet gets. */
    private record Settings(
            Model model,
            String firmwareVersion,
            Clock clock,
            boolean timeKnown,
            boolean cmeErrors,
            Set<String> disabledCommands) {

        Modem.Builder modemBuilder(byte[] deviceSeed) {
            Modem.Builder builder =
                    Modem.builder()
                            .seed(deviceSeed)
                            .clock(clock)
                            .timeKnown(timeKnown)
                            .cmeErrors(cmeErrors)
                            .disableCommands(disabledCommands.toArray(new String[0]));
            if (model != null) {
                builder.model(model);
            }
            if (firmwareVersion != null) {
                builder.firmwareVersion(firmwareVersion);
            }
            return builder;
        }
    }

    /** Settings of a new {@link Fleet}, applied to every device and checked in {@link #build()}. */
    public static final class Builder {
        private Long seed;
        private Integer size;
        private Model model;
        private String firmwareVersion;
        private Clock clock = Clock.systemUTC();
        private boolean timeKnown = true;
        private boolean cmeErrors;
        private final Set<String> disabledCommands = new LinkedHashSet<>();

        private Builder() {}

        /** Sets the fleet seed. Without it, {@link #build()} draws a random one. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the number of devices, 1 to {@link #MAX_SIZE}. Required. */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** Sets the model of every device, as {@link Modem.Builder#model(Model)} does. */
        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Sets the firmware version, as {@link Modem.Builder#firmwareVersion(String)} does. */
        public Builder firmwareVersion(String firmwareVersion) {
            this.firmwareVersion = Objects.requireNonNull(firmwareVersion, "firmwareVersion");
            return this;
        }

        /** Sets the clock that all devices follow, as {@link Modem.Builder#clock(Clock)} does. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets whether the time is known at power-on, as {@link Modem.Builder#timeKnown} does. */
        public Builder timeKnown(boolean timeKnown) {
            this.timeKnown = timeKnown;
            return this;
        }

        /**
         * Sets the initial {@code +CMEE} mode, as {@link Modem.Builder#cmeErrors(boolean)} does.
         */
        public Builder cmeErrors(boolean cmeErrors) {
            this.cmeErrors = cmeErrors;
            return this;
        }

        /**
         * Builds every device without the named commands, as {@link
         * Modem.Builder#disableCommands(String...)} does.
         */
        public Builder disableCommands(String... names) {
            Objects.requireNonNull(names, "names");
            for (String name : names) {
                disabledCommands.add(Objects.requireNonNull(name, "command name"));
            }
            return this;
        }

        /**
         * Builds the fleet: checks the settings by building the modem of device 0 once, then
         * derives the identity of every device.
         *
         * @throws IllegalArgumentException if the size is missing or less than 1, or a setting is
         *     one that {@link Modem.Builder#build()} rejects
         */
        public Fleet build() {
            if (size == null) {
                throw new IllegalArgumentException(
                        "fleet size is missing (expected size(int) of at least 1)");
            }
            if (size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException(
                        "fleet size out of range: " + size + " (expected 1.." + MAX_SIZE + ")");
            }
            long fleetSeed = seed != null ? seed : new SecureRandom().nextLong();
            Settings settings =
                    new Settings(
                            model,
                            firmwareVersion,
                            clock,
                            timeKnown,
                            cmeErrors,
                            Set.copyOf(disabledCommands));
            // The check modem is dropped, so that a fleet keeps no private key until device(i).
            DeviceIdentity checked =
                    settings.modemBuilder(deviceSeed(fleetSeed, 0)).build().identity();
            return new Fleet(fleetSeed, settings, deriveIdentities(fleetSeed, checked));
        }

        /**
         * Derives each identity as {@link Modem.Builder#build()} does, through {@link
         * Device#fromSeed}, without the rest of a modem.
         */
        private DeviceIdentity[] deriveIdentities(long fleetSeed, DeviceIdentity first) {
            ModemClock unusedClock = ModemClock.following(clock);
            DeviceIdentity[] identities = new DeviceIdentity[size];
            identities[0] = first;
            for (int i = 1; i < size; i++) {
                identities[i] =
                        Device.fromSeed(
                                        deviceSeed(fleetSeed, i),
                                        first.model(),
                                        first.firmwareVersion(),
                                        unusedClock)
                                .identity();
            }
            return identities;
        }
    }
}
