package io.github.nrf91emu;

import io.github.nrf91emu.commands.StandardCommands;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.dispatch.CommandDispatcher;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Faults to inject into a running {@link Modem}, for tests of the software that talks to it. Each
 * fault can be switched on and off at any time, and {@link #clear()} switches all of them off.
 *
 * <table>
 *   <caption>Faults and what the AT interface shows</caption>
 *   <tr><th>Fault</th><th>Effect</th></tr>
 *   <tr><td>{@link #setCommandDisabled}</td>
 *       <td>the command fails with {@code +CME ERROR: 51} (disabled in this software build)</td></tr>
 *   <tr><td>{@link #setPowerOffWarning}</td>
 *       <td>{@code AT%CMNG} write and delete fail with {@code +CME ERROR: 528}</td></tr>
 *   <tr><td>{@link #setTimeUnknown}</td>
 *       <td>{@code AT+CCLK?} fails with {@code ERROR}, and tokens have no {@code iat} and
 *       {@code exp}</td></tr>
 *   <tr><td>{@link #setClockStopped}</td>
 *       <td>the time stays at the value it had when the clock stopped</td></tr>
 *   <tr><td>{@link #setClockError}</td>
 *       <td>the time shown and signed into tokens is off by a duration</td></tr>
 *   <tr><td>{@link #failNextTokens}, {@link #failAllTokens}</td>
 *       <td>{@code AT%JWT} fails with {@code +CME ERROR: 525} (error in JWT creation)</td></tr>
 * </table>
 *
 * Every error with a CME code reads {@code ERROR} while {@code +CMEE} is 0. Each method waits for a
 * running command line to end, because it takes the modem's lock, so it is safe from any thread.
 * Once the modem is closed, every method throws {@link IllegalStateException}.
 *
 * <p>Firmware older than 1.3.0 has no {@code %JWT} at all. It is set with {@link
 * Modem.Builder#firmwareVersion(String)}, because the firmware can't change at runtime.
 */
public final class ModemFaults {
    private final Modem modem;
    private final ReentrantLock lock;
    private final Device device;
    private final CommandDispatcher dispatcher;

    ModemFaults(Modem modem, ReentrantLock lock, Device device, CommandDispatcher dispatcher) {
        this.modem = modem;
        this.lock = lock;
        this.device = device;
        this.dispatcher = dispatcher;
    }

    /**
     * Disables a command, such as {@code %JWT}, or enables it again. A disabled command fails with
     * {@code +CME ERROR: 51}, as one disabled by {@link Modem.Builder#disableCommands}. A command
     * disabled by the builder stays disabled: this switch only adds to them.
     *
     * @throws IllegalArgumentException if the model has no command of that name; the message lists
     *     the names
     */
    public void setCommandDisabled(String name, boolean disabled) {
        Objects.requireNonNull(name, "name");
        Set<String> known = StandardCommands.names(device.identity().model());
        if (!known.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "unknown command: \""
                            + name
                            + "\" (expected one of "
                            + String.join(", ", known)
                            + " for "
                            + device.identity().model()
                            + ")");
        }
        run(() -> dispatcher.setDisabledAtRuntime(name, disabled));
    }

    /** Returns whether a command is disabled, by the builder or by {@link #setCommandDisabled}. */
    public boolean isCommandDisabled(String name) {
        Objects.requireNonNull(name, "name");
        return get(() -> dispatcher.isDisabled(name));
    }

    /**
     * Switches the power-off warning on or off, as {@link Modem#setPowerOffWarning(boolean)} does:
     * while it is on, {@code AT%CMNG} write and delete fail with {@code +CME ERROR: 528}.
     */
    public void setPowerOffWarning(boolean active) {
        run(() -> device.setPowerOffWarning(active));
    }

    /** Returns whether the power-off warning is on. */
    public boolean powerOffWarning() {
        return get(device::powerOffWarning);
    }

    /**
     * Makes the time unknown, as after a power cycle without network time, or known again. While it
     * is unknown, {@code AT+CCLK?} and {@code AT%CCLK?} fail with {@code ERROR} and tokens have no
     * {@code iat} and {@code exp}. The modem keeps counting meanwhile, so switching the fault off
     * shows the time it would have had. Setting the time with {@code AT+CCLK} or {@code AT%CCLK}
     * ends the fault, as it would make a real modem's time known. A modem built with {@code
     * timeKnown(false)} stays without a time until one is set.
     */
    public void setTimeUnknown(boolean unknown) {
        run(() -> clock().setTimeHidden(unknown));
    }

    /** Returns whether {@link #setTimeUnknown} hides the time. */
    public boolean timeUnknown() {
        return get(() -> clock().isTimeHidden());
    }

    /**
     * Stops the clock at the current modem time, or lets it run again. A time set while it is
     * stopped stays as set. When it runs again, it shows the time it would have had without the
     * stop.
     */
    public void setClockStopped(boolean stopped) {
        run(() -> clock().setStopped(stopped));
    }

    /** Returns whether the clock is stopped. */
    public boolean clockStopped() {
        return get(() -> clock().isStopped());
    }

    /**
     * Sets the clock wrong by a duration, positive for ahead and negative for behind, or right
     * again with {@link Duration#ZERO}. The error is added to every time the modem shows and signs
     * into tokens, including a time set with {@code AT+CCLK} after it. A time that the error moves
     * out of the years 2000 to 2099 reads as unknown.
     *
     * @throws IllegalArgumentException if the error is longer than {@link ModemClock#MAX_ERROR}
     *     either way
     */
    public void setClockError(Duration error) {
        Objects.requireNonNull(error, "error");
        run(() -> clock().setError(error));
    }

    /** Returns the clock error; {@link Duration#ZERO} when the clock is right. */
    public Duration clockError() {
        return get(() -> clock().error());
    }

    /**
     * Makes the next {@code count} tokens fail with {@code +CME ERROR: 525}, as if signing failed
     * inside the modem. The count replaces any failures set before. Only {@code AT%JWT} commands
     * that would otherwise make a token count: one rejected for its parameters or its key fails as
     * before and leaves the count alone. A failed token draws no token id, so a seeded modem makes
     * the same tokens after the failures as it would have made without them.
     *
     * @param count the number of tokens to fail; 0 clears the failures
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void failNextTokens(int count) {
        if (count < 0) {
            throw new IllegalArgumentException(
                    "token failure count must not be negative: " + count);
        }
        run(() -> device.setForcedTokenFailures(count));
    }

    /** Makes every token fail with {@code +CME ERROR: 525} until {@link #clearTokenFailures()}. */
    public void failAllTokens() {
        run(() -> device.setForcedTokenFailures(Device.FAIL_ALL_TOKENS));
    }

    /** Ends the failures set by {@link #failNextTokens} or {@link #failAllTokens}. */
    public void clearTokenFailures() {
        run(() -> device.setForcedTokenFailures(0));
    }

    /**
     * Makes the next {@code count} key generations of {@code AT%KEYGEN} fail with {@code +CME
     * ERROR: 523}, as if the modem could not make a key. The count replaces any failures set
     * before. Only commands that would otherwise make a key count; a failed one stores nothing.
     *
     * @param count the number of key generations to fail; 0 clears the failures
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void failNextKeyGenerations(int count) {
        if (count < 0) {
            throw new IllegalArgumentException(
                    "key generation failure count must not be negative: " + count);
        }
        run(() -> device.setForcedKeyGenerationFailures(count));
    }

    /**
     * Switches every fault of this class off: commands disabled here are enabled (those disabled by
     * the builder stay disabled), the power-off warning is off, the time is shown and the clock
     * runs without error, and tokens and key generations no longer fail.
     */
    public void clear() {
        run(
                () -> {
                    for (String name : StandardCommands.names(device.identity().model())) {
                        dispatcher.setDisabledAtRuntime(name, false);
                    }
                    device.setPowerOffWarning(false);
                    clock().setTimeHidden(false);
                    clock().setStopped(false);
                    clock().setError(Duration.ZERO);
                    device.setForcedTokenFailures(0);
                    device.setForcedKeyGenerationFailures(0);
                });
    }

    private ModemClock clock() {
        return device.clock();
    }

    private void run(Runnable change) {
        lock.lock();
        try {
            modem.checkOpen();
            change.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T get(Supplier<T> query) {
        lock.lock();
        try {
            modem.checkOpen();
            return query.get();
        } finally {
            lock.unlock();
        }
    }
}
