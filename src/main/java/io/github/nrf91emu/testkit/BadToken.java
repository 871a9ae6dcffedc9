package io.github.nrf91emu.testkit;

import java.util.Objects;

/**
 * A token that a server must reject, with its kind and a description of this instance, for example
 * the times of an expired token.
 *
 * @param kind what is wrong with the token
 * @param token the compact token, which a server would receive
 * @param description what is wrong with this token, for test names and failure messages
 */
public record BadToken(BadTokenKind kind, String token, String description) {
    /** Checks that no component is null. */
    public BadToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(description, "description");
    }

    /** Returns the kind and description, without the token. */
    @Override
    public String toString() {
        return kind + ": " + description;
    }
}
