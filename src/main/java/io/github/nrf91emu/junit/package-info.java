/**
 * A JUnit Jupiter extension that injects a fresh emulated modem into each test: {@link
 * io.github.nrf91emu.junit.ModemExtension}, registered with {@link
 * io.github.nrf91emu.junit.EmulatedModem} or {@code @ExtendWith}, configured with {@link
 * io.github.nrf91emu.junit.ModemSettings} and {@link io.github.nrf91emu.junit.Credential}, with a
 * {@link io.github.nrf91emu.junit.TestClock} that the test moves.
 *
 * <p>The library declares {@code junit-jupiter-api} as an optional dependency: a project that uses
 * this package has JUnit Jupiter on its test class path already, and the rest of the library works
 * without JUnit. {@link io.github.nrf91emu.junit.TestClock} needs no JUnit.
 */
package io.github.nrf91emu.junit;
