package io.github.nrf91emu.example;

import static io.github.nrf91emu.example.JwtResponses.tokenOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.testkit.Fleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/testing-cloud-auth.md in step with this package. Each {@code java} block of the page
 * must appear in a source file of this package, where a line {@code // ...} stands for left-out
 * lines and leading spaces don't count. The {@code json} blocks, in order, must be the header and
 * claims of the token that {@link #decodedTokenMatchesModem} makes and the JWK Set of the fleet in
 * {@link #registrationFilesMatchFleet}, and the {@code csv} block that fleet's nRF Cloud CSV. Paths
 * are relative to the project folder, which is the working directory of Maven's tests.
 */
class CloudAuthDocTest {
    private static final Path DOC = Path.of("docs", "testing-cloud-auth.md");
    private static final Path SOURCES =
            Path.of("src", "test", "java", "io", "github", "nrf91emu", "example");
    private static final String ELISION = "// ...";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void javaBlocksAppearInSources() throws IOException {
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.add(strippedLines(Files.readAllLines(file, StandardCharsets.UTF_8)));
            }
        }

        List<List<String>> blocks = blocks("java");
        assertFalse(blocks.isEmpty(), "no java blocks in " + DOC);
        for (List<String> block : blocks) {
            for (List<String> excerpt : excerpts(block)) {
                boolean found = sources.stream().anyMatch(lines -> contains(lines, excerpt));
                assertTrue(
                        found,
                        "excerpt of "
                                + DOC
                                + " not found in "
                                + SOURCES
                                + ":\n"
                                + String.join("\n", excerpt));
            }
        }
    }

    @Test
    void decodedTokenMatchesModem() throws IOException {
        Modem modem =
                Modem.builder()
                        .seed(42)
                        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                        .build();
        String token = tokenOf(modem.execute("AT%JWT=0,3600"));

        String[] segments = token.split("\\.");
        List<List<String>> json = blocks("json");
        assertEquals(decodedJson(segments[0]), JSON.readTree(String.join("\n", json.get(0))));
        assertEquals(decodedJson(segments[1]), JSON.readTree(String.join("\n", json.get(1))));
    }

    @Test
    void registrationFilesMatchFleet() throws IOException {
        Fleet fleet = Fleet.fromSeed(42, 2);
        String jwkSet = fleet.jwkSet();
        String csv = fleet.nrfCloudCsv();

        List<List<String>> json = blocks("json");
        assertEquals(JSON.readTree(jwkSet), JSON.readTree(String.join("\n", json.get(2))));
        List<List<String>> csvBlocks = blocks("csv");
        assertEquals(1, csvBlocks.size());
        assertEquals(csv, String.join("\n", csvBlocks.get(0)) + "\n");
    }

    private static JsonNode decodedJson(String segment) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(segment));
    }

    /** Returns the lines of each fenced block of the page whose info string is {@code language}. */
    private static List<List<String>> blocks(String language) throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (current == null && line.equals("```" + language)) {
                current = new ArrayList<>();
            } else if (current != null && line.equals("```")) {
                blocks.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /**
     * Splits a block at its {@code // ...} lines into excerpts without leading spaces and without
     * blank lines at either end.
     */
    private static List<List<String>> excerpts(List<String> block) {
        List<List<String>> excerpts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : strippedLines(block)) {
            if (line.equals(ELISION)) {
                excerpts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        excerpts.add(current);
        List<List<String>> trimmed = new ArrayList<>();
        for (List<String> excerpt : excerpts) {
            int start = 0;
            int end = excerpt.size();
            while (start < end && excerpt.get(start).isEmpty()) {
                start++;
            }
            while (end > start && excerpt.get(end - 1).isEmpty()) {
                end--;
            }
            if (start < end) {
                trimmed.add(excerpt.subList(start, end));
            }
        }
        return trimmed;
    }

    private static List<String> strippedLines(List<String> lines) {
        return lines.stream().map(String::strip).toList();
    }

    private static boolean contains(List<String> lines, List<String> excerpt) {
        return Collections.indexOfSubList(lines, excerpt) >= 0;
    }
}
