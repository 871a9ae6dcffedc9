package io.github.nrf91emu.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BadTokensBuilderTest {
    private static final Instant NOW = Instant.parse("2030-05-06T07:08:09Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static BadTokens.Builder builder() {
        return BadTokens.builder().seed(21).clock(CLOCK);
    }

    private static ModemTokenVerifier verifier(BadTokens tokens) {
        return ModemTokenVerifier.builder().jwkSet(tokens.jwkSet()).clock(tokens.clock()).build();
    }

    private static String message(BadTokens.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void deviceKeyIsModemIdentity() {
        BadTokens tokens = builder().build();
        Modem modem = Modem.builder().seed(21).build();

        assertEquals(modem.identity().publicKey(), tokens.deviceKey());
        assertNotEquals(tokens.deviceKey(), tokens.otherDeviceKey());
        assertEquals(NOW, tokens.now());
        assertEquals(NOW, tokens.clock().instant());
    }

    @Test
    void seedBytesMatchSeedNumber() {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 21};
        BadTokens fromBytes = BadTokens.builder().seed(bytes).clock(CLOCK).build();
        assertEquals(builder().build().goodToken(), fromBytes.goodToken());
    }

    @Test
    void otherSeedGivesOtherDevice() {
        BadTokens tokens = builder().build();
        BadTokens other = BadTokens.builder().seed(22).clock(CLOCK).build();
        assertNotEquals(tokens.deviceKey(), other.deviceKey());
        assertNotEquals(tokens.otherDeviceKey(), other.otherDeviceKey());
    }

    @Test
    void claimsFollowSettings() throws Exception {
        BadTokens tokens =
                builder()
                        .lifetime(Duration.ofMinutes(5))
                        .subject("device-21")
                        .audience("urn:example:server")
                        .build();

        VerifiedToken good = verifier(tokens).verify(tokens.goodToken());

        assertEquals(Optional.of("device-21"), good.subject());
        assertEquals(Optional.of("urn:example:server"), good.audience());
        assertEquals(Optional.of(NOW.plusSeconds(300)), good.expiresAt());
    }

    @Test
    void emptySubjectLeavesClaimOut() throws Exception {
        BadTokens tokens = builder().subject("").build();
        VerifiedToken good = verifier(tokens).verify(tokens.goodToken());
        assertEquals(Optional.empty(), good.subject());
        assertEquals(Optional.empty(), good.audience());
    }

    @Test
    void timeShiftMovesTimedTokens() throws Exception {
        BadTokens tokens =
                builder()
                        .lifetime(Duration.ofSeconds(10))
                        .timeShift(Duration.ofSeconds(90))
                        .build();
        ModemTokenVerifier verifier = verifier(tokens);

        TokenRejectedException expired =
                assertThrows(
                        TokenRejectedException.class,
                        () -> verifier.verify(tokens.get(BadTokenKind.EXPIRED).token()));
        TokenRejectedException future =
                assertThrows(
                        TokenRejectedException.class,
                        () -> verifier.verify(tokens.get(BadTokenKind.ISSUED_IN_FUTURE).token()));

        assertTrue(
                expired.getMessage().contains(NOW.minusSeconds(90).toString()),
                expired.getMessage());
        assertTrue(
                future.getMessage().contains(NOW.plusSeconds(90).toString()), future.getMessage());
    }

    /** Shows why the time shift must exceed the verifier's skew: within it, the token passes. */
    @Test
    void shiftWithinSkewIsAccepted() throws Exception {
        BadTokens tokens = builder().timeShift(Duration.ofSeconds(30)).build();
        verifier(tokens).verify(tokens.get(BadTokenKind.EXPIRED).token());
        verifier(tokens).verify(tokens.get(BadTokenKind.ISSUED_IN_FUTURE).token());
    }

    @Test
    void givenOtherDeviceSigns() throws Exception {
        P256KeyPair other =
                P256Keys.fromSeed("given other device".getBytes(StandardCharsets.US_ASCII));
        BadTokens tokens = builder().otherDevice(other).build();

        assertEquals(other.publicKey(), tokens.otherDeviceKey());
        assertTrue(tokens.jwkSet().contains(other.publicKey().spkiSha256Hex()));
    }

    @Test
    void rejectsOtherDeviceWithDeviceKey() {
        byte[] seed = {0, 0, 0, 0, 0, 0, 0, 21};
        Device device =
                Device.fromSeed(
                        seed,
                        Model.NRF9160,
                        Model.NRF9160.defaultFirmwareVersion(),
                        ModemClock.following(CLOCK));

        String message = message(builder().otherDevice(device.identityKey()));

        assertTrue(message.startsWith("other device has the device's own key"), message);
    }

    @Test
    void rejectsMissingSeed() {
        assertEquals("seed is missing (expected seed(long))", message(BadTokens.builder()));
    }

    @Test
    void rejectsZeroLifetime() {
        assertEquals(
                "lifetime is 0 s (expected 1..4294967295 s)",
                message(builder().lifetime(Duration.ZERO)));
    }

    @Test
    void rejectsLifetimeAboveExpDelta() {
        String message = message(builder().lifetime(Duration.ofSeconds(4_294_967_296L)));
        assertEquals("lifetime is 4294967296 s (expected 1..4294967295 s)", message);
    }

    @Test
    void rejectsFractionalSeconds() {
        assertEquals(
                "lifetime is PT1.5S (expected whole seconds)",
                message(builder().lifetime(Duration.ofMillis(1500))));
        assertEquals(
                "time shift is PT0.5S (expected whole seconds)",
                message(builder().timeShift(Duration.ofMillis(500))));
    }

    @Test
    void rejectsZeroTimeShift() {
        assertEquals(
                "time shift is 0 s (expected 1 s or more)",
                message(builder().timeShift(Duration.ZERO)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a\"b", "line\nbreak", "tab\t", "del\u007f", "half \ud800 pair"})
    void rejectsTextAtCannotCarry(String text) {
        String subjectMessage = message(builder().subject(text));
        String audienceMessage = message(builder().audience(text));

        assertTrue(subjectMessage.startsWith("subject "), subjectMessage);
        assertTrue(audienceMessage.startsWith("audience "), audienceMessage);
    }

    @Test
    void acceptsNonAsciiSubject() throws Exception {
        BadTokens tokens = builder().subject("Gerät 😀").build();
        assertEquals(
                Optional.of("Gerät 😀"), verifier(tokens).verify(tokens.goodToken()).subject());
    }

    @Test
    void rejectsClockBeforeModemYears() {
        Clock early = Clock.fixed(Instant.parse("2000-01-01T00:30:00Z"), ZoneOffset.UTC);
        String message = message(BadTokens.builder().seed(21).clock(early));
        assertTrue(message.contains("outside the years 2000 to 2099"), message);
    }

    @Test
    void rejectsClockAfterModemYears() {
        Clock late = Clock.fixed(Instant.parse("2099-12-31T23:30:00Z"), ZoneOffset.UTC);
        String message = message(BadTokens.builder().seed(21).clock(late));
        assertTrue(message.contains("2100-01-01T00:30:00Z"), message);
    }

    @Test
    void toStringOmitsTokens() {
        BadTokens tokens = builder().build();
        String text = tokens.toString();

        assertTrue(text.contains(tokens.deviceKey().spkiSha256Hex()), text);
        for (BadToken bad : tokens.all()) {
            assertFalse(bad.toString().contains(bad.token()), bad.toString());
        }
        assertFalse(text.contains(tokens.goodToken()), text);
    }
}
