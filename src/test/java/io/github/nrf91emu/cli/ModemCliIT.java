package io.github.nrf91emu.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.TestCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of the packaged command-line jar, run as a child process after {@code package}. */
@Timeout(120)
class ModemCliIT {
    private static final byte[] NO_INPUT = new byte[0];
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    /**
     * Lines with every line end (CR, LF, CRLF), a failing command, a CME error, a token and a last
     * line without a line end. With an unknown time, a token without expiry has no time claims, so
     * the output is the same on every run.
     */
    private static final String SCRIPT =
            "AT+CGSN\r\nAT+CGMM\rAT+CGMR\nAT+CFUN?\r\nAT+CFUN=4\r\nAT+CFUN?\n"
                    + "AT%JWT=0,0,\"subject\",\"audience\"\r\nAT+NOPE\r\nAT+CMEE=1\r"
                    + "AT%JWT=1\nAT+CCLK?\r\nAT+CGSN=1";

    @TempDir Path workDir;

    @Test
    void stdinSession_matchesInProcessModem() throws Exception {
        byte[] script = SCRIPT.getBytes(US_ASCII);

        CliJar.Result result = CliJar.run(workDir, script, "--seed", "42", "--time-unknown");

        Modem modem = Modem.builder().seed(42).timeKnown(false).build();
        assertEquals(0, result.exitStatus(), result.stderr());
        assertArrayEquals(modem.execute(script), result.stdout(), result.stdoutText());
        assertEquals("", result.stderr());
    }

    /**
     * The provisioning commands need Bouncy Castle's PKIX classes and Jackson's CBOR module in the
     * jar. A seeded modem without a state file makes the same keys and nonces in both processes.
     */
    @Test
    void provisioningCommands_matchInProcessModem() throws Exception {
        byte[] script =
                ("AT+CFUN=4\r\nAT+CMEE=1\r\nAT%KEYGEN=16842753,2,0,\"O=Example,CN=dev-1\"\r\n"
                                + "AT%KEYGEN=16842753,2,0\r\nAT%KEYGEN=9,8,1\r\nAT%CMNG=1\r\n"
                                + "AT%ATTESTTOKEN\r\n"
                                + "AT%ATTESTTOKEN=\"00112233445566778899AABBCCDDEEFF\"\r\n")
                        .getBytes(US_ASCII);

        CliJar.Result result = CliJar.run(workDir, script, "--seed", "42");

        Modem modem = Modem.builder().seed(42).build();
        assertEquals(0, result.exitStatus(), result.stderr());
        assertArrayEquals(modem.execute(script), result.stdout(), result.stdoutText());
        assertTrue(result.stdoutText().contains("+CME ERROR: 519\r\n"), result.stdoutText());
        assertEquals(2, result.stdoutText().split("%KEYGEN: \"", -1).length - 1);
        assertEquals("", result.stderr());
    }

    @Test
    void deviceOptions_matchBuilderSettings() throws Exception {
        byte[] script =
                "AT+CGMM\r\nAT+CGMR\r\nAT%JWT\r\nAT%DEVICEUUID\r\nAT+CFUN=9\r\n".getBytes(US_ASCII);

        CliJar.Result result =
                CliJar.run(
                        workDir,
                        script,
                        "--seed=-3",
                        "--model",
                        "nrf9161",
                        "--firmware",
                        "mfw_test_0.0.1",
                        "--cmee",
                        "--disable",
                        "%JWT",
                        "--disable",
                        "%DEVICEUUID");

        Modem modem =
                Modem.builder()
                        .seed(-3)
                        .model(Model.NRF9161)
                        .firmwareVersion("mfw_test_0.0.1")
                        .cmeErrors(true)
                        .disableCommands("%JWT", "%DEVICEUUID")
                        .build();
        assertEquals(0, result.exitStatus(), result.stderr());
        assertArrayEquals(modem.execute(script), result.stdout(), result.stdoutText());
    }

    @Test
    void stdin_answersBeforeEndOfInput() throws Exception {
        Process process =
                new ProcessBuilder(CliJar.command("--seed", "42"))
                        .redirectError(workDir.resolve("stderr.txt").toFile())
                        .start();
        try {
            byte[] expected =
                    Modem.builder().seed(42).build().execute("AT+CGSN\r\n".getBytes(US_ASCII));
            OutputStream stdin = process.getOutputStream();
            stdin.write("AT+CGSN\r\n".getBytes(US_ASCII));
            stdin.flush();

            byte[] answer = readWithTimeout(process.getInputStream(), expected.length);
            assertArrayEquals(expected, answer, new String(answer, US_ASCII));

            stdin.write("AT".getBytes(US_ASCII));
            stdin.close();
            assertEquals("OK\r\n", new String(process.getInputStream().readAllBytes(), US_ASCII));
            assertEquals(0, CliJar.waitFor(process));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void identity_printsIdentityOfSeed() throws Exception {
        CliJar.Result result = CliJar.run(workDir, NO_INPUT, "--identity", "--seed", "5");

        DeviceIdentity identity = Modem.builder().seed(5).build().identity();
        String stdout = result.stdoutText();
        assertEquals(0, result.exitStatus(), result.stderr());
        assertEquals("nRF9160", labelledValue(stdout, "Model"));
        assertEquals(identity.imei(), labelledValue(stdout, "IMEI"));
        assertEquals(identity.deviceUuid().toString(), labelledValue(stdout, "Device UUID"));
        assertEquals(identity.firmwareUuid().toString(), labelledValue(stdout, "Firmware UUID"));
        assertEquals(identity.firmwareVersion(), labelledValue(stdout, "Firmware version"));
        assertEquals(identity.keyId(), labelledValue(stdout, "Key ID (kid)"));
        assertEquals(identity.publicKeyJwk(), labelledValue(stdout, "Public key JWK"));
        assertTrue(stdout.contains(identity.publicKeyPem()), stdout);
        assertEquals("", result.stderr());
    }

    @Test
    void help_describesEveryOption() throws Exception {
        CliJar.Result result = CliJar.run(workDir, NO_INPUT, "--help");

        String help = result.stdoutText();
        assertEquals(0, result.exitStatus(), result.stderr());
        for (String option :
                List.of(
                        "--seed=<n>",
                        "--model=<name>",
                        "--firmware=<version>",
                        "--time-unknown",
                        "--cmee",
                        "--disable=<command>",
                        "--state=<file>",
                        "--identity",
                        "--listen=[<host>:]<port>",
                        "--idle-timeout=<seconds>",
                        "--max-connections=<n>",
                        "--verbose",
                        "--help",
                        "--version")) {
            assertTrue(help.contains(option), "help lacks " + option + ":\n" + help);
        }
        assertTrue(help.contains("Default: 300."), help);
        assertTrue(help.contains("Default: 8."), help);
        assertEquals("", result.stderr());
    }

    @Test
    void version_printsProjectVersion() throws Exception {
        CliJar.Result result = CliJar.run(workDir, NO_INPUT, "--version");

        assertEquals(0, result.exitStatus(), result.stderr());
        assertTrue(
                result.stdoutText().matches("nrf91-at-emulator \\d+\\.\\d+\\.\\d+\\S*\n"),
                result.stdoutText());
    }

    @Test
    void unknownOption_printsOneLineAndExits2() throws Exception {
        CliJar.Result result = CliJar.run(workDir, NO_INPUT, "--sed", "1");

        assertEquals(2, result.exitStatus());
        assertEquals(
                List.of(
                        "nrf91-at-emulator: unknown option '--sed', did you mean --seed? (see --help)"),
                result.stderrLines());
        assertEquals(0, result.stdout().length, result.stdoutText());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--seed abc",
                "--seed",
                "--seed 1 --seed 2",
                "--cmee --cmee",
                "--cmee=true",
                "-seed 1",
                "--firmware a\"b",
                "--disable JWT",
                "--idle-timeout 5",
                "--listen 0 --idle-timeout -1",
                "--listen 0 --max-connections 0",
                "--listen 70000",
                "--listen 127.0.0.1:x",
                "--listen [::1",
                "extra-argument",
                "-- --seed"
            })
    void invalidArguments_printOneLineAndExit2(String arguments) throws Exception {
        CliJar.Result result = CliJar.run(workDir, NO_INPUT, arguments.split(" "));

        assertEquals(2, result.exitStatus(), result.stderr());
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), result.stderr());
        assertTrue(lines.get(0).startsWith("nrf91-at-emulator: "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" (see --help)"), lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), lines.get(0));
        assertEquals(0, result.stdout().length, result.stdoutText());
    }

    @Test
    void badModel_listsModelNames() throws Exception {
        CliJar.Result result = CliJar.run(workDir, NO_INPUT, "--model", "nRF9999");

        assertEquals(2, result.exitStatus());
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), result.stderr());
        assertTrue(lines.get(0).contains("nRF9999"), lines.get(0));
        assertTrue(lines.get(0).contains("nRF9160, nRF9161, nRF9151, nRF9131"), lines.get(0));
        assertFalse(result.stderr().contains("\tat "), result.stderr());
    }

    @Test
    void verbose_logsNoLineContent() throws Exception {
        byte[] script = "AT%JWT=0,0,\"secret-subject-7f3a\"\r\nAT+CGSN\r\n".getBytes(US_ASCII);

        CliJar.Result result = CliJar.run(workDir, script, "--seed", "9", "--verbose");

        assertEquals(0, result.exitStatus(), result.stderr());
        assertTrue(result.stderr().contains("DEBUG"), result.stderr());
        assertFalse(result.stderr().contains("secret-subject-7f3a"), result.stderr());
        assertFalse(result.stderr().contains("eyJ"), result.stderr());
    }

    @Test
    void listen_servesTwoClientsAtOnce() throws Exception {
        Path stderr = workDir.resolve("stderr.txt");
        Process process =
                new ProcessBuilder(CliJar.command("--listen", "127.0.0.1:0", "--seed", "3"))
                        .redirectOutput(workDir.resolve("stdout.txt").toFile())
                        .redirectError(stderr.toFile())
                        .start();
        try {
            int port = awaitListeningPort(process, stderr);
            Modem reference = Modem.builder().seed(3).build();
            try (Socket first = connect(port);
                    Socket second = connect(port)) {
                send(first, "AT+CG");
                send(second, "AT+CG");
                send(first, "SN\r\n");
                send(second, "MM\r\n");

                byte[] firstExpected = reference.execute("AT+CGSN\r\n".getBytes(US_ASCII));
                byte[] secondExpected = reference.execute("AT+CGMM\r\n".getBytes(US_ASCII));
                assertArrayEquals(
                        firstExpected, first.getInputStream().readNBytes(firstExpected.length));
                assertArrayEquals(
                        secondExpected, second.getInputStream().readNBytes(secondExpected.length));
            }
            assertEquals(0, Files.size(workDir.resolve("stdout.txt")));
        } finally {
            process.destroy();
            if (!process.waitFor(CliJar.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("server still running " + CliJar.TIMEOUT_SECONDS + " s after SIGTERM");
            }
        }
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(log.contains("Connection 1 opened from 127.0.0.1:"), log);
        assertTrue(log.contains("Connection 2 opened from 127.0.0.1:"), log);
        assertTrue(log.contains("Stopped listening on 127.0.0.1:"), log);
    }

    @Test
    void listen_portInUse_printsOneLineAndExits1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            CliJar.Result result = CliJar.run(workDir, NO_INPUT, "--listen", address);

            assertEquals(1, result.exitStatus(), result.stderr());
            List<String> lines = result.stderrLines();
            assertEquals(1, lines.size(), result.stderr());
            assertTrue(
                    lines.get(0)
                            .startsWith("nrf91-at-emulator: listening on " + address + " failed: "),
                    lines.get(0));
        }
    }

    @Test
    void state_keepsCredentialAcrossProcesses() throws Exception {
        String stateFile = workDir.resolve("modem.json").toString();
        byte[] firstScript =
                "AT+CFUN=4\r\nAT%CMNG=0,7,4,\"id-7\r\n\"\r\nAT+CGSN\r\n".getBytes(US_ASCII);

        CliJar.Result first = CliJar.run(workDir, firstScript, "--state", stateFile);
        CliJar.Result second =
                CliJar.run(
                        workDir,
                        "AT%CMNG=1\r\nAT+CGSN\r\n".getBytes(US_ASCII),
                        "--state",
                        stateFile);

        assertEquals(0, first.exitStatus(), first.stderr());
        assertEquals(0, second.exitStatus(), second.stderr());
        String imeiLine = first.stdoutText().substring("OK\r\nOK\r\n".length());
        assertTrue(imeiLine.matches("\\d{15}\r\nOK\r\n"), first.stdoutText());
        String digest = TestCredentials.sha256Hex("id-7\r\n".getBytes(US_ASCII));
        assertEquals("%CMNG: 7,4,\"" + digest + "\"\r\nOK\r\n" + imeiLine, second.stdoutText());
        assertTrue(first.stderr().contains("Created state file " + stateFile), first.stderr());
        assertEquals("", second.stderr());
    }

    @Test
    void state_corruptFile_printsOneLineAndExits1() throws Exception {
        Path stateFile = workDir.resolve("modem.json");
        Files.writeString(stateFile, "{\"formatVersion\": 1, \"seed\": \"00");
        FileTime modified = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(stateFile, modified);
        byte[] before = Files.readAllBytes(stateFile);

        CliJar.Result result =
                CliJar.run(workDir, "AT\r\n".getBytes(US_ASCII), "--state", stateFile.toString());

        assertEquals(1, result.exitStatus(), result.stderr());
        assertEquals(
                List.of(
                        "nrf91-at-emulator: state file "
                                + stateFile
                                + ": the JSON ends early at line 1, column 33, so the file is"
                                + " truncated"),
                result.stderrLines());
        assertEquals(0, result.stdout().length, result.stdoutText());
        assertArrayEquals(before, Files.readAllBytes(stateFile));
        assertEquals(modified, Files.getLastModifiedTime(stateFile));
    }

    @Test
    void state_conflictingSeed_printsOneLineAndExits1() throws Exception {
        String stateFile = workDir.resolve("modem.json").toString();
        assertEquals(0, CliJar.run(workDir, NO_INPUT, "--state", stateFile).exitStatus());

        CliJar.Result result = CliJar.run(workDir, NO_INPUT, "--state", stateFile, "--seed", "1");

        assertEquals(1, result.exitStatus(), result.stderr());
        assertEquals(
                List.of(
                        "nrf91-at-emulator: state file "
                                + stateFile
                                + ": the seed differs from the file's seed; leave the seed unset"
                                + " to use the file's, or use another state file"),
                result.stderrLines());
    }

    @Test
    void state_secondProcessFailsWhileFirstRuns() throws Exception {
        String stateFile = workDir.resolve("modem.json").toString();
        Process first =
                new ProcessBuilder(CliJar.command("--state", stateFile))
                        .redirectError(workDir.resolve("first-stderr.txt").toFile())
                        .start();
        try {
            OutputStream stdin = first.getOutputStream();
            stdin.write("AT\r\n".getBytes(US_ASCII));
            stdin.flush();
            // The response shows that the first process has built its modem and has the lock.
            assertArrayEquals(
                    "OK\r\n".getBytes(US_ASCII), readWithTimeout(first.getInputStream(), 4));

            CliJar.Result second = CliJar.run(workDir, NO_INPUT, "--state", stateFile);

            assertEquals(1, second.exitStatus(), second.stderr());
            List<String> lines = second.stderrLines();
            assertEquals(1, lines.size(), second.stderr());
            assertTrue(
                    lines.get(0)
                            .startsWith(
                                    "nrf91-at-emulator: state file "
                                            + stateFile
                                            + ": in use by another modem (lock file "),
                    lines.get(0));
            stdin.close();
            assertEquals(0, CliJar.waitFor(first));
        } finally {
            first.destroyForcibly();
        }
        assertEquals(0, CliJar.run(workDir, NO_INPUT, "--state", stateFile).exitStatus());
    }

    private static String labelledValue(String text, String label) {
        for (String line : text.lines().toList()) {
            if (line.startsWith(label + ":")) {
                return line.substring(label.length() + 1).strip();
            }
        }
        throw new AssertionError("no line " + label + ": in\n" + text);
    }

    private static byte[] readWithTimeout(InputStream in, int length)
            throws InterruptedException, ExecutionException {
        CompletableFuture<byte[]> read =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return in.readNBytes(length);
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        try {
            return read.get(CliJar.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "no response within " + CliJar.TIMEOUT_SECONDS + " s while stdin is open", e);
        }
    }

    private static int awaitListeningPort(Process process, Path stderr)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CliJar.TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            Matcher matcher = LISTENING.matcher(log);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive()) {
                fail("exited with " + process.exitValue() + " before listening:\n" + log);
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "no 'Listening on' log line within " + CliJar.TIMEOUT_SECONDS + " s");
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(US_ASCII));
        socket.getOutputStream().flush();
    }
}
