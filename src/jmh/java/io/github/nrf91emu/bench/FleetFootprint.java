package io.github.nrf91emu.bench;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.testkit.Fleet;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Measures the retained heap and build time of idle modems and of a fleet, without JMH.
 *
 * <p>Method: heap used after full collections ({@link System#gc()} five times, 100 ms apart, then
 * {@code MemoryMXBean} heap used) is read before and after building the objects, with the objects
 * still reachable. The difference divided by the count is the retained heap per device. The first
 * modem of the JVM is built before any baseline, so class statics and the shared fixed-base table
 * count once, in their own line, and not per device. Build times are wall-clock times of one run,
 * in a JVM that has built only a few devices before, so they include JIT warm-up.
 *
 * <p>Run with the serial collector, whose heap figures after {@code System.gc()} are exact:
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx2g -cp target/benchmarks.jar io.github.nrf91emu.bench.FleetFootprint
 *     [FLEET_SIZE [IDLE_MODEMS]]
 * </pre>
 *
 * The defaults are 100,000 fleet devices and 10,000 idle modems. The exit status is 1 if a device
 * retains more than {@value #TARGET_BYTES_PER_DEVICE} bytes on any of the three measurements.
 */
public final class FleetFootprint {
    /** The heap that a device may retain in each of the three measurements. */
    static final long TARGET_BYTES_PER_DEVICE = 4096;

    private static final long FLEET_SEED = 20261204L;

    private FleetFootprint() {}

    public static void main(String[] args) throws InterruptedException {
        int fleetSize = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int idleModems = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        printRuntime();

        long beforeFirst = usedHeapAfterGc();
        Modem first = Modem.builder().seed(-1L).build();
        first.execute("AT%JWT=0,3600");
        long shared = usedHeapAfterGc() - beforeFirst;
        System.out.printf(
                Locale.ROOT, "first modem of the JVM (shared statics): %,d bytes%n", shared);

        boolean withinTarget = measureIdleModems(idleModems);
        withinTarget &= measureFleet(fleetSize);

        Reference.reachabilityFence(first);
        System.out.println(withinTarget ? "within target" : "over target");
        System.exit(withinTarget ? 0 : 1);
    }

    private static boolean measureIdleModems(int count) throws InterruptedException {
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        Modem[] modems = new Modem[count];
        for (int i = 0; i < count; i++) {
            modems[i] = Modem.builder().seed(i).build();
        }
        long elapsed = System.nanoTime() - start;
        long retained = usedHeapAfterGc() - before;

        boolean within = report("idle modems", count, retained, elapsed);
        Reference.reachabilityFence(modems);
        return within;
    }

    private static boolean measureFleet(int size) throws InterruptedException {
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        Fleet fleet = Fleet.fromSeed(FLEET_SEED, size);
        long buildTime = System.nanoTime() - start;
        long retainedBuilt = usedHeapAfterGc() - before;
        boolean within = report("fleet, built", size, retainedBuilt, buildTime);

        start = System.nanoTime();
        for (int i = 0; i < size; i++) {
            fleet.device(i);
        }
        long modemTime = System.nanoTime() - start;
        long retainedAll = usedHeapAfterGc() - before;
        within &= report("fleet, every device(i) called", size, retainedAll, modemTime);

        Reference.reachabilityFence(fleet);
        return within;
    }

    /** Prints one result line and returns whether the bytes per device meet the target. */
    private static boolean report(String label, int count, long retainedBytes, long nanos) {
        double perDevice = (double) retainedBytes / count;
        System.out.printf(
                Locale.ROOT,
                "%-30s n=%,d  heap %,d bytes = %,.0f bytes/device  time %,.0f ms = %,.1f"
                        + " µs/device%n",
                label,
                count,
                retainedBytes,
                perDevice,
                nanos / 1e6,
                nanos / 1e3 / count);
        return perDevice <= TARGET_BYTES_PER_DEVICE;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void printRuntime() {
        System.out.printf(
                Locale.ROOT,
                "JDK %s (%s), %s, %d processors, max heap %,d MiB, collectors %s%n",
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                collectorNames());
    }

    private static String collectorNames() {
        StringBuilder names = new StringBuilder();
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.append(names.length() == 0 ? "" : ", ").append(collector.getName());
        }
        return names.toString();
    }
}
