package io.github.nrf91emu.testkit;

import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks of {@code iat}, {@code exp} and {@code nbf} against the current time (RFC 7519 §4.1.4 and
 * §4.1.5), with a clock skew allowed in both directions. A token is expired from {@code exp} plus
 * the skew on, and issued in the future or not yet valid when {@code iat} or {@code nbf} lies more
 * than the skew after now.
 */
final class ClaimTimes {
    private ClaimTimes() {}

    /**
     * Checks the times of a token.
     *
     * @throws TokenRejectedException with {@link Reason#EXPIRY_BEFORE_ISSUE}, {@link
     *     Reason#MISSING_EXPIRY}, {@link Reason#EXPIRED}, {@link Reason#ISSUED_IN_FUTURE} or {@link
     *     Reason#NOT_YET_VALID}, checked in that order
     */
    static void check(VerifiedToken token, Instant now, Duration skew, boolean requireExpiry)
            throws TokenRejectedException {
        Optional<Instant> issuedAt = token.issuedAt();
        Optional<Instant> expiresAt = token.expiresAt();
        if (issuedAt.isPresent()
                && expiresAt.isPresent()
                && expiresAt.get().isBefore(issuedAt.get())) {
            throw new TokenRejectedException(
                    Reason.EXPIRY_BEFORE_ISSUE,
                    "exp " + expiresAt.get() + " is before iat " + issuedAt.get());
        }
        if (expiresAt.isEmpty() && requireExpiry) {
            throw new TokenRejectedException(
                    Reason.MISSING_EXPIRY, "token has no exp claim (expected one)");
        }

        Instant latest = plusSaturating(now, skew);
        if (expiresAt.isPresent() && !now.isBefore(plusSaturating(expiresAt.get(), skew))) {
            throw new TokenRejectedException(
                    Reason.EXPIRED, "token expired at " + expiresAt.get() + context(now, skew));
        }
        if (issuedAt.isPresent() && issuedAt.get().isAfter(latest)) {
            throw new TokenRejectedException(
                    Reason.ISSUED_IN_FUTURE,
                    "token is issued at " + issuedAt.get() + context(now, skew));
        }
        Optional<Instant> notBefore = token.notBefore();
        if (notBefore.isPresent() && notBefore.get().isAfter(latest)) {
            throw new TokenRejectedException(
                    Reason.NOT_YET_VALID,
                    "token is not valid before " + notBefore.get() + context(now, skew));
        }
    }

    private static String context(Instant now, Duration skew) {
        String skewText = skew.getNano() == 0 ? skew.getSeconds() + " s" : skew.toString();
        return " (now " + now + ", allowed clock skew " + skewText + ")";
    }

    /** Adds a duration, giving {@link Instant#MAX} where the sum would leave Instant's range. */
    private static Instant plusSaturating(Instant instant, Duration duration) {
        try {
            return instant.plus(duration);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }
}
