package io.github.nrf91emu.cli;

/**
 * Configures slf4j-simple through its system properties, which it reads once, when the first logger
 * is created. {@link #configure(boolean)} must therefore run before any class of the emulator
 * creates a logger.
 */
final class LogSetup {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogSetup() {}

    /**
     * Sends logs to standard error with the date and time and the logger's short name, at info
     * level, or debug level when {@code verbose}. Properties that the user set with {@code -D} are
     * kept, except the level when {@code verbose} is set.
     */
    static void configure(boolean verbose) {
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("showShortLogName", "true");
        if (verbose) {
            System.setProperty(PREFIX + "defaultLogLevel", "debug");
        } else {
            setIfAbsent("defaultLogLevel", "info");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
