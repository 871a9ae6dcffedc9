package io.github.nrf91emu.example;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.nrf91emu.example.InvalidDeviceTokenException.Reason;
import io.github.nrf91emu.junit.EmulatedModem;
import io.github.nrf91emu.junit.TestClock;
import io.github.nrf91emu.testkit.BadToken;
import io.github.nrf91emu.testkit.BadTokenKind;
import io.github.nrf91emu.testkit.BadTokens;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of {@link BadTokens} is rejected by the example verifier, each by the check meant for
 * it, while nimbus-jose-jwt's default processor accepts three of the kinds.
 */
@EmulatedModem
class BadDeviceTokensTest {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** The check of {@link DeviceTokenVerifier} that rejects each kind. */
    private static final Map<BadTokenKind, Reason> EXPECTED_REASONS =
            new EnumMap<>(BadTokenKind.class);

    static {
        EXPECTED_REASONS.put(BadTokenKind.EXPIRED, Reason.EXPIRED);
        EXPECTED_REASONS.put(BadTokenKind.ISSUED_IN_FUTURE, Reason.ISSUED_IN_FUTURE);
        EXPECTED_REASONS.put(BadTokenKind.SIGNED_BY_OTHER_DEVICE, Reason.INVALID_SIGNATURE);
        EXPECTED_REASONS.put(BadTokenKind.PAYLOAD_CHANGED, Reason.INVALID_SIGNATURE);
        EXPECTED_REASONS.put(BadTokenKind.DER_SIGNATURE, Reason.INVALID_SIGNATURE);
        EXPECTED_REASONS.put(BadTokenKind.ALG_NONE, Reason.UNSUPPORTED_ALGORITHM);
        EXPECTED_REASONS.put(BadTokenKind.HS256_WITH_PEM_SECRET, Reason.UNSUPPORTED_ALGORITHM);
        EXPECTED_REASONS.put(BadTokenKind.HS256_WITH_SPKI_SECRET, Reason.UNSUPPORTED_ALGORITHM);
        EXPECTED_REASONS.put(BadTokenKind.BASE64_PADDING, Reason.MALFORMED);
        EXPECTED_REASONS.put(BadTokenKind.STANDARD_BASE64_ALPHABET, Reason.MALFORMED);
        EXPECTED_REASONS.put(BadTokenKind.KID_OF_OTHER_DEVICE, Reason.INVALID_SIGNATURE);
        EXPECTED_REASONS.put(BadTokenKind.TRUNCATED, Reason.INVALID_SIGNATURE);
    }

    /**
     * Makes the good and bad tokens of one device at the test clock's time, and a verifier that has
     * registered that device and the other device whose key signs some of the bad tokens.
     */
    private record Fixture(BadTokens tokens, DeviceTokenVerifier verifier) {
        static Fixture at(TestClock clock) throws Exception {
            BadTokens tokens = BadTokens.builder().seed(7).clock(clock).build();
            JWKSet registered = JWKSet.parse(tokens.jwkSet());
            return new Fixture(tokens, new DeviceTokenVerifier(registered, clock, CLOCK_SKEW));
        }
    }

    @Test
    void tableCoversEveryKind() {
        assertEquals(
                Arrays.asList(BadTokenKind.values()), EXPECTED_REASONS.keySet().stream().toList());
    }

    @Test
    void goodTokenAccepted(TestClock clock) throws Exception {
        Fixture fixture = Fixture.at(clock);

        DeviceToken device = fixture.verifier().verify(fixture.tokens().goodToken());

        assertEquals(fixture.tokens().deviceKey().spkiSha256Hex(), device.keyId());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTokenKind.class)
    void badTokenRejected(BadTokenKind kind, TestClock clock) throws Exception {
        Fixture fixture = Fixture.at(clock);
        BadToken bad = fixture.tokens().get(kind);

        InvalidDeviceTokenException e =
                assertThrows(
                        InvalidDeviceTokenException.class,
                        () -> fixture.verifier().verify(bad.token()),
                        bad.description());

        assertEquals(EXPECTED_REASONS.get(kind), e.reason(), e.getMessage());
    }

    /**
     * nimbus-jose-jwt set up the usual way, with an ES256 key selector over the JWK Set and its
     * default claims verifier on the system clock, accepts a token issued in the future and tokens
     * in a lax Base64 encoding. The example verifier adds the checks for these kinds.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = BadTokenKind.class,
            names = {"ISSUED_IN_FUTURE", "BASE64_PADDING", "STANDARD_BASE64_ALPHABET"})
    void nimbusDefaultsAccept(BadTokenKind kind) throws Exception {
        BadTokens tokens = BadTokens.builder().seed(7).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(
                        JWSAlgorithm.ES256, new ImmutableJWKSet<>(JWKSet.parse(tokens.jwkSet()))));

        String token = tokens.get(kind).token();

        assertDoesNotThrow(() -> processor.process(token, null));
    }
}
