package io.github.nrf91emu.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The hand-built HMAC-SHA256 against the JDK's {@code Mac} and RFC 4231. */
class HmacSha256Test {

    @Test
    void mac_randomInputs_matchJdkMac() throws Exception {
        long seed = Long.getLong("hmac.seed", new Random().nextLong());
        System.out.println("HmacSha256Test seed=" + seed);
        Random random = new Random(seed);
        Mac jdk = Mac.getInstance("HmacSHA256");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[1 + random.nextInt(64)];
            random.nextBytes(key);
            byte[] first = new byte[random.nextInt(200)];
            byte[] second = new byte[random.nextInt(3)];
            random.nextBytes(first);
            random.nextBytes(second);
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            jdk.update(first);
            byte[] expected = jdk.doFinal(second);
            byte[] actual = HmacSha256.get().mac(key, first, second);
            if (!Arrays.equals(expected, actual)) {
                failures.add("case " + i + " (key " + key.length + " bytes)");
            }
        }
        assertTrue(failures.isEmpty(), "seed " + seed + ": " + failures);
    }

    /** RFC 4231 §4.2, test case 1. */
    @Test
    void mac_rfc4231Case1_matchesRfc() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        byte[] mac = HmacSha256.get().mac(key, "Hi There".getBytes());
        assertArrayEquals(
                HexFormat.of()
                        .parseHex(
                                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                mac);
    }

    @Test
    void mac_keyOver64Bytes_rejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> HmacSha256.get().mac(new byte[65], new byte[0]));
        assertTrue(e.getMessage().contains("65 bytes"), e.getMessage());
    }
}
