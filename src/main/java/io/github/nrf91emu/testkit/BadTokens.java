package io.github.nrf91emu.testkit;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A good token of an emulated device and, derived from it, one token of each {@link BadTokenKind}
 * that a careful server must reject.
 *
 * <pre>{@code
 * BadTokens tokens = BadTokens.builder().seed(7).clock(clock).build();
 * ModemTokenVerifier verifier =
 *         ModemTokenVerifier.builder().jwkSet(tokens.jwkSet()).clock(tokens.clock()).build();
 * verifier.verify(tokens.goodToken());                       // accepted
 * for (BadToken bad : tokens.all()) {
 *     assertThrows(TokenRejectedException.class, () -> verifier.verify(bad.token()));
 * }
 * }</pre>
 *
 * <p>All tokens come from modems built from the same seed, so they share one identity key. The good
 * token is made at the clock's time. It is the device's first token whose signature segment
 * contains a {@code -} or {@code _}, usually the very first, so that {@link
 * BadTokenKind#STANDARD_BASE64_ALPHABET} has a character to replace. The expired token and the one
 * issued in the future come from modems whose clocks are fixed before and after that time, so their
 * signatures are valid and only their times are wrong. The other device is a key pair held here,
 * because re-signing a token needs a private key and a modem never gives out its own.
 *
 * <p>Instances are immutable.
 */
public final class BadTokens {
    private final String goodToken;
    private final P256PublicKey deviceKey;
    private final P256PublicKey otherDeviceKey;
    private final Instant now;
    private final Map<BadTokenKind, BadToken> byKind;

    BadTokens(
            String goodToken,
            P256PublicKey deviceKey,
            P256PublicKey otherDeviceKey,
            Instant now,
            List<BadToken> badTokens) {
        this.goodToken = goodToken;
        this.deviceKey = deviceKey;
        this.otherDeviceKey = otherDeviceKey;
        this.now = now;
        Map<BadTokenKind, BadToken> map = new EnumMap<>(BadTokenKind.class);
        for (BadToken badToken : badTokens) {
            map.put(badToken.kind(), badToken);
        }
        this.byKind = map;
    }

    /** Returns a builder; a seed is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the token that the device made at {@link #now()}, which a server must accept. */
    public String goodToken() {
        return goodToken;
    }

    /** Returns one bad token of each kind, in the order of {@link BadTokenKind}. */
    public List<BadToken> all() {
        return List.copyOf(byKind.values());
    }

    /** Returns the bad token of a kind. */
    public BadToken get(BadTokenKind kind) {
        return byKind.get(Objects.requireNonNull(kind, "kind"));
    }

    /** Returns the public key of the device's identity key, which signed the good token. */
    public P256PublicKey deviceKey() {
        return deviceKey;
    }

    /** Returns the other device's public key. */
    public P256PublicKey otherDeviceKey() {
        return otherDeviceKey;
    }

    /** Returns the time the good token was made at, and at which the tokens are to be verified. */
    public Instant now() {
        return now;
    }

    /** Returns a clock fixed at {@link #now()} in UTC, for verifiers. */
    public Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /**
     * Returns a JWK Set of the device's key and the other device's key, each under the kid the
     * modem puts in its tokens, as a server that has registered both devices would hold it.
     */
    public String jwkSet() {
        return JwkSets.of(deviceKey, otherDeviceKey);
    }

    @Override
    public String toString() {
        return "BadTokens{kid="
                + deviceKey.spkiSha256Hex()
                + ", now="
                + now
                + ", kinds="
                + byKind.keySet()
                + "}";
    }

    /** Settings of a {@link BadTokens}, checked in {@link #build()}. */
    public static final class Builder {
        /** Limits of AT%JWT's exp_delta parameter, in seconds. */
        private static final long MAX_LIFETIME_SECONDS = 4_294_967_295L;

        private static final byte[] OTHER_DEVICE_LABEL =
                "nrf91-at-emulator testkit other device".getBytes(StandardCharsets.US_ASCII);

        private byte[] seed;
        private Clock clock = Clock.systemUTC();
        private Duration lifetime = Duration.ofHours(1);
        private Duration timeShift = Duration.ofHours(1);
        private String subject = "testkit";
        private String audience = "";
        private P256KeyPair otherDevice;

        private Builder() {}

        /** Sets the seed of the device, as {@link Modem.Builder#seed(long)} does. */
        public Builder seed(long seed) {
            byte[] bytes = new byte[Long.BYTES];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (seed >>> (56 - 8 * i));
            }
            this.seed = bytes;
            return this;
        }

        /** Sets the seed of the device, as {@link Modem.Builder#seed(byte[])} does. */
        public Builder seed(byte[] seed) {
            this.seed = Objects.requireNonNull(seed, "seed").clone();
            return this;
        }

        /**
         * Sets the clock whose current time, read once in {@link #build()}, is the time of the good
         * token and of verification; the default is the system clock.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets exp − iat of every token, whole seconds from 1 s; the default is one hour. */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /**
         * Sets how far the expired token's {@code exp} lies before the time of verification and the
         * future token's {@code iat} after it, whole seconds; the default is one hour. It must
         * exceed the clock skew that the verifier allows, 60 s by default in {@link
         * ModemTokenVerifier} and in nimbus-jose-jwt.
         */
        public Builder timeShift(Duration timeShift) {
            this.timeShift = Objects.requireNonNull(timeShift, "timeShift");
            return this;
        }

        /** Sets the {@code sub} claim; empty leaves it out. The default is {@code testkit}. */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /** Sets the {@code aud} claim; empty, the default, leaves it out. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /**
         * Sets the key pair of the other device; the default is derived from the seed with {@link
         * P256Keys#fromSeed}.
         */
        public Builder otherDevice(P256KeyPair otherDevice) {
            this.otherDevice = Objects.requireNonNull(otherDevice, "otherDevice");
            return this;
        }

        /**
         * Makes the good token and the bad tokens.
         *
         * @throws IllegalArgumentException if a setting is invalid. The seed is missing, the
         *     lifetime or time shift is not whole seconds, the lifetime is outside 1..4294967295 s,
         *     or the time shift is not positive. Or a modem would need a time outside the years
         *     2000 to 2099, the subject or audience contains a quote, a control character or an
         *     unpaired surrogate, or the other device has the device's key.
         */
        public BadTokens build() {
            if (seed == null) {
                throw new IllegalArgumentException("seed is missing (expected seed(long))");
            }
            long lifetimeSeconds = wholeSeconds("lifetime", lifetime);
            if (lifetimeSeconds < 1 || lifetimeSeconds > MAX_LIFETIME_SECONDS) {
                throw new IllegalArgumentException(
                        "lifetime is " + lifetimeSeconds + " s (expected 1..4294967295 s)");
            }
            long shiftSeconds = wholeSeconds("time shift", timeShift);
            if (shiftSeconds < 1) {
                throw new IllegalArgumentException(
                        "time shift is " + shiftSeconds + " s (expected 1 s or more)");
            }
            checkAtString("subject", subject);
            checkAtString("audience", audience);
            P256KeyPair other = otherDevice != null ? otherDevice : derivedOtherDevice();
            Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
            return new BadTokenFactory(
                            seed, now, lifetimeSeconds, shiftSeconds, subject, audience, other)
                    .make();
        }

        private P256KeyPair derivedOtherDevice() {
            byte[] input = new byte[OTHER_DEVICE_LABEL.length + seed.length];
            System.arraycopy(OTHER_DEVICE_LABEL, 0, input, 0, OTHER_DEVICE_LABEL.length);
            System.arraycopy(seed, 0, input, OTHER_DEVICE_LABEL.length, seed.length);
            return P256Keys.fromSeed(input);
        }

        private static long wholeSeconds(String name, Duration duration) {
            if (duration.getNano() != 0) {
                throw new IllegalArgumentException(
                        name + " is " + duration + " (expected whole seconds)");
            }
            return duration.getSeconds();
        }

        /** Rejects text that an AT command can't carry between quotes. */
        private static void checkAtString(String name, String value) {
            if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
                throw new IllegalArgumentException(
                        name + " has an unpaired surrogate (expected text that UTF-8 can encode)");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c < 0x20 || c == 0x7F) {
                    throw new IllegalArgumentException(
                            name
                                    + " contains "
                                    + String.format("U+%04X", (int) c)
                                    + " at index "
                                    + i
                                    + " (expected no quote and no control characters)");
                }
            }
        }
    }
}
