package io.github.nrf91emu.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged command-line jar as a child process with the JVM that runs the tests. The jar
 * path comes from the system property {@code cli.jar}, which the Failsafe configuration in pom.xml
 * sets.
 */
final class CliJar {
    /** Maximum run time of one child process, so that a hang fails the test, not the build. */
    static final long TIMEOUT_SECONDS = 30;

    private CliJar() {}

    /** Output and exit status of a finished child process. */
    record Result(int exitStatus, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    /** Returns the command that starts the jar with {@code args}. */
    static List<String> command(String... args) {
        String jar = System.getProperty("cli.jar");
        if (jar == null) {
            fail("system property cli.jar is not set; run the *IT tests with mvn verify");
        }
        assertTrue(Files.isRegularFile(Path.of(jar)), "cli.jar not found: " + jar);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the jar with {@code stdin} as standard input, waits for it to exit and returns its
     * output.
     */
    static Result run(Path workDir, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        Path in = Files.write(Files.createTempFile(workDir, "stdin", ".txt"), stdin);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process =
                new ProcessBuilder(command(args))
                        .redirectInput(in.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        int status = waitFor(process);
        return new Result(
                status, Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Waits for a process to exit and returns its status, or kills it and fails on timeout. */
    static int waitFor(Process process) throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("child process still running after " + TIMEOUT_SECONDS + " s, killed");
        }
        return process.exitValue();
    }
}
