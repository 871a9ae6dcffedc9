package io.github.nrf91emu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.net.ServerOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests of {@link CliOptions}: parsing, conversion and the one-line errors. */
class CliOptionsTest {

    @Test
    void parse_noArguments_givesDefaults() throws Exception {
        CliOptions options = CliOptions.parse();

        assertFalse(options.helpRequested());
        assertFalse(options.versionRequested());
        assertEquals(OptionalLong.empty(), options.seed());
        assertEquals(Optional.empty(), options.model());
        assertEquals(Optional.empty(), options.firmwareVersion());
        assertFalse(options.timeUnknown());
        assertFalse(options.cmeErrors());
        assertEquals(List.of(), options.disabledCommands());
        assertEquals(Optional.empty(), options.stateFile());
        assertFalse(options.identity());
        assertEquals(Optional.empty(), options.listen());
        assertEquals(ServerOptions.DEFAULT_IDLE_TIMEOUT, options.serverOptions().idleTimeout());
        assertEquals(
                ServerOptions.DEFAULT_MAX_CONNECTIONS, options.serverOptions().maxConnections());
        assertFalse(options.verbose());
    }

    @Test
    void parse_everyOption_setsItsValue() throws Exception {
        CliOptions options =
                CliOptions.parse(
                        "--seed",
                        "-3",
                        "--model=nrf9151",
                        "--firmware",
                        "mfw_test_0.0.1",
                        "--time-unknown",
                        "--cmee",
                        "--disable",
                        "%JWT",
                        "--disable=+CGSN",
                        "--state",
                        "dir/modem.json",
                        "--listen",
                        "127.0.0.1:0",
                        "--idle-timeout",
                        "0",
                        "--max-connections=3",
                        "--verbose");

        assertEquals(OptionalLong.of(-3), options.seed());
        assertEquals(Optional.of(Model.NRF9151), options.model());
        assertEquals(Optional.of("mfw_test_0.0.1"), options.firmwareVersion());
        assertTrue(options.timeUnknown());
        assertTrue(options.cmeErrors());
        assertEquals(List.of("%JWT", "+CGSN"), options.disabledCommands());
        assertEquals(Optional.of(Path.of("dir/modem.json")), options.stateFile());
        assertFalse(options.identity());
        assertEquals(
                Optional.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)),
                options.listen());
        assertEquals(Duration.ZERO, options.serverOptions().idleTimeout());
        assertEquals(3, options.serverOptions().maxConnections());
        assertTrue(options.verbose());
    }

    @Test
    void parse_shortOptions_combine() throws Exception {
        CliOptions options = CliOptions.parse("-hV");

        assertTrue(options.helpRequested());
        assertTrue(options.versionRequested());
    }

    @Test
    void parse_quotedValue_keepsQuotes() throws Exception {
        CliOptions options = CliOptions.parse("--firmware", "\"mfw\"");

        assertEquals(Optional.of("\"mfw\""), options.firmwareVersion());
    }

    @Test
    void parse_listenWithoutHost_usesLoopback() throws Exception {
        CliOptions options = CliOptions.parse("--listen", "0");

        InetSocketAddress address = options.listen().orElseThrow();
        assertEquals(ListenAddress.DEFAULT_HOST, address.getAddress().getHostAddress());
        assertEquals(0, address.getPort());
    }

    static Stream<Arguments> invalidArguments() {
        return Stream.of(
                Arguments.of(List.of("--sed", "1"), "unknown option '--sed', did you mean --seed?"),
                Arguments.of(
                        List.of("--identity", "--listen", "0"),
                        "options '--identity' and '--listen' can't be combined"),
                Arguments.of(List.of("--se"), "unknown option '--se', did you mean --seed?"),
                Arguments.of(
                        List.of("--verbos"), "unknown option '--verbos', did you mean --verbose?"),
                Arguments.of(List.of("--xyzzy"), "unknown option '--xyzzy'"),
                Arguments.of(List.of("-x"), "unknown option '-x'"),
                Arguments.of(List.of("-hx"), "unknown option '-hx'"),
                Arguments.of(List.of("-seed", "1"), "unknown option '-seed', did you mean --seed?"),
                Arguments.of(List.of("-seed5"), "unknown option '-seed5', did you mean --seed?"),
                Arguments.of(List.of("-cmee=1"), "unknown option '-cmee', did you mean --cmee?"),
                Arguments.of(List.of("--cmee=true"), "option '--cmee' takes no value"),
                Arguments.of(List.of("-h=1"), "option '-h' takes no value"),
                Arguments.of(List.of("--seed"), "missing value for option '--seed' (expected <n>)"),
                Arguments.of(
                        List.of("--seed", "--cmee"),
                        "missing value for option '--seed' (expected <n>)"),
                Arguments.of(
                        List.of("--seed", "abc"),
                        "invalid value for option '--seed': 'abc' is not a 64-bit integer"),
                Arguments.of(
                        List.of("--seed="),
                        "invalid value for option '--seed': '' is not a 64-bit integer"),
                Arguments.of(
                        List.of("--seed", "1", "--seed", "2"),
                        "option '--seed' may be given only once"),
                Arguments.of(List.of("--cmee", "--cmee"), "option '--cmee' may be given only once"),
                Arguments.of(List.of("-h", "--help"), "option '--help' may be given only once"),
                Arguments.of(
                        List.of("--help", "--seed", "x"),
                        "invalid value for option '--seed': 'x' is not a 64-bit integer"),
                Arguments.of(
                        List.of("--model", "nRF9999"),
                        "invalid value for option '--model': unknown model: 'nRF9999' (expected one"
                                + " of nRF9160, nRF9161, nRF9151, nRF9131)"),
                Arguments.of(
                        List.of("--listen", "70000"),
                        "invalid value for option '--listen': '70000' has an invalid port '70000'"
                                + " (expected 0..65535)"),
                Arguments.of(
                        List.of("--idle-timeout", "5"), "option '--idle-timeout' needs --listen"),
                Arguments.of(
                        List.of("--max-connections", "5"),
                        "option '--max-connections' needs --listen"),
                Arguments.of(
                        List.of("--listen", "0", "--idle-timeout", "-1"),
                        "invalid value for option '--idle-timeout': '-1' is out of range (expected"
                                + " 0..2147483 seconds)"),
                Arguments.of(
                        List.of("--listen", "0", "--max-connections", "0"),
                        "invalid value for option '--max-connections': '0' is out of range"
                                + " (expected 1..2147483647)"),
                Arguments.of(
                        List.of("--listen", "0", "--max-connections", "x"),
                        "invalid value for option '--max-connections': 'x' is not a whole number"),
                Arguments.of(
                        List.of("--state="),
                        "invalid value for option '--state': the file name is empty"),
                Arguments.of(
                        List.of("--state", "a\u0000b"),
                        "invalid value for option '--state': 'a\u0000b' is not a valid path: Nul"
                                + " character not allowed"),
                Arguments.of(
                        List.of("--state", "a", "--state", "b"),
                        "option '--state' may be given only once"),
                Arguments.of(List.of("extra"), "unexpected argument 'extra'"),
                Arguments.of(List.of("--", "--seed"), "unexpected argument '--seed'"));
    }

    @ParameterizedTest
    @MethodSource("invalidArguments")
    void parse_invalidArguments_throwOneLine(List<String> args, String expectedMessage) {
        UsageException e =
                assertThrows(
                        UsageException.class, () -> CliOptions.parse(args.toArray(new String[0])));

        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void editDistance_countsEdits() {
        assertEquals(0, CliOptions.editDistance("seed", "seed"));
        assertEquals(1, CliOptions.editDistance("sed", "seed"));
        assertEquals(1, CliOptions.editDistance("Seed", "seed"));
        assertEquals(2, CliOptions.editDistance("cmeee", "cme"));
        assertEquals(4, CliOptions.editDistance("", "seed"));
        assertEquals(3, CliOptions.editDistance("kitten", "sitting"));
    }
}
