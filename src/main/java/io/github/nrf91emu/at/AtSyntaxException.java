package io.github.nrf91emu.at;

/** Thrown when a command line breaks the AT syntax. The modem returns ERROR for such a line. */
public final class AtSyntaxException extends Exception {
    private final int offset;

    public AtSyntaxException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** Returns the byte offset in the line where the syntax broke. */
    public int offset() {
        return offset;
    }
}
