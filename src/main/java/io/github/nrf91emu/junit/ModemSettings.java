package io.github.nrf91emu.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings of the modem that {@link ModemExtension} builds for each test, on a test class or a test
 * method.
 *
 * <p>The nearest annotation applies whole: one on the method replaces the one on its class, which
 * replaces one on an enclosing class of a {@code @Nested} class, and any of them replaces the
 * settings of a {@code ModemExtension.builder()}. An attribute left out takes the default given
 * here, not the value of a farther annotation. {@link Credential} annotations add up instead.
 *
 * <pre>{@code
 * @EmulatedModem
 * @ModemSettings(model = "nRF9161", cmee = true)
 * class ProvisioningTest {
 *     @Test
 *     @ModemSettings(firmware = "mfw_nrf9160_1.2.3")
 *     void oldFirmwareHasNoJwt(Modem modem) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface ModemSettings {
    /** Start time of the test's clock unless {@link #clock()} sets another. */
    String DEFAULT_CLOCK = "2026-01-01T00:00:00Z";

    /** The model name, such as {@code nRF9160} or {@code nRF9161}, in any case. */
    String model() default "nRF9160";

    /**
     * The {@code AT+CGMR} firmware version, such as {@code mfw_nrf9160_1.3.5}; empty for the
     * model's default. Versions older than 1.3.0 have no {@code %JWT}.
     */
    String firmware() default "";

    /**
     * The start time of the test's {@link TestClock}, an ISO-8601 instant such as {@code
     * 2026-01-01T00:00:00Z}. The clock stays there until the test sets or advances it.
     */
    String clock() default DEFAULT_CLOCK;

    /**
     * Whether the time is known at power-on. False leaves it unknown until {@code AT+CCLK} sets it.
     */
    boolean timeKnown() default true;

    /** Whether errors start as {@code +CME ERROR: <n>}, as after {@code AT+CMEE=1}. */
    boolean cmee() default false;

    /** Commands the device is built without, such as {@code %JWT}; they fail with CME error 51. */
    String[] disabled() default {};

    /**
     * The identity seed as a decimal number, such as {@code "42"}; empty to derive it from the
     * test's unique id, so each test has its own identity and every run of a test has the same.
     */
    String seed() default "";
}
