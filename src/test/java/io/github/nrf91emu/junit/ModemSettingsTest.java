package io.github.nrf91emu.junit;

import static io.github.nrf91emu.junit.TokenResponses.claims;
import static io.github.nrf91emu.junit.TokenResponses.lines;
import static io.github.nrf91emu.junit.TokenResponses.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.testkit.ModemTokenVerifier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Settings from {@link ModemSettings} and {@link Credential} on the class and its methods. */
@EmulatedModem
@ModemSettings(model = "nrf9161", clock = "2030-02-03T04:05:06Z", cmee = true)
@Credential(
        secTag = 42,
        type = CredentialType.CLIENT_PRIVATE_KEY,
        resource = "keys/openssl/p256_pkcs8.pem")
class ModemSettingsTest {
    private static final String KEY_RESOURCE = "/keys/openssl/p256_pkcs8.pem";
    private static final String ENCRYPTED_KEY_RESOURCE =
            "keys/openssl/p256_pkcs8_aes256_sha256.pem";
    private static final String TEXT_RESOURCE = "junit/psk_identity.txt";

    private static P256PublicKey resourceKey() throws Exception {
        try (InputStream in = ModemSettingsTest.class.getResourceAsStream(KEY_RESOURCE)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return P256Keys.privateKeyFromPem(pem).publicKey();
        }
    }

    private static void assertSignedBy(P256PublicKey key, String response, Instant now)
            throws Exception {
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder()
                        .publicKey(key)
                        .clock(Clock.fixed(now, ZoneOffset.UTC))
                        .build();
        verifier.verify(token(response));
    }

    @Test
    void classSettingsApplied(Modem modem, TestClock clock) throws Exception {
        assertEquals(Model.NRF9161, modem.identity().model());
        assertEquals(lines("mfw_nrf91x1_2.0.1", "OK"), modem.execute("AT+CGMR"));
        assertEquals(Instant.parse("2030-02-03T04:05:06Z"), clock.now());
        assertEquals(lines("+CCLK: \"30/02/03,04:05:06+00\"", "OK"), modem.execute("AT+CCLK?"));
        assertEquals("+CME ERROR: 50\r\n", modem.execute("AT%JWT=9"));
    }

    @Test
    void classCredentialSigns(Modem modem, TestClock clock) throws Exception {
        String response = modem.execute("AT%JWT=0,60,,,42,2");

        assertSignedBy(resourceKey(), response, clock.now());
        assertEquals(1, modem.credentials().list().size());
    }

    @Test
    @ModemSettings(firmware = "mfw_nrf9160_1.2.9")
    void methodSettingsReplaceClass(Modem modem, TestClock clock) {
        assertEquals(Model.NRF9160, modem.identity().model());
        assertEquals(Instant.parse(ModemSettings.DEFAULT_CLOCK), clock.now());
        assertEquals(lines("mfw_nrf9160_1.2.9", "OK"), modem.execute("AT+CGMR"));
        assertEquals("ERROR\r\n", modem.execute("AT%JWT"));
        assertEquals("ERROR\r\n", modem.execute("AT+CGSN=9"));
    }

    @Test
    @ModemSettings(seed = "42", model = "nRF9161")
    void fixedSeedGivesBuilderIdentity(Modem modem) {
        Modem expected = Modem.builder().seed(42).model(Model.NRF9161).build();

        assertEquals(expected.identity().imei(), modem.identity().imei());
        assertEquals(expected.identity().deviceUuid(), modem.identity().deviceUuid());
        assertEquals(expected.identity().publicKeyPem(), modem.identity().publicKeyPem());
    }

    @Test
    @ModemSettings(timeKnown = false, cmee = true)
    void unknownTimeSetting(Modem modem) throws Exception {
        assertEquals("ERROR\r\n", modem.execute("AT+CCLK?"));
        assertFalse(claims(modem.execute("AT%JWT=0,60")).has("iat"));
    }

    @Test
    @ModemSettings(
            disabled = {"%JWT", "+CGSN"},
            cmee = true)
    void disabledSetting(Modem modem) {
        assertEquals("+CME ERROR: 51\r\n", modem.execute("AT%JWT"));
        assertEquals("+CME ERROR: 51\r\n", modem.execute("AT+CGSN"));
    }

    @Test
    @Credential(
            secTag = 7,
            type = CredentialType.CLIENT_PRIVATE_KEY,
            resource = ENCRYPTED_KEY_RESOURCE,
            password = "test-password")
    @Credential(secTag = 7, type = CredentialType.PSK_IDENTITY, resource = TEXT_RESOURCE)
    void methodCredentialsAdded(Modem modem, TestClock clock) throws Exception {
        assertEquals(3, modem.credentials().list().size());
        assertTrue(modem.execute("AT%CMNG=2,7,4").contains(",\"device-42\""));
        assertSignedBy(resourceKey(), modem.execute("AT%JWT=0,60,,,7,2"), clock.now());
        assertSignedBy(resourceKey(), modem.execute("AT%JWT=0,60,,,42,2"), clock.now());
    }

    @Test
    @Credential(secTag = 42, type = CredentialType.CLIENT_PRIVATE_KEY, resource = TEXT_RESOURCE)
    void methodCredentialReplacesClass(Modem modem) {
        assertEquals(1, modem.credentials().list().size());
        assertEquals("+CME ERROR: 514\r\n", modem.execute("AT%JWT=0,60,,,42,2"));
    }

    @Nested
    class NestedClass {
        @Test
        void enclosingSettingsApplied(Modem modem, TestClock clock) {
            assertEquals(Model.NRF9161, modem.identity().model());
            assertEquals(Instant.parse("2030-02-03T04:05:06Z"), clock.now());
            assertEquals(1, modem.credentials().list().size());
        }
    }

    @Nested
    @ModemSettings(model = "nRF9151")
    @Credential(secTag = 43, type = CredentialType.PSK_IDENTITY, resource = TEXT_RESOURCE)
    class NestedSettings {
        @Test
        void nestedClassSettingsWin(Modem modem, TestClock clock) {
            assertEquals(Model.NRF9151, modem.identity().model());
            assertEquals(Instant.parse(ModemSettings.DEFAULT_CLOCK), clock.now());
            assertEquals(2, modem.credentials().list().size());
        }
    }
}
