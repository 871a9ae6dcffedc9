package io.github.nrf91emu.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(START);

    @Test
    void standsStillUntilMoved() {
        assertEquals(START, clock.instant());
        assertEquals(START, clock.now());
        assertEquals(START.toEpochMilli(), clock.millis());
        assertEquals(ZoneOffset.UTC, clock.getZone());
    }

    @Test
    void setMovesBothWays() {
        clock.set(START.plusSeconds(10));
        assertEquals(START.plusSeconds(10), clock.instant());

        clock.set(START.minusSeconds(10));
        assertEquals(START.minusSeconds(10), clock.instant());
    }

    @Test
    void advanceAddsDuration() {
        clock.advance(Duration.ofMinutes(3));
        clock.advance(Duration.ZERO);
        clock.advance(Duration.ofNanos(1));

        assertEquals(START.plusSeconds(180).plusNanos(1), clock.now());
    }

    @Test
    void negativeAdvanceRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> clock.advance(Duration.ofSeconds(-1)));

        assertEquals(
                "advance duration must not be negative: PT-1S (use set(Instant) to move the time"
                        + " back)",
                e.getMessage());
        assertEquals(START, clock.instant());
    }

    @Test
    void zoneViewSharesTime() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        TestClock view = clock.withZone(paris);

        clock.advance(Duration.ofHours(1));

        assertEquals(paris, view.getZone());
        assertEquals(START.plusSeconds(3600), view.instant());
        assertSame(clock, clock.withZone(ZoneOffset.UTC));
    }

    @Test
    void nullArgumentsRejected() {
        assertThrows(NullPointerException.class, () -> new TestClock(null));
        assertThrows(NullPointerException.class, () -> clock.set(null));
        assertThrows(NullPointerException.class, () -> clock.advance(null));
        assertThrows(NullPointerException.class, () -> clock.withZone(null));
    }
}
