package io.github.nrf91emu.at;

import java.util.Arrays;

/**
 * Cuts a byte stream into AT command lines, whatever chunks the bytes arrive in.
 *
 * <p>A line ends at CR or LF outside quotes; CRLF therefore ends a line once, and empty lines are
 * skipped. Inside a quoted string CR and LF are content, because the modem takes multi-line PEM
 * text that way, so a line only ends once its quotes are closed. A line longer than {@link
 * AtCommandParser#MAX_LINE_LENGTH} bytes is dropped: its bytes are discarded up to the next CR or
 * LF, whether or not a quote is open, and then {@link Listener#onOverlongLine()} is called once in
 * place of {@link Listener#onLine(byte[])}. The next line is framed afresh. So a stray quote holds
 * back the response for at most 4096 bytes and the next line end. The price is that the rest of an
 * overlong multi-line string is framed as lines of its own, and each of them fails.
 *
 * <p>An instance keeps the state of one stream and is not thread-safe.
 */
public final class AtLineFramer {

    /** Receives framing results in stream order. */
    public interface Listener {
        /** Called with a complete line, without its line end. */
        void onLine(byte[] line);

        /** Called at the end of a line that exceeded the maximum length. */
        void onOverlongLine();
    }

    private enum State {
        BETWEEN_LINES,
        IN_LINE,
        IN_QUOTES,
        DISCARDING
    }

    private final int maxLineLength;
    private byte[] buffer = new byte[256];
    private int length;
    private State state = State.BETWEEN_LINES;

    /** Creates a framer with the modem's maximum line length of 4096 bytes. */
    public AtLineFramer() {
        this(AtCommandParser.MAX_LINE_LENGTH);
    }

    /** Creates a framer that drops lines longer than {@code maxLineLength} bytes. */
    public AtLineFramer(int maxLineLength) {
        if (maxLineLength < 2) {
            throw new IllegalArgumentException(
                    "maxLineLength must be at least 2 (got " + maxLineLength + ")");
        }
        this.maxLineLength = maxLineLength;
    }

    /** Feeds {@code count} bytes from {@code data[offset]} on, calling the listener per line. */
    public void feed(byte[] data, int offset, int count, Listener listener) {
        java.util.Objects.checkFromIndexSize(offset, count, data.length);
        for (int i = offset; i < offset + count; i++) {
            accept(data[i], listener);
        }
    }

    /** Returns whether bytes of an unfinished line are waiting for more input. */
    public boolean hasPartialLine() {
        return state != State.BETWEEN_LINES;
    }

    /** Drops any unfinished line, so that the next byte starts a new one. */
    public void reset() {
        length = 0;
        state = State.BETWEEN_LINES;
    }

    private void accept(byte b, Listener listener) {
        boolean lineEnd = b == '\r' || b == '\n';
        switch (state) {
            case BETWEEN_LINES -> {
                if (!lineEnd) {
                    state = b == '"' ? State.IN_QUOTES : State.IN_LINE;
                    append(b);
                }
            }
            case IN_LINE -> {
                if (lineEnd) {
                    byte[] line = Arrays.copyOf(buffer, length);
                    reset();
                    listener.onLine(line);
                } else {
                    if (b == '"') {
                        state = State.IN_QUOTES;
                    }
                    append(b);
                }
            }
            case IN_QUOTES -> {
                if (b == '"') {
                    state = State.IN_LINE;
                }
                if (!append(b) && lineEnd) {
                    // The line end that overflowed the buffer also ends the dropped line.
                    reset();
                    listener.onOverlongLine();
                }
            }
            case DISCARDING -> {
                if (lineEnd) {
                    reset();
                    listener.onOverlongLine();
                }
            }
        }
    }

    /** Appends a byte, or starts discarding and returns false if the line is already full. */
    private boolean append(byte b) {
        if (length == maxLineLength) {
            length = 0;
            state = State.DISCARDING;
            return false;
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineLength, buffer.length * 2));
        }
        buffer[length++] = b;
        return true;
    }
}
