package io.github.nrf91emu.junit;

import static io.github.nrf91emu.junit.TokenResponses.claims;
import static io.github.nrf91emu.junit.TokenResponses.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.ModemFaults;
import io.github.nrf91emu.device.Model;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extension with its default settings, registered by {@link EmulatedModem}. */
@EmulatedModem
class ModemExtensionTest {
    private static final Instant START = Instant.parse(ModemSettings.DEFAULT_CLOCK);

    private Modem modemBeforeEach;
    private TestClock clockBeforeEach;

    @BeforeEach
    void recordParameters(Modem modem, TestClock clock) {
        modemBeforeEach = modem;
        clockBeforeEach = clock;
    }

    @AfterEach
    void modemStillOpen(Modem modem) {
        assertEquals(lines("Nordic Semiconductor ASA", "OK"), modem.execute("AT+CGMI"));
    }

    @Test
    void beforeEachGetsSameObjects(Modem modem, TestClock clock, Modem second) {
        assertSame(modemBeforeEach, modem);
        assertSame(clockBeforeEach, clock);
        assertSame(modem, second);
    }

    @Test
    void defaultsApplied(Modem modem) {
        assertEquals(Model.NRF9160, modem.identity().model());
        assertEquals(lines("mfw_nrf9160_1.3.5", "OK"), modem.execute("AT+CGMR"));
        assertEquals("ERROR\r\n", modem.execute("AT%JWT=9"));
        assertEquals(0, modem.credentials().list().size());
    }

    @Test
    void clockStartsAtDefault(Modem modem, TestClock clock) throws Exception {
        assertEquals(START, clock.now());
        assertEquals(lines("+CCLK: \"26/01/01,00:00:00+00\"", "OK"), modem.execute("AT+CCLK?"));
        assertEquals(
                START.getEpochSecond(), claims(modem.execute("AT%JWT=0,60")).get("iat").asLong());
    }

    @Test
    void clockAdvanceShowsInModem(Modem modem, TestClock clock) throws Exception {
        clock.advance(Duration.ofSeconds(3725));

        assertEquals(lines("+CCLK: \"26/01/01,01:02:05+00\"", "OK"), modem.execute("AT+CCLK?"));
        JsonNode claims = claims(modem.execute("AT%JWT=0,600"));
        assertEquals(START.getEpochSecond() + 3725, claims.get("iat").asLong());
        assertEquals(START.getEpochSecond() + 3725 + 600, claims.get("exp").asLong());
    }

    @Test
    void clockSetShowsInModem(Modem modem, TestClock clock) throws Exception {
        Instant later = Instant.parse("2027-06-15T08:30:00Z");

        clock.set(later);

        assertEquals(lines("+CCLK: \"27/06/15,08:30:00+00\"", "OK"), modem.execute("AT+CCLK?"));
        assertEquals(
                later.getEpochSecond(), claims(modem.execute("AT%JWT=0,1")).get("iat").asLong());
    }

    @Test
    void clockTicksAfterCclkSet(Modem modem, TestClock clock) {
        modem.execute("AT+CCLK=\"25/05/05,10:00:00+08\"");

        clock.advance(Duration.ofSeconds(30));

        assertEquals(lines("+CCLK: \"25/05/05,10:00:30+08\"", "OK"), modem.execute("AT+CCLK?"));
    }

    @Test
    void faultsInjected(Modem modem, ModemFaults faults) {
        assertNotNull(faults);

        faults.failNextTokens(1);

        assertEquals("ERROR\r\n", modem.execute("AT%JWT"));
        assertFalse(modem.execute("AT%JWT").startsWith("ERROR"));
    }

    @Test
    void faultsBelongToTestModem(Modem modem, ModemFaults faults) {
        faults.setPowerOffWarning(true);

        assertEquals("ERROR\r\n", modem.execute("AT%CMNG=0,7,4,\"id\""));
    }
}
