package io.github.nrf91emu.junit;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.keystore.CredentialType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The settings of the modems of one test, merged from a {@link ModemExtension.Builder} and the
 * test's annotations.
 *
 * @param firmwareVersion the firmware version, or null for the model's default
 * @param seed the identity seed, or empty to derive it from the test's unique id
 * @param credentials the credentials in the order they are stored, at most one per sec_tag and type
 */
record ModemConfiguration(
        Model model,
        String firmwareVersion,
        Instant clockStart,
        boolean timeKnown,
        boolean cmeErrors,
        List<String> disabledCommands,
        OptionalLong seed,
        List<CredentialItem> credentials) {

    /** The settings of a modem without annotations or builder settings. */
    static final ModemConfiguration DEFAULTS =
            new ModemConfiguration(
                    Model.NRF9160,
                    null,
                    Instant.parse(ModemSettings.DEFAULT_CLOCK),
                    true,
                    false,
                    List.of(),
                    OptionalLong.empty(),
                    List.of());

    ModemConfiguration {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(clockStart, "clockStart");
        disabledCommands = List.copyOf(disabledCommands);
        Objects.requireNonNull(seed, "seed");
        credentials = List.copyOf(credentials);
    }

    /**
     * A credential to store before power-on.
     *
     * @param password the password of an encrypted private key, or null for none
     */
    record CredentialItem(long secTag, CredentialType type, byte[] content, String password) {
        CredentialItem {
            Objects.requireNonNull(type, "type");
            content = content.clone();
        }
    }

    /** Returns these settings with other credentials; the others' values are kept. */
    ModemConfiguration withCredentials(List<CredentialItem> items) {
        return new ModemConfiguration(
                model,
                firmwareVersion,
                clockStart,
                timeKnown,
                cmeErrors,
                disabledCommands,
                seed,
                items);
    }

    /**
     * Merges credentials in order: a later item at the same sec_tag and type replaces an earlier
     * one, at the earlier one's place.
     */
    static List<CredentialItem> merge(Collection<CredentialItem> items) {
        Map<String, CredentialItem> bySlot = new LinkedHashMap<>();
        for (CredentialItem item : items) {
            bySlot.put(item.secTag() + "/" + item.type().number(), item);
        }
        return List.copyOf(bySlot.values());
    }

    /**
     * Builds a modem with these settings on {@code clock}.
     *
     * @throws IllegalArgumentException if a setting is invalid, as {@link Modem.Builder#build()}
     *     describes
     */
    Modem newModem(long identitySeed, TestClock clock) {
        Modem.Builder builder =
                Modem.builder()
                        .seed(identitySeed)
                        .model(model)
                        .clock(clock)
                        .timeKnown(timeKnown)
                        .cmeErrors(cmeErrors)
                        .disableCommands(disabledCommands.toArray(new String[0]));
        if (firmwareVersion != null) {
            builder.firmwareVersion(firmwareVersion);
        }
        for (CredentialItem item : credentials) {
            if (item.password() == null) {
                builder.credential(item.secTag(), item.type(), item.content());
            } else {
                // The password form takes text, and an encrypted key is PEM, which is ASCII.
                String content = new String(item.content(), StandardCharsets.UTF_8);
                builder.credential(item.secTag(), item.type(), content, item.password());
            }
        }
        return builder.build();
    }
}
