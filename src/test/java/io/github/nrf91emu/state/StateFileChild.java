package io.github.nrf91emu.state;

import io.github.nrf91emu.Modem;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A child process for {@link StateFileProcessTest}: it opens a modem on a state file, prints {@code
 * ready} and then does one of two things.
 *
 * <ul>
 *   <li>{@code write <file> <first sequence number>}: writes PSK identities (type 4) in a loop, the
 *       sequence number as content at sec_tag {@code number % 32}, and prints {@code <sec_tag>
 *       <number>} after each {@code OK}, until it is killed.
 *   <li>{@code hold <file>}: holds the modem, and so the lock, until standard input ends.
 * </ul>
 */
public final class StateFileChild {
    /** Number of sec_tags that the writer cycles through, well below the default capacity. */
    static final int SEC_TAGS = 32;

    private StateFileChild() {}

    public static void main(String[] args) throws IOException {
        Modem modem = Modem.builder().stateFile(Path.of(args[1])).build();
        expectOk(modem.execute("AT+CFUN=4"));
        System.out.println("ready");
        System.out.flush();

        if (args[0].equals("hold")) {
            System.in.readAllBytes();
            modem.close();
            return;
        }
        for (long number = Long.parseLong(args[2]); ; number++) {
            long secTag = number % SEC_TAGS;
            expectOk(modem.execute("AT%CMNG=0," + secTag + ",4,\"" + number + "\""));
            System.out.println(secTag + " " + number);
            System.out.flush();
        }
    }

    private static void expectOk(String response) {
        if (!response.equals("OK\r\n")) {
            System.out.println("unexpected response: " + response.strip());
            System.exit(1);
        }
    }
}
