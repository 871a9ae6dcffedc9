package io.github.nrf91emu.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives bad tokens from a good one by changing a header member, the payload, the signature or the
 * encoding. Changed JSON is written compactly and padded with spaces as the modem pads it, so that
 * each token differs from the good one only in what its kind describes.
 */
final class TokenTampering {
    private static final long ONE_YEAR_SECONDS = 365L * 24 * 60 * 60;

    private final String goodToken;
    private final CompactToken good;
    private final P256PublicKey deviceKey;
    private final P256KeyPair otherDevice;

    TokenTampering(String goodToken, P256PublicKey deviceKey, P256KeyPair otherDevice) {
        this.goodToken = goodToken;
        this.good = split(goodToken);
        this.deviceKey = deviceKey;
        this.otherDevice = otherDevice;
    }

    /** Returns the tampered tokens in the order of {@link BadTokenKind}. */
    List<BadToken> derivedTokens() {
        return List.of(
                signedByOtherDevice(),
                payloadChanged(),
                derSignature(),
                algNone(),
                hs256("PEM text", BadTokenKind.HS256_WITH_PEM_SECRET, pemSecret()),
                hs256("SPKI DER", BadTokenKind.HS256_WITH_SPKI_SECRET, deviceKey.toSpkiDer()),
                base64Padding(),
                standardAlphabet(),
                kidOfOtherDevice(),
                truncated());
    }

    /** Returns the claims of a modem token, whose payload is known to be a JSON object. */
    static ObjectNode claimsOf(String token) {
        CompactToken segments = split(token);
        try {
            return JoseJson.parseObject(
                    CompactToken.decode(segments.payloadSegment(), "payload"), "payload");
        } catch (TokenRejectedException e) {
            throw new IllegalStateException(
                    "modem token has a malformed payload: " + e.getMessage(), e);
        }
    }

    private BadToken signedByOtherDevice() {
        byte[] signature = Es256.sign(otherDevice.privateKey(), good.signingInput());
        return bad(
                BadTokenKind.SIGNED_BY_OTHER_DEVICE,
                withSignature(good, signature),
                "signed by the key of kid "
                        + otherDevice.publicKey().spkiSha256Hex()
                        + ", but the header's kid is "
                        + deviceKey.spkiSha256Hex());
    }

    private BadToken payloadChanged() {
        ObjectNode claims = claimsOf(goodToken);
        long exp = claims.get("exp").longValue();
        claims.put("exp", exp + ONE_YEAR_SECONDS);
        String payload = Base64Url.encode(JoseJson.toModemJson(claims));
        CompactToken changed =
                new CompactToken(good.headerSegment(), payload, good.signatureSegment());
        return bad(
                BadTokenKind.PAYLOAD_CHANGED,
                changed.join(),
                "exp changed from " + exp + " to " + (exp + ONE_YEAR_SECONDS) + " after signing");
    }

    private BadToken derSignature() {
        byte[] der = Es256.toDer(signatureOf(good));
        return bad(
                BadTokenKind.DER_SIGNATURE,
                withSignature(good, der),
                "the good signature as " + der.length + " bytes of DER instead of 64 bytes r‖s");
    }

    private BadToken algNone() {
        String header = headerWith("alg", "none");
        CompactToken unsecured = new CompactToken(header, good.payloadSegment(), "");
        return bad(
                BadTokenKind.ALG_NONE, unsecured.join(), "alg none and an empty signature segment");
    }

    /**
     * Signs the good payload under an HS256 header with HMAC-SHA256 from the JDK, keyed with bytes
     * of the device's public key, as a verifier confused about the algorithm would check it.
     */
    private BadToken hs256(String secretName, BadTokenKind kind, byte[] secret) {
        CompactToken unsigned =
                new CompactToken(headerWith("alg", "HS256"), good.payloadSegment(), "");
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac = hmac.doFinal(unsigned.signingInput());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
        return bad(
                kind,
                withSignature(unsigned, mac),
                "alg HS256, HMAC-SHA256 keyed with the device's public key "
                        + secretName
                        + " ("
                        + secret.length
                        + " bytes)");
    }

    /** Adds the {@code =} padding that standard Base64 gives 64 bytes: two characters. */
    private BadToken base64Padding() {
        String signature = good.signatureSegment();
        String padding = "=".repeat((4 - signature.length() % 4) % 4);
        CompactToken padded =
                new CompactToken(good.headerSegment(), good.payloadSegment(), signature + padding);
        return bad(
                BadTokenKind.BASE64_PADDING,
                padded.join(),
                "signature segment ends in " + JoseJson.quote(padding));
    }

    /**
     * Writes the signature segment in the standard Base64 alphabet. Only the signature changes,
     * because a changed header or payload would also fail the signature, and this token should fail
     * only a strict decoder.
     */
    private BadToken standardAlphabet() {
        String signature = good.signatureSegment();
        String standard = signature.replace('-', '+').replace('_', '/');
        if (standard.equals(signature)) {
            throw new IllegalStateException(
                    "good token's signature has no '-' or '_' to replace with '+' or '/'");
        }
        CompactToken changed =
                new CompactToken(good.headerSegment(), good.payloadSegment(), standard);
        return bad(
                BadTokenKind.STANDARD_BASE64_ALPHABET,
                changed.join(),
                "in the signature segment, "
                        + count(signature, '-')
                        + " '-' replaced by '+' and "
                        + count(signature, '_')
                        + " '_' replaced by '/'");
    }

    private BadToken kidOfOtherDevice() {
        String otherKid = otherDevice.publicKey().spkiSha256Hex();
        CompactToken changed =
                new CompactToken(
                        headerWith("kid", otherKid),
                        good.payloadSegment(),
                        good.signatureSegment());
        return bad(
                BadTokenKind.KID_OF_OTHER_DEVICE,
                changed.join(),
                "kid changed from "
                        + deviceKey.spkiSha256Hex()
                        + " to "
                        + otherKid
                        + "; the signature is still the device's");
    }

    private BadToken truncated() {
        return bad(
                BadTokenKind.TRUNCATED,
                goodToken.substring(0, goodToken.length() - 2),
                "token cut from "
                        + goodToken.length()
                        + " to "
                        + (goodToken.length() - 2)
                        + " characters");
    }

    /** Returns the good header with one member set, as a Base64Url segment. */
    private String headerWith(String member, String value) {
        ObjectNode header;
        try {
            header =
                    JoseJson.parseObject(
                            CompactToken.decode(good.headerSegment(), "header"), "header");
        } catch (TokenRejectedException e) {
            throw new IllegalStateException(
                    "modem token has a malformed header: " + e.getMessage(), e);
        }
        header.put(member, value);
        return Base64Url.encode(JoseJson.toModemJson(header));
    }

    private static String withSignature(CompactToken segments, byte[] signature) {
        return new CompactToken(
                        segments.headerSegment(),
                        segments.payloadSegment(),
                        Base64Url.encode(signature))
                .join();
    }

    private static byte[] signatureOf(CompactToken segments) {
        return Base64Url.decode(segments.signatureSegment());
    }

    private byte[] pemSecret() {
        return deviceKey.toPem().getBytes(StandardCharsets.US_ASCII);
    }

    /** Creates a bad token whose description is the kind's, followed by this token's details. */
    static BadToken bad(BadTokenKind kind, String token, String details) {
        return new BadToken(kind, token, kind.description() + ": " + details);
    }

    private static CompactToken split(String token) {
        try {
            return CompactToken.split(token);
        } catch (TokenRejectedException e) {
            throw new IllegalStateException("modem token is malformed: " + e.getMessage(), e);
        }
    }

    private static int count(String text, char c) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }
}
