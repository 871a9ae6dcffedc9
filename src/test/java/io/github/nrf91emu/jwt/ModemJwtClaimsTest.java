package io.github.nrf91emu.jwt;

import static io.github.nrf91emu.jwt.TokenTestSupport.ISSUER;
import static io.github.nrf91emu.jwt.TokenTestSupport.JWT_ID;
import static io.github.nrf91emu.jwt.TokenTestSupport.bytes;
import static io.github.nrf91emu.jwt.TokenTestSupport.claims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation in {@link ModemJwtClaims.Builder#build()}, the UTF-8 check and the accessors. */
class ModemJwtClaimsTest {

    @Test
    void build_issAndJtiOnly_leavesOthersOut() {
        ModemJwtClaims claims = claims().build();

        assertEquals(ISSUER, claims.issuer());
        assertEquals(JWT_ID, claims.jwtId());
        assertEquals(OptionalLong.empty(), claims.issuedAt());
        assertEquals(OptionalLong.empty(), claims.expiresAt());
        assertFalse(claims.hasSubject(), "hasSubject");
        assertFalse(claims.hasAudience(), "hasAudience");
        assertArrayEquals(new byte[0], claims.subject());
        assertArrayEquals(new byte[0], claims.audience());
    }

    @Test
    void build_allClaims_keepsValues() {
        ModemJwtClaims claims =
                claims().issuedAt(100).expiresAt(160).subject("sub").audience("aud").build();

        assertEquals(OptionalLong.of(100), claims.issuedAt());
        assertEquals(OptionalLong.of(160), claims.expiresAt());
        assertArrayEquals(ascii("sub"), claims.subject());
        assertArrayEquals(ascii("aud"), claims.audience());
    }

    /** Name, a builder with one wrong value, and a fragment the message must contain. */
    static Stream<Arguments> invalidBuilders() {
        return Stream.of(
                Arguments.of(
                        "iss missing",
                        ModemJwtClaims.builder().jwtId(JWT_ID),
                        "claim iss is missing (expected a non-empty string from issuer(String))"),
                Arguments.of("iss empty", claims().issuer(""), "claim iss is empty"),
                Arguments.of(
                        "jti missing",
                        ModemJwtClaims.builder().issuer(ISSUER),
                        "claim jti is missing (expected a non-empty string from jwtId(String))"),
                Arguments.of("jti empty", claims().jwtId(""), "claim jti is empty"),
                Arguments.of(
                        "iat without exp",
                        claims().issuedAt(100),
                        "claim iat is set but exp is not (set both or neither)"),
                Arguments.of(
                        "exp without iat",
                        claims().expiresAt(100),
                        "claim exp is set but iat is not (set both or neither)"),
                Arguments.of(
                        "exp before iat",
                        claims().issuedAt(100).expiresAt(99),
                        "claim exp 99 is before iat 100 (expected exp >= iat)"),
                Arguments.of(
                        "iat negative",
                        claims().issuedAt(-1).expiresAt(100),
                        "claim iat is negative: -1"),
                Arguments.of(
                        "exp negative",
                        claims().issuedAt(0).expiresAt(Long.MIN_VALUE),
                        "claim exp is negative: " + Long.MIN_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBuilders")
    void build_invalidValue_throwsNamingClaim(
            String name, ModemJwtClaims.Builder builder, String expectedMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(
                e.getMessage().contains(expectedMessage),
                () -> "message " + e.getMessage() + " lacks " + expectedMessage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBuilders")
    void build_invalidValue_isNotInvalidClaimException(
            String name, ModemJwtClaims.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertFalse(e instanceof InvalidClaimException, "thrown " + e.getClass().getName());
    }

    @Test
    void build_expEqualsIat_accepted() {
        ModemJwtClaims claims = claims().issuedAt(100).expiresAt(100).build();

        assertEquals(OptionalLong.of(100), claims.expiresAt());
    }

    /** Name, claim bytes, the offset of the ill-formed sequence, and a fragment of the reason. */
    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of(
                        "lone continuation byte",
                        bytes('a', 'b', 0x80, 'c'),
                        2,
                        "continuation byte 0x80 without a lead byte"),
                Arguments.of(
                        "continuation byte after a whole sequence",
                        bytes(0xC3, 0xA9, 0xA9),
                        2,
                        "continuation byte 0xA9 without a lead byte"),
                Arguments.of(
                        "2-byte sequence truncated at end",
                        bytes('x', 0xC3),
                        1,
                        "lead byte 0xC3 needs 1 continuation byte (0x80 to 0xBF), but the value"
                                + " ends after 0 of them"),
                Arguments.of(
                        "3-byte sequence truncated at end",
                        bytes('a', 'b', 0xE2, 0x82),
                        2,
                        "lead byte 0xE2 needs 2 continuation bytes (0x80 to 0xBF), but the value"
                                + " ends after 1 of them"),
                Arguments.of(
                        "4-byte sequence truncated at end",
                        bytes(0xF0, 0x9F, 0x98),
                        0,
                        "but the value ends after 2 of them"),
                Arguments.of(
                        "3-byte sequence cut by ASCII",
                        bytes(0xE2, 0x82, 'A'),
                        0,
                        "but byte 0x41 at offset 2 is not one"),
                Arguments.of(
                        "2-byte sequence cut by a lead byte",
                        bytes(0xC3, 0xC3, 0xA9),
                        0,
                        "but byte 0xC3 at offset 1 is not one"),
                Arguments.of(
                        "overlong C0 80",
                        bytes('a', 0xC0, 0x80),
                        1,
                        "byte 0xC0 starts an overlong encoding"),
                Arguments.of(
                        "overlong C1 BF",
                        bytes(0xC1, 0xBF),
                        0,
                        "byte 0xC1 starts an overlong encoding"),
                Arguments.of(
                        "overlong E0 80 80",
                        bytes(0xE0, 0x80, 0x80),
                        0,
                        "bytes 0xE0 0x80 start an overlong encoding"),
                Arguments.of(
                        "overlong F0 80 80 80",
                        bytes(0xF0, 0x80, 0x80, 0x80),
                        0,
                        "bytes 0xF0 0x80 start an overlong encoding"),
                Arguments.of(
                        "high surrogate ED A0 80",
                        bytes('a', 'b', 'c', 0xED, 0xA0, 0x80),
                        3,
                        "bytes 0xED 0xA0 start a UTF-16 surrogate (U+D800 to U+DFFF)"),
                Arguments.of(
                        "low surrogate ED BF BF",
                        bytes(0xED, 0xBF, 0xBF),
                        0,
                        "bytes 0xED 0xBF start a UTF-16 surrogate"),
                Arguments.of(
                        "above U+10FFFF F4 90 80 80",
                        bytes(0xF4, 0x90, 0x80, 0x80),
                        0,
                        "bytes 0xF4 0x90 start a code point above U+10FFFF"),
                Arguments.of(
                        "lead byte F5", bytes(0xF5, 0x80, 0x80, 0x80), 0, "byte 0xF5 never occurs"),
                Arguments.of("byte FF", bytes('z', 0xFF), 1, "byte 0xFF never occurs in UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void subject_invalidUtf8_rejectedAtOffset(String name, byte[] subject, int offset) {
        ModemJwtClaims.Builder builder = claims().subject(subject);

        InvalidClaimException e = assertThrows(InvalidClaimException.class, builder::build);

        assertEquals("sub", e.claim());
        assertEquals(offset, e.byteOffset());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void subject_invalidUtf8_messageNamesCause(
            String name, byte[] subject, int offset, String reason) {
        ModemJwtClaims.Builder builder = claims().subject(subject);

        InvalidClaimException e = assertThrows(InvalidClaimException.class, builder::build);

        String prefix = "invalid UTF-8 in claim sub at byte offset " + offset + ": ";
        assertTrue(e.getMessage().startsWith(prefix), () -> "message " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), () -> "message " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void audience_invalidUtf8_rejectedAtOffset(String name, byte[] audience, int offset) {
        ModemJwtClaims.Builder builder = claims().subject("valid").audience(audience);

        InvalidClaimException e = assertThrows(InvalidClaimException.class, builder::build);

        assertEquals("aud", e.claim());
        assertEquals(offset, e.byteOffset());
    }

    /** The first and last code points of each UTF-8 length and around the surrogates. */
    @ParameterizedTest
    @ValueSource(
            ints = {
                0x00, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF
            })
    void subject_boundaryCodePoints_accepted(int codePoint) {
        byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);

        ModemJwtClaims claims = claims().subject(utf8).build();

        assertArrayEquals(utf8, claims.subject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientAuth", "caf\u00e9", "\u20ac 5", "smile \ud83d\ude00", "\u0000"})
    void subjectString_encodedAsUtf8(String subject) {
        ModemJwtClaims claims = claims().subject(subject).build();

        assertArrayEquals(subject.getBytes(StandardCharsets.UTF_8), claims.subject());
    }

    /** Name, a string with an unpaired surrogate, and the byte offset of its 3-byte form. */
    static Stream<Arguments> unpairedSurrogates() {
        return Stream.of(
                Arguments.of("high surrogate alone", "ab\ud800", 2),
                Arguments.of("low surrogate alone", "\udc00x", 0),
                Arguments.of("high surrogate before ASCII", "\u00e9\ud83dx", 2),
                Arguments.of("two high surrogates", "\ud83d\ud83d\ude00", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unpairedSurrogates")
    void subjectString_unpairedSurrogate_rejected(String name, String subject, int offset) {
        ModemJwtClaims.Builder builder = claims().subject(subject);

        InvalidClaimException e = assertThrows(InvalidClaimException.class, builder::build);

        assertEquals("sub", e.claim());
        assertEquals(offset, e.byteOffset());
    }

    /** Name and a setter that puts an unpaired surrogate into one required claim. */
    static Stream<Arguments> requiredClaimsWithSurrogate() {
        BiFunction<ModemJwtClaims.Builder, String, ModemJwtClaims.Builder> issuer =
                ModemJwtClaims.Builder::issuer;
        BiFunction<ModemJwtClaims.Builder, String, ModemJwtClaims.Builder> jwtId =
                ModemJwtClaims.Builder::jwtId;
        return Stream.of(Arguments.of("iss", issuer), Arguments.of("jti", jwtId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredClaimsWithSurrogate")
    void requiredClaim_unpairedSurrogate_rejected(
            String claim,
            BiFunction<ModemJwtClaims.Builder, String, ModemJwtClaims.Builder> setter) {
        ModemJwtClaims.Builder builder = setter.apply(claims(), "nRF9160.\ud800");

        InvalidClaimException e = assertThrows(InvalidClaimException.class, builder::build);

        assertEquals(claim, e.claim());
        assertEquals(8, e.byteOffset());
    }

    @Test
    void subject_emptyArray_leftOut() {
        ModemJwtClaims claims = claims().subject(new byte[0]).build();

        assertFalse(claims.hasSubject());
    }

    @Test
    void subject_emptyString_leftOut() {
        ModemJwtClaims claims = claims().subject("").build();

        assertFalse(claims.hasSubject());
    }

    @Test
    void subject_null_leftOut() {
        ModemJwtClaims claims = claims().subject("x").subject((byte[]) null).build();

        assertFalse(claims.hasSubject());
    }

    @Test
    void audience_null_leftOut() {
        ModemJwtClaims claims = claims().audience("x").audience((String) null).build();

        assertFalse(claims.hasAudience());
    }

    @Test
    void subject_inputArrayChangedLater_claimUnchanged() {
        byte[] subject = ascii("device");
        ModemJwtClaims.Builder builder = claims().subject(subject);
        subject[0] = 'X';

        assertArrayEquals(ascii("device"), builder.build().subject());
    }

    @Test
    void subject_returnedArrayChanged_claimUnchanged() {
        ModemJwtClaims claims = claims().subject("device").build();

        claims.subject()[0] = 'X';

        assertArrayEquals(ascii("device"), claims.subject());
    }

    @Test
    void builder_buildsTwice_equalClaims() {
        ModemJwtClaims.Builder builder = claims().subject("a").audience("b");

        ModemJwtClaims first = builder.build();
        ModemJwtClaims second = builder.build();

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void equals_differentSubject_notEqual() {
        assertNotEquals(claims().subject("a").build(), claims().subject("b").build());
    }

    @Test
    void equals_timesLeftOutAndZero_notEqual() {
        assertNotEquals(claims().build(), claims().issuedAt(0).expiresAt(0).build());
    }

    @Test
    void toString_listsPresentClaims() {
        ModemJwtClaims claims = claims().issuedAt(1).expiresAt(2).audience("urn:server").build();

        assertEquals(
                "ModemJwtClaims{iss="
                        + ISSUER
                        + ", jti="
                        + JWT_ID
                        + ", iat=1, exp=2, aud=urn:server}",
                claims.toString());
    }

    @Test
    void builder_returnsItself() {
        ModemJwtClaims.Builder builder = ModemJwtClaims.builder();

        assertSame(builder, builder.issuer(ISSUER));
        assertSame(builder, builder.subject(new byte[0]));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
