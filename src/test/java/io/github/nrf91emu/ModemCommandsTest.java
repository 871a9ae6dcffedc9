package io.github.nrf91emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.Model;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModemCommandsTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");

    private final Modem modem =
            Modem.builder().seed(7).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private final DeviceIdentity identity = modem.identity();

    private static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** Runs the lines in order and returns the response to the last one. */
    private static String last(Modem modem, String... lines) {
        String response = null;
        for (String line : lines) {
            response = modem.execute(line);
        }
        return response;
    }

    @Test
    void identityCommands() {
        assertEquals(lines(identity.imei(), "OK"), modem.execute("AT+CGSN"));
        assertEquals(lines("+CGSN: \"" + identity.imei() + "\"", "OK"), modem.execute("AT+CGSN=1"));
        assertEquals(lines("Nordic Semiconductor ASA", "OK"), modem.execute("AT+CGMI"));
        assertEquals(lines("nRF9160-SICA", "OK"), modem.execute("AT+CGMM"));
        assertEquals(lines("mfw_nrf9160_1.3.5", "OK"), modem.execute("AT+CGMR"));
        assertEquals(
                lines("%XMODEMUUID: " + identity.firmwareUuid(), "OK"),
                modem.execute("AT%XMODEMUUID"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT+CGSN=0",
                "AT+CGSN=2",
                "AT+CGSN=1,1",
                "AT+CGSN?",
                "AT+CGSN=?",
                "AT+CGMI=1",
                "AT+CGMI?",
                "AT+CGMM?",
                "AT+CGMR=?",
                "AT%XMODEMUUID?",
                "AT%XMODEMUUID=1",
                "AT%DEVICEUUID"
            })
    void identityCommandErrors(String line) {
        Modem cme = Modem.builder().seed(7).cmeErrors(true).build();
        assertEquals("ERROR\r\n", cme.execute(line));
    }

    @Test
    void deviceUuidOnNrf91x1() {
        Modem nrf9161 = Modem.builder().seed(7).model(Model.NRF9161).build();
        DeviceIdentity id = nrf9161.identity();

        assertEquals(
                lines("%DEVICEUUID: " + id.deviceUuid(), "OK"), nrf9161.execute("AT%DEVICEUUID"));
        assertEquals(lines("nRF9161-LACA", "OK"), nrf9161.execute("AT+CGMM"));
        assertEquals(lines(id.firmwareVersion(), "OK"), nrf9161.execute("AT+CGMR"));
        assertEquals("ERROR\r\n", nrf9161.execute("AT%DEVICEUUID?"));
    }

    @Test
    void identityIsWellFormed() {
        String imei = identity.imei();

        assertEquals(15, imei.length());
        assertTrue(imei.chars().allMatch(Character::isDigit), imei);
        assertTrue(luhnValid(imei), imei);
        assertEquals(4, identity.deviceUuid().version());
        assertEquals(2, identity.deviceUuid().variant());
        assertEquals(4, identity.firmwareUuid().version());
        assertEquals(
                identity.deviceUuid().toString(), identity.deviceUuid().toString().toLowerCase());
    }

    @Test
    void seedFixesIdentity() {
        DeviceIdentity again = Modem.builder().seed(7).build().identity();
        DeviceIdentity other = Modem.builder().seed(8).build().identity();
        DeviceIdentity random = Modem.builder().build().identity();

        assertEquals(identity.imei(), again.imei());
        assertEquals(identity.deviceUuid(), again.deviceUuid());
        assertEquals(identity.publicKey(), again.publicKey());
        assertNotEquals(identity.deviceUuid(), other.deviceUuid());
        assertNotEquals(identity.publicKey(), other.publicKey());
        assertNotEquals(identity.deviceUuid(), random.deviceUuid());
        assertEquals(identity.firmwareUuid(), other.firmwareUuid());
    }

    @Test
    void firmwareVersionSetsFirmwareUuid() {
        Modem older = Modem.builder().seed(7).firmwareVersion("mfw_nrf9160_1.3.4").build();
        UUID olderUuid = older.identity().firmwareUuid();

        assertEquals(lines("mfw_nrf9160_1.3.4", "OK"), older.execute("AT+CGMR"));
        assertNotEquals(identity.firmwareUuid(), olderUuid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT+CMEE?             | +CMEE: 0",
                "AT+CMEE=?            | +CMEE: (0,1)",
                "AT+CFUN?             | +CFUN: 0",
                "AT+CFUN=?            | +CFUN: (0,1,4,20,21,30,31,40,41,44)",
            })
    void readAndTestForms(String line, String expected) {
        assertEquals(lines(expected, "OK"), modem.execute(line));
    }

    @Test
    void cmeeSwitchesErrorReporting() {
        assertEquals("ERROR\r\n", modem.execute("AT%JWT=1"));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=1"));
        assertEquals(lines("+CMEE: 1", "OK"), modem.execute("AT+CMEE?"));
        assertEquals("+CME ERROR: 50\r\n", modem.execute("AT%JWT=1"));
        assertEquals("ERROR\r\n", modem.execute("AT+CMEE=2"));
        assertEquals(lines("+CMEE: 1", "OK"), modem.execute("AT+CMEE?"));
        assertEquals("OK\r\n", modem.execute("AT+CMEE=0"));
        assertEquals("ERROR\r\n", modem.execute("AT%JWT=1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT+CMEE",
                "AT+CMEE=",
                "AT+CMEE=-1",
                "AT+CMEE=\"1\"",
                "AT+CMEE=1,0",
                "AT+CMEE=x"
            })
    void cmeeRejects(String line) {
        assertEquals("ERROR\r\n", modem.execute(line));
        assertEquals(lines("+CMEE: 0", "OK"), modem.execute("AT+CMEE?"));
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT+CFUN=0                   | 0",
                "AT+CFUN=1                   | 1",
                "AT+CFUN=4                   | 4",
                "AT+CFUN=1;+CFUN=4           | 4",
                "AT+CFUN=4;+CFUN=1;+CFUN=0   | 0",
                "AT+CFUN=21                  | 1",
                "AT+CFUN=1;+CFUN=20          | 4",
                "AT+CFUN=4;+CFUN=21;+CFUN=20 | 4",
                "AT+CFUN=31                  | 0",
                "AT+CFUN=1;+CFUN=30          | 1",
                "AT+CFUN=1;+CFUN=40          | 1",
                "AT+CFUN=41                  | 0",
                "AT+CFUN=1;+CFUN=44          | 4",
            })
    void cfunModes(String set, int reported) {
        assertEquals("OK\r\n", modem.execute(set));
        assertEquals(lines("+CFUN: " + reported, "OK"), modem.execute("AT+CFUN?"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT+CFUN=2",
                "AT+CFUN=5",
                "AT+CFUN=45",
                "AT+CFUN=-1",
                "AT+CFUN=",
                "AT+CFUN",
                "AT+CFUN=1,1",
                "AT+CFUN=\"1\"",
                "AT+CFUN=99999999999999999999"
            })
    void cfunRejects(String line) {
        modem.execute("AT+CMEE=1");
        assertEquals("ERROR\r\n", modem.execute(line));
        assertEquals(lines("+CFUN: 0", "OK"), modem.execute("AT+CFUN?"));
    }

    @Test
    void clockKnownFromStart() {
        assertEquals(lines("+CCLK: \"26/12/04,12:34:56+00\"", "OK"), modem.execute("AT+CCLK?"));
        assertEquals(lines("%CCLK: \"26/12/04,12:34:56+00\"", "OK"), modem.execute("AT%CCLK?"));
    }

    @Test
    void clockUnknownUntilSet() {
        Modem unknown = Modem.builder().seed(7).timeKnown(false).cmeErrors(true).build();

        assertEquals("ERROR\r\n", unknown.execute("AT+CCLK?"));
        assertEquals("ERROR\r\n", unknown.execute("AT%CCLK?"));
        assertEquals("OK\r\n", unknown.execute("AT+CCLK=\"24/07/03,21:29:34-28\""));
        assertEquals(lines("+CCLK: \"24/07/03,21:29:34-28\"", "OK"), unknown.execute("AT+CCLK?"));
        assertEquals(lines("%CCLK: \"24/07/03,21:29:34-28\"", "OK"), unknown.execute("AT%CCLK?"));
    }

    @Test
    void nordicClockExample() {
        assertEquals("OK\r\n", modem.execute("AT%CCLK=\"24/07/03,21:29:34-28\",1"));

        assertEquals(lines("%CCLK: \"24/07/03,21:29:34-28\",1", "OK"), modem.execute("AT%CCLK?"));
        assertEquals(lines("+CCLK: \"24/07/03,21:29:34-28\"", "OK"), modem.execute("AT+CCLK?"));
    }

    @Test
    void nordicClockUnknownZone() {
        assertEquals("OK\r\n", modem.execute("AT%CCLK=\"24/07/03,21:29:34+99\",0"));
        assertEquals(lines("%CCLK: \"24/07/03,21:29:34+99\",0", "OK"), modem.execute("AT%CCLK?"));
        assertEquals("OK\r\n", modem.execute("AT%CCLK=\"24/07/03,21:29:34+48\""));
        assertEquals(lines("%CCLK: \"24/07/03,21:29:34+48\"", "OK"), modem.execute("AT%CCLK?"));
    }

    @Test
    void clockTicksFromSetTime() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock moving =
                new Clock() {
                    @Override
                    public ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now.get();
                    }
                };
        Modem ticking = Modem.builder().seed(7).clock(moving).build();

        ticking.execute("AT+CCLK=\"24/12/31,23:59:58+04\"");
        now.set(NOW.plus(Duration.ofSeconds(3)));

        assertEquals(lines("+CCLK: \"25/01/01,00:00:01+04\"", "OK"), ticking.execute("AT+CCLK?"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "AT+CCLK=\"24/07/03,21:29:34\"",
                "AT+CCLK=\"24/07/03,21:29:34+49\"",
                "AT+CCLK=\"24/07/03,21:29:34-49\"",
                "AT+CCLK=\"24/07/03,21:29:34+99\"",
                "AT+CCLK=\"24/13/03,21:29:34+00\"",
                "AT+CCLK=\"23/02/29,21:29:34+00\"",
                "AT+CCLK=\"24/07/03,24:00:00+00\"",
                "AT+CCLK=\"24/07/03,21:60:00+00\"",
                "AT+CCLK=\"24/07/03 21:29:34+00\"",
                "AT+CCLK=\"24-07-03,21:29:34+00\"",
                "AT+CCLK=\"24/07/03,21:29:34+0\"",
                "AT+CCLK=\"24/07/03,21:29:34*00\"",
                "AT+CCLK=24",
                "AT+CCLK=",
                "AT+CCLK",
                "AT+CCLK=?",
                "AT+CCLK=\"24/07/03,21:29:34+00\",1",
                "AT%CCLK=\"24/07/03,21:29:34+00\",3",
                "AT%CCLK=\"24/07/03,21:29:34+00\",",
                "AT%CCLK=\"24/07/03,21:29:34+00\",1,1",
                "AT%CCLK=?",
            })
    void clockRejects(String line) {
        modem.execute("AT+CMEE=1");
        assertEquals("ERROR\r\n", modem.execute(line));
        assertEquals(lines("+CCLK: \"26/12/04,12:34:56+00\"", "OK"), modem.execute("AT+CCLK?"));
    }

    @Test
    void leapDayAccepted() {
        assertEquals("OK\r\n", modem.execute("AT+CCLK=\"24/02/29,00:00:00-48\""));
        assertEquals(lines("+CCLK: \"24/02/29,00:00:00-48\"", "OK"), modem.execute("AT+CCLK?"));
    }

    @Test
    void severalCommandsOnOneLine() {
        String response = modem.execute("AT+CFUN=4;+CFUN?;+CGMI");

        assertEquals(lines("+CFUN: 4", "Nordic Semiconductor ASA", "OK"), response);
    }

    @Test
    void firstFailureEndsLine() {
        String response = last(modem, "AT+CMEE=1", "AT+CGMI;%JWT=5;+CFUN=4");

        assertEquals(lines("Nordic Semiconductor ASA", "+CME ERROR: 50"), response);
        assertEquals(lines("+CFUN: 0", "OK"), modem.execute("AT+CFUN?"));
    }

    @Test
    void executeRunsEveryLine() {
        String response = modem.execute("AT+CGMI\r\nAT+CFUN?\nAT+BAD\rAT");

        assertEquals(
                lines("Nordic Semiconductor ASA", "OK", "+CFUN: 0", "OK", "ERROR", "OK"), response);
    }

    @Test
    void executeRejectsOpenQuote() {
        assertEquals("ERROR\r\n", modem.execute("AT%JWT=0,0,\"open"));
        assertEquals(lines("Nordic Semiconductor ASA", "OK"), modem.execute("AT+CGMI"));
    }

    @Test
    void unknownCommandIgnoresCmee() {
        modem.execute("AT+CMEE=1");
        assertEquals("ERROR\r\n", modem.execute("AT+COPS?"));
        assertEquals("ERROR\r\n", modem.execute("HELLO"));
    }

    @Test
    void disabledCommandAnswers51() {
        Modem disabled = Modem.builder().seed(7).disableCommands("%jwt").build();

        assertEquals("ERROR\r\n", disabled.execute("AT%JWT"));
        assertEquals("OK\r\n", disabled.execute("AT+CMEE=1"));
        assertEquals("+CME ERROR: 51\r\n", disabled.execute("AT%JWT=0,3600,\"a\",\"b\""));
        assertEquals("+CME ERROR: 51\r\n", disabled.execute("AT%JWT"));
    }

    @Test
    void disablingUnknownCommandRejected() {
        Modem.Builder builder = Modem.builder().seed(7).disableCommands("%FOO");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(
                e.getMessage().startsWith("unknown command to disable: \"%FOO\""), e.getMessage());
    }

    @Test
    void disablingCommandOfOtherModelRejected() {
        Modem.Builder nrf9160 = Modem.builder().seed(7).disableCommands("%DEVICEUUID");
        Modem.Builder nrf9161 =
                Modem.builder().seed(7).model(Model.NRF9161).disableCommands("%deviceuuid");

        assertThrows(IllegalArgumentException.class, nrf9160::build);
        assertEquals("ERROR\r\n", nrf9161.build().execute("AT%DEVICEUUID"));
    }

    @Test
    void sessionFramesChunks() {
        ModemSession session = modem.openSession();
        byte[] stream =
                "AT+CGMI\r\nAT+CFUN?\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder();

        for (byte b : stream) {
            out.append(
                    new String(
                            session.feed(new byte[] {b}),
                            java.nio.charset.StandardCharsets.US_ASCII));
        }

        assertEquals(lines("Nordic Semiconductor ASA", "OK", "+CFUN: 0", "OK"), out.toString());
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
