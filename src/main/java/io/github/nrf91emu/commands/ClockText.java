package io.github.nrf91emu.commands;

import io.github.nrf91emu.device.ModemClock;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The time text of {@code +CCLK} and {@code %CCLK}: {@code yy/MM/dd,hh:mm:ss±zz}, where the date
 * and time are UTC in the years 2000..2099 and {@code zz} is the time zone in quarter hours.
 */
final class ClockText {
    /** A parsed time text. */
    record Parsed(Instant utc, int timeZoneQuarterHours) {}

    private static final int LENGTH = 20;

    private ClockText() {}

    /**
     * Parses a time text.
     *
     * @param allowUnknownZone whether {@code zz} may be 99 (unknown), as {@code %CCLK} allows
     * @return the time, or null if the text is malformed or a field is out of range
     */
    static Parsed parse(byte[] bytes, boolean allowUnknownZone) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.length() != LENGTH
                || !hasSeparators(text)
                || (text.charAt(17) != '+' && text.charAt(17) != '-')) {
            return null;
        }
        int[] fields = new int[7];
        for (int i = 0; i < fields.length; i++) {
            // Fields start every 3 characters: yy/MM/dd,hh:mm:ss then the sign at 17.
            fields[i] = twoDigits(text, i == 6 ? 18 : i * 3);
            if (fields[i] < 0) {
                return null;
            }
        }
        int zone = fields[6];
        boolean unknownZone = zone == ModemClock.TIME_ZONE_UNKNOWN && allowUnknownZone;
        if (!unknownZone && zone > 48) {
            return null;
        }
        if (!unknownZone && text.charAt(17) == '-') {
            zone = -zone;
        }
        try {
            LocalDateTime time =
                    LocalDateTime.of(
                            2000 + fields[0],
                            fields[1],
                            fields[2],
                            fields[3],
                            fields[4],
                            fields[5]);
            return new Parsed(time.toInstant(ZoneOffset.UTC), zone);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** Formats {@code utc} with the time zone as the read forms return it, without quotes. */
    static String format(Instant utc, int timeZoneQuarterHours) {
        LocalDateTime time = LocalDateTime.ofInstant(utc, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(LENGTH);
        appendTwoDigits(text, time.getYear() % 100).append('/');
        appendTwoDigits(text, time.getMonthValue()).append('/');
        appendTwoDigits(text, time.getDayOfMonth()).append(',');
        appendTwoDigits(text, time.getHour()).append(':');
        appendTwoDigits(text, time.getMinute()).append(':');
        appendTwoDigits(text, time.getSecond());
        text.append(timeZoneQuarterHours < 0 ? '-' : '+');
        return appendTwoDigits(text, Math.abs(timeZoneQuarterHours)).toString();
    }

    private static boolean hasSeparators(String text) {
        return text.charAt(2) == '/'
                && text.charAt(5) == '/'
                && text.charAt(8) == ','
                && text.charAt(11) == ':'
                && text.charAt(14) == ':';
    }

    private static int twoDigits(String text, int at) {
        char tens = text.charAt(at);
        char ones = text.charAt(at + 1);
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (ones - '0');
    }

    private static StringBuilder appendTwoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
