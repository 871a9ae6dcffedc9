package io.github.nrf91emu.cli;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.net.ModemServer;
import io.github.nrf91emu.state.StateFileException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command-line modem: reads AT command lines from standard input and writes the responses to
 * standard output, or serves the modem over TCP with {@code --listen}. Standard output carries only
 * modem responses (or the output of {@code --help}, {@code --version} and {@code --identity}); logs
 * go to standard error.
 *
 * <p>Exit status: 0 on success, 1 when running fails (a state file that is locked, invalid or
 * contradicts an option, standard input or output, binding the listen address, or an unexpected
 * error), 2 for an invalid option or option value. Each failure prints one line to standard error.
 * With {@code --state}, the process holds the state file's lock until it exits.
 */
public final class ModemCli {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private final CliOptions options;
    private final PrintStream err;
    private Logger log;

    private ModemCli(CliOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (RuntimeException | Error e) {
            // Failures that run() does not report itself, such as a broken jar, are one line too.
            System.err.println(
                    CliOptions.COMMAND_NAME + ": unexpected error: " + oneLine(e.toString()));
            status = EXIT_FAILURE;
        }
        System.exit(status);
    }

    /** Runs the command and returns its exit status. */
    static int run(String... args) {
        PrintStream err = System.err;
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (UsageException e) {
            err.println(usageErrorLine(e.getMessage()));
            return EXIT_USAGE;
        }

        if (options.helpRequested()) {
            System.out.print(HelpText.format(CliOptions.definitions()));
            System.out.flush();
            return EXIT_OK;
        }
        if (options.versionRequested()) {
            System.out.println(CliOptions.COMMAND_NAME + " " + version());
            return EXIT_OK;
        }
        // Logs in standard-input mode are rare (failures, or --verbose), so they skip the date and
        // time, whose formatter costs start-up time. A server's logs keep it.
        LogSetup.configure(options.verbose(), options.listen().isPresent());
        return new ModemCli(options, err).runModem();
    }

    private int runModem() {
        log = LoggerFactory.getLogger(ModemCli.class);
        Modem modem;
        try {
            modem = buildModem();
        } catch (IllegalArgumentException e) {
            err.println(CliOptions.COMMAND_NAME + ": " + e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        } catch (StateFileException e) {
            return fail(oneLine(e.getMessage()), e);
        }

        try {
            if (options.identity()) {
                printIdentity(modem);
                return EXIT_OK;
            }
            if (options.listen().isPresent()) {
                return serve(modem, options.listen().get());
            }
            return runOnStandardStreams(modem);
        } catch (RuntimeException e) {
            return fail("unexpected error: " + oneLine(e.toString()), e);
        } finally {
            modem.close();
        }
    }

    private Modem buildModem() {
        Modem.Builder builder =
                Modem.builder().timeKnown(!options.timeUnknown()).cmeErrors(options.cmeErrors());
        // Plain if statements, not ifPresent with method references: the JVM generates a class for
        // each method reference at its first use, which adds to the start-up time.
        OptionalLong seed = options.seed();
        if (seed.isPresent()) {
            builder.seed(seed.getAsLong());
        }
        // Only options that were given go to the builder, because with a state file each set
        // value must match the file's.
        Optional<Model> model = options.model();
        if (model.isPresent()) {
            builder.model(model.get());
        }
        Optional<String> firmwareVersion = options.firmwareVersion();
        if (firmwareVersion.isPresent()) {
            builder.firmwareVersion(firmwareVersion.get());
        }
        List<String> disabled = options.disabledCommands();
        builder.disableCommands(disabled.toArray(new String[0]));
        Optional<Path> stateFile = options.stateFile();
        if (stateFile.isPresent()) {
            builder.stateFile(stateFile.get());
        }
        return builder.build();
    }

    private static void printIdentity(Modem modem) {
        System.out.print(IdentityReport.format(modem.identity()));
        System.out.flush();
    }

    private int runOnStandardStreams(Modem modem) {
        log.debug(
                "Reading standard input as {} with IMEI {}",
                modem.identity().model(),
                modem.identity().imei());
        // Unbuffered streams: each read returns what has arrived, and each write goes out at once.
        FileInputStream in = new FileInputStream(FileDescriptor.in);
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        try {
            StdinSession.run(modem.openSession(), in, out);
        } catch (IOException e) {
            return fail("standard input or output failed: " + e.getMessage(), e);
        }
        return EXIT_OK;
    }

    private int serve(Modem modem, InetSocketAddress address) {
        ModemServer server;
        try {
            server = ModemServer.start(modem, address, options.serverOptions());
        } catch (IOException e) {
            return fail("listening on " + format(address) + " failed: " + e.getMessage(), e);
        }
        log.info(
                "Serving {} with IMEI {}, key ID {}",
                modem.identity().model(),
                modem.identity().imei(),
                modem.identity().keyId());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "modem-server-shutdown"));
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return EXIT_OK;
    }

    /** Prints one line about a failure, logs its stack trace at debug level, and returns 1. */
    private int fail(String message, Exception cause) {
        err.println(CliOptions.COMMAND_NAME + ": " + message);
        log.debug("Stack trace of the failure", cause);
        return EXIT_FAILURE;
    }

    /**
     * Formats an invalid command line as one line, such as {@code nrf91-at-emulator: unknown option
     * '--sed', did you mean --seed? (see --help)}.
     */
    static String usageErrorLine(String message) {
        return CliOptions.COMMAND_NAME + ": " + message + " (see --help)";
    }

    /**
     * Joins the lines of a message with single spaces, dropping the white space around each line
     * end.
     */
    static String oneLine(String text) {
        String stripped = text.strip();
        StringBuilder line = new StringBuilder(stripped.length());
        int i = 0;
        while (i < stripped.length()) {
            char c = stripped.charAt(i);
            if (c != '\r' && c != '\n') {
                line.append(c);
                i++;
                continue;
            }
            int end = line.length();
            while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            line.setLength(end);
            while (i < stripped.length() && Character.isWhitespace(stripped.charAt(i))) {
                i++;
            }
            line.append(' ');
        }
        return line.toString();
    }

    private static String version() {
        String version = ModemCli.class.getPackage().getImplementationVersion();
        return version == null ? "(version unknown: not run from the packaged jar)" : version;
    }

    private static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
