package io.github.nrf91emu.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.Model;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Fleet FLEET = Fleet.builder().seed(42).size(40).clock(CLOCK).build();

    @Test
    void deviceSeedIsSeedThenIndex() {
        assertEquals(
                "000000000000002a0000000000000001",
                HexFormat.of().formatHex(Fleet.deviceSeed(42, 1)));
        assertEquals(
                "fffffffffffffffe000000007fffffff",
                HexFormat.of().formatHex(Fleet.deviceSeed(-2, Integer.MAX_VALUE)));
    }

    @Test
    void deviceSeedRejectsNegativeIndex() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fleet.deviceSeed(42, -1));
        assertEquals("device index is negative: -1 (expected 0 or more)", e.getMessage());
    }

    /** Values computed once from the documented derivation, which must not change. */
    @Test
    void identitiesStableAcrossMachines() {
        Fleet fleet = Fleet.fromSeed(42, 2);

        assertEquals("352656102820555", fleet.identity(0).imei());
        assertEquals(
                "176c7af4-6bb8-483e-87d0-b7cf9d3bcb24", fleet.identity(0).deviceUuid().toString());
        assertEquals(
                "2adaee66d25a2d410f2c38e9e5f6f7d42e2c744ba85375e3b2cee7d8e616ec81",
                fleet.identity(0).keyId());
        assertEquals("352656100440562", fleet.identity(1).imei());
        assertEquals(
                "a87c80fd-a18a-4f14-b490-80e3cd8924b1", fleet.identity(1).deviceUuid().toString());
    }

    @Test
    void sameSeedGivesSameFleet() {
        Fleet again = Fleet.builder().seed(42).size(40).clock(CLOCK).build();

        for (int i = 0; i < FLEET.size(); i++) {
            assertSameIdentity(FLEET.identity(i), again.identity(i));
        }
    }

    @Test
    void devicesHaveDistinctIdentities() {
        Set<String> imeis = new HashSet<>();
        Set<String> uuids = new HashSet<>();
        Set<String> kids = new HashSet<>();
        for (DeviceIdentity identity : FLEET.identities()) {
            imeis.add(identity.imei());
            uuids.add(identity.deviceUuid().toString());
            kids.add(identity.keyId());
        }

        assertEquals(FLEET.size(), imeis.size());
        assertEquals(FLEET.size(), uuids.size());
        assertEquals(FLEET.size(), kids.size());
    }

    @Test
    void otherSeedGivesOtherDevices() {
        Fleet other = Fleet.fromSeed(43, 1);

        assertNotEquals(FLEET.identity(0).keyId(), other.identity(0).keyId());
        assertNotEquals(FLEET.identity(0).imei(), other.identity(0).imei());
    }

    @Test
    void deviceMatchesSingleSeededModem() {
        Modem single = Modem.builder().seed(Fleet.deviceSeed(42, 7)).clock(CLOCK).build();

        assertSameIdentity(single.identity(), FLEET.identity(7));
        assertSameIdentity(single.identity(), FLEET.device(7).identity());
        assertEquals(
                single.execute("AT%JWT=0,3600,\"sub\",\"aud\""),
                Fleet.builder()
                        .seed(42)
                        .size(8)
                        .clock(CLOCK)
                        .build()
                        .device(7)
                        .execute("AT%JWT=0,3600,\"sub\",\"aud\""));
    }

    @Test
    void deviceReturnsSameModem() {
        Fleet fleet = Fleet.fromSeed(5, 3);

        assertSame(fleet.device(2), fleet.device(2));
    }

    @Test
    void devicesKeepSeparateState() {
        Fleet fleet = Fleet.fromSeed(6, 2);

        assertEquals("OK\r\n", fleet.device(0).execute("AT+CFUN=1"));

        assertEquals("+CFUN: 1\r\nOK\r\n", fleet.device(0).execute("AT+CFUN?"));
        assertEquals("+CFUN: 0\r\nOK\r\n", fleet.device(1).execute("AT+CFUN?"));
    }

    @Test
    void concurrentCallsShareOneModem() throws Exception {
        Fleet fleet = Fleet.fromSeed(8, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Modem>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return fleet.device(3);
                                }));
            }
            start.countDown();

            Modem first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Modem> result : results) {
                assertSame(first, result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settingsApplyToEveryDevice() {
        Fleet fleet =
                Fleet.builder()
                        .seed(9)
                        .size(3)
                        .model(Model.NRF9161)
                        .firmwareVersion("mfw_nrf91x1_2.0.2")
                        .clock(CLOCK)
                        .cmeErrors(true)
                        .disableCommands("%JWT")
                        .build();

        for (int i = 0; i < fleet.size(); i++) {
            Modem modem = fleet.device(i);
            assertEquals(Model.NRF9161, fleet.identity(i).model());
            assertEquals("mfw_nrf91x1_2.0.2", fleet.identity(i).firmwareVersion());
            assertEquals("nRF9161-LACA\r\nOK\r\n", modem.execute("AT+CGMM"));
            assertEquals("mfw_nrf91x1_2.0.2\r\nOK\r\n", modem.execute("AT+CGMR"));
            assertEquals("+CME ERROR: 51\r\n", modem.execute("AT%JWT"));
        }
    }

    @Test
    void timeSettingAppliesToEveryDevice() {
        Fleet unknown = Fleet.builder().seed(10).size(2).clock(CLOCK).timeKnown(false).build();
        Fleet known = Fleet.builder().seed(10).size(2).clock(CLOCK).build();

        for (int i = 0; i < unknown.size(); i++) {
            assertEquals("ERROR\r\n", unknown.device(i).execute("AT+CCLK?"));
            assertTrue(
                    known.device(i).execute("AT+CCLK?").startsWith("+CCLK: \"26/12/04,10:00:00"));
        }
    }

    @Test
    void buildRejectsMissingSize() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fleet.builder().build());
        assertEquals("fleet size is missing (expected size(int) of at least 1)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, 1_000_001, Integer.MAX_VALUE})
    void buildRejectsSizeOutOfRange(int size) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fleet.fromSeed(1, size));
        assertEquals("fleet size out of range: " + size + " (expected 1..1000000)", e.getMessage());
    }

    @Test
    void buildRejectsInvalidFirmwareVersion() {
        Fleet.Builder builder = Fleet.builder().seed(1).size(2).firmwareVersion("two words");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith("invalid firmware version"), e.getMessage());
    }

    @Test
    void buildRejectsUnknownDisabledCommand() {
        Fleet.Builder builder = Fleet.builder().seed(1).size(2).disableCommands("%NOPE");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith("unknown command to disable"), e.getMessage());
    }

    @Test
    void randomSeedIsReported() {
        Fleet fleet = Fleet.builder().size(1).build();
        Fleet rebuilt = Fleet.fromSeed(fleet.seed(), 1);

        assertSameIdentity(fleet.identity(0), rebuilt.identity(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 40, Integer.MAX_VALUE})
    void indexOutOfRangeRejected(int index) {
        assertThrows(IndexOutOfBoundsException.class, () -> FLEET.device(index));
        assertThrows(IndexOutOfBoundsException.class, () -> FLEET.identity(index));
    }

    @Test
    void identitiesListIsUnmodifiable() {
        List<DeviceIdentity> identities = FLEET.identities();

        assertEquals(FLEET.size(), identities.size());
        assertThrows(UnsupportedOperationException.class, () -> identities.set(0, null));
    }

    @Test
    void jwkSetVerifiesTokensByKidWithNimbus() throws Exception {
        JWKSet set = JWKSet.parse(FLEET.jwkSet());

        assertEquals(FLEET.size(), set.getKeys().size());
        for (int index : new int[] {0, 1, 19, 39}) {
            SignedJWT token = SignedJWT.parse(token(FLEET.device(index)));
            String kid = token.getHeader().getKeyID();
            assertEquals(FLEET.identity(index).keyId(), kid);
            assertEquals(JWSAlgorithm.ES256, token.getHeader().getAlgorithm());

            JWK key = set.getKeyByKeyId(kid);
            assertNotNull(key, "no key for kid " + kid + " of device " + index);
            assertTrue(token.verify(new ECDSAVerifier(key.toECKey())), "device " + index);
            ECKey otherDeviceKey =
                    set.getKeyByKeyId(FLEET.identity((index + 1) % FLEET.size()).keyId()).toECKey();
            assertFalse(token.verify(new ECDSAVerifier(otherDeviceKey)), "device " + index);
        }
    }

    @Test
    void jwkSetKeysMatchIdentities() throws Exception {
        JWKSet set = JWKSet.parse(FLEET.jwkSet());

        for (int i = 0; i < FLEET.size(); i++) {
            ECKey key = set.getKeys().get(i).toECKey();
            assertEquals(FLEET.identity(i).keyId(), key.getKeyID());
            assertArrayEquals(
                    FLEET.identity(i).publicKey().toSpkiDer(), key.toECPublicKey().getEncoded());
        }
    }

    @Test
    void jwkSetFeedsReferenceVerifier() throws Exception {
        ModemTokenVerifier verifier =
                ModemTokenVerifier.builder().jwkSet(FLEET.jwkSet()).clock(CLOCK).build();

        for (int index : new int[] {2, 30}) {
            VerifiedToken verified = verifier.verify(token(FLEET.device(index)));
            assertEquals(FLEET.identity(index).keyId(), verified.keyId().orElseThrow());
        }
    }

    @Test
    void csvRowsMatchIdentities() throws Exception {
        List<List<String>> rows = CsvReader.parse(FLEET.nrfCloudCsv());

        assertEquals(FLEET.size(), rows.size());
        for (int i = 0; i < FLEET.size(); i++) {
            DeviceIdentity identity = FLEET.identity(i);
            List<String> row = rows.get(i);
            assertEquals(2, row.size(), "row " + i);
            assertEquals(identity.deviceUuid().toString(), row.get(0), "row " + i);
            assertEquals(identity.publicKeyPem(), row.get(1), "row " + i);
            assertEquals(identity.publicKey(), P256PublicKey.fromPem(row.get(1)), "row " + i);
        }
    }

    @Test
    void csvWithImeiDeviceIds() throws Exception {
        List<List<String>> rows = CsvReader.parse(FLEET.nrfCloudCsv(NrfCloudDeviceId.NRF_IMEI));

        assertEquals(FLEET.size(), rows.size());
        for (int i = 0; i < FLEET.size(); i++) {
            assertEquals("nrf-" + FLEET.identity(i).imei(), rows.get(i).get(0), "row " + i);
            assertEquals(FLEET.identity(i).publicKeyPem(), rows.get(i).get(1), "row " + i);
        }
    }

    @Test
    void csvRowLayout() {
        DeviceIdentity first = Fleet.fromSeed(42, 1).identity(0);
        String expected =
                "176c7af4-6bb8-483e-87d0-b7cf9d3bcb24,\"-----BEGIN PUBLIC KEY-----\n"
                        + first.publicKeyPem().split("\n")[1]
                        + "\n"
                        + first.publicKeyPem().split("\n")[2]
                        + "\n-----END PUBLIC KEY-----\n\"\n";

        assertEquals(expected, Fleet.fromSeed(42, 1).nrfCloudCsv());
    }

    @Test
    void toStringNamesSettings() {
        assertEquals(
                "Fleet{seed=11, size=3, model=nRF9160, firmwareVersion=mfw_nrf9160_1.3.5}",
                Fleet.fromSeed(11, 3).toString());
    }

    private static String token(Modem modem) {
        String response = modem.execute("AT%JWT=0,3600,\"fleet-test\",\"urn:server\"");
        assertTrue(response.startsWith("%JWT: \"") && response.endsWith("\"\r\nOK\r\n"), response);
        return response.substring("%JWT: \"".length(), response.length() - "\"\r\nOK\r\n".length());
    }

    private static void assertSameIdentity(DeviceIdentity expected, DeviceIdentity actual) {
        assertEquals(expected.model(), actual.model());
        assertEquals(expected.imei(), actual.imei());
        assertEquals(expected.deviceUuid(), actual.deviceUuid());
        assertEquals(expected.firmwareUuid(), actual.firmwareUuid());
        assertEquals(expected.firmwareVersion(), actual.firmwareVersion());
        assertEquals(expected.publicKey(), actual.publicKey());
    }

    /**
     * An RFC 4180 reader: fields separated by commas, records ended by LF or CRLF, and quoted
     * fields that may contain commas, line breaks and doubled quotes.
     */
    static final class CsvReader {
        private CsvReader() {}

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n'
                        || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                    i += c == '\r' ? 1 : 0;
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
                i++;
            }
            if (quoted) {
                throw new IllegalArgumentException("CSV ends inside a quoted field");
            }
            if (field.length() > 0 || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
