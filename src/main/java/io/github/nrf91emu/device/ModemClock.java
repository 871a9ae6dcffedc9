package io.github.nrf91emu.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The modem's real-time clock. Its time is either unknown (not yet received from a network nor set)
 * or known, and once known it ticks with the underlying {@link Clock}: setting the time stores the
 * offset from that clock. The time zone (in quarter hours) and daylight saving value are carried
 * for display only; the date and time are UTC. Not thread-safe: the modem runs one command at a
 * time.
 *
 * <p>Three faults can be laid over the time, each independently and reversibly: a hidden time,
 * which reads as unknown until cleared or until the time is set; a stopped clock, which stays at
 * the time it showed when it stopped; and an error, a duration added to every time the clock shows,
 * including one set after the error.
 */
public final class ModemClock {
    /** Time zone value of {@code %CCLK} that means "unknown". */
    public static final int TIME_ZONE_UNKNOWN = 99;

    /** Start of the range the modem's clock can show: 2000-01-01T00:00:00Z. */
    static final Instant EARLIEST = Instant.ofEpochSecond(946_684_800L);

    /** End of that range, exclusive: 2100-01-01T00:00:00Z. */
    static final Instant END = Instant.ofEpochSecond(4_102_444_800L);

    /**
     * Longest clock error either way: 36525 days, the length of the range above, so any longer
     * error would move every time out of it.
     */
    public static final Duration MAX_ERROR = Duration.ofDays(36_525);

    private final Clock base;
    private Duration offset;
    private int timeZoneQuarterHours;
    private int daylightSaving = -1;

    /** The base clock's time when the clock stopped, or null while it runs. */
    private Instant stoppedAt;

    private Duration error = Duration.ZERO;
    private boolean timeHidden;

    private ModemClock(Clock base, Duration offset) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = offset;
    }

    /** Creates a clock whose time is known from the start and equal to {@code base}'s time. */
    public static ModemClock following(Clock base) {
        return new ModemClock(base, Duration.ZERO);
    }

    /** Creates a clock whose time is unknown until set, and then ticks with {@code base}. */
    public static ModemClock unknown(Clock base) {
        return new ModemClock(base, null);
    }

    /** Returns whether the time is known. */
    public boolean isKnown() {
        return now().isPresent();
    }

    /**
     * Returns the current time, or empty while it is unknown. A time outside the years 2000 to
     * 2099, which the two-digit year of {@code +CCLK} cannot show, counts as unknown too, for
     * example when an injected clock is set to 1970.
     */
    public Optional<Instant> now() {
        if (offset == null || timeHidden) {
            return Optional.empty();
        }
        Instant now = baseInstant().plus(offset).plus(error);
        if (now.isBefore(EARLIEST) || !now.isBefore(END)) {
            return Optional.empty();
        }
        return Optional.of(now);
    }

    /**
     * Sets the time.
     *
     * @param utc the current time
     * @param timeZoneQuarterHours the time zone to display, -48..48 or {@link #TIME_ZONE_UNKNOWN}
     * @param daylightSaving hours of daylight saving 0..2, or -1 when not given
     */
    public void set(Instant utc, int timeZoneQuarterHours, int daylightSaving) {
        if (timeZoneQuarterHours != TIME_ZONE_UNKNOWN
                && (timeZoneQuarterHours < -48 || timeZoneQuarterHours > 48)) {
            throw new IllegalArgumentException(
                    "time zone out of range: "
                            + timeZoneQuarterHours
                            + " (expected -48..48 quarter hours or 99)");
        }
        if (daylightSaving < -1 || daylightSaving > 2) {
            throw new IllegalArgumentException(
                    "daylight saving out of range: " + daylightSaving + " (expected 0..2 or -1)");
        }
        this.offset = Duration.between(baseInstant(), utc);
        this.timeZoneQuarterHours = timeZoneQuarterHours;
        this.daylightSaving = daylightSaving;
        this.timeHidden = false;
    }

    /** Makes the time unknown again, as after a power cycle without network time. */
    public void forget() {
        offset = null;
        daylightSaving = -1;
    }

    /** Returns the time zone in quarter hours, or {@link #TIME_ZONE_UNKNOWN}. */
    public int timeZoneQuarterHours() {
        return timeZoneQuarterHours;
    }

    /** Returns the daylight saving hours, or empty when no {@code %CCLK} set them. */
    public OptionalInt daylightSaving() {
        return daylightSaving < 0 ? OptionalInt.empty() : OptionalInt.of(daylightSaving);
    }

    /**
     * Hides the time or shows it again. While hidden, the time reads as unknown, as after {@link
     * #forget()}, but the clock keeps it: showing it again brings back the time the clock would
     * have had. Setting the time ends the hiding.
     */
    public void setTimeHidden(boolean hidden) {
        this.timeHidden = hidden;
    }

    /** Returns whether the time is hidden by {@link #setTimeHidden}. */
    public boolean isTimeHidden() {
        return timeHidden;
    }

    /**
     * Stops the clock or lets it run again. A stopped clock shows the time it had when it stopped,
     * or a time set since then. Running again, it returns to the time it would have had without the
     * stop, so the time jumps ahead by the length of the stop.
     */
    public void setStopped(boolean stopped) {
        if (stopped && stoppedAt == null) {
            stoppedAt = base.instant();
        } else if (!stopped) {
            stoppedAt = null;
        }
    }

    /** Returns whether the clock is stopped by {@link #setStopped}. */
    public boolean isStopped() {
        return stoppedAt != null;
    }

    /**
     * Sets the error of the clock: a duration, positive or negative, added to every time it shows
     * and signs tokens with. {@link Duration#ZERO} removes it. A shown time outside the years 2000
     * to 2099 reads as unknown, as {@link #now()} describes.
     *
     * @throws IllegalArgumentException if the error is longer than {@link #MAX_ERROR} either way
     */
    public void setError(Duration error) {
        Objects.requireNonNull(error, "error");
        if (error.abs().compareTo(MAX_ERROR) > 0) {
            throw new IllegalArgumentException(
                    "clock error out of range: "
                            + error
                            + " (expected at most 36525 days either way)");
        }
        this.error = error;
    }

    /** Returns the error set by {@link #setError}; {@link Duration#ZERO} when there is none. */
    public Duration error() {
        return error;
    }

    private Instant baseInstant() {
        return stoppedAt != null ? stoppedAt : base.instant();
    }
}
