package io.github.nrf91emu.at;

/** Thrown when a command line breaks the AT syntax. The modem answers such a line with ERROR. */
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
