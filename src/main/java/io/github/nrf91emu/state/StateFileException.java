package io.github.nrf91emu.state;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A state file that can't be used: it is locked by another modem, can't be read or created, is not
 * valid, or contradicts a setting of the modem builder. The message names the file and the problem,
 * such as {@code state file /home/me/modem.json: formatVersion 2 is newer than this version reads
 * (1)}, and never contains the seed, credential content or a password.
 */
public final class StateFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public StateFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public StateFileException(Path file, String problem, Throwable cause) {
        super("state file " + file + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Returns the path of the state file. */
    public Path file() {
        return file;
    }

    /** Returns the problem without the file name, such as {@code missing field 'seed'}. */
    public String problem() {
        return problem;
    }
}
