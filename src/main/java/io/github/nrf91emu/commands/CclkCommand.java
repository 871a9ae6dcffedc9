package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AT+CCLK} and {@code AT%CCLK}: set and read the clock. {@code +CCLK} takes the time text
 * only, with a time zone of -48..48 quarter hours. {@code %CCLK} also takes daylight saving hours
 * 0..2 after it and allows the time zone 99 (unknown), and its read form shows daylight saving once
 * it was set. Reading before the time is known, and any malformed or out-of-range value, returns
 * {@code ERROR}.
 */
final class CclkCommand implements CommandHandler {
    private final ModemClock clock;
    private final boolean nordicVariant;

    private CclkCommand(ModemClock clock, boolean nordicVariant) {
        this.clock = clock;
        this.nordicVariant = nordicVariant;
    }

    /** Creates the 3GPP command {@code +CCLK}. */
    static CclkCommand standard(ModemClock clock) {
        return new CclkCommand(clock, false);
    }

    /** Creates Nordic's {@code %CCLK}, which adds daylight saving. */
    static CclkCommand nordic(ModemClock clock) {
        return new CclkCommand(clock, true);
    }

    @Override
    public String name() {
        return nordicVariant ? "%CCLK" : "+CCLK";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET, AtForm.READ);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        if (command.form() == AtForm.SET) {
            set(command);
        } else {
            read(response);
        }
    }

    private void set(AtCommand command) throws CommandException {
        CommandException invalid =
                CommandException.error(name() + " time must be \"yy/MM/dd,hh:mm:ss±zz\"");
        Parameters.requireAtMost(command, nordicVariant ? 2 : 1, invalid);
        ClockText.Parsed time =
                ClockText.parse(Parameters.quoted(command.parameter(0), invalid), nordicVariant);
        if (time == null) {
            throw invalid;
        }
        int daylightSaving = -1;
        if (command.parameters().size() == 2) {
            daylightSaving =
                    (int)
                            Parameters.integer(
                                    command.parameter(1),
                                    0,
                                    2,
                                    CommandException.error("%CCLK daylight saving must be 0..2"));
        }
        clock.set(time.utc(), time.timeZoneQuarterHours(), daylightSaving);
    }

    private void read(ResponseLines response) throws CommandException {
        Optional<Instant> time = clock.now();
        if (time.isEmpty()) {
            throw CommandException.error("time not known");
        }
        Instant now = time.get();
        String line = name() + ": \"" + ClockText.format(now, clock.timeZoneQuarterHours()) + "\"";
        if (nordicVariant && clock.daylightSaving().isPresent()) {
            line += "," + clock.daylightSaving().getAsInt();
        }
        response.add(line);
    }
}
