package io.github.nrf91emu.example;

import static io.github.nrf91emu.example.JwtResponses.tokenOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.ModemFaults;
import io.github.nrf91emu.example.InvalidDeviceTokenException.Reason;
import io.github.nrf91emu.junit.EmulatedModem;
import io.github.nrf91emu.junit.ModemSettings;
import io.github.nrf91emu.junit.TestClock;
import io.github.nrf91emu.testkit.JwkSets;
import java.text.ParseException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Modem faults as device software and the server see them. The modems report {@code +CME ERROR:
 * <n>}, as after {@code AT+CMEE=1}.
 */
@EmulatedModem
@ModemSettings(cmee = true)
class DeviceFaultsTest {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static DeviceTokenVerifier verifierFor(Modem modem, TestClock clock)
            throws ParseException {
        JWKSet registered = JWKSet.parse(JwkSets.of(modem.identity().publicKey()));
        return new DeviceTokenVerifier(registered, clock, CLOCK_SKEW);
    }

    @Test
    void disabledJwtAnswers51(Modem modem, ModemFaults faults) {
        faults.setCommandDisabled("%JWT", true);

        assertEquals("+CME ERROR: 51\r\n", modem.execute("AT%JWT=0,3600"));
    }

    @Test
    void tokenWithoutTimeRejected(Modem modem, TestClock clock, ModemFaults faults)
            throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);
        faults.setTimeUnknown(true);

        String token = tokenOf(modem.execute("AT%JWT=0,3600"));
        assertNull(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime());
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));

        assertEquals(Reason.INVALID_CLAIMS, e.reason());
        assertEquals("INVALID_CLAIMS: JWT missing required claims: [exp, iat]", e.getMessage());
    }

    /** Device software reads the clock before it requests a token, and sets it when unknown. */
    @Test
    @ModemSettings(cmee = true, timeKnown = false)
    void deviceSetsClockBeforeToken(Modem modem, TestClock clock) throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);

        assertEquals("ERROR\r\n", modem.execute("AT+CCLK?"));
        assertEquals("OK\r\n", modem.execute("AT+CCLK=\"26/01/01,00:00:00+00\""));
        String token = tokenOf(modem.execute("AT%JWT=0,3600"));

        assertEquals(modem.identity().deviceUuid(), verifier.verify(token).deviceUuid());
    }

    @Test
    @ModemSettings(cmee = true, firmware = "mfw_nrf9160_1.2.3")
    void firmwareBefore130HasNoJwt(Modem modem) {
        assertEquals("ERROR\r\n", modem.execute("AT%JWT=0,3600"));
    }

    @Test
    void forcedFailureAnswers525(Modem modem, TestClock clock, ModemFaults faults)
            throws Exception {
        DeviceTokenVerifier verifier = verifierFor(modem, clock);
        faults.failNextTokens(1);

        assertEquals("+CME ERROR: 525\r\n", modem.execute("AT%JWT=0,3600"));
        String retried = tokenOf(modem.execute("AT%JWT=0,3600"));

        assertEquals(modem.identity().deviceUuid(), verifier.verify(retried).deviceUuid());
    }
}
