package io.github.nrf91emu.junit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stays at one instant until a test sets or advances it. A modem built on it shows its
 * time in {@code AT+CCLK?} and signs it into the {@code iat} and {@code exp} claims of tokens, so a
 * test controls both. {@link ModemExtension} injects the clock of each test's modem; outside JUnit,
 * pass one to {@code Modem.builder().clock(...)}.
 *
 * <p>A clock is thread-safe. The clocks that {@link #withZone} returns share its time.
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> time;
    private final ZoneId zone;

    /** Creates a clock in UTC that shows {@code start} until it is set or advanced. */
    public TestClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    /** Sets the time, forward or back. */
    public void set(Instant instant) {
        time.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Moves the time forward.
     *
     * @throws IllegalArgumentException if {@code duration} is negative; use {@link #set} to move
     *     the time back
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(
                    "advance duration must not be negative: "
                            + duration
                            + " (use set(Instant) to move the time back)");
        }
        time.updateAndGet(now -> now.plus(duration));
    }

    /** Returns the current time, the same as {@link #instant()}. */
    public Instant now() {
        return time.get();
    }

    @Override
    public Instant instant() {
        return time.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** Returns a clock in {@code zone} that shares this clock's time, including later changes. */
    @Override
    public TestClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new TestClock(time, zone);
    }

    @Override
    public String toString() {
        return "TestClock{" + time.get() + ", " + zone + "}";
    }
}
