package io.github.nrf91emu.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link ModemServer}: the idle timeout and the maximum number of connections.
 * Instances are immutable. {@link #defaults()} gives 300 seconds and 8 connections.
 */
public final class ServerOptions {
    /** Default idle timeout: 300 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);

    /** Default maximum number of open connections: 8. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;

    /**
     * Maximum idle timeout: {@link Integer#MAX_VALUE} milliseconds, the maximum socket read
     * timeout.
     */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private static final ServerOptions DEFAULTS = builder().build();

    private final Duration idleTimeout;
    private final int maxConnections;

    private ServerOptions(Builder builder) {
        this.idleTimeout = builder.idleTimeout;
        this.maxConnections = builder.maxConnections;
    }

    /** Returns the default options. */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how long a connection may stay without receiving a byte before the server closes it.
     * {@link Duration#ZERO} means no timeout.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Returns the maximum number of connections open at the same time. */
    public int maxConnections() {
        return maxConnections;
    }

    @Override
    public String toString() {
        return "ServerOptions{idleTimeout="
                + idleTimeout
                + ", maxConnections="
                + maxConnections
                + "}";
    }

    /** Settings of new {@link ServerOptions}, checked in {@link #build()}. */
    public static final class Builder {
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder() {}

        /**
         * Sets how long a connection may stay without receiving a byte before the server closes it.
         * {@link Duration#ZERO} disables the timeout. The server applies it in whole milliseconds.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /** Sets the maximum number of connections open at the same time. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalArgumentException if the idle timeout is negative, shorter than one
         *     millisecond but not zero, or longer than {@link #MAX_IDLE_TIMEOUT}, or the maximum
         *     number of connections is below 1
         */
        public ServerOptions build() {
            if (idleTimeout.isNegative()) {
                throw new IllegalArgumentException(
                        "idleTimeout is negative: " + idleTimeout + " (expected 0 or more)");
            }
            if (idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
                throw new IllegalArgumentException(
                        "idleTimeout exceeds the maximum: "
                                + idleTimeout
                                + " (expected at most "
                                + MAX_IDLE_TIMEOUT.toMillis()
                                + " ms)");
            }
            if (!idleTimeout.isZero() && idleTimeout.toMillis() == 0) {
                throw new IllegalArgumentException(
                        "idleTimeout is below 1 ms: "
                                + idleTimeout
                                + " (expected 0 for none, or 1 ms or more)");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException(
                        "maxConnections must be at least 1 (got " + maxConnections + ")");
            }
            return new ServerOptions(this);
        }
    }
}
