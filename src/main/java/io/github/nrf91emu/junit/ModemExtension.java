package io.github.nrf91emu.junit;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.ModemFaults;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.junit.ModemConfiguration.CredentialItem;
import io.github.nrf91emu.keystore.CredentialType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit Jupiter extension that gives each test a fresh emulated modem. Test methods and their
 * {@code @BeforeEach} and {@code @AfterEach} methods declare parameters of these types, and all
 * parameters of one test get the same objects:
 *
 * <ul>
 *   <li>{@link Modem}: the test's modem, closed after the test and its {@code @AfterEach} methods;
 *   <li>{@link TestClock}: the clock the modem's time follows, fixed at {@link
 *       ModemSettings#DEFAULT_CLOCK} or the configured start until the test moves it;
 *   <li>{@link ModemFaults}: the modem's {@link Modem#faults()}.
 * </ul>
 *
 * <p>The identity seed derives from the test's unique id, so every test has its own identity, and
 * every run of the same test has the same identity and, at the same clock, the same tokens. The
 * seed is published as the report entry {@code modemSeed}; {@code Modem.builder().seed(n)} with
 * that value builds the same device outside the test.
 *
 * <p>Register the extension with {@code @ExtendWith(ModemExtension.class)} or {@link EmulatedModem}
 * and configure it with {@link ModemSettings} and {@link Credential}, or register a configured one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ModemExtension MODEMS =
 *         ModemExtension.builder().model(Model.NRF9161).cmeErrors(true).build();
 * }</pre>
 *
 * The settings of a {@link ModemSettings} annotation replace those of the builder; see there.
 * Constructors and {@code @BeforeAll} methods can't take these parameters, because their modem
 * would outlive a test.
 */
public final class ModemExtension
        implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ModemExtension.class);
    private static final String FIXTURE = "fixture";

    private final ModemConfiguration defaults;

    /** Creates the extension with default settings, as {@code @ExtendWith} does. */
    public ModemExtension() {
        this(ModemConfiguration.DEFAULTS);
    }

    private ModemExtension(ModemConfiguration defaults) {
        this.defaults = defaults;
    }

    /** Returns a builder for an extension to register with {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The modem of one test and the clock it follows. */
    private record Fixture(Modem modem, TestClock clock) {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Modem.class || type == TestClock.class || type == ModemFaults.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException(
                    "a "
                            + parameter.getParameter().getType().getSimpleName()
                            + " parameter is only available in test methods and their @BeforeEach"
                            + " and @AfterEach methods, not in "
                            + parameter.getDeclaringExecutable());
        }
        Fixture fixture = fixture(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == TestClock.class) {
            return fixture.clock();
        }
        if (type == ModemFaults.class) {
            return fixture.modem().faults();
        }
        return fixture.modem();
    }

    /**
     * Builds the test's modem before the {@code @BeforeEach} methods when the test or its classes
     * carry {@link ModemSettings} or {@link Credential}, so that invalid settings fail the test
     * even when it takes no {@code Modem} parameter.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!hasSettingsAnnotation(context)) {
            return;
        }
        try {
            fixture(context);
        } catch (ParameterResolutionException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e.getCause());
        }
    }

    private static boolean hasSettingsAnnotation(ExtensionContext context) {
        if (isSettingsAnnotated(context.getRequiredTestMethod())) {
            return true;
        }
        for (Class<?> testClass :
                AnnotatedSettings.classesInnermostFirst(context.getRequiredTestClass())) {
            if (isSettingsAnnotated(testClass)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSettingsAnnotated(AnnotatedElement element) {
        return AnnotationSupport.isAnnotated(element, ModemSettings.class)
                || !AnnotationSupport.findRepeatableAnnotations(element, Credential.class)
                        .isEmpty();
    }

    /** Closes the test's modem, if it has one, after the {@code @AfterEach} methods. */
    @Override
    public void afterEach(ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).remove(FIXTURE, Fixture.class);
        if (fixture != null) {
            fixture.modem().close();
        }
    }

    private Fixture fixture(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Fixture fixture = store.get(FIXTURE, Fixture.class);
        if (fixture == null) {
            fixture = newFixture(context);
            store.put(FIXTURE, fixture);
        }
        return fixture;
    }

    private Fixture newFixture(ExtensionContext context) {
        Method testMethod = context.getRequiredTestMethod();
        List<Class<?>> testClasses =
                AnnotatedSettings.classesInnermostFirst(context.getRequiredTestClass());
        ModemConfiguration settings;
        try {
            settings = AnnotatedSettings.resolve(defaults, testMethod, testClasses);
        } catch (IllegalArgumentException e) {
            throw invalidSettings(context, e);
        }

        long seed = settings.seed().orElse(AnnotatedSettings.seedOf(context.getUniqueId()));
        TestClock clock = new TestClock(settings.clockStart());
        Modem modem;
        try {
            modem = settings.newModem(seed, clock);
        } catch (IllegalArgumentException e) {
            throw invalidSettings(context, e);
        }
        context.publishReportEntry("modemSeed", Long.toString(seed));
        return new Fixture(modem, clock);
    }

    private static ParameterResolutionException invalidSettings(
            ExtensionContext context, IllegalArgumentException e) {
        return new ParameterResolutionException(
                "invalid modem settings for " + context.getDisplayName() + ": " + e.getMessage(),
                e);
    }

    /**
     * Settings of the modems of a {@link ModemExtension}, checked in {@link #build()}. Without
     * settings, a modem is an nRF9160 with the model's firmware, its time known and fixed at {@link
     * ModemSettings#DEFAULT_CLOCK}, {@code +CMEE} 0 and no credentials.
     */
    public static final class Builder {
        private Model model = ModemConfiguration.DEFAULTS.model();
        private String firmwareVersion;
        private Instant clockStart = ModemConfiguration.DEFAULTS.clockStart();
        private boolean timeKnown = true;
        private boolean cmeErrors;
        private final List<String> disabledCommands = new ArrayList<>();
        private OptionalLong seed = OptionalLong.empty();
        private final List<CredentialItem> credentials = new ArrayList<>();

        private Builder() {}

        /** Sets the model. */
        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Sets the firmware version; see {@link Modem.Builder#firmwareVersion(String)}. */
        public Builder firmwareVersion(String firmwareVersion) {
            this.firmwareVersion = Objects.requireNonNull(firmwareVersion, "firmwareVersion");
            return this;
        }

        /** Sets the time at which each test's {@link TestClock} starts. */
        public Builder clock(Instant start) {
            this.clockStart = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Sets whether the time is known at power-on; see {@link Modem.Builder#timeKnown}. */
        public Builder timeKnown(boolean timeKnown) {
            this.timeKnown = timeKnown;
            return this;
        }

        /** Sets the initial {@code +CMEE} mode: true for {@code +CME ERROR: <n>} reports. */
        public Builder cmeErrors(boolean cmeErrors) {
            this.cmeErrors = cmeErrors;
            return this;
        }

        /** Builds the devices without the named commands; see {@link Modem.Builder}. */
        public Builder disableCommands(String... names) {
            for (String name : Objects.requireNonNull(names, "names")) {
                disabledCommands.add(Objects.requireNonNull(name, "command name"));
            }
            return this;
        }

        /**
         * Gives every test the same identity seed, in place of one derived from the test's unique
         * id.
         */
        public Builder seed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        /** Stores a credential in every test's modem, with the content encoded as UTF-8. */
        public Builder credential(long secTag, CredentialType type, String content) {
            Objects.requireNonNull(content, "content");
            credentials.add(
                    new CredentialItem(
                            secTag, type, content.getBytes(StandardCharsets.UTF_8), null));
            return this;
        }

        /** Stores an encrypted private key with its password in every test's modem. */
        public Builder credential(
                long secTag, CredentialType type, String content, String password) {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(password, "password");
            credentials.add(
                    new CredentialItem(
                            secTag, type, content.getBytes(StandardCharsets.UTF_8), password));
            return this;
        }

        /**
         * Builds the extension after checking the settings by building one modem with them, which
         * it closes again.
         *
         * @throws IllegalArgumentException if a setting is invalid, as {@link
         *     Modem.Builder#build()} describes
         */
        public ModemExtension build() {
            ModemConfiguration settings =
                    new ModemConfiguration(
                            model,
                            firmwareVersion,
                            clockStart,
                            timeKnown,
                            cmeErrors,
                            disabledCommands,
                            seed,
                            ModemConfiguration.merge(credentials));
            settings.newModem(0, new TestClock(clockStart)).close();
            return new ModemExtension(settings);
        }
    }
}
