package io.github.nrf91emu.net;

import io.github.nrf91emu.Modem;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Modem} over TCP, as a serial line to the modem would: each connection is a byte
 * stream with its own {@link io.github.nrf91emu.ModemSession}, and the response to each command
 * line goes back on the connection that sent it. All connections share the modem, so they see the
 * same device state, and their command lines run one at a time.
 *
 * <pre>{@code
 * try (ModemServer server = ModemServer.start(Modem.builder().seed(1).build(), 0)) {
 *     InetSocketAddress address = server.localAddress(); // 127.0.0.1 and a free port
 *     ...
 * }
 * }</pre>
 *
 * <p>Limits: a line longer than 4096 bytes gets {@code ERROR} and the connection goes on. A
 * connection that receives nothing for the idle timeout is closed. When the maximum number of
 * connections is open, the server accepts a further client, waits up to 250 ms for a connection to
 * end, and otherwise closes the new socket without sending anything and logs a warning. The client
 * then sees end of stream. When a client ends its output, the server discards its unfinished line,
 * as a modem does when a serial line drops in the middle of a command, and closes the connection.
 *
 * <p>Logging through SLF4J: the bound address, each connection's start (id and remote address), end
 * (bytes in and out, duration, reason) and failure, at info or warn level. Command lines and
 * responses are never logged, because they carry tokens and keys.
 *
 * <p>The server runs one thread to accept connections and one thread per connection. They are not
 * daemon threads, so they keep the JVM alive until {@link #close()}.
 */
public final class ModemServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModemServer.class);

    /** Pause after a failed accept, so that a lasting failure does not spin or flood the log. */
    private static final long ACCEPT_FAILURE_PAUSE_MILLIS = 100;

    private static final int BACKLOG = 50;

    /**
     * How long a client that arrives at the connection limit may wait for a slot. A client that
     * closes its connection and reconnects at once would otherwise often be rejected, because the
     * server frees the slot only when the old connection's thread reads the end of input.
     */
    private static final long SLOT_WAIT_MILLIS = 250;

    private final Modem modem;
    private final ServerOptions options;
    private final ServerSocket serverSocket;
    private final InetSocketAddress localAddress;
    private final Map<Long, ModemConnection> connections = new ConcurrentHashMap<>();
    private final Object slotFreed = new Object();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread acceptThread;
    private long lastConnectionId;
    private long rejectedConnections;

    private ModemServer(Modem modem, ServerOptions options, ServerSocket serverSocket) {
        this.modem = modem;
        this.options = options;
        this.serverSocket = serverSocket;
        this.localAddress = (InetSocketAddress) serverSocket.getLocalSocketAddress();
        this.acceptThread = new Thread(this::acceptLoop, "modem-server-accept");
    }

    /**
     * Starts a server with the default options on the IPv4 loopback address 127.0.0.1.
     *
     * @param port the TCP port, or 0 for a free port chosen by the system
     * @throws IOException if the address cannot be bound, for example because the port is in use
     */
    public static ModemServer start(Modem modem, int port) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        return start(modem, loopback, ServerOptions.defaults());
    }

    /**
     * Starts a server on the given address. The server accepts connections when this returns. An
     * address that is not a loopback address lets other hosts use the modem and its signing key,
     * and is logged as a warning.
     *
     * @param bind the address and port to listen on, where port 0 picks a free port
     * @throws IOException if the address cannot be bound, for example because the port is in use
     * @throws IllegalArgumentException if {@code bind} is an unresolved host name
     */
    public static ModemServer start(Modem modem, InetSocketAddress bind, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(modem, "modem");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(options, "options");
        if (bind.isUnresolved()) {
            throw new IllegalArgumentException(
                    "bind address not resolved: "
                            + bind.getHostString()
                            + " (expected an IP address or a host name that resolves)");
        }

        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(bind, BACKLOG);
        } catch (IOException | RuntimeException e) {
            serverSocket.close();
            throw e;
        }

        ModemServer server = new ModemServer(modem, options, serverSocket);
        server.logStart();
        server.acceptThread.start();
        return server;
    }

    /** Returns the address and port the server listens on. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Returns the number of connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Waits until {@link #close()} has finished, from any thread. */
    public void join() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops accepting connections, closes every open connection without sending anything more and
     * waits for the server's threads to end. Calling it again, or from several threads, waits for
     * the first call to finish.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.warn(
                    "Closing the server socket on {} failed: {}",
                    format(localAddress),
                    e.toString());
        }
        joinUninterruptibly(acceptThread);

        // The accept thread has ended, so no connection is added from here on.
        List<ModemConnection> open = List.copyOf(connections.values());
        for (ModemConnection connection : open) {
            connection.closeSocket();
        }
        for (ModemConnection connection : open) {
            joinUninterruptibly(connection.thread());
        }
        LOG.info(
                "Stopped listening on {} and closed {} connections",
                format(localAddress),
                open.size());
        closed.countDown();
    }

    /** Formats an address as {@code host:port}, with IPv6 hosts in brackets. */
    static String format(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        String hostText = host == null ? address.getHostString() : host.getHostAddress();
        if (host instanceof Inet6Address) {
            hostText = "[" + hostText + "]";
        }
        return hostText + ":" + address.getPort();
    }

    /** Formats a timeout as {@code none}, whole seconds ({@code 300 s}) or milliseconds. */
    static String format(Duration timeout) {
        if (timeout.isZero()) {
            return "none";
        }
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    boolean isClosing() {
        return closing.get();
    }

    void remove(ModemConnection connection) {
        connections.remove(connection.id());
        synchronized (slotFreed) {
            slotFreed.notifyAll();
        }
    }

    private void logStart() {
        LOG.info(
                "Listening on {} (idle timeout {}, at most {} connections)",
                format(localAddress),
                format(options.idleTimeout()),
                options.maxConnections());
        if (!localAddress.getAddress().isLoopbackAddress()) {
            LOG.warn(
                    "{} is not a loopback address: any host that reaches it can run commands on"
                            + " this modem and get tokens signed with its key",
                    format(localAddress));
        }
    }

    private void acceptLoop() {
        while (!closing.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closing.get()) {
                    return;
                }
                LOG.warn(
                        "Accepting a connection on {} failed: {}",
                        format(localAddress),
                        e.toString());
                pauseAfterAcceptFailure();
                continue;
            }
            if (awaitFreeSlot()) {
                open(socket);
            } else {
                reject(socket);
            }
        }
    }

    private void open(Socket socket) {
        long id = ++lastConnectionId;
        try {
            socket.setSoTimeout((int) options.idleTimeout().toMillis());
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            LOG.warn("Connection {} failed at setup: {}", id, e.toString());
            closeQuietly(socket);
            return;
        }
        ModemConnection connection =
                new ModemConnection(id, socket, modem.openSession(), options.idleTimeout(), this);
        connections.put(id, connection);
        connection.thread().start();
    }

    /** Waits up to {@link #SLOT_WAIT_MILLIS} for fewer than the maximum connections. */
    private boolean awaitFreeSlot() {
        long deadline = System.nanoTime() + SLOT_WAIT_MILLIS * 1_000_000;
        synchronized (slotFreed) {
            while (connections.size() >= options.maxConnections()) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0 || closing.get()) {
                    return false;
                }
                try {
                    slotFreed.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void reject(Socket socket) {
        rejectedConnections++;
        LOG.warn(
                "Rejected connection from {}: {} connections open, the maximum ({} rejected so"
                        + " far)",
                format((InetSocketAddress) socket.getRemoteSocketAddress()),
                connections.size(),
                rejectedConnections);
        closeQuietly(socket);
    }

    private void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(ACCEPT_FAILURE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitClosed() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing a socket failed: {}", e.toString());
        }
    }
}
