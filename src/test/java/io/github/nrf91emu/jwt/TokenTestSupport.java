package io.github.nrf91emu.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/** A fixed signing key, the JDK form of its public key, and decoding of tokens for the checks. */
final class TokenTestSupport {
    static final P256KeyPair KEY_PAIR =
            P256Keys.fromSeed("jwt package tests".getBytes(StandardCharsets.US_ASCII));

    static final ModemTokenSigner SIGNER = new ModemTokenSigner(KEY_PAIR);

    static final String ISSUER = "nRF9160.50363154-3930-4d96-80f9-13121cf35adc";
    static final String JWT_ID =
            "nRF9160.2b8e4c1a-7d3f-4e60-9a15-0c6d2f8b3e71.8f14e45fceea167a5a36dedd4bea2543";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenTestSupport() {}

    /** Returns a builder with the modem-like issuer and JWT id of these tests. */
    static ModemJwtClaims.Builder claims() {
        return ModemJwtClaims.builder().issuer(ISSUER).jwtId(JWT_ID);
    }

    /** Converts a public key to the JDK's type with its KeyFactory, from the affine coordinates. */
    static ECPublicKey jdkPublicKey(P256PublicKey key) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, key.x()), new BigInteger(1, key.y()));
        return (ECPublicKey)
                KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve));
    }

    /** Parses JSON bytes, trailing spaces included, with Jackson. */
    static JsonNode parseJson(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    /** Returns the member names of a JSON object in the order of the text. */
    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = object.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    /** Returns the bytes given as ints in 0..255. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Returns the number of ASCII spaces at the end of {@code bytes}. */
    static int trailingSpaces(byte[] bytes) {
        int count = 0;
        while (count < bytes.length && bytes[bytes.length - 1 - count] == ' ') {
            count++;
        }
        return count;
    }

    /** Returns the JSON text without its trailing spaces, decoded as UTF-8. */
    static String withoutPadding(byte[] json) {
        int length = json.length - trailingSpaces(json);
        return new String(json, 0, length, StandardCharsets.UTF_8);
    }

    /** The three segments of a compact token and what they decode to with the JDK's decoder. */
    record DecodedToken(
            String headerSegment,
            String payloadSegment,
            String signatureSegment,
            byte[] headerJson,
            byte[] payloadJson,
            byte[] signature) {

        static DecodedToken of(String token) {
            String[] segments = token.split("\\.", -1);
            assertEquals(3, segments.length, "segments of " + token);
            Base64.Decoder decoder = Base64.getUrlDecoder();
            return new DecodedToken(
                    segments[0],
                    segments[1],
                    segments[2],
                    decoder.decode(segments[0]),
                    decoder.decode(segments[1]),
                    decoder.decode(segments[2]));
        }

        /** Returns the JWS signing input {@code <header>.<payload>} as ASCII bytes. */
        byte[] signingInput() {
            return (headerSegment + "." + payloadSegment).getBytes(StandardCharsets.US_ASCII);
        }

        JsonNode payload() throws IOException {
            return parseJson(payloadJson);
        }
    }
}
