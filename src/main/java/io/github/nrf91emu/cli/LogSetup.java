package io.github.nrf91emu.cli;

/**
 * Configures slf4j-simple through its system properties. It reads most of them once, when logging
 * starts, so {@link #configureOutput()} must run before anything uses SLF4J.
 */
final class LogSetup {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogSetup() {}

    /**
     * Sends logs to standard error with the date and time and the logger's short name, at info
     * level unless the user set another level with {@code -D}.
     */
    static void configureOutput() {
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("defaultLogLevel", "info");
    }

    /**
     * Sets the emulator's loggers to debug level. slf4j-simple reads this per-logger property when
     * it creates a logger, so it applies to every emulator logger created after this call, even
     * when logging has already started.
     */
    static void enableDebug() {
        System.setProperty(PREFIX + "log.io.github.nrf91emu", "debug");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
