package io.github.nrf91emu.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.keystore.Credential;
import io.github.nrf91emu.keystore.CredentialType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of a state file shared with a child JVM ({@link StateFileChild}): the lock held by another
 * process, and crash safety under SIGKILL.
 */
class StateFileProcessTest {
    /** Number of times the crash test kills the writer. */
    private static final int KILLS = 50;

    private static final int MIN_KILL_DELAY_MILLIS = 20;
    private static final int MAX_KILL_DELAY_MILLIS = 200;
    private static final long CHILD_TIMEOUT_SECONDS = 30;
    private static final String END_OF_OUTPUT = "\u0000end";

    @TempDir Path directory;

    /** A running child and the lines of its standard output, read by a separate thread. */
    private record Child(Process process, BlockingQueue<String> lines, Thread reader) {
        String nextLine() throws InterruptedException {
            String line = lines.poll(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                process.destroyForcibly();
                fail("no output from the child within " + CHILD_TIMEOUT_SECONDS + " s");
            }
            return line;
        }

        /** Waits for the output to end and returns the remaining lines. */
        List<String> remainingLines() throws InterruptedException {
            List<String> remaining = new ArrayList<>();
            for (String line = nextLine(); !line.equals(END_OF_OUTPUT); line = nextLine()) {
                remaining.add(line);
            }
            return remaining;
        }

        void awaitReady(Path stderr) throws InterruptedException, IOException {
            String line = nextLine();
            if (!line.equals("ready")) {
                process.destroyForcibly();
                fail("child printed '" + line + "' instead of 'ready'; stderr:\n" + read(stderr));
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("child still running " + CHILD_TIMEOUT_SECONDS + " s after SIGKILL");
            }
        }
    }

    private Child start(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The C1 compiler alone and the serial collector start a short-lived JVM faster, which
        // keeps the crash test's 50 child processes within about a minute.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StateFileChild.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> copyLines(process, lines), "child-stdout");
        reader.setDaemon(true);
        reader.start();
        return new Child(process, lines, reader);
    }

    private static void copyLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, UTF_8) : "";
    }

    @Test
    @Timeout(120)
    void lockHeldByOtherProcess() throws Exception {
        Path stateFile = directory.resolve("state.json");
        Path stderr = directory.resolve("hold.err");
        Child holder = start(stderr, "hold", stateFile.toString());
        try {
            holder.awaitReady(stderr);

            StateFileException e =
                    assertThrows(
                            StateFileException.class,
                            () -> Modem.builder().stateFile(stateFile).build());
            assertTrue(e.problem().startsWith("in use by another modem (lock file "), e.problem());

            holder.process().getOutputStream().close();
            assertTrue(
                    holder.process().waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    "holder still running after the end of its input");
            assertEquals(0, holder.process().exitValue(), read(stderr));
        } finally {
            holder.process().destroyForcibly();
        }
        try (Modem modem = Modem.builder().stateFile(stateFile).build()) {
            assertEquals("OK\r\n", modem.execute("AT"));
        }
    }

    @Test
    @Timeout(120)
    void lockOfKilledProcessIsReleased() throws Exception {
        Path stateFile = directory.resolve("state.json");
        Path stderr = directory.resolve("hold.err");
        Child holder = start(stderr, "hold", stateFile.toString());
        holder.awaitReady(stderr);

        holder.kill();

        try (Modem modem = Modem.builder().stateFile(stateFile).build()) {
            assertEquals("OK\r\n", modem.execute("AT"));
        }
    }

    /**
     * Kills a writer with SIGKILL {@value #KILLS} times, each a random 20 to 200 ms after it is
     * ready, and after each kill loads the state file and checks every write whose {@code OK} the
     * writer reported: the sec_tag contains that write or a later one. Rerun a failure with {@code
     * -Dcrash.seed=<seed>} to get the same kill delays.
     */
    @Test
    @Timeout(300)
    void killedWriterKeepsAcknowledgedWrites() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("State file crash test: kill delays from seed " + seed);
        Random random = new Random(seed);
        Path stateFile = directory.resolve("state.json");
        Map<Long, Long> acknowledged = new HashMap<>();
        long started = System.nanoTime();
        int acknowledgedWrites = 0;
        int checks = 0;

        for (int kill = 1; kill <= KILLS; kill++) {
            Path stderr = directory.resolve("writer-" + kill + ".err");
            long firstNumber = kill * 1_000_000L;
            Child writer = start(stderr, "write", stateFile.toString(), "" + firstNumber);
            writer.awaitReady(stderr);
            int delay =
                    MIN_KILL_DELAY_MILLIS
                            + random.nextInt(MAX_KILL_DELAY_MILLIS - MIN_KILL_DELAY_MILLIS + 1);
            Thread.sleep(delay);
            writer.kill();

            for (String line : writer.remainingLines()) {
                String[] fields = line.split(" ");
                assertEquals(2, fields.length, "writer output: " + line + "\n" + read(stderr));
                acknowledged.merge(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Math::max);
                acknowledgedWrites++;
            }
            checks += checkStateFile(stateFile, acknowledged, "kill " + kill + ", seed " + seed);
        }

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println(
                "State file crash test: "
                        + KILLS
                        + " kills, "
                        + acknowledgedWrites
                        + " acknowledged writes, "
                        + checks
                        + " item checks, "
                        + millis
                        + " ms");
        assertTrue(acknowledgedWrites > KILLS, "writes acknowledged: " + acknowledgedWrites);
    }

    /** Loads the state file and returns the number of items it checked. */
    private static int checkStateFile(
            Path stateFile, Map<Long, Long> acknowledged, String context) {
        try (Modem modem = Modem.builder().stateFile(stateFile).build()) {
            for (Map.Entry<Long, Long> entry : acknowledged.entrySet()) {
                Optional<Credential> item =
                        modem.credentials().find(entry.getKey(), CredentialType.PSK_IDENTITY);
                assertTrue(item.isPresent(), "sec_tag " + entry.getKey() + " missing, " + context);
                long stored = Long.parseLong(new String(item.get().content().get(), UTF_8));
                assertTrue(
                        stored >= entry.getValue(),
                        "sec_tag "
                                + entry.getKey()
                                + " contains write "
                                + stored
                                + ", older than acknowledged write "
                                + entry.getValue()
                                + ", "
                                + context);
            }
            assertTrue(modem.credentials().list().size() <= StateFileChild.SEC_TAGS);
            return acknowledged.size();
        }
    }
}
