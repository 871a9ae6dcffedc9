package io.github.nrf91emu.testkit;

import java.util.Objects;

/**
 * A provisioning response that a server must reject, with its kind and a description of this
 * instance, for example the challenge of the response.
 *
 * @param kind what is wrong with the response
 * @param response the text between the quotes of the response, which a server would receive
 * @param description what is wrong with this response, for test names and failure messages
 */
public record BadProvisioningResponse(
        BadProvisioningKind kind, String response, String description) {
    /** Checks that no component is null. */
    public BadProvisioningResponse {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(description, "description");
    }

    /** Returns the command whose response this poses as: the command of the kind. */
    public BadProvisioningKind.Command command() {
        return kind.command();
    }

    /** Returns the kind and description, without the response. */
    @Override
    public String toString() {
        return kind + ": " + description;
    }
}
