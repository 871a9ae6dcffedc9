package io.github.nrf91emu.at;

import java.util.List;
import java.util.Objects;

/**
 * One parsed extended command of an AT line.
 *
 * @param name the command name with its prefix, in upper case, such as {@code %JWT}
 * @param form how the command was written
 * @param parameters the parameters of a set command, in order; empty for the other forms
 */
public record AtCommand(String name, AtForm form, List<AtParameter> parameters) {
    public AtCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(form, "form");
        parameters = List.copyOf(parameters);
        if (form != AtForm.SET && !parameters.isEmpty()) {
            throw new IllegalArgumentException(
                    "parameters given for form " + form + " (only SET takes parameters)");
        }
    }

    /** Returns the parameter at {@code index}, or an {@link AtParameter.Empty} past the end. */
    public AtParameter parameter(int index) {
        return index < parameters.size() ? parameters.get(index) : new AtParameter.Empty();
    }

    @Override
    public String toString() {
        return switch (form) {
            case SET -> name + "=" + parameters;
            case READ -> name + "?";
            case TEST -> name + "=?";
            case EXECUTE -> name;
        };
    }
}
