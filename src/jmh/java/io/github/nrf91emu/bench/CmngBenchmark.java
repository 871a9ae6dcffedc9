package io.github.nrf91emu.bench;

import io.github.nrf91emu.Modem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time of one {@code AT%CMNG} write: in memory only, and with a state file, where the new state is
 * written to a temporary file, flushed to disk, renamed over the old file and the directory flushed
 * before the {@code OK}. Each write replaces the same item, so the store and the file keep their
 * size. The state file lives in the system temporary directory, so its figure is that file system's
 * flush time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class CmngBenchmark {
    /** A PSK identity (type 4) at sec_tag 42: public content, 40 bytes. */
    private static final String WRITE =
            "AT%CMNG=0,42,4,\"nrf-352656100000000-identity-0123456789\"";

    private Path directory;
    private Modem inMemory;
    private Modem persistent;
    private byte[] stateBytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("cmng-benchmark");
        inMemory = Modem.builder().seed(1).build();
        persistent = Modem.builder().seed(1).stateFile(directory.resolve("device.json")).build();
        for (Modem modem : new Modem[] {inMemory, persistent}) {
            if (!modem.execute("AT+CFUN=4").equals("OK\r\n")
                    || !modem.execute(WRITE).equals("OK\r\n")) {
                throw new IllegalStateException("benchmark set-up could not write a credential");
            }
        }
        stateBytes = Files.readAllBytes(directory.resolve("device.json"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        persistent.close();
        inMemory.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public String writeInMemory() {
        return inMemory.execute(WRITE);
    }

    @Benchmark
    public String writeWithStateFile() {
        return persistent.execute(WRITE);
    }

    /**
     * Runs the file-system steps alone, without the modem: write the state file's current bytes to
     * a temporary file, flush it, rename it over a second file and flush the directory. The gap to
     * {@link #writeWithStateFile()} is what the modem and the JSON add.
     */
    @Benchmark
    public void fileStepsOnly() throws IOException {
        Path temporary = directory.resolve("copy.json.tmp");
        try (FileChannel channel =
                FileChannel.open(
                        temporary,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(stateBytes));
            channel.force(true);
        }
        Files.move(
                temporary,
                directory.resolve("copy.json"),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
            directoryChannel.force(true);
        }
    }
}
