package io.github.nrf91emu.commands;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtCommandParser;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import io.github.nrf91emu.keystore.CredentialStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code %KEYGEN} and {@code %ATTESTTOKEN} handlers called directly, without the dispatcher: a
 * malformed command must end in a {@link CommandException} without a CME code whose message names
 * the bad value, never in another exception that the dispatcher would log as a handler failure.
 */
class KeygenAndAttestHandlerTest {
    private final CredentialStore store = CredentialStore.builder().build();
    private final Map<String, CommandHandler> handlers = new HashMap<>();

    KeygenAndAttestHandlerTest() {
        Device device =
                Device.fromSeed(
                        new byte[] {4},
                        Model.NRF9160,
                        Model.NRF9160.defaultFirmwareVersion(),
                        ModemClock.following(Clock.systemUTC()),
                        store);
        for (CommandHandler handler : StandardCommands.create(device)) {
            handlers.put(handler.name(), handler);
        }
    }

    /** Runs the single command of a line on its handler and returns the failure it throws. */
    private CommandException failure(String line) throws Exception {
        List<AtCommand> commands = AtCommandParser.parse(line.getBytes(UTF_8));
        assertEquals(1, commands.size(), line);
        AtCommand command = commands.get(0);
        CommandHandler handler = handlers.get(command.name());
        return assertThrows(
                CommandException.class, () -> handler.handle(command, new ResponseLines()), line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT%KEYGEN=16842753,3                           | key_type",
                "AT%KEYGEN=4294967296,2                         | sec_tag",
                "AT%KEYGEN=16842753,2,2                         | output_format",
                "AT%KEYGEN=16842753,2,0,\"a\",\"111010000\",1   | at most 5",
                "AT%KEYGEN=16842753,2,0,5                       | attributes",
                "AT%KEYGEN=16842753,2,0,,5                      | key_usage",
                "AT%KEYGEN=16842753,2,0,\"FOO=bar\"             | 'FOO=bar'",
                "AT%KEYGEN=16842753,2,0,\"novalue\"             | 'novalue'",
                "AT%KEYGEN=16842753,2,0,\"O=\"                  | empty value for O",
                "AT%KEYGEN=16842753,2,0,\"O=a+CN=b\"            | 'O=a+CN=b'",
                "AT%KEYGEN=16842753,2,0,\"O=#zz\"               | 'O=#zz'",
                "AT%KEYGEN=16842753,2,0,\"O=#0403616263\"       | value of O must be text",
                "AT%KEYGEN=16842753,2,0,\"O=#030200ff\"         | value of O must be text",
                "AT%KEYGEN=16842753,2,0,\"C=Norway\"            | 'C=Norway'",
                "AT%KEYGEN=16842753,2,0,\"C=ñö\"                | 'ñö' of C",
                "AT%KEYGEN=16842753,2,0,\"SERIALNUMBER=abc_1\"  | 'abc_1' of SERIALNUMBER",
                "AT%KEYGEN=16842753,2,0,\"E=ø@example.com\"     | 'ø@example.com' of E",
                "AT%KEYGEN=16842753,2,0,\"DC=ex_ämple\"         | 'ex_ämple' of DC",
                "AT%KEYGEN=16842753,2,0,,\"11101000\"           | '11101000'",
                "AT%KEYGEN=16842753,2,0,,\"1110100000\"         | '1110100000'",
                "AT%KEYGEN=16842753,2,0,,\"11101000x\"          | '11101000x'",
                "AT%KEYGEN=16842753,2,0,,\"000000000\"          | '000000000'",
                "AT%ATTESTTOKEN=\"0011\"                        | got 4 characters",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeeff0\"  | got 33 characters",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeeff00\" | got 34 characters",
                "AT%ATTESTTOKEN=\"00112233445566778899aabbccddeefg\" | hexadecimal digits",
                "AT%ATTESTTOKEN=5                               | quoted",
                "AT%ATTESTTOKEN=\"\",\"\"                       | at most 1",
            })
    void malformedCommandFailsWithMessage(String line, String fragment) throws Exception {
        CommandException failure = failure(line);

        assertEquals(OptionalInt.empty(), failure.cmeCode(), "a malformed command has no code");
        assertTrue(failure.getMessage().contains(fragment), failure.getMessage());
        assertTrue(store.list().isEmpty(), "a failed command stored an item");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'O=Example,OU=Fleet'", "'E=dev@example.com,DC=example'", "'SERIALNUMBER=AB-12'"})
    void validAttributesSucceed(String attributes) throws Exception {
        AtCommand command =
                AtCommandParser.parse(("AT%KEYGEN=7,2,0,\"" + attributes + "\"").getBytes(UTF_8))
                        .get(0);
        ResponseLines lines = new ResponseLines();

        handlers.get("%KEYGEN").handle(command, lines);

        assertFalse(store.list().isEmpty());
    }
}
