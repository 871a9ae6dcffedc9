package io.github.nrf91emu;

import io.github.nrf91emu.at.AtLineFramer;
import java.io.ByteArrayOutputStream;

/**
 * One byte stream to a {@link Modem}, such as a serial line or a TCP connection: bytes go in as
 * they arrive, in any chunks, and the responses to the lines they complete come out. A session is
 * not thread-safe; use one per stream. Sessions of the same modem may run on different threads, and
 * their lines then run one at a time. Once the modem is closed, {@link #feed} and {@link #finish}
 * throw {@link IllegalStateException}.
 */
public final class ModemSession {
    private final Modem modem;
    private final AtLineFramer framer = new AtLineFramer();

    ModemSession(Modem modem) {
        this.modem = modem;
    }

    /**
     * Feeds bytes and returns the responses to every line they complete, in order; empty when they
     * complete no line.
     */
    public byte[] feed(byte[] data, int offset, int count) {
        modem.checkOpen();
        ByteArrayOutputStream responses = new ByteArrayOutputStream();
        framer.feed(data, offset, count, modem.listenerWritingTo(responses));
        return responses.toByteArray();
    }

    /** Feeds all of {@code data}; see {@link #feed(byte[], int, int)}. */
    public byte[] feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /**
     * Ends the stream, as at end of input: an unfinished line runs as if its line end had come,
     * unless it ends inside a quoted string, which gets {@code ERROR}. The session can be fed again
     * afterwards.
     */
    public byte[] finish() {
        modem.checkOpen();
        ByteArrayOutputStream responses = new ByteArrayOutputStream();
        modem.finishStream(framer, responses);
        return responses.toByteArray();
    }

    /** Returns whether an unfinished line is waiting for more bytes. */
    public boolean hasPartialLine() {
        return framer.hasPartialLine();
    }
}
