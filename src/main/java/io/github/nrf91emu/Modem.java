package io.github.nrf91emu;

import io.github.nrf91emu.at.AtLineFramer;
import io.github.nrf91emu.commands.StandardCommands;
import io.github.nrf91emu.crypto.P256PrivateKey;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.FirmwareVersion;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.dispatch.CommandDispatcher;
import io.github.nrf91emu.keystore.CredentialStore;
import io.github.nrf91emu.keystore.CredentialStoreView;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.state.StateFile;
import io.github.nrf91emu.state.StateFileException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * An emulated nRF91 modem with its AT command interface.
 *
 * <pre>{@code
 * Modem modem = Modem.builder().seed(42).build();
 * String response = modem.execute("AT%JWT=0,3600,\"ClientAuth\",\"urn:server\"");
 * // %JWT: "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiIsImtpZCI6Ij...
 * // OK
 * }</pre>
 *
 * A modem is safe to use from many threads: its command lines run one at a time, in the order they
 * take the modem's lock.
 *
 * <p>A modem built with {@link Builder#stateFile(Path)} keeps its identity and credentials in that
 * file and holds the file's lock until {@link #close()}. Closing any modem ends its use: afterwards
 * {@link #execute}, {@link #openSession}, the sessions' {@code feed} and {@code finish}, {@link
 * #setPowerOffWarning} and the methods of {@link #faults()} throw {@link IllegalStateException}.
 */
public final class Modem implements AutoCloseable {
    private static final byte[] ERROR = "ERROR\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Device device;
    private final CommandDispatcher dispatcher;
    private final StateFile stateFile;
    private final ReentrantLock lock = new ReentrantLock();
    private final ModemFaults faults;
    private volatile boolean closed;

    private Modem(Device device, Set<String> disabledCommands, StateFile stateFile) {
        this.device = device;
        this.stateFile = stateFile;
        // An anonymous class, not a method reference: the first lambda in a JVM costs tens of
        // milliseconds of bootstrap, and the command-line modem starts for a single command.
        BooleanSupplier cmeReporting =
                new BooleanSupplier() {
                    @Override
                    public boolean getAsBoolean() {
                        return device.cmeReporting();
                    }
                };
        this.dispatcher =
                new CommandDispatcher(
                        StandardCommands.create(device), disabledCommands, cmeReporting);
        this.faults = new ModemFaults(this, lock, device, dispatcher);
    }

    /** Returns a builder for a modem; without settings it is a random nRF9160. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the identity of the emulated device. */
    public DeviceIdentity identity() {
        return device.identity();
    }

    /**
     * Returns a read-only view of the credential store that {@code AT%CMNG} manages. It shows the
     * current items, without the content of private keys and PSKs.
     */
    public CredentialStoreView credentials() {
        return device.credentials().view();
    }

    /**
     * Switches the power-off warning on or off, the state that a real modem enters when its supply
     * voltage drops and reports with {@code %XPOFWARN}. While it is on, {@code AT%CMNG} write and
     * delete fail with {@code +CME ERROR: 528}. The change waits for a running command line to end.
     */
    public void setPowerOffWarning(boolean active) {
        lock.lock();
        try {
            checkOpen();
            device.setPowerOffWarning(active);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the faults that can be injected into this modem: disabled commands, the power-off
     * warning, an unknown, stopped or wrong clock, and failing tokens. The view is thread-safe, and
     * its changes wait for a running command line to end.
     */
    public ModemFaults faults() {
        return faults;
    }

    /**
     * Runs AT command text and returns the response text. The text is usually one command line; its
     * line end may be left out. Several lines run in order and their responses follow each other.
     * Text that ends inside a quoted string gets {@code ERROR} for that line.
     */
    public String execute(String text) {
        Objects.requireNonNull(text, "text");
        return new String(execute(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** Runs AT command bytes and returns the response bytes; see {@link #execute(String)}. */
    public byte[] execute(byte[] text) {
        Objects.requireNonNull(text, "text");
        checkOpen();
        AtLineFramer framer = new AtLineFramer();
        ByteArrayOutputStream responses = new ByteArrayOutputStream();
        framer.feed(text, 0, text.length, listenerWritingTo(responses));
        finishStream(framer, responses);
        return responses.toByteArray();
    }

    /** Opens a byte-stream session, for a serial line or a network connection. */
    public ModemSession openSession() {
        checkOpen();
        return new ModemSession(this);
    }

    /**
     * Closes the modem: waits for a running command line to end and releases the state file's lock,
     * if the modem has a state file. Every change is already on disk, so closing writes nothing.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (stateFile != null) {
                stateFile.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Throws {@link IllegalStateException} once the modem is closed. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the modem is closed");
        }
    }

    /** Ends the line a framer has open, if any, as {@link ModemSession#finish()} describes. */
    void finishStream(AtLineFramer framer, ByteArrayOutputStream responses) {
        if (framer.hasPartialLine()) {
            framer.feed(new byte[] {'\r'}, 0, 1, listenerWritingTo(responses));
        }
        if (framer.hasPartialLine()) {
            framer.reset();
            responses.writeBytes(ERROR);
        }
    }

    AtLineFramer.Listener listenerWritingTo(ByteArrayOutputStream responses) {
        return new AtLineFramer.Listener() {
            @Override
            public void onLine(byte[] line) {
                responses.writeBytes(runLine(line));
            }

            @Override
            public void onOverlongLine() {
                checkOpen();
                responses.writeBytes(dispatcher.overlongLine());
            }
        };
    }

    private byte[] runLine(byte[] line) {
        lock.lock();
        try {
            checkOpen();
            return dispatcher.run(line);
        } finally {
            lock.unlock();
        }
    }

    /** Settings of a new {@link Modem}, checked in {@link #build()}. */
    public static final class Builder {
        static final Model DEFAULT_MODEL = Model.NRF9160;

        private byte[] seed;
        private Model model;
        private String firmwareVersion;
        private Clock clock = Clock.systemUTC();
        private boolean timeKnown = true;
        private boolean cmeReporting;
        private final Set<String> disabledCommands = new LinkedHashSet<>();
        private final CredentialStore.Builder credentials = CredentialStore.builder();
        private Integer credentialCapacity;
        private Integer maxCredentialLength;
        private Path stateFile;

        private Builder() {}

        /** Derives the device identity, identity key and token ids from a number. */
        public Builder seed(long seed) {
            byte[] bytes = new byte[Long.BYTES];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (seed >>> (56 - 8 * i));
            }
            this.seed = bytes;
            return this;
        }

        /** Derives the device identity, identity key and token ids from bytes. */
        public Builder seed(byte[] seed) {
            this.seed = Objects.requireNonNull(seed, "seed").clone();
            return this;
        }

        /** Sets the model; the default is {@link Model#NRF9160}. */
        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Sets the {@code AT+CGMR} firmware version; the default is the model's. A version of the
         * form {@code mfw_nrf9160_X.Y.Z} or {@code mfw_nrf91x1_X.Y.Z} older than 1.3.0 has no
         * {@code %JWT}, which then fails with {@code ERROR} as an unknown command. A version of
         * another form keeps it (see {@link FirmwareVersion}).
         */
        public Builder firmwareVersion(String firmwareVersion) {
            this.firmwareVersion = Objects.requireNonNull(firmwareVersion, "firmwareVersion");
            return this;
        }

        /**
         * Sets the clock the modem's time follows; the default is the system clock in UTC. Use
         * {@link Clock#fixed} for tokens that are the same on every run.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets whether the time is known at power-on, as if a network had sent it (the default), or
         * unknown until {@code AT+CCLK} or {@code AT%CCLK} sets it.
         */
        public Builder timeKnown(boolean timeKnown) {
            this.timeKnown = timeKnown;
            return this;
        }

        /** Sets the initial {@code +CMEE} mode: true for {@code +CME ERROR: <n>} reports. */
        public Builder cmeErrors(boolean cmeReporting) {
            this.cmeReporting = cmeReporting;
            return this;
        }

        /**
         * Builds the device without the named commands, such as {@code %JWT}; they return {@code
         * +CME ERROR: 51} (command disabled in this software build).
         */
        public Builder disableCommands(String... names) {
            Objects.requireNonNull(names, "names");
            for (String name : names) {
                disabledCommands.add(Objects.requireNonNull(name, "command name"));
            }
            return this;
        }

        /**
         * Stores a credential before power-on, as {@code AT%CMNG=0} would, with the content encoded
         * as UTF-8. Sec_tags above 2147483647 belong to the modem: items there appear in {@code
         * AT%CMNG=1} lists and can be read, but the host can't replace or delete them.
         */
        public Builder credential(long secTag, CredentialType type, String content) {
            Objects.requireNonNull(content, "content");
            return credential(secTag, type, content.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Stores an encrypted client private key (type 2) with its password. Content and password
         * are encoded as UTF-8, as in {@link #credential(long, CredentialType, String)}.
         */
        public Builder credential(
                long secTag, CredentialType type, String content, String password) {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(password, "password");
            credentials.add(
                    secTag,
                    type,
                    content.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Stores a credential with exactly these content bytes; the array is copied. */
        public Builder credential(long secTag, CredentialType type, byte[] content) {
            credentials.add(secTag, type, content, null);
            return this;
        }

        /**
         * Stores a private key as an unencrypted PKCS #8 PEM block; the type must be {@link
         * CredentialType#CLIENT_PRIVATE_KEY} or {@link CredentialType#ENDORSEMENT_PRIVATE_KEY}.
         */
        public Builder credential(long secTag, CredentialType type, P256PrivateKey key) {
            credentials.addPrivateKey(secTag, type, key);
            return this;
        }

        /**
         * Sets the maximum number of credentials at host sec_tags (0..2147483647); the default is
         * {@value CredentialStore#DEFAULT_CAPACITY}. A write of a new item beyond it fails with
         * {@code +CME ERROR: 515}.
         */
        public Builder credentialCapacity(int items) {
            credentials.capacity(items);
            credentialCapacity = items;
            return this;
        }

        /**
         * Sets the maximum content length of a credential in bytes; the default is {@value
         * CredentialStore#DEFAULT_MAX_CONTENT_LENGTH}, the maximum AT line length. A longer write
         * fails with {@code +CME ERROR: 527}.
         */
        public Builder maxCredentialLength(int bytes) {
            credentials.maxContentLength(bytes);
            maxCredentialLength = bytes;
            return this;
        }

        /**
         * Keeps the device state in a JSON file, so that it survives restarts: the identity seed,
         * model, firmware version, the credentials and the credential limits set here. Every {@code
         * AT%CMNG} write and delete is on disk before its {@code OK}. {@code +CMEE}, the {@code
         * +CFUN} mode, the clock and the power-off warning start afresh, as on a real modem.
         *
         * <p>{@link #build()} creates a missing file from these settings, with a random seed unless
         * one is set. An existing file wins: the modem gets its identity and credentials, and
         * credentials given here are not used. A seed, model, firmware version, capacity or maximum
         * credential length set here that differs from the file's makes {@code build()} fail.
         *
         * <p>The modem holds a lock on {@code <file>.lock} until {@link Modem#close()}, so a second
         * modem on the same file, in this process or another, fails to build. The file is written
         * with permissions 0600 where the file system has POSIX permissions, because its seed
         * derives the identity key.
         */
        public Builder stateFile(Path file) {
            this.stateFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Builds the modem, and with a state file, locks it and reads or creates it.
         *
         * @throws IllegalArgumentException if the firmware version is empty or has characters other
         *     than printable ASCII without quotes, a disabled command name is not a prefix (+, % or
         *     #) followed by letters and digits or names no command of the model, or a credential
         *     setting or item is invalid (see {@link CredentialStore.Builder#build()})
         * @throws StateFileException if the state file is locked by another modem, can't be read or
         *     created, is invalid or has a newer format version, or has a seed, model, firmware
         *     version or credential limit that differs from one set here. The message names the
         *     file and the problem, and the file is left as it was.
         */
        public Modem build() {
            Model resolvedModel = model == null ? DEFAULT_MODEL : model;
            String version =
                    firmwareVersion == null
                            ? resolvedModel.defaultFirmwareVersion()
                            : firmwareVersion;
            checkFirmwareVersion(version);
            for (String name : disabledCommands) {
                if (!isCommandName(name)) {
                    throw new IllegalArgumentException(
                            "invalid command name to disable: \""
                                    + name
                                    + "\" (expected +, % or # followed by letters and digits)");
                }
            }
            CredentialStore store = credentials.build();
            ModemClock modemClock =
                    timeKnown ? ModemClock.following(clock) : ModemClock.unknown(clock);
            if (stateFile != null) {
                return buildWithStateFile(modemClock, store.list().size());
            }
            Device device =
                    seed != null
                            ? Device.fromSeed(seed, resolvedModel, version, modemClock, store)
                            : Device.random(
                                    new SecureRandom(), resolvedModel, version, modemClock, store);
            return newModem(device, null);
        }

        private Modem buildWithStateFile(ModemClock modemClock, int credentialCount) {
            StateFile file = StateFile.lock(stateFile);
            try {
                StateFileSetup.Requested requested =
                        new StateFileSetup.Requested(
                                seed,
                                model,
                                firmwareVersion,
                                credentialCapacity,
                                maxCredentialLength,
                                credentialCount);
                Device device = StateFileSetup.openDevice(file, requested, credentials, modemClock);
                return newModem(device, file);
            } catch (RuntimeException | Error e) {
                file.close();
                throw e;
            }
        }

        private Modem newModem(Device device, StateFile file) {
            // Checked here, not in build(), because a state file may set the model.
            checkDisabledCommandsExist(device.identity().model());
            device.setCmeReporting(cmeReporting);
            return new Modem(device, Set.copyOf(disabledCommands), file);
        }

        private void checkDisabledCommandsExist(Model model) {
            Set<String> known = StandardCommands.names(model);
            for (String name : disabledCommands) {
                if (!known.contains(name.toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(
                            "unknown command to disable: \""
                                    + name
                                    + "\" (expected one of "
                                    + String.join(", ", known)
                                    + " for "
                                    + model
                                    + ")");
                }
            }
        }

        /**
         * Checks a firmware version: one or more printable ASCII characters without spaces or
         * quotes.
         *
         * @throws IllegalArgumentException if the version is invalid; the message quotes it
         */
        static void checkFirmwareVersion(String version) {
            if (!isFirmwareVersion(version)) {
                throw new IllegalArgumentException(
                        "invalid firmware version: \""
                                + version
                                + "\" (expected printable ASCII without spaces or quotes)");
            }
        }

        /** Returns whether the text is one or more printable ASCII characters but the quote. */
        private static boolean isFirmwareVersion(String text) {
            if (text.isEmpty()) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c <= ' ' || c > '~' || c == '"') {
                    return false;
                }
            }
            return true;
        }

        /** Returns whether the text is +, % or # followed by one or more letters and digits. */
        private static boolean isCommandName(String text) {
            if (text.length() < 2 || "+%#".indexOf(text.charAt(0)) < 0) {
                return false;
            }
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean letterOrDigit =
                        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                if (!letterOrDigit) {
                    return false;
                }
            }
            return true;
        }
    }
}
