package io.github.nrf91emu.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerOptionsTest {

    @Test
    void defaults_are300SecondsAnd8Connections() {
        ServerOptions options = ServerOptions.defaults();

        assertEquals(Duration.ofSeconds(300), options.idleTimeout());
        assertEquals(8, options.maxConnections());
    }

    @Test
    void build_keepsValues() {
        ServerOptions options =
                ServerOptions.builder().idleTimeout(Duration.ZERO).maxConnections(1).build();

        assertEquals(Duration.ZERO, options.idleTimeout());
        assertEquals(1, options.maxConnections());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-1S", "PT0.0001S", "PT597H"})
    void build_invalidIdleTimeout_throws(String timeout) {
        ServerOptions.Builder builder =
                ServerOptions.builder().idleTimeout(Duration.parse(timeout));

        assertThrows(IllegalArgumentException.class, builder::build);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void build_maxConnectionsBelowOne_throws(int maxConnections) {
        ServerOptions.Builder builder = ServerOptions.builder().maxConnections(maxConnections);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(
                "maxConnections must be at least 1 (got " + maxConnections + ")", e.getMessage());
    }
}
