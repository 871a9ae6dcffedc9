package io.github.nrf91emu.cli;

import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.net.ServerOptions;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The options of the command-line modem, parsed with Apache Commons CLI. Parsing also converts and
 * checks every value, so an invalid value is an error even next to {@code --help}.
 *
 * <p>The parser accepts only the forms that the help shows: long options with two hyphens, as
 * {@code --seed 1} or {@code --seed=1}, and the short options {@code -h} and {@code -V}, also
 * combined as {@code -hV}. Commons CLI's DefaultParser would also accept abbreviations ({@code
 * --se}) and long options with one hyphen ({@code -seed}), and would strip quotes around a value.
 * This class turns abbreviations off, rejects one-hyphen long options and keeps quotes as typed.
 *
 * <p>The start-up path of the command-line modem goes through this class, so it uses no lambdas,
 * streams or regular expressions: each of them loads classes at the first use in a JVM.
 */
final class CliOptions {
    static final String COMMAND_NAME = "nrf91-at-emulator";

    // Long option names, without the leading "--".
    static final String SEED = "seed";
    static final String MODEL = "model";
    static final String FIRMWARE = "firmware";
    static final String TIME_UNKNOWN = "time-unknown";
    static final String CMEE = "cmee";
    static final String DISABLE = "disable";
    static final String STATE = "state";
    static final String IDENTITY = "identity";
    static final String LISTEN = "listen";
    static final String IDLE_TIMEOUT = "idle-timeout";
    static final String MAX_CONNECTIONS = "max-connections";
    static final String VERBOSE = "verbose";
    static final String HELP = "help";
    static final String VERSION = "version";

    /** Maximum edit distance between an unknown option and an option that the error suggests. */
    private static final int MAX_SUGGESTION_DISTANCE = 2;

    private static final long DEFAULT_IDLE_TIMEOUT_SECONDS =
            ServerOptions.DEFAULT_IDLE_TIMEOUT.toSeconds();

    private static final Options DEFINITIONS = createDefinitions();

    private boolean help;
    private boolean version;
    private Long seed;
    private Model model;
    private String firmwareVersion;
    private boolean timeUnknown;
    private boolean cmeErrors;
    private final List<String> disabledCommands = new ArrayList<>();
    private Path stateFile;
    private boolean identity;
    private InetSocketAddress listen;
    private Long idleTimeoutSeconds;
    private Integer maxConnections;
    private boolean verbose;

    private CliOptions() {}

    /** Returns the option definitions, in the order that the help lists them. */
    static Options definitions() {
        return DEFINITIONS;
    }

    /** Returns whether an option may be given more than once. */
    static boolean isRepeatable(Option option) {
        return DISABLE.equals(option.getLongOpt());
    }

    /**
     * Parses and checks the arguments.
     *
     * @throws UsageException if an option is unknown, lacks its value, has an invalid value or is
     *     given twice without being repeatable, if an argument is not an option, or if {@code
     *     --idle-timeout} or {@code --max-connections} is given without {@code --listen}
     */
    static CliOptions parse(String... args) throws UsageException {
        rejectSingleHyphenLongOptions(args);
        // NOTE: every DefaultParser constructor (Commons CLI 1.11.0) reads a lambda, the default
        // handler of deprecated options, so parsing still costs the first-lambda set-up of about
        // 10 ms (class-load log, JDK 17.0.15). Without it, slf4j-simple 2.0.20 would pay that cost.
        DefaultParser parser =
                DefaultParser.builder()
                        .setAllowPartialMatching(false)
                        .setStripLeadingAndTrailingQuotes(false)
                        .get();
        CommandLine commandLine;
        try {
            commandLine = parser.parse(DEFINITIONS, args);
        } catch (MissingArgumentException e) {
            Option option = e.getOption();
            throw new UsageException(
                    "missing value for option '--"
                            + option.getLongOpt()
                            + "' (expected "
                            + option.getArgName()
                            + ")");
        } catch (UnrecognizedOptionException e) {
            throw new UsageException(unrecognizedOptionMessage(e.getOption()));
        } catch (ParseException e) {
            // Not expected: the definitions have no required options, groups or abbreviations.
            throw new UsageException(lowerFirst(e.getMessage()));
        }

        String[] arguments = commandLine.getArgs();
        if (arguments.length > 0) {
            throw new UsageException("unexpected argument '" + arguments[0] + "'");
        }
        CliOptions options = new CliOptions();
        Set<String> given = new HashSet<>();
        // One Option for each occurrence on the command line, in the order given.
        for (Option option : commandLine.getOptions()) {
            String name = option.getLongOpt();
            if (!given.add(name) && !isRepeatable(option)) {
                throw new UsageException("option '--" + name + "' may be given only once");
            }
            options.set(name, option.getValue());
        }
        options.checkServerOptionsNeedListen();
        if (options.identity && options.listen != null) {
            throw new UsageException(
                    "options '--" + IDENTITY + "' and '--" + LISTEN + "' can't be combined");
        }
        return options;
    }

    boolean helpRequested() {
        return help;
    }

    boolean versionRequested() {
        return version;
    }

    OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** Returns the model given with {@code --model}, or empty for the builder's default. */
    Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    Optional<String> firmwareVersion() {
        return Optional.ofNullable(firmwareVersion);
    }

    boolean timeUnknown() {
        return timeUnknown;
    }

    boolean cmeErrors() {
        return cmeErrors;
    }

    List<String> disabledCommands() {
        return List.copyOf(disabledCommands);
    }

    Optional<Path> stateFile() {
        return Optional.ofNullable(stateFile);
    }

    boolean identity() {
        return identity;
    }

    Optional<InetSocketAddress> listen() {
        return Optional.ofNullable(listen);
    }

    ServerOptions serverOptions() {
        long idleSeconds =
                idleTimeoutSeconds == null ? DEFAULT_IDLE_TIMEOUT_SECONDS : idleTimeoutSeconds;
        int connections =
                maxConnections == null ? ServerOptions.DEFAULT_MAX_CONNECTIONS : maxConnections;
        return ServerOptions.builder()
                .idleTimeout(Duration.ofSeconds(idleSeconds))
                .maxConnections(connections)
                .build();
    }

    boolean verbose() {
        return verbose;
    }

    private static Options createDefinitions() {
        Options options = new Options();
        options.addOption(
                valueOption(
                        SEED,
                        "<n>",
                        "Derives the device identity (IMEI, UUIDs, identity key) from this 64-bit"
                                + " integer, so it is the same on every run. Default: a random"
                                + " identity."));
        options.addOption(
                valueOption(
                        MODEL,
                        "<name>",
                        "Sets the modem model: nRF9160, nRF9161, nRF9151 or nRF9131, in any case."
                                + " Default: nRF9160."));
        options.addOption(
                valueOption(
                        FIRMWARE,
                        "<version>",
                        "Sets the firmware version that AT+CGMR returns, printable ASCII without"
                                + " spaces or quotes. Default: the model's, such as"
                                + " mfw_nrf9160_1.3.5."));
        options.addOption(
                flag(
                        TIME_UNKNOWN,
                        "Starts with the clock unset, as before a network sends the time, until"
                                + " AT+CCLK or AT%CCLK sets it. Default: the clock follows the"
                                + " system time in UTC."));
        options.addOption(
                flag(
                        CMEE,
                        "Starts with AT+CMEE=1, so failures return +CME ERROR: <n>. Default:"
                                + " +CMEE=0, plain ERROR."));
        options.addOption(
                valueOption(
                        DISABLE,
                        "<command>",
                        "Disables a command, such as %JWT, which then returns +CME ERROR: 51"
                                + " (ERROR under +CMEE=0). Repeatable."));
        options.addOption(
                valueOption(
                        STATE,
                        "<file>",
                        "Keeps the device identity (seed, model, firmware version) and the"
                                + " credentials, written by AT%CMNG or made by AT%KEYGEN, in this"
                                + " JSON file, so that they survive restarts."
                                + " Created when missing. An existing file's identity wins, and"
                                + " --seed, --model and --firmware must then match it. The file is"
                                + " locked while the modem runs."));
        options.addOption(
                flag(
                        IDENTITY,
                        "Prints the model, IMEI, device UUID, firmware UUID and version, key ID"
                                + " (kid) and public key as PEM and JWK, then exits."));
        options.addOption(
                valueOption(
                        LISTEN,
                        "[<host>:]<port>",
                        "Serves the modem over TCP on this address instead of standard input and"
                                + " output, one session per connection. Host default: "
                                + ListenAddress.DEFAULT_HOST
                                + ". Port 0 picks a free port, and the log shows the bound"
                                + " address."));
        options.addOption(
                valueOption(
                        IDLE_TIMEOUT,
                        "<seconds>",
                        "With --listen: closes a connection that receives nothing for this many"
                                + " seconds, 0 for never. Default: "
                                + DEFAULT_IDLE_TIMEOUT_SECONDS
                                + "."));
        options.addOption(
                valueOption(
                        MAX_CONNECTIONS,
                        "<n>",
                        "With --listen: the maximum number of open connections. A further client"
                                + " is accepted and closed at once. Default: "
                                + ServerOptions.DEFAULT_MAX_CONNECTIONS
                                + "."));
        options.addOption(
                flag(
                        VERBOSE,
                        "Logs at debug level, including each command's name and result. Default:"
                                + " info level."));
        options.addOption(
                Option.builder("h").longOpt(HELP).desc("Prints this help and exits.").get());
        options.addOption(
                Option.builder("V").longOpt(VERSION).desc("Prints the version and exits.").get());
        return options;
    }

    private static Option valueOption(String name, String argumentLabel, String description) {
        return Option.builder()
                .longOpt(name)
                .hasArg()
                .argName(argumentLabel)
                .desc(description)
                .get();
    }

    private static Option flag(String name, String description) {
        return Option.builder().longOpt(name).desc(description).get();
    }

    /** Stores the value of one occurrence of an option; {@code value} is null for a flag. */
    private void set(String name, String value) throws UsageException {
        switch (name) {
            case SEED -> seed = parseLong(SEED, value, "a 64-bit integer");
            case MODEL -> model = toModel(value);
            case FIRMWARE -> firmwareVersion = value;
            case TIME_UNKNOWN -> timeUnknown = true;
            case CMEE -> cmeErrors = true;
            case DISABLE -> disabledCommands.add(value);
            case STATE -> stateFile = toPath(STATE, value);
            case IDENTITY -> identity = true;
            case LISTEN -> listen = toListenAddress(value);
            case IDLE_TIMEOUT -> idleTimeoutSeconds = toIdleTimeoutSeconds(value);
            case MAX_CONNECTIONS -> maxConnections = toMaxConnections(value);
            case VERBOSE -> verbose = true;
            case HELP -> help = true;
            case VERSION -> version = true;
            default -> throw new IllegalStateException("option without a setting: --" + name);
        }
    }

    private void checkServerOptionsNeedListen() throws UsageException {
        if (listen != null) {
            return;
        }
        if (idleTimeoutSeconds != null) {
            throw new UsageException("option '--" + IDLE_TIMEOUT + "' needs --" + LISTEN);
        }
        if (maxConnections != null) {
            throw new UsageException("option '--" + MAX_CONNECTIONS + "' needs --" + LISTEN);
        }
    }

    /**
     * Rejects a long option written with one hyphen, such as {@code -seed} or {@code -seed5}.
     * DefaultParser reads these as {@code --seed}, but the help does not show them, and a typo such
     * as {@code -verbose} for {@code --verbose} should fail, not succeed by accident.
     */
    private static void rejectSingleHyphenLongOptions(String[] args) throws UsageException {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (arg.length() <= 2 || arg.charAt(0) != '-' || arg.charAt(1) == '-') {
                continue;
            }
            for (Option option : DEFINITIONS.getOptions()) {
                if (arg.startsWith(option.getLongOpt(), 1)) {
                    throw new UsageException(unrecognizedOptionMessage(arg));
                }
            }
        }
    }

    /**
     * Returns the error message for a token that DefaultParser did not recognize, such as {@code
     * unknown option '--sed', did you mean --seed?}, or {@code option '--cmee' takes no value} for
     * {@code --cmee=true}.
     */
    private static String unrecognizedOptionMessage(String token) {
        int equals = token.indexOf('=');
        String name = equals < 0 ? token : token.substring(0, equals);
        if (equals >= 0 && (name.startsWith("--") || name.length() == 2)) {
            Option option = DEFINITIONS.getOption(name);
            if (option != null && !option.hasArg()) {
                return "option '" + name + "' takes no value";
            }
        }
        StringBuilder message = new StringBuilder("unknown option '").append(name).append('\'');
        List<String> suggestions = suggestions(name);
        for (int i = 0; i < suggestions.size(); i++) {
            message.append(i == 0 ? ", did you mean " : " or ").append(suggestions.get(i));
        }
        if (!suggestions.isEmpty()) {
            message.append('?');
        }
        return message.toString();
    }

    /**
     * Returns the long options that an unknown option was probably meant to be: those that start
     * with it (at least two letters), that it starts with, or that are at most {@value
     * #MAX_SUGGESTION_DISTANCE} edits away from it.
     */
    private static List<String> suggestions(String unknownOption) {
        int start = 0;
        while (start < unknownOption.length() && unknownOption.charAt(start) == '-') {
            start++;
        }
        String typed = unknownOption.substring(start);
        List<String> suggestions = new ArrayList<>();
        if (typed.isEmpty()) {
            return suggestions;
        }
        for (Option option : DEFINITIONS.getOptions()) {
            String name = option.getLongOpt();
            if ((typed.length() >= 2 && name.startsWith(typed))
                    || typed.startsWith(name)
                    || editDistance(typed, name) <= MAX_SUGGESTION_DISTANCE) {
                suggestions.add("--" + name);
            }
        }
        return suggestions;
    }

    /** Returns the Levenshtein distance: the number of inserted, deleted or replaced chars. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Model toModel(String name) throws UsageException {
        try {
            return Model.fromName(name);
        } catch (IllegalArgumentException e) {
            throw invalidValue(MODEL, e.getMessage());
        }
    }

    private static Path toPath(String option, String text) throws UsageException {
        if (text.isEmpty()) {
            throw invalidValue(option, "the file name is empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw invalidValue(option, "'" + text + "' is not a valid path: " + e.getReason());
        }
    }

    private static InetSocketAddress toListenAddress(String text) throws UsageException {
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalidValue(LISTEN, e.getMessage());
        }
    }

    private static long toIdleTimeoutSeconds(String text) throws UsageException {
        long seconds = parseLong(IDLE_TIMEOUT, text, "a whole number of seconds");
        long maxSeconds = ServerOptions.MAX_IDLE_TIMEOUT.toSeconds();
        if (seconds < 0 || seconds > maxSeconds) {
            throw invalidValue(
                    IDLE_TIMEOUT,
                    "'" + text + "' is out of range (expected 0.." + maxSeconds + " seconds)");
        }
        return seconds;
    }

    private static int toMaxConnections(String text) throws UsageException {
        long count = parseLong(MAX_CONNECTIONS, text, "a whole number");
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw invalidValue(
                    MAX_CONNECTIONS,
                    "'" + text + "' is out of range (expected 1.." + Integer.MAX_VALUE + ")");
        }
        return (int) count;
    }

    private static long parseLong(String option, String text, String expected)
            throws UsageException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalidValue(option, "'" + text + "' is not " + expected);
        }
    }

    private static UsageException invalidValue(String option, String detail) {
        return new UsageException("invalid value for option '--" + option + "': " + detail);
    }

    /** Lower-cases the first letter of a sentence, but keeps acronyms such as "IPv6". */
    private static String lowerFirst(String text) {
        if (text.length() < 2 || Character.isUpperCase(text.charAt(1))) {
            return text;
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
