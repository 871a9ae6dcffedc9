package io.github.nrf91emu.dispatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The information lines of one command's response, each ended with CRLF when written out. */
public final class ResponseLines {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);

    /** Adds a line of ASCII or UTF-8 text, which must not contain CR or LF outside quotes. */
    public void add(String line) {
        add(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a line given as bytes, written exactly as they are. */
    public void add(byte[] line) {
        bytes.writeBytes(line);
        bytes.write('\r');
        bytes.write('\n');
    }

    void appendTo(ByteArrayOutputStream out) {
        out.writeBytes(bytes.toByteArray());
    }
}
