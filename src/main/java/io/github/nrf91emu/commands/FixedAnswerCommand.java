package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import java.util.Set;

/**
 * A command that only has the execute form and returns one fixed line: {@code +CGMI}, {@code
 * +CGMM}, {@code +CGMR}, {@code %XMODEMUUID} and {@code %DEVICEUUID}.
 */
final class FixedAnswerCommand implements CommandHandler {
    private final String name;
    private final String answer;

    FixedAnswerCommand(String name, String answer) {
        this.name = name;
        this.answer = answer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.EXECUTE);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) {
        response.add(answer);
    }
}
