package io.github.nrf91emu.example;

import static io.github.nrf91emu.example.JwtResponses.tokenOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.example.InvalidDeviceTokenException.Reason;
import io.github.nrf91emu.junit.EmulatedModem;
import io.github.nrf91emu.junit.TestClock;
import io.github.nrf91emu.testkit.Fleet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A fleet's JWK Set registers every device of the fleet, and no device outside it. */
@EmulatedModem
class FleetTokensTest {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int FLEET_SIZE = 20;

    @Test
    void everyDeviceAccepted(TestClock clock) throws Exception {
        Fleet fleet = Fleet.builder().seed(42).size(FLEET_SIZE).clock(clock).build();
        JWKSet registered = JWKSet.parse(fleet.jwkSet());
        DeviceTokenVerifier verifier = new DeviceTokenVerifier(registered, clock, CLOCK_SKEW);

        for (int i = 0; i < fleet.size(); i++) {
            String token = tokenOf(fleet.device(i).execute("AT%JWT=0,3600"));
            DeviceToken device = verifier.verify(token);

            assertEquals(fleet.identity(i).deviceUuid(), device.deviceUuid(), "device " + i);
        }
    }

    @Test
    void deviceOutsideFleetRejected(Modem modem, TestClock clock) throws Exception {
        Fleet fleet = Fleet.builder().seed(42).size(FLEET_SIZE).clock(clock).build();
        JWKSet registered = JWKSet.parse(fleet.jwkSet());
        DeviceTokenVerifier verifier = new DeviceTokenVerifier(registered, clock, CLOCK_SKEW);

        String token = tokenOf(modem.execute("AT%JWT=0,3600"));
        InvalidDeviceTokenException e =
                assertThrows(InvalidDeviceTokenException.class, () -> verifier.verify(token));

        assertEquals(Reason.UNKNOWN_KEY, e.reason());
    }

    @Test
    void nrfCloudCsvRowPerDevice() {
        Fleet fleet = Fleet.fromSeed(42, FLEET_SIZE);

        String[] rows = fleet.nrfCloudCsv().split("(?<=-----END PUBLIC KEY-----\n\")\n");

        assertEquals(FLEET_SIZE, rows.length);
        for (int i = 0; i < rows.length; i++) {
            String deviceId = fleet.identity(i).deviceUuid().toString();
            assertTrue(rows[i].startsWith(deviceId + ",\"-----BEGIN PUBLIC KEY-----\n"), rows[i]);
        }
    }
}
