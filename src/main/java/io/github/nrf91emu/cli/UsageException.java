package io.github.nrf91emu.cli;

/**
 * An invalid command line: an unknown option, a missing or invalid value, or an option given twice.
 * The message is one line that names the option and the value, such as {@code invalid value for
 * option '--seed': 'abc' is not a 64-bit integer}.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
