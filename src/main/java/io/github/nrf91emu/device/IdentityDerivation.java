package io.github.nrf91emu.device;

import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Derives every identity value of a device from one seed, so that a seed gives the same device on
 * every machine. Each value is SHA-256("nrf91-at-emulator " ‖ label ‖ 0x00 ‖ seed) for its own
 * label, so the values are independent of each other. The firmware UUID depends only on the
 * firmware version, because all devices with the same firmware share it.
 */
final class IdentityDerivation {
    /**
     * Type allocation code (the first 8 IMEI digits) of every emulated device: the one that public
     * nRF Cloud device ids of nRF9160 modules show, such as {@code nrf-352656100123456}.
     */
    static final String TYPE_ALLOCATION_CODE = "35265610";

    private IdentityDerivation() {}

    static P256KeyPair identityKey(byte[] seed) {
        return P256Keys.fromSeed(hash("identity key", seed));
    }

    static UUID deviceUuid(byte[] seed) {
        return version4Form(hash("device uuid", seed));
    }

    static UUID firmwareUuid(String firmwareVersion) {
        return version4Form(
                hash("firmware uuid", firmwareVersion.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns a 15-digit IMEI: the type allocation code, 6 serial digits and the Luhn digit. */
    static String imei(byte[] seed) {
        long serial = (firstLong(hash("imei", seed)) >>> 1) % 1_000_000;
        String digits = Long.toString(serial);
        String body = TYPE_ALLOCATION_CODE + "000000".substring(digits.length()) + digits;
        return body + luhnCheckDigit(body);
    }

    /** Returns the check digit that makes {@code digits} followed by it pass the Luhn check. */
    static int luhnCheckDigit(String digits) {
        int sum = 0;
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    /** Returns the sequence of jti random bytes of a seeded device: block i of a counter hash. */
    static byte[] jtiBytes(byte[] seed, long counter) {
        return Arrays.copyOf(streamBlock("jti", seed, counter), 16);
    }

    /**
     * Returns block {@code counter} of the labelled counter-mode SHA-256 stream of a seed: 32 bytes
     * that are independent of every other label and block.
     */
    static byte[] streamBlock(String label, byte[] seed, long counter) {
        byte[] input = Arrays.copyOf(seed, seed.length + Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            input[seed.length + i] = (byte) (counter >>> (56 - 8 * i));
        }
        return hash(label, input);
    }

    /** Returns the first 8 bytes as a big-endian number. */
    private static long firstLong(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    static byte[] hash(String label, byte[] seed) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        sha256.update(("nrf91-at-emulator " + label).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(seed);
        return sha256.digest();
    }

    /** Sets the version (4) and variant (IETF) bits of 16 bytes taken from {@code bytes}. */
    private static UUID version4Form(byte[] bytes) {
        long high = firstLong(bytes);
        long low = firstLong(Arrays.copyOfRange(bytes, 8, 16));
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
