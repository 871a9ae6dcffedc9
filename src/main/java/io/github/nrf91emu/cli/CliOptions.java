package io.github.nrf91emu.cli;

import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.net.ServerOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of the command-line modem, parsed by picocli. The command is built with picocli's
 * programmatic API, not with annotations, to keep the cold start short: the standard help mixin is
 * an annotated class, and reading it through reflection alone took about 30 ms at JVM start
 * (in-process timing, JDK 17.0.15, picocli 4.7.7, 2 cores under load).
 */
final class CliOptions {
    static final String COMMAND_NAME = "nrf91-at-emulator";

    private static final long DEFAULT_IDLE_TIMEOUT_SECONDS =
            ServerOptions.DEFAULT_IDLE_TIMEOUT.toSeconds();

    private final ParseResult result;

    private CliOptions(ParseResult result) {
        this.result = result;
    }

    /** Creates the picocli command line that parses and describes the options. */
    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name(COMMAND_NAME);
        // Descriptions are format strings, so a literal % is written %%.
        spec.usageMessage()
                .sortOptions(false)
                .description(
                        "Emulates the AT command interface of an nRF91 modem. Reads AT command"
                                + " lines from standard input and writes the modem's responses to"
                                + " standard output, or serves the modem over TCP with --listen."
                                + " Logs go to standard error.")
                .footer(
                        "",
                        "Exit status: 0 on success, 1 on a failure while running, 2 on an invalid"
                                + " option.%n");
        addDeviceOptions(spec);
        addServerOptions(spec);
        addGeneralOptions(spec);
        return new CommandLine(spec);
    }

    /**
     * Parses the arguments.
     *
     * @throws CommandLine.ParameterException if an option is unknown, misses its value or has an
     *     invalid value
     */
    static CliOptions parse(CommandLine commandLine, String... args) {
        CliOptions options = new CliOptions(commandLine.parseArgs(args));
        options.checkServerOptionsNeedListen(commandLine);
        return options;
    }

    boolean helpRequested() {
        return result.isUsageHelpRequested();
    }

    boolean versionRequested() {
        return result.isVersionHelpRequested();
    }

    OptionalLong seed() {
        Long seed = result.matchedOptionValue("--seed", null);
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    Model model() {
        return result.matchedOptionValue("--model", Model.NRF9160);
    }

    Optional<String> firmwareVersion() {
        return Optional.ofNullable(result.matchedOptionValue("--firmware", null));
    }

    boolean timeUnknown() {
        return result.hasMatchedOption("--time-unknown");
    }

    boolean cmeErrors() {
        return result.hasMatchedOption("--cmee");
    }

    List<String> disabledCommands() {
        return result.matchedOptionValue("--disable", List.of());
    }

    boolean identity() {
        return result.hasMatchedOption("--identity");
    }

    Optional<InetSocketAddress> listen() {
        return Optional.ofNullable(result.matchedOptionValue("--listen", null));
    }

    ServerOptions serverOptions() {
        long idleSeconds =
                result.matchedOptionValue("--idle-timeout", DEFAULT_IDLE_TIMEOUT_SECONDS);
        int maxConnections =
                result.matchedOptionValue(
                        "--max-connections", ServerOptions.DEFAULT_MAX_CONNECTIONS);
        return ServerOptions.builder()
                .idleTimeout(Duration.ofSeconds(idleSeconds))
                .maxConnections(maxConnections)
                .build();
    }

    boolean verbose() {
        return result.hasMatchedOption("--verbose");
    }

    private static void addDeviceOptions(CommandSpec spec) {
        spec.addOption(
                OptionSpec.builder("--seed")
                        .paramLabel("<n>")
                        .type(Long.class)
                        .description(
                                "Derives the device identity (IMEI, UUIDs, identity key) from this"
                                        + " 64-bit integer, so it is the same on every run. Default:"
                                        + " a random identity.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--model")
                        .paramLabel("<name>")
                        .type(Model.class)
                        .converters(CliOptions::toModel)
                        .description(
                                "Sets the modem model: nRF9160, nRF9161, nRF9151 or nRF9131, in"
                                        + " any case. Default: nRF9160.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--firmware")
                        .paramLabel("<version>")
                        .type(String.class)
                        .description(
                                "Sets the firmware version that AT+CGMR returns, printable ASCII"
                                        + " without spaces or quotes. Default: the model's, such"
                                        + " as mfw_nrf9160_1.3.5.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--time-unknown")
                        .type(boolean.class)
                        .description(
                                "Starts with the clock unset, as before a network sends the time,"
                                        + " until AT+CCLK or AT%%CCLK sets it. Default: the clock"
                                        + " follows the system time in UTC.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--cmee")
                        .type(boolean.class)
                        .description(
                                "Starts with AT+CMEE=1, so failures return +CME ERROR: <n>."
                                        + " Default: +CMEE=0, plain ERROR.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--disable")
                        .paramLabel("<command>")
                        .type(List.class)
                        .auxiliaryTypes(String.class)
                        .description(
                                "Disables a command, such as %%JWT, which then"
                                        + " returns +CME ERROR: 51 (ERROR under +CMEE=0)."
                                        + " Repeatable.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--identity")
                        .type(boolean.class)
                        .description(
                                "Prints the model, IMEI, device UUID, firmware UUID and version,"
                                        + " key ID (kid) and public key as PEM and JWK, then"
                                        + " exits.")
                        .build());
    }

    private static void addServerOptions(CommandSpec spec) {
        spec.addOption(
                OptionSpec.builder("--listen")
                        .paramLabel("[<host>:]<port>")
                        .type(InetSocketAddress.class)
                        .converters(ListenAddress::parse)
                        .description(
                                "Serves the modem over TCP on this address instead of standard"
                                        + " input and output, one session per connection. Host"
                                        + " default: 127.0.0.1. Port 0 picks a free port, and the"
                                        + " log shows the bound address.")
                        .build());
        spec.addOption(
                OptionSpec.builder("--idle-timeout")
                        .paramLabel("<seconds>")
                        .type(long.class)
                        .converters(CliOptions::toIdleTimeoutSeconds)
                        .description(
                                "With --listen: closes a connection that receives nothing for this"
                                        + " many seconds, 0 for never. Default: "
                                        + DEFAULT_IDLE_TIMEOUT_SECONDS
                                        + ".")
                        .build());
        spec.addOption(
                OptionSpec.builder("--max-connections")
                        .paramLabel("<n>")
                        .type(int.class)
                        .converters(CliOptions::toMaxConnections)
                        .description(
                                "With --listen: the maximum number of open connections. A further"
                                        + " client is accepted and closed at once. Default: "
                                        + ServerOptions.DEFAULT_MAX_CONNECTIONS
                                        + ".")
                        .build());
    }

    private static void addGeneralOptions(CommandSpec spec) {
        spec.addOption(
                OptionSpec.builder("--verbose")
                        .type(boolean.class)
                        .description(
                                "Logs at debug level, including each command's name and result."
                                        + " Default: info level.")
                        .build());
        spec.addOption(
                OptionSpec.builder("-h", "--help")
                        .usageHelp(true)
                        .description("Prints this help and exits.")
                        .build());
        spec.addOption(
                OptionSpec.builder("-V", "--version")
                        .versionHelp(true)
                        .description("Prints the version and exits.")
                        .build());
    }

    private void checkServerOptionsNeedListen(CommandLine commandLine) {
        if (listen().isPresent()) {
            return;
        }
        for (String name : List.of("--idle-timeout", "--max-connections")) {
            if (result.hasMatchedOption(name)) {
                throw new CommandLine.ParameterException(
                        commandLine, "Option '" + name + "' needs --listen");
            }
        }
    }

    private static Model toModel(String name) {
        try {
            return Model.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static long toIdleTimeoutSeconds(String text) {
        long seconds = parseLong(text, "a whole number of seconds");
        long maxSeconds = ServerOptions.MAX_IDLE_TIMEOUT.toSeconds();
        if (seconds < 0 || seconds > maxSeconds) {
            throw new TypeConversionException(
                    "'" + text + "' is out of range (expected 0.." + maxSeconds + " seconds)");
        }
        return seconds;
    }

    private static int toMaxConnections(String text) {
        long count = parseLong(text, "a whole number");
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new TypeConversionException(
                    "'" + text + "' is out of range (expected 1.." + Integer.MAX_VALUE + ")");
        }
        return (int) count;
    }

    private static long parseLong(String text, String expected) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not " + expected);
        }
    }
}
