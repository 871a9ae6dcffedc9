package io.github.nrf91emu.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Makes the tokens of one {@link BadTokens}; the builder has checked the settings. */
final class BadTokenFactory {
    /** The years that the modem's clock can show; outside them it makes tokens without times. */
    private static final Instant MODEM_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final Instant MODEM_END = Instant.parse("2100-01-01T00:00:00Z");

    /** Tokens to try for {@link #goodToken}; all failing has a probability below 10^-75. */
    private static final int MAX_GOOD_TOKEN_ATTEMPTS = 64;

    private final byte[] seed;
    private final Instant now;
    private final long lifetimeSeconds;
    private final long shiftSeconds;
    private final String command;
    private final P256KeyPair otherDevice;

    BadTokenFactory(
            byte[] seed,
            Instant now,
            long lifetimeSeconds,
            long shiftSeconds,
            String subject,
            String audience,
            P256KeyPair otherDevice) {
        this.seed = seed;
        this.now = now;
        this.lifetimeSeconds = lifetimeSeconds;
        this.shiftSeconds = shiftSeconds;
        this.command = "AT%JWT=0," + lifetimeSeconds + ",\"" + subject + "\",\"" + audience + "\"";
        this.otherDevice = otherDevice;
    }

    BadTokens make() {
        Instant expiredIssuedAt = now.minusSeconds(lifetimeSeconds + shiftSeconds);
        Instant futureIssuedAt = now.plusSeconds(shiftSeconds);
        checkModemTime(expiredIssuedAt);
        checkModemTime(futureIssuedAt);

        Modem modem = modemAt(now);
        P256PublicKey deviceKey = modem.identity().publicKey();
        if (deviceKey.equals(otherDevice.publicKey())) {
            throw new IllegalArgumentException(
                    "other device has the device's own key (kid "
                            + deviceKey.spkiSha256Hex()
                            + "); expected a different key");
        }
        String good = goodToken(modem);
        String expired = tokenOf(modemAt(expiredIssuedAt), expiredIssuedAt);
        String future = tokenOf(modemAt(futureIssuedAt), futureIssuedAt);

        List<BadToken> badTokens = new ArrayList<>();
        badTokens.add(
                TokenTampering.bad(
                        BadTokenKind.EXPIRED,
                        expired,
                        "exp "
                                + expiredIssuedAt.plusSeconds(lifetimeSeconds)
                                + " is "
                                + shiftSeconds
                                + " s before "
                                + now
                                + ", from a clock at "
                                + expiredIssuedAt));
        badTokens.add(
                TokenTampering.bad(
                        BadTokenKind.ISSUED_IN_FUTURE,
                        future,
                        "iat " + futureIssuedAt + " is " + shiftSeconds + " s after " + now));
        badTokens.addAll(new TokenTampering(good, deviceKey, otherDevice).derivedTokens());
        return new BadTokens(good, deviceKey, otherDevice.publicKey(), now, badTokens);
    }

    /**
     * Returns the first token of the device whose signature segment contains a {@code -} or {@code
     * _}, so that {@link BadTokenKind#STANDARD_BASE64_ALPHABET} has a character to replace. About
     * one signature in 15 has neither, and each new token has a new jti and so a new signature.
     */
    private String goodToken(Modem modem) {
        for (int attempt = 0; attempt < MAX_GOOD_TOKEN_ATTEMPTS; attempt++) {
            String token = tokenOf(modem, now);
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.indexOf('-') >= 0 || signature.indexOf('_') >= 0) {
                return token;
            }
        }
        throw new IllegalStateException(
                MAX_GOOD_TOKEN_ATTEMPTS
                        + " tokens in a row have no '-' or '_' in their signature (expected about"
                        + " one in 15)");
    }

    private Modem modemAt(Instant instant) {
        return Modem.builder().seed(seed).clock(Clock.fixed(instant, ZoneOffset.UTC)).build();
    }

    /**
     * Runs the token command and checks that the modem wrote {@code iat} and {@code exp} as
     * expected, so that each bad token is wrong only in the way its kind describes.
     */
    private String tokenOf(Modem modem, Instant issuedAt) {
        String response = modem.execute(command);
        String prefix = "%JWT: \"";
        String suffix = "\"\r\nOK\r\n";
        if (!response.startsWith(prefix) || !response.endsWith(suffix)) {
            throw new IllegalStateException(
                    "modem response to "
                            + command
                            + " is "
                            + JoseJson.quote(response)
                            + " (expected %JWT: \"<token>\" and OK)");
        }
        String token = response.substring(prefix.length(), response.length() - suffix.length());
        ObjectNode claims = TokenTampering.claimsOf(token);
        long iat = claims.path("iat").asLong(-1);
        long exp = claims.path("exp").asLong(-1);
        if (iat != issuedAt.getEpochSecond() || exp != iat + lifetimeSeconds) {
            throw new IllegalStateException(
                    "modem token has iat "
                            + iat
                            + " and exp "
                            + exp
                            + " (expected "
                            + issuedAt.getEpochSecond()
                            + " and "
                            + (issuedAt.getEpochSecond() + lifetimeSeconds)
                            + ")");
        }
        return token;
    }

    private static void checkModemTime(Instant instant) {
        if (instant.isBefore(MODEM_EARLIEST) || !instant.isBefore(MODEM_END)) {
            throw new IllegalArgumentException(
                    "a modem would need its clock at "
                            + instant
                            + ", outside the years 2000 to 2099 that it can show (move the"
                            + " clock, or shorten the lifetime or time shift)");
        }
    }
}
