package io.github.nrf91emu.cli;

import io.github.nrf91emu.ModemSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Runs one modem session over standard input and output. Each chunk that a read returns is fed to
 * the session at once, and the responses it completes are written and flushed before the next read.
 * So an interactive user or a serial bridge receives them without waiting for more input.
 */
final class StdinSession {
    private static final int READ_BUFFER_SIZE = 8192;

    private StdinSession() {}

    /**
     * Copies {@code in} through the session to {@code out} until end of input, then ends the
     * session's unfinished line, as {@link ModemSession#finish()} describes.
     *
     * @throws IOException if reading {@code in} or writing {@code out} fails
     */
    static void run(ModemSession session, InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        int count;
        while ((count = in.read(buffer)) >= 0) {
            write(out, session.feed(buffer, 0, count));
        }
        write(out, session.finish());
    }

    private static void write(OutputStream out, byte[] responses) throws IOException {
        if (responses.length > 0) {
            out.write(responses);
            out.flush();
        }
    }
}
