package io.github.nrf91emu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PrivateKey;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.keystore.CredentialType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Faults injected through {@link Modem#faults()}, observed through the AT interface. */
class ModemFaultsTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");
    private static final String TOKEN_COMMAND = "AT%JWT=0,3600,\"sub\",\"aud\"";
    private static final Pattern TOKEN_RESPONSE =
            Pattern.compile("%JWT: \"([A-Za-z0-9_.-]+)\"\r\nOK\r\n");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SettableClock clock = new SettableClock(NOW);
    private final Modem modem = Modem.builder().seed(5).clock(clock).build();
    private final ModemFaults faults = modem.faults();

    /** A clock that a test sets by hand. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("fixed to UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** Returns the token of a {@code %JWT} response, failing unless the response has that form. */
    private static String token(String response) {
        Matcher matcher = TOKEN_RESPONSE.matcher(response);
        assertTrue(matcher.matches(), "not a %JWT response: " + response);
        return matcher.group(1);
    }

    private static JsonNode claims(String response) throws Exception {
        String payload = token(response).split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }

    private String clockLine() {
        return modem.execute("AT+CCLK?");
    }

    @Test
    void jwtDisabledAtRuntime() {
        faults.setCommandDisabled("%JWT", true);

        assertTrue(faults.isCommandDisabled("%jwt"));
        assertEquals("ERROR\r\n", modem.execute(TOKEN_COMMAND));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=1"));
        assertEquals("+CME ERROR: 51\r\n", modem.execute(TOKEN_COMMAND));
        assertEquals("+CME ERROR: 51\r\n", modem.execute("AT%JWT"));
    }

    @Test
    void jwtEnabledAgain() {
        faults.setCommandDisabled("%jwt", true);
        faults.setCommandDisabled("%JWT", false);

        assertFalse(faults.isCommandDisabled("%JWT"));
        token(modem.execute(TOKEN_COMMAND));
    }

    @Test
    void builderDisabledCommandStaysDisabled() {
        Modem disabled = Modem.builder().seed(5).cmeErrors(true).disableCommands("%JWT").build();

        disabled.faults().setCommandDisabled("%JWT", false);
        disabled.faults().clear();

        assertTrue(disabled.faults().isCommandDisabled("%JWT"));
        assertEquals("+CME ERROR: 51\r\n", disabled.execute("AT%JWT"));
    }

    @Test
    void otherCommandDisabledAtRuntime() {
        faults.setCommandDisabled("+CGSN", true);

        assertEquals("ERROR\r\n", modem.execute("AT+CGSN"));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=1"));
        assertEquals("+CME ERROR: 51\r\n", modem.execute("AT+CGSN"));
        token(modem.execute(TOKEN_COMMAND));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"%XYZ", "JWT", "", "%DEVICEUUID"})
    void unknownCommandNotDisabled(String name) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> faults.setCommandDisabled(name, true));

        assertTrue(e.getMessage().startsWith("unknown command: \"" + name + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("%JWT"), e.getMessage());
    }

    @Test
    void deviceUuidDisabledOnNrf9161() {
        Modem nordic = Modem.builder().seed(5).model(Model.NRF9161).cmeErrors(true).build();

        nordic.faults().setCommandDisabled("%DEVICEUUID", true);

        assertEquals("+CME ERROR: 51\r\n", nordic.execute("AT%DEVICEUUID"));
    }

    @Test
    void powerOffWarningBlocksCredentialWrites() {
        faults.setPowerOffWarning(true);

        assertTrue(faults.powerOffWarning());
        assertEquals("ERROR\r\n", modem.execute("AT%CMNG=0,7,4,\"id\""));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=1"));
        assertEquals("+CME ERROR: 528\r\n", modem.execute("AT%CMNG=0,7,4,\"id\""));
        assertEquals("+CME ERROR: 528\r\n", modem.execute("AT%CMNG=3,7,4"));
        token(modem.execute(TOKEN_COMMAND));
    }

    @Test
    void powerOffWarningCleared() {
        modem.setPowerOffWarning(true);
        assertTrue(faults.powerOffWarning());

        faults.setPowerOffWarning(false);

        assertFalse(faults.powerOffWarning());
        assertEquals("OK\r\n", modem.execute("AT%CMNG=0,7,4,\"id\""));
    }

    @Test
    void unknownTimeFailsClockRead() throws Exception {
        faults.setTimeUnknown(true);

        assertTrue(faults.timeUnknown());
        assertEquals("ERROR\r\n", modem.execute("AT+CCLK?"));
        assertEquals("ERROR\r\n", modem.execute("AT%CCLK?"));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=1"));
        assertEquals("ERROR\r\n", modem.execute("AT+CCLK?"));
        JsonNode claims = claims(modem.execute(TOKEN_COMMAND));
        assertFalse(claims.has("iat"), claims.toString());
        assertFalse(claims.has("exp"), claims.toString());
    }

    @Test
    void unknownTimeRestoredWithTicks() throws Exception {
        faults.setTimeUnknown(true);
        clock.set(NOW.plusSeconds(90));

        faults.setTimeUnknown(false);

        assertFalse(faults.timeUnknown());
        assertEquals(lines("+CCLK: \"26/12/04,12:36:26+00\"", "OK"), clockLine());
        JsonNode claims = claims(modem.execute(TOKEN_COMMAND));
        assertEquals(NOW.getEpochSecond() + 90, claims.get("iat").asLong());
        assertEquals(NOW.getEpochSecond() + 90 + 3600, claims.get("exp").asLong());
    }

    @Test
    void settingTimeEndsUnknownTime() {
        faults.setTimeUnknown(true);

        assertEquals("OK\r\n", modem.execute("AT+CCLK=\"25/03/01,08:00:00+04\""));

        assertFalse(faults.timeUnknown());
        assertEquals(lines("+CCLK: \"25/03/01,08:00:00+04\"", "OK"), clockLine());
    }

    @Test
    void unknownTimeOffKeepsBuildUnknown() {
        Modem unknown = Modem.builder().seed(5).clock(clock).timeKnown(false).build();

        unknown.faults().setTimeUnknown(false);

        assertEquals("ERROR\r\n", unknown.execute("AT+CCLK?"));
    }

    @Test
    void stoppedClockKeepsTime() throws Exception {
        clock.set(NOW.plusSeconds(4));
        faults.setClockStopped(true);
        clock.set(NOW.plusSeconds(3600));

        assertTrue(faults.clockStopped());
        assertEquals(lines("+CCLK: \"26/12/04,12:35:00+00\"", "OK"), clockLine());
        JsonNode claims = claims(modem.execute(TOKEN_COMMAND));
        assertEquals(NOW.getEpochSecond() + 4, claims.get("iat").asLong());
    }

    @Test
    void stoppedClockKeepsSetTime() {
        faults.setClockStopped(true);
        modem.execute("AT+CCLK=\"25/03/01,08:00:00+00\"");
        clock.set(NOW.plusSeconds(60));

        assertEquals(lines("+CCLK: \"25/03/01,08:00:00+00\"", "OK"), clockLine());
    }

    @Test
    void resumedClockCatchesUp() throws Exception {
        faults.setClockStopped(true);
        faults.setClockStopped(true);
        clock.set(NOW.plusSeconds(60));

        faults.setClockStopped(false);

        assertFalse(faults.clockStopped());
        assertEquals(lines("+CCLK: \"26/12/04,12:35:56+00\"", "OK"), clockLine());
        JsonNode claims = claims(modem.execute(TOKEN_COMMAND));
        assertEquals(NOW.getEpochSecond() + 60, claims.get("iat").asLong());
    }

    @ParameterizedTest(name = "{0} s")
    @CsvSource({
        "3600, 26/12/04,13:34:56+00",
        "-86400, 26/12/03,12:34:56+00",
        "1, 26/12/04,12:34:57+00",
    })
    void clockErrorShiftsTime(long seconds, String date, String time) throws Exception {
        faults.setClockError(Duration.ofSeconds(seconds));

        assertEquals(Duration.ofSeconds(seconds), faults.clockError());
        assertEquals(lines("+CCLK: \"" + date + "," + time + "\"", "OK"), clockLine());
        JsonNode claims = claims(modem.execute(TOKEN_COMMAND));
        assertEquals(NOW.getEpochSecond() + seconds, claims.get("iat").asLong());
        assertEquals(NOW.getEpochSecond() + seconds + 3600, claims.get("exp").asLong());
    }

    @Test
    void clockErrorAppliesToSetTime() {
        faults.setClockError(Duration.ofMinutes(-30));

        modem.execute("AT+CCLK=\"25/03/01,08:00:00+00\"");

        assertEquals(lines("+CCLK: \"25/03/01,07:30:00+00\"", "OK"), clockLine());
    }

    @Test
    void clockErrorCleared() throws Exception {
        faults.setClockError(Duration.ofDays(400));

        faults.setClockError(Duration.ZERO);

        assertEquals(lines("+CCLK: \"26/12/04,12:34:56+00\"", "OK"), clockLine());
        assertEquals(
                NOW.getEpochSecond(), claims(modem.execute(TOKEN_COMMAND)).get("iat").asLong());
    }

    @Test
    void clockErrorPastRangeMakesTimeUnknown() throws Exception {
        faults.setClockError(Duration.ofDays(-365L * 27));

        assertEquals("ERROR\r\n", clockLine());
        assertFalse(claims(modem.execute(TOKEN_COMMAND)).has("iat"));
    }

    @Test
    void clockErrorOutOfRangeRejected() {
        Duration tooLong = ModemClock.MAX_ERROR.plusSeconds(1);

        IllegalArgumentException ahead =
                assertThrows(IllegalArgumentException.class, () -> faults.setClockError(tooLong));
        assertThrows(IllegalArgumentException.class, () -> faults.setClockError(tooLong.negated()));

        assertEquals(
                "clock error out of range: PT876600H1S (expected at most 36525 days either way)",
                ahead.getMessage());
        assertEquals(Duration.ZERO, faults.clockError());
    }

    @Test
    void maxClockErrorAccepted() {
        faults.setClockError(ModemClock.MAX_ERROR.negated());

        assertEquals(ModemClock.MAX_ERROR.negated(), faults.clockError());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mfw_nrf9160_1.2.9, NRF9160, false",
        "mfw_nrf9160_1.2.3, NRF9160, false",
        "mfw_nrf9160_0.7.0-15.alpha, NRF9160, false",
        "mfw_nrf9160_1.3.0, NRF9160, true",
        "mfw_nrf9160_1.3.5, NRF9160, true",
        "mfw_nrf91x1_2.0.1, NRF9161, true",
        "mfw_nrf91x1_1.2.9, NRF9161, false",
        "custom_build_7, NRF9160, true",
        "mfw_nrf9160_1.2, NRF9160, true",
    })
    void firmwareVersionDecidesJwt(String firmware, Model model, boolean hasJwt) {
        Modem device = Modem.builder().seed(5).model(model).firmwareVersion(firmware).build();

        String plain = device.execute(TOKEN_COMMAND);
        device.execute("AT+CMEE=1");
        String reported = device.execute(TOKEN_COMMAND);

        if (hasJwt) {
            token(plain);
            token(reported);
        } else {
            assertEquals("ERROR\r\n", plain);
            assertEquals("ERROR\r\n", reported);
            assertEquals("ERROR\r\n", device.execute("AT%JWT"));
        }
        assertEquals(lines(firmware, "OK"), device.execute("AT+CGMR"));
    }

    @Test
    void oldFirmwareKeepsOtherCommands() {
        Modem old =
                Modem.builder()
                        .seed(5)
                        .clock(clock)
                        .firmwareVersion("mfw_nrf9160_1.2.3")
                        .disableCommands("%JWT")
                        .build();

        assertEquals("ERROR\r\n", old.execute("AT+CMEE=1;%JWT"));
        assertEquals(lines("+CCLK: \"26/12/04,12:34:56+00\"", "OK"), old.execute("AT+CCLK?"));
        assertEquals("OK\r\n", old.execute("AT%CMNG=0,7,4,\"id\""));
    }

    @Test
    void tokenFailuresCounted() {
        String expected = Modem.builder().seed(5).clock(clock).build().execute(TOKEN_COMMAND);
        faults.failNextTokens(2);

        assertEquals("ERROR\r\n", modem.execute(TOKEN_COMMAND));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=1"));
        assertEquals("+CME ERROR: 525\r\n", modem.execute(TOKEN_COMMAND));

        assertEquals(expected, modem.execute(TOKEN_COMMAND));
    }

    @Test
    void rejectedCommandsLeaveFailureCount() {
        faults.failNextTokens(1);
        modem.execute("AT+CMEE=1");

        assertEquals("+CME ERROR: 50\r\n", modem.execute("AT%JWT=1"));
        assertEquals("+CME ERROR: 513\r\n", modem.execute("AT%JWT=0,0,,,77,2"));
        assertEquals("+CME ERROR: 525\r\n", modem.execute(TOKEN_COMMAND));
        token(modem.execute(TOKEN_COMMAND));
    }

    @Test
    void storedKeyTokenFails() {
        P256PrivateKey key = P256Keys.fromSeed("stored".getBytes(UTF_8)).privateKey();
        Modem stored =
                Modem.builder()
                        .seed(5)
                        .cmeErrors(true)
                        .credential(77, CredentialType.CLIENT_PRIVATE_KEY, key)
                        .build();
        stored.faults().failNextTokens(1);

        assertEquals("+CME ERROR: 525\r\n", stored.execute("AT%JWT=0,0,,,77,2;+CGMR"));
        token(stored.execute("AT%JWT=0,0,,,77,2"));
    }

    @Test
    void allTokensFailUntilCleared() {
        String expected = Modem.builder().seed(5).clock(clock).build().execute(TOKEN_COMMAND);
        modem.execute("AT+CMEE=1");
        faults.failAllTokens();

        for (int i = 0; i < 5; i++) {
            assertEquals("+CME ERROR: 525\r\n", modem.execute(TOKEN_COMMAND), "token " + i);
        }
        faults.clearTokenFailures();

        assertEquals(expected, modem.execute(TOKEN_COMMAND));
    }

    @Test
    void zeroTokenFailuresClears() {
        faults.failAllTokens();

        faults.failNextTokens(0);

        token(modem.execute(TOKEN_COMMAND));
    }

    @Test
    void negativeTokenFailuresRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> faults.failNextTokens(-1));

        assertEquals("token failure count must not be negative: -1", e.getMessage());
    }

    @Test
    void clearEndsEveryFault() throws Exception {
        String expected = Modem.builder().seed(5).clock(clock).build().execute(TOKEN_COMMAND);
        faults.setCommandDisabled("%JWT", true);
        faults.setCommandDisabled("+CGSN", true);
        faults.setPowerOffWarning(true);
        faults.setTimeUnknown(true);
        faults.setClockStopped(true);
        faults.setClockError(Duration.ofHours(5));
        faults.failAllTokens();

        faults.clear();

        assertFalse(faults.isCommandDisabled("%JWT"));
        assertFalse(faults.powerOffWarning());
        assertFalse(faults.timeUnknown());
        assertFalse(faults.clockStopped());
        assertEquals(Duration.ZERO, faults.clockError());
        assertEquals(expected, modem.execute(TOKEN_COMMAND));
        assertEquals(lines("+CCLK: \"26/12/04,12:34:56+00\"", "OK"), clockLine());
        assertEquals("OK\r\n", modem.execute("AT%CMNG=0,7,4,\"id\""));
        assertEquals(
                lines("+CGSN: \"" + modem.identity().imei() + "\"", "OK"),
                modem.execute("AT+CGSN=1"));
    }

    @Test
    void closedModemRejectsFaults() {
        modem.close();

        assertThrows(IllegalStateException.class, () -> faults.setPowerOffWarning(true));
        assertThrows(IllegalStateException.class, () -> faults.failAllTokens());
        assertThrows(IllegalStateException.class, () -> faults.setClockStopped(true));
        assertThrows(IllegalStateException.class, () -> faults.clockError());
        assertThrows(IllegalStateException.class, () -> modem.faults().clear());
    }
}
