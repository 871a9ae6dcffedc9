package io.github.nrf91emu.cli;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.net.ModemServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command-line modem: reads AT command lines from standard input and writes the responses to
 * standard output, or serves the modem over TCP with {@code --listen}. Standard output carries only
 * modem responses (or the output of {@code --help}, {@code --version} and {@code --identity}); logs
 * go to standard error.
 *
 * <p>Exit status: 0 on success, 1 when running fails (standard input or output, binding the listen
 * address, or an unexpected error), 2 for an invalid option or option value. Each failure prints
 * one line to standard error.
 */
public final class ModemCli {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    /**
     * Built-in picocli converters to skip: those for java.sql and java.time types, which picocli
     * registers through reflection at every start although no option uses them.
     */
    private static final String SKIPPED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    private static final String CONVERTER_EXCLUDES_PROPERTY = "picocli.converters.excludes";

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
        if (System.getProperty(CONVERTER_EXCLUDES_PROPERTY) == null) {
            System.setProperty(CONVERTER_EXCLUDES_PROPERTY, SKIPPED_CONVERTERS);
        }
        CommandLine commandLine = CliOptions.commandLine();
        CliOptions options;
        try {
            options = CliOptions.parse(commandLine, args);
        } catch (ParameterException e) {
            err.println(usageErrorLine(e));
            return EXIT_USAGE;
        }

        if (options.helpRequested()) {
            commandLine.usage(System.out);
            return EXIT_OK;
        }
        if (options.versionRequested()) {
            System.out.println(CliOptions.COMMAND_NAME + " " + version());
            return EXIT_OK;
        }
        LogSetup.configure(options.verbose());
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
        }
    }

    private Modem buildModem() {
        Modem.Builder builder =
                Modem.builder()
                        .model(options.model())
                        .timeKnown(!options.timeUnknown())
                        .cmeErrors(options.cmeErrors());
        options.seed().ifPresent(builder::seed);
        options.firmwareVersion().ifPresent(builder::firmwareVersion);
        List<String> disabled = options.disabledCommands();
        builder.disableCommands(disabled.toArray(new String[0]));
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
     * Formats a picocli parameter error as one line, such as {@code nrf91-at-emulator: unknown
     * option '--sed', did you mean --seed? (see --help)}.
     */
    static String usageErrorLine(ParameterException e) {
        String message;
        if (e instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
            message = unknownOptionMessage(unmatched);
        } else {
            message = lowerFirst(oneLine(e.getMessage()));
        }
        return CliOptions.COMMAND_NAME + ": " + message + " (see --help)";
    }

    private static String unknownOptionMessage(UnmatchedArgumentException e) {
        // picocli also lists the value after an unknown option as unmatched, so name only options.
        List<String> unknown =
                e.getUnmatched().stream().filter(argument -> argument.startsWith("-")).toList();
        String message = "unknown option '" + String.join("', '", unknown) + "'";
        List<String> suggestions = e.getSuggestions();
        if (!suggestions.isEmpty()) {
            message += ", did you mean " + String.join(" or ", suggestions) + "?";
        }
        return message;
    }

    /** Joins the lines of a message with spaces. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** Lower-cases the first letter of a sentence, but keeps acronyms such as "IPv6". */
    private static String lowerFirst(String text) {
        if (text.length() < 2 || Character.isUpperCase(text.charAt(1))) {
            return text;
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
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
