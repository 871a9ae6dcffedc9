package io.github.nrf91emu.at;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AtLineFramerTest {
    private static final String OVERLONG = "<overlong>";

    /** Collects framed lines as text, and overlong lines as a marker. */
    private static final class Collector implements AtLineFramer.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onLine(byte[] line) {
            events.add(new String(line, ISO_8859_1));
        }

        @Override
        public void onOverlongLine() {
            events.add(OVERLONG);
        }
    }

    /** A stream and the events it must give, whatever its chunking. */
    record Case(String name, String stream, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> streams() {
        String longBody = "x".repeat(AtCommandParser.MAX_LINE_LENGTH);
        return List.of(
                new Case("CR", "AT+CGSN\r", List.of("AT+CGSN")),
                new Case("LF", "AT+CGSN\n", List.of("AT+CGSN")),
                new Case("CRLF", "AT+CGSN\r\n", List.of("AT+CGSN")),
                new Case("LF CR", "AT+CGSN\n\r", List.of("AT+CGSN")),
                new Case("empty lines skipped", "\r\n\r\nAT\r\n\n\n", List.of("AT")),
                new Case(
                        "mixed line ends",
                        "AT+CGSN\rAT+CGMR\nAT+CGMI\r\nAT",
                        List.of("AT+CGSN", "AT+CGMR", "AT+CGMI")),
                new Case(
                        "line ends inside quotes",
                        "AT%CMNG=0,1,0,\"-----BEGIN\r\nabc\ndef\r-----END\"\r\nAT\r\n",
                        List.of("AT%CMNG=0,1,0,\"-----BEGIN\r\nabc\ndef\r-----END\"", "AT")),
                new Case(
                        "two quoted strings",
                        "AT%JWT=0,0,\"a\r\",\"\nb\"\r\n",
                        List.of("AT%JWT=0,0,\"a\r\",\"\nb\"")),
                new Case("stray control byte kept", "AT\u0000+CGSN\r\n", List.of("AT\u0000+CGSN")),
                new Case(
                        "maximum length line",
                        "AT" + longBody.substring(2) + "\r\nAT\r\n",
                        List.of("AT" + longBody.substring(2), "AT")),
                new Case(
                        "overlong line then recovery",
                        "AT" + longBody + "\r\nAT+CGSN\r\n",
                        List.of(OVERLONG, "AT+CGSN")),
                new Case(
                        "overlong quoted line ends at next line end",
                        "AT%CMNG=0,1,0,\"" + longBody + "\r\nAT\r\n",
                        List.of(OVERLONG, "AT")),
                strayQuoteCase(),
                new Case(
                        "overlong line closing quote at limit",
                        "AT%JWT=\""
                                + "y".repeat(AtCommandParser.MAX_LINE_LENGTH - 8)
                                + "\"z\r\nAT\r\n",
                        List.of(OVERLONG, "AT")),
                new Case(
                        "overlong line opening quote at limit",
                        "A".repeat(AtCommandParser.MAX_LINE_LENGTH) + "\"\r\nAT\r\n",
                        List.of(OVERLONG, "AT")));
    }

    /**
     * A stray quote makes the following lines content of a string until the line passes the maximum
     * length. The 4096th byte is the end of an "AT\r\n" line, the overflow happens at its LF, and
     * framing starts afresh with the next line.
     */
    private static Case strayQuoteCase() {
        String prefix = "AT+CGMI\"abc\r\n";
        int swallowed = (AtCommandParser.MAX_LINE_LENGTH - prefix.length() + 1) / 4;
        List<String> expected = new ArrayList<>();
        expected.add(OVERLONG);
        for (int i = swallowed; i < 1100; i++) {
            expected.add("AT");
        }
        expected.add("AT+CGSN");
        return new Case(
                "stray quote recovers after limit",
                prefix + "AT\r\n".repeat(1100) + "AT+CGSN\r\n",
                expected);
    }

    private static List<String> frame(byte[] stream, int[] chunkSizes) {
        AtLineFramer framer = new AtLineFramer();
        Collector collector = new Collector();
        int offset = 0;
        int chunk = 0;
        while (offset < stream.length) {
            int size = Math.min(chunkSizes[chunk++ % chunkSizes.length], stream.length - offset);
            framer.feed(stream, offset, size, collector);
            offset += size;
        }
        return collector.events;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void wholeStream(Case c) {
        byte[] stream = c.stream().getBytes(ISO_8859_1);
        assertEquals(c.expected(), frame(stream, new int[] {stream.length}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void oneByteAtATime(Case c) {
        assertEquals(c.expected(), frame(c.stream().getBytes(ISO_8859_1), new int[] {1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void everySplitPoint(Case c) {
        byte[] stream = c.stream().getBytes(ISO_8859_1);
        for (int split = 1; split < stream.length; split += stream.length > 200 ? 97 : 1) {
            assertEquals(
                    c.expected(),
                    frame(stream, new int[] {split, stream.length}),
                    "split at " + split);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void randomChunks(Case c) {
        byte[] stream = c.stream().getBytes(ISO_8859_1);
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int[] sizes = random.ints(50, 1, 64).toArray();
        assertEquals(c.expected(), frame(stream, sizes), "chunk seed " + seed);
    }

    @Test
    void allStreamsConcatenated() {
        StringBuilder all = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (Case c : streams()) {
            all.append(c.stream()).append("\r\n");
            expected.addAll(c.expected());
        }
        // "mixed line ends" leaves a bare AT that the appended line end completes.
        expected.add(expected.indexOf("AT+CGMI") + 1, "AT");

        assertEquals(expected, frame(all.toString().getBytes(ISO_8859_1), new int[] {7, 300, 1}));
    }

    @Test
    void partialLineReported() {
        AtLineFramer framer = new AtLineFramer();
        Collector collector = new Collector();
        byte[] start = "AT+CG".getBytes(ISO_8859_1);

        assertFalse(framer.hasPartialLine());
        framer.feed(start, 0, start.length, collector);
        assertTrue(framer.hasPartialLine());
        framer.reset();
        assertFalse(framer.hasPartialLine());
        assertEquals(List.of(), collector.events);
    }
}
