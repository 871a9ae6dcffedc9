package io.github.nrf91emu.device;

import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.keystore.CredentialStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The state of one emulated device that the command handlers read and change: identity and identity
 * key, clock, credential store, functional mode, power-off warning, error reporting mode and forced
 * token failures. Only the credential store is thread-safe, because the modem runs one command at a
 * time on the device. This class is the handlers' view of the device and not meant for use outside
 * the emulator.
 */
public final class Device {
    /** Length in bytes of the seed that {@link #randomSeed} draws. */
    public static final int RANDOM_SEED_LENGTH = 32;

    /** Value of {@link #setForcedTokenFailures} that fails every token until cleared. */
    public static final int FAIL_ALL_TOKENS = -1;

    private final DeviceIdentity identity;
    private final P256KeyPair identityKey;
    private final ModemClock clock;
    private final CredentialStore credentials;
    private final byte[] seed;
    private final SecureRandom random;
    private long jtiCounter;
    private long generatedKeyCounter;
    private long nonceCounter;

    /** The source of generated keys and nonces when they are random; null for seeded streams. */
    private SecureRandom provisioningRandom;

    private final FunctionalMode functionalMode = new FunctionalMode();
    private boolean cmeReporting;
    private boolean powerOffWarning;

    /** Tokens still to fail with CME error 525, or {@link #FAIL_ALL_TOKENS}. */
    private int forcedTokenFailures;

    /** Key generations still to fail with CME error 523. */
    private int forcedKeyGenerationFailures;

    private Device(
            DeviceIdentity identity,
            P256KeyPair identityKey,
            ModemClock clock,
            CredentialStore credentials,
            byte[] seed,
            SecureRandom random) {
        this.identity = identity;
        this.identityKey = identityKey;
        this.clock = clock;
        this.credentials = credentials;
        this.seed = seed;
        this.random = random;
        this.provisioningRandom = random;
    }

    /**
     * Creates a device whose identity, identity key and token ids all derive from {@code seed}, so
     * the same seed gives the same device and the same sequence of tokens.
     */
    public static Device fromSeed(
            byte[] seed, Model model, String firmwareVersion, ModemClock clock) {
        return fromSeed(seed, model, firmwareVersion, clock, CredentialStore.builder().build());
    }

    /**
     * Creates a device as {@link #fromSeed(byte[], Model, String, ModemClock)} does, with a store.
     */
    public static Device fromSeed(
            byte[] seed,
            Model model,
            String firmwareVersion,
            ModemClock clock,
            CredentialStore credentials) {
        byte[] seedCopy = seed.clone();
        return create(seedCopy, model, firmwareVersion, clock, credentials, null);
    }

    /** Creates a device with a random identity and identity key and random token ids. */
    public static Device random(
            SecureRandom random, Model model, String firmwareVersion, ModemClock clock) {
        return random(random, model, firmwareVersion, clock, CredentialStore.builder().build());
    }

    /**
     * Creates a device as {@link #random(SecureRandom, Model, String, ModemClock)} does, with a
     * store.
     */
    public static Device random(
            SecureRandom random,
            Model model,
            String firmwareVersion,
            ModemClock clock,
            CredentialStore credentials) {
        return create(randomSeed(random), model, firmwareVersion, clock, credentials, random);
    }

    /** Returns a new seed of {@value #RANDOM_SEED_LENGTH} random bytes. */
    public static byte[] randomSeed(SecureRandom random) {
        byte[] seed = new byte[RANDOM_SEED_LENGTH];
        random.nextBytes(seed);
        return seed;
    }

    /**
     * Creates a device whose identity and identity key derive from {@code seed}, as {@link
     * #fromSeed} does, but whose token ids are random, as those of {@link #random}. A random device
     * that was saved by its seed and is created again is such a device: the same identity, and
     * token ids that do not repeat those of its earlier runs.
     */
    public static Device fromSeedWithRandomTokenIds(
            byte[] seed,
            SecureRandom random,
            Model model,
            String firmwareVersion,
            ModemClock clock,
            CredentialStore credentials) {
        Objects.requireNonNull(random, "random");
        return create(seed.clone(), model, firmwareVersion, clock, credentials, random);
    }

    private static Device create(
            byte[] seed,
            Model model,
            String firmwareVersion,
            ModemClock clock,
            CredentialStore credentials,
            SecureRandom random) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(credentials, "credentials");
        P256KeyPair key = IdentityDerivation.identityKey(seed);
        DeviceIdentity identity =
                new DeviceIdentity(
                        model,
                        IdentityDerivation.imei(seed),
                        IdentityDerivation.deviceUuid(seed),
                        IdentityDerivation.firmwareUuid(firmwareVersion),
                        firmwareVersion,
                        key.publicKey());
        return new Device(identity, key, clock, credentials, random == null ? seed : null, random);
    }

    public DeviceIdentity identity() {
        return identity;
    }

    /** Returns the device identity key pair, which signs tokens when no sec_tag is given. */
    public P256KeyPair identityKey() {
        return identityKey;
    }

    public ModemClock clock() {
        return clock;
    }

    public FunctionalMode functionalMode() {
        return functionalMode;
    }

    /** Returns the credential store that {@code AT%CMNG} manages and {@code AT%JWT} signs from. */
    public CredentialStore credentials() {
        return credentials;
    }

    /**
     * Returns whether a power-off warning is active (the modem's {@code %XPOFWARN} state, entered
     * when the supply voltage drops), which blocks writes to the credential store.
     */
    public boolean powerOffWarning() {
        return powerOffWarning;
    }

    public void setPowerOffWarning(boolean powerOffWarning) {
        this.powerOffWarning = powerOffWarning;
    }

    /**
     * Sets how many of the next tokens fail as if signing failed inside the modem: a count, 0 for
     * none, or {@link #FAIL_ALL_TOKENS} for every token until this is set again.
     *
     * @throws IllegalArgumentException if the count is below {@link #FAIL_ALL_TOKENS}
     */
    public void setForcedTokenFailures(int count) {
        if (count < FAIL_ALL_TOKENS) {
            throw new IllegalArgumentException(
                    "forced token failures out of range: " + count + " (expected -1 or more)");
        }
        this.forcedTokenFailures = count;
    }

    /** Returns whether the token being made must fail, and counts it against the forced ones. */
    public boolean takeForcedTokenFailure() {
        if (forcedTokenFailures == 0) {
            return false;
        }
        if (forcedTokenFailures > 0) {
            forcedTokenFailures--;
        }
        return true;
    }

    /** Returns whether errors are reported as {@code +CME ERROR: <n>} ({@code +CMEE=1}). */
    public boolean cmeReporting() {
        return cmeReporting;
    }

    public void setCmeReporting(boolean cmeReporting) {
        this.cmeReporting = cmeReporting;
    }

    /**
     * Returns 16 fresh bytes for a token's {@code jti}: random for a random device, the next block
     * of a counter-mode SHA-256 stream for a seeded one.
     */
    public byte[] nextJtiBytes() {
        if (random != null) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return bytes;
        }
        return IdentityDerivation.jtiBytes(seed, jtiCounter++);
    }

    /**
     * Sets how many of the next key generations ({@code AT%KEYGEN}) fail as if the modem could not
     * make a key: a count, or 0 for none.
     *
     * @throws IllegalArgumentException if the count is negative
     */
    public void setForcedKeyGenerationFailures(int count) {
        if (count < 0) {
            throw new IllegalArgumentException(
                    "forced key generation failures must not be negative: " + count);
        }
        this.forcedKeyGenerationFailures = count;
    }

    /** Returns whether the key being made must fail, and counts it against the forced ones. */
    public boolean takeForcedKeyGenerationFailure() {
        if (forcedKeyGenerationFailures == 0) {
            return false;
        }
        forcedKeyGenerationFailures--;
        return true;
    }

    /**
     * Draws the keys and nonces of {@link #generateKeyPair()} and {@link #nextNonce()} from {@code
     * random} from now on, even on a seeded device. A device whose store outlives it (in a state
     * file) needs this: a seeded stream would start again at every restart and hand out a key that
     * is already stored.
     */
    public void drawProvisioningValuesFrom(SecureRandom random) {
        this.provisioningRandom = Objects.requireNonNull(random, "random");
    }

    /**
     * Returns a new P-256 key pair for {@code AT%KEYGEN}: random for a random device or after
     * {@link #drawProvisioningValuesFrom}, otherwise the next key of a stream of keys of the seed,
     * so a seeded device makes the same keys in the same order. The stream is separate from the
     * identity key and from token ids.
     */
    public P256KeyPair generateKeyPair() {
        if (provisioningRandom != null) {
            return P256Keys.generate(provisioningRandom);
        }
        return P256Keys.fromSeed(
                IdentityDerivation.streamBlock("generated key", seed, generatedKeyCounter++));
    }

    /**
     * Returns a 16-byte nonce for the messages of {@code AT%KEYGEN} and {@code AT%ATTESTTOKEN}:
     * random as {@link #generateKeyPair()} is, otherwise the next block of a stream of its own.
     */
    public byte[] nextNonce() {
        if (provisioningRandom != null) {
            byte[] bytes = new byte[16];
            provisioningRandom.nextBytes(bytes);
            return bytes;
        }
        return Arrays.copyOf(IdentityDerivation.streamBlock("nonce", seed, nonceCounter++), 16);
    }
}
