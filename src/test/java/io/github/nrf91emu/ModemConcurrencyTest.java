package io.github.nrf91emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModemConcurrencyTest {
    private static final int THREADS = 8;
    private static final int LINES_PER_THREAD = 300;

    @Test
    void linesRunOneAtATime() throws Exception {
        Modem modem = Modem.builder().seed(3).build();
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int mode = t % 2 == 0 ? 1 : 4;
            tasks.add(
                    () -> {
                        List<String> wrong = new ArrayList<>();
                        for (int i = 0; i < LINES_PER_THREAD; i++) {
                            String response = modem.execute("AT+CFUN=" + mode + ";+CFUN?");
                            if (!response.equals("+CFUN: " + mode + "\r\nOK\r\n")) {
                                wrong.add(response);
                            }
                        }
                        return wrong;
                    });
        }

        for (List<String> wrong : runAll(tasks)) {
            assertEquals(List.of(), wrong);
        }
    }

    @Test
    void tokensFromManyThreads() throws Exception {
        Modem modem = Modem.builder().seed(3).build();
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(
                    () -> {
                        List<String> tokens = new ArrayList<>();
                        ModemSession session = modem.openSession();
                        for (int i = 0; i < 50; i++) {
                            byte[] line = "AT%JWT=0,60,\"s\",\"a\"\r\n".getBytes();
                            tokens.add(new String(session.feed(line)));
                        }
                        return tokens;
                    });
        }

        List<String> all = new ArrayList<>();
        runAll(tasks).forEach(all::addAll);

        assertEquals(THREADS * 50, all.size());
        assertEquals(all.size(), all.stream().distinct().count());
        for (String response : all) {
            assertTrue(
                    response.matches("%JWT: \"[\\w-]+\\.[\\w-]+\\.[\\w-]{86}\"\r\nOK\r\n"),
                    response);
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
