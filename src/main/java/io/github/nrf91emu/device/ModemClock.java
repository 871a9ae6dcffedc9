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
 */
public final class ModemClock {
    /** Time zone value of {@code %CCLK} that means "unknown". */
    public static final int TIME_ZONE_UNKNOWN = 99;

    /** Start of the range the modem's clock can show: 2000-01-01T00:00:00Z. */
    static final Instant EARLIEST = Instant.ofEpochSecond(946_684_800L);

    /** End of that range, exclusive: 2100-01-01T00:00:00Z. */
    static final Instant END = Instant.ofEpochSecond(4_102_444_800L);

    private final Clock base;
    private Duration offset;
    private int timeZoneQuarterHours;
    private int daylightSaving = -1;

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
        if (offset == null) {
            return Optional.empty();
        }
        Instant now = base.instant().plus(offset);
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
        this.offset = Duration.between(base.instant(), utc);
        this.timeZoneQuarterHours = timeZoneQuarterHours;
        this.daylightSaving = daylightSaving;
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
}
