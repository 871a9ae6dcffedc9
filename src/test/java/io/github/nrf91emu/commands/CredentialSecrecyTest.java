package io.github.nrf91emu.commands;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtCommandParser;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.dispatch.CommandDispatcher;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import io.github.nrf91emu.keystore.Credential;
import io.github.nrf91emu.keystore.CredentialStore;
import io.github.nrf91emu.keystore.TestCredentials;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Secret credentials (private keys, PSKs and passwords) never appear in a response, in the message
 * of a command failure, which goes to the debug log, or in {@code toString}.
 */
class CredentialSecrecyTest {
    private static final String PASSWORD = "pw-secret-0815";
    private static final String LONG_PASSWORD = "long-secret-password-33-bytes-xx";
    private static final String PSK = "5ec2e7a1b2c3d4e5f60718293a4b5c6d";
    private static final String BROKEN_KEY = "broken-secret-key-4711";
    private static final String CLIENT_KEY =
            TestCredentials.encryptedPkcs8Pem(TestCredentials.p256(), PASSWORD);
    private static final String ENDORSEMENT_KEY = TestCredentials.sec1Pem(TestCredentials.p256());

    private final CredentialStore store = CredentialStore.builder().build();
    private final Device device =
            Device.fromSeed(
                    new byte[] {9},
                    Model.NRF9160,
                    Model.NRF9160.defaultFirmwareVersion(),
                    ModemClock.following(Clock.systemUTC()),
                    store);
    private final Map<String, CommandHandler> handlers = new HashMap<>();
    private final CommandDispatcher dispatcher;

    /** Everything that left the commands: responses, failure messages and toString output. */
    private final List<String> outputs = new ArrayList<>();

    CredentialSecrecyTest() {
        List<CommandHandler> all = StandardCommands.create(device);
        for (CommandHandler handler : all) {
            handlers.put(handler.name(), handler);
        }
        dispatcher = new CommandDispatcher(all, Set.of(), () -> true);
    }

    private static String write(long secTag, int type, String content) {
        return "AT%CMNG=0," + secTag + "," + type + ",\"" + content + "\"";
    }

    /** Runs a line through the dispatcher and keeps its response. */
    private void run(String line) {
        String response = new String(dispatcher.run(line.getBytes(UTF_8)), UTF_8);
        outputs.add(response);
    }

    /** Runs a line's command on its handler, without the dispatcher, and keeps its message. */
    private void runForMessage(String line) throws Exception {
        for (AtCommand command : AtCommandParser.parse(line.getBytes(UTF_8))) {
            outputs.add(command.toString());
            try {
                handlers.get(command.name()).handle(command, new ResponseLines());
            } catch (CommandException e) {
                outputs.add(String.valueOf(e.getMessage()));
                outputs.add(e.toString());
            }
        }
    }

    private void assertNoSecretIn(String text) {
        for (String key : List.of(CLIENT_KEY, ENDORSEMENT_KEY)) {
            for (String line : TestCredentials.bodyLines(key)) {
                assertFalse(text.contains(line), "key line leaked into: " + text);
            }
        }
        for (String secret : List.of(PASSWORD, LONG_PASSWORD, PSK, BROKEN_KEY)) {
            assertFalse(text.contains(secret), secret + " leaked into: " + text);
        }
    }

    @Test
    void secretsNeverLeaveCommands() throws Exception {
        List<String> lines =
                List.of(
                        write(1, 2, CLIENT_KEY) + ",\"" + PASSWORD + "\"",
                        write(1, 3, PSK),
                        write(1, 8, ENDORSEMENT_KEY),
                        write(2, 2, BROKEN_KEY),
                        write(3, 2, CLIENT_KEY),
                        write(4, 2, CLIENT_KEY) + ",\"wrong-" + PASSWORD + "\"",
                        write(5, 2, CLIENT_KEY) + ",\"" + LONG_PASSWORD + "x\"",
                        write(5, 4, "identity") + ",\"" + PASSWORD + "\"",
                        write(2147483648L, 2, CLIENT_KEY),
                        write(6, 1, ENDORSEMENT_KEY),
                        "AT%CMNG=1",
                        "AT%CMNG=1,1",
                        "AT%CMNG=1,1,2",
                        "AT%CMNG=2,1,2",
                        "AT%CMNG=2,1,3",
                        "AT%CMNG=2,1,8",
                        "AT%CMNG=2,9,2",
                        "AT%JWT=0,0,,,1,2",
                        "AT%JWT=0,0,,,1,8",
                        "AT%JWT=0,0,,,2,2",
                        "AT%JWT=0,0,,,3,2",
                        "AT%JWT=0,0,,,4,2",
                        "AT+CFUN=1",
                        write(1, 2, CLIENT_KEY) + ",\"" + PASSWORD + "\"",
                        "AT%CMNG=3,1,3");

        for (String line : lines) {
            run(line);
        }
        device.functionalMode().apply(0);
        for (String line : lines) {
            runForMessage(line);
        }
        outputs.add(store.toString());
        outputs.add(store.view().toString());
        for (Credential item : store.list()) {
            outputs.add(item.toString());
        }

        assertEquals(6, store.list().size());
        assertTrue(TestCredentials.bodyLines(CLIENT_KEY).length > 3);
        assertTrue(outputs.contains("+CME ERROR: 514\r\n"), outputs.toString());
        for (String output : outputs) {
            assertNoSecretIn(output);
        }
    }
}
