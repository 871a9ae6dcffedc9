package io.github.nrf91emu.testkit;

import java.util.Objects;

/**
 * Provisioning response that a server must reject, with its kind and a description of this
 * instance, such as the challenge that the response carries.
 *
 * @param kind what is wrong with the response
 * @param response the text between the quotes of the response, which a server would receive
 * @param description what is wrong with this response, for test names and failure messages
 */
public record BadProvisioningResponse(
        BadProvisioningKind kind, String response, String description) {
    /** Rejects null components with a {@link NullPointerException}. */
    public BadProvisioningResponse {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(description, "description");
    }

    /** Returns the command that this response claims to come from, which is the kind's command. */
    public BadProvisioningKind.Command command() {
        return kind.command();
    }

    /** Returns the kind and description, without the response. */
    @Override
    public String toString() {
        return kind + ": " + description;
    }
}
