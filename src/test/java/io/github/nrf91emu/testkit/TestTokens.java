package io.github.nrf91emu.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.testkit.TokenRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Keys, hand-made signed tokens and a rejection check for the testkit tests. */
final class TestTokens {
    static final P256KeyPair KEY = P256Keys.fromSeed(ascii("testkit verifier key"));
    static final P256KeyPair OTHER_KEY = P256Keys.fromSeed(ascii("testkit verifier other key"));

    private TestTokens() {}

    /** Returns the modem's header JSON for a kid. */
    static String header(String kid) {
        return "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}";
    }

    /** Signs JSON texts, encoded as UTF-8, with ES256 into a compact token. */
    static String sign(P256KeyPair key, String headerJson, String payloadJson) {
        return sign(key, utf8(headerJson), utf8(payloadJson));
    }

    /** Signs header and payload bytes with ES256 into a compact token. */
    static String sign(P256KeyPair key, byte[] header, byte[] payload) {
        String signingInput = Base64Url.encode(header) + "." + Base64Url.encode(payload);
        byte[] signature = Es256.sign(key.privateKey(), ascii(signingInput));
        return signingInput + "." + Base64Url.encode(signature);
    }

    /** Converts a key to the JDK's type through its SubjectPublicKeyInfo DER. */
    static ECPublicKey jdkKey(P256PublicKey key) throws GeneralSecurityException {
        return (ECPublicKey)
                KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(key.toSpkiDer()));
    }

    /**
     * Asserts that the verifier rejects the token with the reason, that the message starts with the
     * reason, and that the message contains no part of the signature and no key material.
     */
    static TokenRejectedException assertRejected(
            ModemTokenVerifier verifier, String token, Reason reason, P256PublicKey... keys) {
        TokenRejectedException e =
                assertThrows(TokenRejectedException.class, () -> verifier.verify(token));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(reason + ": "), e.getMessage());
        assertNoSecrets(e.getMessage(), token, keys);
        return e;
    }

    /**
     * Asserts that a message contains no 12 characters in a row of the token's signature segment,
     * and no coordinate of the keys in Base64Url or hex, nor their PEM body.
     */
    static void assertNoSecrets(String message, String token, P256PublicKey... keys) {
        for (String fragment : secretFragments(token, keys)) {
            assertFalse(message.contains(fragment), "message shows " + fragment + ": " + message);
        }
    }

    private static List<String> secretFragments(String token, P256PublicKey... keys) {
        List<String> fragments = new ArrayList<>();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        for (int start = 0; start + 12 <= signature.length(); start++) {
            fragments.add(signature.substring(start, start + 12));
        }
        for (P256PublicKey key : keys) {
            fragments.add(Base64Url.encode(key.x()));
            fragments.add(Base64Url.encode(key.y()));
            fragments.add(HexFormat.of().formatHex(key.x()));
            fragments.add(HexFormat.of().formatHex(key.y()));
            // The first PEM body line starts with the SPKI prefix that every P-256 key shares, so
            // the second line, all key bytes, is the one to look for.
            fragments.add(key.toPem().split("\n")[2]);
        }
        return fragments;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
