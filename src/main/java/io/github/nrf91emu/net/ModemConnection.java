package io.github.nrf91emu.net;

import io.github.nrf91emu.ModemSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of a {@link ModemServer}, served on its own thread: reads bytes as they
 * arrive, feeds them to the connection's session and sends the responses back at once.
 */
final class ModemConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ModemConnection.class);

    private static final int READ_BUFFER_SIZE = 4096;

    private final long id;
    private final Socket socket;
    private final String remoteAddress;
    private final ModemSession session;
    private final Duration idleTimeout;
    private final ModemServer server;
    private final Thread thread;
    private long bytesIn;
    private long bytesOut;

    ModemConnection(
            long id,
            Socket socket,
            ModemSession session,
            Duration idleTimeout,
            ModemServer server) {
        this.id = id;
        this.socket = socket;
        this.remoteAddress =
                ModemServer.format((InetSocketAddress) socket.getRemoteSocketAddress());
        this.session = session;
        this.idleTimeout = idleTimeout;
        this.server = server;
        this.thread = new Thread(this, "modem-connection-" + id);
    }

    long id() {
        return id;
    }

    Thread thread() {
        return thread;
    }

    /** Closes the socket from another thread, which ends a blocked read or write. */
    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Connection {}: closing the socket failed: {}", id, e.toString());
        }
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        LOG.info("Connection {} opened from {}", id, remoteAddress);
        try (socket) {
            String reason = serve(socket.getInputStream(), socket.getOutputStream());
            logEnd(reason, start);
        } catch (IOException e) {
            if (server.isClosing()) {
                logEnd("server closed", start);
            } else {
                logFailure(e.toString(), start, null);
            }
        } catch (RuntimeException e) {
            logFailure("unexpected error", start, e);
        } finally {
            server.remove(this);
        }
    }

    /** Serves the connection until end of input or the idle timeout, and returns which ended it. */
    private String serve(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        while (true) {
            int count;
            try {
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return "idle timeout of " + ModemServer.format(idleTimeout);
            }
            if (count < 0) {
                // A serial line that drops mid-command never completes it, so neither does this:
                // an unfinished line is discarded, as on an idle timeout or a reset connection.
                return session.hasPartialLine()
                        ? "end of input, unfinished line discarded"
                        : "end of input";
            }
            bytesIn += count;
            send(out, session.feed(buffer, 0, count));
        }
    }

    private void send(OutputStream out, byte[] responses) throws IOException {
        if (responses.length > 0) {
            out.write(responses);
            out.flush();
            bytesOut += responses.length;
        }
    }

    private void logEnd(String reason, long start) {
        LOG.info(
                "Connection {} from {} closed ({}): {} bytes in, {} bytes out, {} ms",
                id,
                remoteAddress,
                reason,
                bytesIn,
                bytesOut,
                elapsedMillis(start));
    }

    private void logFailure(String cause, long start, Throwable error) {
        String message = "Connection {} from {} failed: {} ({} bytes in, {} bytes out, {} ms)";
        if (error == null) {
            LOG.warn(message, id, remoteAddress, cause, bytesIn, bytesOut, elapsedMillis(start));
        } else {
            LOG.warn(
                    message,
                    id,
                    remoteAddress,
                    cause,
                    bytesIn,
                    bytesOut,
                    elapsedMillis(start),
                    error);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
