package io.github.nrf91emu.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link ModemExtension} with its default settings, the same as
 * {@code @ExtendWith(ModemExtension.class)}: test methods and their {@code @BeforeEach} and
 * {@code @AfterEach} methods can declare parameters of type {@link io.github.nrf91emu.Modem},
 * {@link io.github.nrf91emu.ModemFaults} and {@link TestClock}. Don't combine it with a {@code
 * ModemExtension} field registered by {@code @RegisterExtension}, because JUnit then finds two
 * resolvers for those parameters and fails the test.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(ModemExtension.class)
public @interface EmulatedModem {}
