package io.github.nrf91emu.cli;

import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Starts logging and runs the key derivation and signing code once with a throwaway key, on a
 * second thread while picocli parses the options on the main thread. At JVM start these steps cost
 * tens of milliseconds each in class loading and one-time setup (the date format of the log, the
 * JCA provider behind SHA-256, the signing code itself). Run in parallel on a machine with two or
 * more cores, most of that is off the path of a one-command run.
 *
 * <p>The thread is a daemon and touches no state of the emulated modem, and no logger of the
 * emulator, because a logger's level is fixed when it is created and {@code --verbose} is not yet
 * parsed.
 */
final class StartupWarmUp {
    private static final byte[] THROWAWAY_SEED =
            "nrf91-at-emulator warm-up".getBytes(StandardCharsets.US_ASCII);

    private StartupWarmUp() {}

    /** Starts the warm-up thread; the caller does not need to wait for it. */
    static void start() {
        Thread thread = new Thread(StartupWarmUp::run, "startup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        LoggerFactory.getILoggerFactory();
        P256KeyPair pair = P256Keys.fromSeed(THROWAWAY_SEED);
        Es256.sign(pair.privateKey(), THROWAWAY_SEED);
    }
}
