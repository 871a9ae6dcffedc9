package io.github.nrf91emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of the {@code %KEYGEN} and {@code %ATTESTTOKEN} responses that use only independent code:
 * the JDK's Base64, ECDSA and key factory, and the CBOR decoder of {@code com.upokecenter.cbor}.
 * Nothing here calls the emulator's CBOR, COSE or ECDSA code.
 */
final class CoseTestSupport {
    /** The protected header {@code {1: -7}} (alg ES256), serialized. */
    static final byte[] PROTECTED_ES256 = {(byte) 0xA1, 0x01, 0x26};

    /** The key id of the device identity key: -2 as CBOR. */
    static final byte[] IDENTITY_KEY_ID = {0x21};

    static final int COSE_SIGN1_TAG = 18;
    static final int SELF_DESCRIBED_CBOR_TAG = 55799;

    private static final String BASE64URL = "[A-Za-z0-9_-]+";

    private CoseTestSupport() {}

    /** The two Base64Url parts of a response, decoded. */
    record ParsedResponse(byte[] first, byte[] cose) {}

    /**
     * Decodes {@code <prefix>: "<Base64Url>.<Base64Url>"} followed by OK, failing unless the
     * response has exactly that form.
     */
    static ParsedResponse parseResponse(String prefix, String response) {
        Pattern pattern =
                Pattern.compile(
                        Pattern.quote(prefix)
                                + ": \"("
                                + BASE64URL
                                + ")\\.("
                                + BASE64URL
                                + ")\"\r\nOK\r\n");
        Matcher matcher = pattern.matcher(response);
        assertTrue(matcher.matches(), "unexpected response: " + response);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return new ParsedResponse(
                decoder.decode(matcher.group(1)), decoder.decode(matcher.group(2)));
    }

    /**
     * Decodes a tagged COSE_Sign1, checks its headers and signature length, and returns the
     * untagged array of four items.
     */
    static CBORObject decodeCoseSign1(byte[] cose) {
        CBORObject tagged = CBORObject.DecodeFromBytes(cose);
        assertEquals(1, tagged.getTagCount(), "tags of the COSE_Sign1");
        assertTrue(tagged.HasMostOuterTag(COSE_SIGN1_TAG), "COSE_Sign1 tag 18");
        // A decoder re-encodes with definite lengths and shortest integers, so equal bytes show
        // that the modem used that form too.
        assertArrayEquals(cose, tagged.EncodeToBytes(), "COSE_Sign1 is not in shortest form");

        CBORObject array = tagged.UntagOne();
        assertEquals(CBORType.Array, array.getType());
        assertEquals(4, array.size());

        CBORObject protectedHeader = array.get(0);
        assertEquals(CBORType.ByteString, protectedHeader.getType());
        assertArrayEquals(PROTECTED_ES256, protectedHeader.GetByteString(), "protected header");
        CBORObject protectedMap = CBORObject.DecodeFromBytes(protectedHeader.GetByteString());
        assertEquals(1, protectedMap.size());
        assertEquals(-7, protectedMap.get(CBORObject.FromObject(1)).AsInt32Value(), "alg");

        CBORObject unprotected = array.get(1);
        assertEquals(CBORType.Map, unprotected.getType());
        assertEquals(1, unprotected.size(), "unprotected header entries");
        CBORObject keyId = unprotected.get(CBORObject.FromObject(4));
        assertEquals(CBORType.ByteString, keyId.getType(), "kid");
        assertArrayEquals(IDENTITY_KEY_ID, keyId.GetByteString(), "kid");

        CBORObject signature = array.get(3);
        assertEquals(CBORType.ByteString, signature.getType());
        assertEquals(64, signature.GetByteString().length, "signature is r || s");
        return array;
    }

    /**
     * Returns the RFC 9052 Sig_structure {@code ["Signature1", protected, h'', payload]}, encoded
     * by the independent CBOR library.
     */
    static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return CBORObject.NewArray()
                .Add(CBORObject.FromObject("Signature1"))
                .Add(CBORObject.FromObject(protectedHeader))
                .Add(CBORObject.FromObject(new byte[0]))
                .Add(CBORObject.FromObject(payload))
                .EncodeToBytes();
    }

    /** Returns whether the JDK accepts a 64-byte r || s signature over a Sig_structure. */
    static boolean coseSignatureVerifies(PublicKey key, byte[] payload, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(sigStructure(PROTECTED_ES256, payload));
        return verifier.verify(signature);
    }

    /**
     * Checks that the COSE_Sign1 signature verifies with the key over the payload, and fails with a
     * changed payload and with another key.
     */
    static void assertCoseSignedBy(PublicKey key, byte[] payload, byte[] signature)
            throws GeneralSecurityException {
        assertTrue(coseSignatureVerifies(key, payload, signature), "JDK rejects the signature");

        byte[] changed = payload.clone();
        changed[changed.length - 1] ^= 1;
        assertFalse(
                coseSignatureVerifies(key, changed, signature),
                "signature verifies over a changed payload");
    }

    /** Returns a JDK public key from a SubjectPublicKeyInfo DER. */
    static PublicKey jdkPublicKey(byte[] spki) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** Returns the 16 bytes of a UUID, most significant first, computed without the emulator. */
    static byte[] uuidBytes(UUID uuid) {
        String hex = uuid.toString().replace("-", "");
        return HexFormat.of().parseHex(hex);
    }
}
