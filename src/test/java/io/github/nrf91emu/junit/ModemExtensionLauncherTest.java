package io.github.nrf91emu.junit;

import static io.github.nrf91emu.junit.TokenResponses.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.CredentialType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes that use the extension with the JUnit Platform Launcher, and checks what they
 * recorded and how they failed. The nested classes are not run by Surefire, which skips nested
 * classes, only through {@link #run(Class)}.
 */
class ModemExtensionLauncherTest {
    /** What the nested test classes record, by test; cleared before each run. */
    private static final Map<String, String> RECORDS = new ConcurrentHashMap<>();

    /** The modems the nested test classes got, to check that they were closed. */
    private static final List<Modem> MODEMS = new ArrayList<>();

    @BeforeEach
    void clearRecords() {
        RECORDS.clear();
        synchronized (MODEMS) {
            MODEMS.clear();
        }
    }

    /** The report entries {@code modemSeed} of the last run, by test display name. */
    private static final Map<String, String> SEEDS = new ConcurrentHashMap<>();

    /** Runs a test class and returns the summary. */
    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request =
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener seeds =
                new TestExecutionListener() {
                    @Override
                    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                        entry.getKeyValuePairs()
                                .forEach(
                                        (key, value) -> {
                                            if (key.equals("modemSeed")) {
                                                SEEDS.put(test.getDisplayName(), value);
                                            }
                                        });
                    }
                };
        SEEDS.clear();
        launcher.execute(request, summary, seeds);
        return summary.getSummary();
    }

    /** Runs a test class, asserts that all its tests passed and returns the records. */
    private static Map<String, String> runPassing(Class<?> testClass, int tests) {
        TestExecutionSummary summary = run(testClass);
        List<String> failures = new ArrayList<>();
        for (TestExecutionSummary.Failure failure : summary.getFailures()) {
            failures.add(
                    failure.getTestIdentifier().getDisplayName() + ": " + failure.getException());
        }
        assertEquals(List.of(), failures);
        assertEquals(tests, summary.getTestsSucceededCount());
        return new TreeMap<>(RECORDS);
    }

    /** Runs a test class with one test, asserts that it failed and returns the failure. */
    private static Throwable runFailing(Class<?> testClass) {
        TestExecutionSummary summary = run(testClass);
        assertEquals(1, summary.getTestsFailedCount());
        return summary.getFailures().get(0).getException();
    }

    private static void record(String test, Modem modem, String value) {
        RECORDS.put(test, value);
        synchronized (MODEMS) {
            MODEMS.add(modem);
        }
    }

    private static String identityAndToken(Modem modem) {
        return modem.identity().imei()
                + " "
                + modem.identity().deviceUuid()
                + " "
                + modem.execute("AT%JWT=0,3600,\"sub\",\"aud\"");
    }

    @EmulatedModem
    static class RecordingTests {
        @Test
        void first(Modem modem) {
            record("first", modem, identityAndToken(modem));
        }

        @Test
        void second(Modem modem) {
            record("second", modem, identityAndToken(modem));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void repeated(int invocation, Modem modem) {
            record("repeated " + invocation, modem, identityAndToken(modem));
        }

        @Test
        void clockMoved(Modem modem, TestClock clock) throws Exception {
            clock.advance(Duration.ofSeconds(90));
            String response = modem.execute("AT%JWT=0,60");
            long issuedAt = claims(response).get("iat").asLong();
            record("clock moved", modem, modem.execute("AT+CCLK?") + issuedAt);
        }
    }

    @Test
    void identitiesRepeatAcrossRuns() {
        Map<String, String> firstRun = runPassing(RecordingTests.class, 5);
        clearRecords();
        Map<String, String> secondRun = runPassing(RecordingTests.class, 5);

        assertEquals(5, firstRun.size());
        assertEquals(firstRun, secondRun);
    }

    @Test
    void identitiesDifferPerTest() {
        Map<String, String> records = runPassing(RecordingTests.class, 5);

        List<String> imeis = new ArrayList<>();
        for (String record : records.values()) {
            imeis.add(record.substring(0, record.indexOf(' ')));
        }
        assertEquals(5, imeis.stream().distinct().count(), imeis.toString());
        assertNotEquals(records.get("repeated 1"), records.get("repeated 2"));
    }

    @Test
    void clockRecordedInRun() {
        Map<String, String> records = runPassing(RecordingTests.class, 5);

        assertEquals(
                "+CCLK: \"26/01/01,00:01:30+00\"\r\nOK\r\n1767225690", records.get("clock moved"));
    }

    @Test
    void seedPublishedAsReportEntry() {
        Map<String, String> records = runPassing(RecordingTests.class, 5);

        long seed = Long.parseLong(SEEDS.get("first(Modem)"));
        String imei = Modem.builder().seed(seed).build().identity().imei();
        assertEquals(5, SEEDS.size());
        assertTrue(records.get("first").startsWith(imei + " "), records.get("first"));
    }

    @Test
    void modemsClosedAfterTests() {
        runPassing(RecordingTests.class, 5);

        synchronized (MODEMS) {
            assertEquals(5, MODEMS.size());
            for (Modem modem : MODEMS) {
                assertThrows(IllegalStateException.class, () -> modem.execute("AT"));
            }
        }
    }

    static class BuilderTests {
        @RegisterExtension
        static final ModemExtension MODEMS =
                ModemExtension.builder()
                        .model(Model.NRF9151)
                        .firmwareVersion("mfw_nrf91x1_2.0.2")
                        .cmeErrors(true)
                        .disableCommands("%JWT")
                        .credential(9, CredentialType.PSK_IDENTITY, "id-9")
                        .build();

        @Test
        void builderSettingsApplied(Modem modem, TestClock clock) {
            String settings =
                    modem.identity().model()
                            + " "
                            + modem.identity().firmwareVersion()
                            + " "
                            + modem.execute("AT%JWT").trim()
                            + " "
                            + modem.credentials().list().size()
                            + " "
                            + clock.now();
            record("builder", modem, settings);
        }

        @Test
        @ModemSettings(model = "nRF9161")
        void annotationReplacesBuilder(Modem modem) {
            String settings =
                    modem.identity().model()
                            + " "
                            + modem.execute("AT+CMEE?").trim().replace("\r\n", " ")
                            + " "
                            + modem.credentials().list().size();
            record("annotation", modem, settings);
        }
    }

    @Test
    void builderExtensionApplied() {
        Map<String, String> records = runPassing(BuilderTests.class, 2);

        assertEquals(
                "nRF9151 mfw_nrf91x1_2.0.2 +CME ERROR: 51 1 2026-01-01T00:00:00Z",
                records.get("builder"));
        assertEquals("nRF9161 +CMEE: 0 OK 1", records.get("annotation"));
    }

    static class FixedSeedTests {
        @RegisterExtension
        static final ModemExtension MODEMS = ModemExtension.builder().seed(3).build();

        @Test
        void first(Modem modem) {
            record("first", modem, modem.identity().imei());
        }

        @Test
        void second(Modem modem) {
            record("second", modem, modem.identity().imei());
        }
    }

    @Test
    void builderSeedSharedByTests() {
        Map<String, String> records = runPassing(FixedSeedTests.class, 2);

        String expected = Modem.builder().seed(3).build().identity().imei();
        assertEquals(expected, records.get("first"));
        assertEquals(expected, records.get("second"));
    }

    @Test
    void builderRejectsInvalidSettings() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModemExtension.builder().disableCommands("%NOPE").build());

        assertTrue(
                e.getMessage().startsWith("unknown command to disable: \"%NOPE\""), e.getMessage());
    }

    @EmulatedModem
    static class InvalidClockTests {
        @Test
        @ModemSettings(clock = "yesterday")
        void test(Modem modem) {}
    }

    @Test
    void invalidClockFailsTest() {
        Throwable failure = runFailing(InvalidClockTests.class);

        assertEquals(
                "invalid modem settings for test(Modem): invalid @ModemSettings clock:"
                        + " \"yesterday\" (expected an ISO-8601 instant such as"
                        + " 2026-01-01T00:00:00Z)",
                failure.getMessage());
    }

    @EmulatedModem
    static class InvalidClockWithoutModemTests {
        @Test
        @ModemSettings(clock = "yesterday")
        void test() {}
    }

    @Test
    void invalidClockFailsTestWithoutModem() {
        Throwable failure = runFailing(InvalidClockWithoutModemTests.class);

        assertEquals(
                "invalid modem settings for test(): invalid @ModemSettings clock:"
                        + " \"yesterday\" (expected an ISO-8601 instant such as"
                        + " 2026-01-01T00:00:00Z)",
                failure.getMessage());
    }

    @EmulatedModem
    @ModemSettings(model = "nRF9161")
    static class ClassSettingsWithoutModemTests {
        @Test
        void test() {
            RECORDS.put("test", "ran");
        }
    }

    @Test
    void validSettingsWithoutModemPass() {
        Map<String, String> records = runPassing(ClassSettingsWithoutModemTests.class, 1);

        assertEquals("ran", records.get("test"));
    }

    @EmulatedModem
    static class InvalidSeedTests {
        @Test
        @ModemSettings(seed = "0x2a")
        void test(Modem modem) {}
    }

    @Test
    void invalidSeedFailsTest() {
        Throwable failure = runFailing(InvalidSeedTests.class);

        assertTrue(
                failure.getMessage().contains("invalid @ModemSettings seed: \"0x2a\""),
                failure.getMessage());
    }

    @EmulatedModem
    static class InvalidModelTests {
        @Test
        @ModemSettings(model = "nRF52840")
        void test(Modem modem) {}
    }

    @Test
    void invalidModelFailsTest() {
        Throwable failure = runFailing(InvalidModelTests.class);

        assertTrue(
                failure.getMessage().contains("unknown model: 'nRF52840'"), failure.getMessage());
    }

    @EmulatedModem
    static class InvalidFirmwareTests {
        @Test
        @ModemSettings(firmware = "has space")
        void test(Modem modem) {}
    }

    @Test
    void invalidFirmwareFailsTest() {
        Throwable failure = runFailing(InvalidFirmwareTests.class);

        assertTrue(
                failure.getMessage().contains("invalid firmware version: \"has space\""),
                failure.getMessage());
    }

    @EmulatedModem
    static class MissingResourceTests {
        @Test
        @Credential(
                secTag = 5,
                type = CredentialType.ROOT_CA_CERTIFICATE,
                resource = "/no/such.pem")
        void test(Modem modem) {}
    }

    @Test
    void missingResourceFailsTest() {
        Throwable failure = runFailing(MissingResourceTests.class);

        assertEquals(
                "invalid modem settings for test(Modem): credential resource not found on the test"
                        + " class path: \"/no/such.pem\" (sec_tag 5, type ROOT_CA_CERTIFICATE)",
                failure.getMessage());
    }

    @EmulatedModem
    static class ConstructorTests {
        ConstructorTests(Modem modem) {}

        @Test
        void test() {}
    }

    @Test
    void constructorParameterFailsTest() {
        Throwable failure = runFailing(ConstructorTests.class);

        assertTrue(
                failure.getMessage()
                        .startsWith(
                                "a Modem parameter is only available in test methods and their"
                                        + " @BeforeEach and @AfterEach methods"),
                failure.getMessage());
    }
}
