package io.github.nrf91emu.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.Modem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of {@link ModemServer} with real sockets on 127.0.0.1. */
@Timeout(30)
class ModemServerTest {
    private static final long SEED = 7;
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void scriptedSession_answersEveryLine() throws IOException {
        ModemServer server = start(ServerOptions.defaults());
        Socket client = connect(server);
        String script =
                "AT\r\nAT+CGSN\r\nAT+CFUN?\r\nAT+CFUN=4\rAT+CFUN?\n"
                        + "AT%JWT=0,0,\"subject\",\"audience\"\r\nAT+NOPE\r\n";

        send(client, script);

        byte[] expected = newModem().execute(script.getBytes(US_ASCII));
        assertArrayEquals(expected, readExactly(client, expected.length));
        assertNoMoreBytes(client);
    }

    @Test
    void twoClients_interleavedLines_getOwnAnswers() throws IOException {
        ModemServer server = start(ServerOptions.defaults());
        Socket first = connect(server);
        Socket second = connect(server);

        send(first, "AT+CG");
        send(second, "AT+CG");
        send(first, "SN\r");
        send(second, "MM\r\nAT+CG");
        send(second, "MR\r\n");
        send(first, "\nAT+CFUN?\r\n");

        byte[] firstExpected = newModem().execute("AT+CGSN\r\nAT+CFUN?\r\n".getBytes(US_ASCII));
        byte[] secondExpected = newModem().execute("AT+CGMM\r\nAT+CGMR\r\n".getBytes(US_ASCII));
        assertArrayEquals(firstExpected, readExactly(first, firstExpected.length));
        assertArrayEquals(secondExpected, readExactly(second, secondExpected.length));
        assertNoMoreBytes(first);
        assertNoMoreBytes(second);
    }

    @Test
    void lineSplitOverManyWrites_runsOnce() throws IOException {
        ModemServer server = start(ServerOptions.defaults());
        Socket client = connect(server);
        String line = "AT%JWT=0,3600,\"ClientAuth\",\"urn:server\"\r\n";

        for (byte b : line.getBytes(US_ASCII)) {
            client.getOutputStream().write(b);
            client.getOutputStream().flush();
        }

        byte[] expected = newModem().execute(line.getBytes(US_ASCII));
        assertArrayEquals(expected, readExactly(client, expected.length));
        assertNoMoreBytes(client);
    }

    @Test
    void overlongLine_answersErrorAndConnectionGoesOn() throws IOException {
        ModemServer server = start(ServerOptions.defaults());
        Socket client = connect(server);

        send(client, "AT+CGSN=1" + "1".repeat(5000) + "\r\n");
        assertEquals("ERROR\r\n", readText(client, 7));

        send(client, "AT\r\n");
        assertEquals("OK\r\n", readText(client, 4));
    }

    @Test
    void endOfInput_discardsUnfinishedLine() throws IOException {
        ModemServer server = start(ServerOptions.defaults());
        Socket client = connect(server);
        send(client, "AT\r\nAT+CFUN=4");

        client.shutdownOutput();

        assertEquals("OK\r\n", readText(client, 4));
        assertEquals(-1, client.getInputStream().read());
        Socket other = connect(server);
        send(other, "AT+CFUN?\r\n");
        assertEquals("+CFUN: 0\r\nOK\r\n", readText(other, 14));
    }

    @Test
    void maxConnections_reconnectRightAfterCloseAccepted() throws IOException {
        ServerOptions options = ServerOptions.builder().maxConnections(1).build();
        ModemServer server = start(options);

        for (int i = 0; i < 30; i++) {
            Socket client = connect(server);
            assertAnswersAt(client);
            client.close();
        }

        Socket last = connect(server);
        assertAnswersAt(last);
    }

    @Test
    void idleTimeout_closesConnection() throws IOException {
        ServerOptions options = ServerOptions.builder().idleTimeout(Duration.ofMillis(200)).build();
        ModemServer server = start(options);
        Socket client = connect(server);
        send(client, "AT\r\n");
        assertEquals("OK\r\n", readText(client, 4));

        long start = System.nanoTime();
        assertEquals(-1, client.getInputStream().read());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis >= 150, "closed after " + elapsedMillis + " ms");
        awaitTrue(() -> server.connectionCount() == 0, "connection count drops to 0");
    }

    @Test
    void idleTimeoutZero_keepsConnection() throws IOException {
        ServerOptions options = ServerOptions.builder().idleTimeout(Duration.ZERO).build();
        ModemServer server = start(options);
        Socket client = connect(server);

        client.setSoTimeout(500);
        assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());

        send(client, "AT\r\n");
        assertEquals("OK\r\n", readText(client, 4));
    }

    @Test
    void maxConnections_closesExtraClientAtOnce() throws IOException {
        ServerOptions options = ServerOptions.builder().maxConnections(2).build();
        ModemServer server = start(options);
        Socket first = connect(server);
        Socket second = connect(server);
        assertAnswersAt(first);
        assertAnswersAt(second);

        Socket third = connect(server);
        assertClosedByServer(third);
        assertEquals(2, server.connectionCount());

        first.close();
        awaitTrue(() -> server.connectionCount() == 1, "connection count drops to 1");
        Socket fourth = connect(server);
        assertAnswersAt(fourth);
        assertAnswersAt(second);
    }

    @Test
    void close_endsConnectionsAndListening() throws IOException {
        ModemServer server = start(ServerOptions.defaults());
        Socket first = connect(server);
        Socket second = connect(server);
        assertAnswersAt(first);
        send(second, "AT+CGSN");

        server.close();

        assertEquals(0, server.connectionCount());
        assertClosedByServer(first);
        assertClosedByServer(second);
        assertThrows(ConnectException.class, () -> new Socket().connect(server.localAddress()));
    }

    @Test
    void close_twice_returns() throws IOException {
        ModemServer server = start(ServerOptions.defaults());
        server.close();
        server.close();
        assertEquals(0, server.connectionCount());
    }

    @Test
    void join_returnsAfterClose() throws Exception {
        ModemServer server = start(ServerOptions.defaults());
        Thread closer = new Thread(server::close);
        closer.start();
        server.join();
        closer.join();
    }

    @Test
    void start_withPortOnly_bindsLoopback() throws IOException {
        ModemServer server = ModemServer.start(newModem(), 0);
        resources.add(server);

        InetSocketAddress address = server.localAddress();
        assertTrue(address.getAddress().isLoopbackAddress(), "bound to " + address);
        assertNotEquals(0, address.getPort());
    }

    @Test
    void start_portInUse_throws() throws IOException {
        ModemServer server = start(ServerOptions.defaults());

        assertThrows(
                IOException.class,
                () -> ModemServer.start(newModem(), server.localAddress().getPort()));
    }

    @Test
    void start_unresolvedAddress_throws() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("modem.invalid", 0);

        assertThrows(
                IllegalArgumentException.class,
                () -> ModemServer.start(newModem(), unresolved, ServerOptions.defaults()));
    }

    private ModemServer start(ServerOptions options) throws IOException {
        InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
        ModemServer server = ModemServer.start(newModem(), bind, options);
        resources.add(server);
        return server;
    }

    private Socket connect(ModemServer server) throws IOException {
        Socket socket = new Socket();
        resources.add(0, socket);
        socket.connect(server.localAddress(), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static Modem newModem() {
        return Modem.builder().seed(SEED).clock(CLOCK).build();
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(US_ASCII));
        out.flush();
    }

    private static byte[] readExactly(Socket socket, int length) throws IOException {
        return socket.getInputStream().readNBytes(length);
    }

    private static String readText(Socket socket, int length) throws IOException {
        return new String(readExactly(socket, length), US_ASCII);
    }

    private static void assertAnswersAt(Socket socket) throws IOException {
        send(socket, "AT\r\n");
        assertEquals("OK\r\n", readText(socket, 4));
    }

    private static void assertNoMoreBytes(Socket socket) throws IOException {
        socket.setSoTimeout(300);
        InputStream in = socket.getInputStream();
        assertThrows(SocketTimeoutException.class, in::read);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }

    /** Asserts that the server closed the socket: end of stream, or a reset. */
    private static void assertClosedByServer(Socket socket) {
        try {
            assertEquals(-1, socket.getInputStream().read());
        } catch (SocketException e) {
            // A reset is a valid way for the server's close to arrive.
        } catch (IOException e) {
            throw new AssertionError("expected end of stream, got " + e, e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String description) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + description);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + description, e);
            }
        }
    }
}
