package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.TestVectors.assertNoFailures;
import static io.github.nrf91emu.crypto.TestVectors.assertVectorCount;
import static io.github.nrf91emu.crypto.TestVectors.concat;
import static io.github.nrf91emu.crypto.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nrf91emu.crypto.internal.P256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6979 Appendix A.2.5 (P-256): the deterministic nonce k and the signature (r, s) for the
 * messages "sample" and "test" with SHA-256, and the public key of the example private key.
 */
class Rfc6979VectorTest {
    private static final String FILE = "rfc/rfc6979_p256.json";

    private static JsonNode vectors;
    private static P256PrivateKey privateKey;
    private static List<JsonNode> sha256Signatures;

    @BeforeAll
    static void readVectors() throws Exception {
        vectors = TestVectors.readJson(FILE);
        privateKey = P256PrivateKey.fromScalar(hex(vectors.get("private_key_x").asText()));
        sha256Signatures = new ArrayList<>();
        for (JsonNode signature : vectors.get("signatures")) {
            if (signature.get("hash").asText().equals("SHA-256")) {
                sha256Signatures.add(signature);
            }
        }
        assertVectorCount(FILE, 10, vectors.get("signatures").size());
        assertVectorCount(FILE + " (SHA-256 entries)", 2, sha256Signatures.size());
    }

    @Test
    void publicKey_fromPrivateKey_matchesUxUy() {
        JsonNode expected = vectors.get("public_key");
        P256PublicKey publicKey = privateKey.publicKey();

        assertEquals(expected.get("Ux").asText(), hex(publicKey.x()));
        assertEquals(expected.get("Uy").asText(), hex(publicKey.y()));
        assertEquals(expected.get("uncompressed_sec1").asText(), hex(publicKey.toUncompressed()));
    }

    @Test
    void nonce_sha256_matchesK() throws Exception {
        List<String> failures = new ArrayList<>();
        for (JsonNode vector : sha256Signatures) {
            byte[] digest = sha256(vector.get("message").asText());
            String expected = vector.get("k").asText();
            String actual = hex(P256.nonce(privateKey.toScalarBytes(), digest, null));
            if (!expected.equals(actual)) {
                failures.add(id(vector) + ": k is " + actual + ", expected " + expected);
            }
        }
        assertNoFailures(FILE, sha256Signatures.size(), failures);
    }

    @Test
    void sign_sha256_matchesRAndS() {
        List<String> failures = new ArrayList<>();
        for (JsonNode vector : sha256Signatures) {
            byte[] message = vector.get("message").asText().getBytes(StandardCharsets.US_ASCII);
            String expected = vector.get("r").asText() + vector.get("s").asText();
            String actual = hex(Es256.sign(privateKey, message));
            if (!expected.equals(actual)) {
                failures.add(id(vector) + ": r‖s is " + actual + ", expected " + expected);
            }
        }
        assertNoFailures(FILE, sha256Signatures.size(), failures);
    }

    @Test
    void verify_sha256Signatures_accepted() {
        List<String> failures = new ArrayList<>();
        for (JsonNode vector : sha256Signatures) {
            byte[] message = vector.get("message").asText().getBytes(StandardCharsets.US_ASCII);
            byte[] signature = concat(hex(vector.get("r").asText()), hex(vector.get("s").asText()));
            if (!Es256.verify(privateKey.publicKey(), message, signature)) {
                failures.add(id(vector) + ": valid signature rejected");
            }
        }
        assertNoFailures(FILE, sha256Signatures.size(), failures);
    }

    /**
     * Every hash of A.2.5 with its printed k: the signature over the digest, truncated to its
     * leftmost 256 bits for SHA-384 and SHA-512, equals (r, s).
     */
    @Test
    void signWithNonce_allHashes_matchRAndS() {
        List<String> failures = new ArrayList<>();
        for (JsonNode vector : vectors.get("signatures")) {
            byte[] digest = hex(vector.get("digest").asText());
            byte[] k = hex(vector.get("k").asText());
            String expected = vector.get("r").asText() + vector.get("s").asText();
            String actual = hex(P256.signWithNonce(privateKey.toScalarBytes(), digest, k));
            if (!expected.equals(actual)) {
                failures.add(id(vector) + ": r‖s is " + actual + ", expected " + expected);
            }
        }
        assertNoFailures(FILE, vectors.get("signatures").size(), failures);
    }

    private static String id(JsonNode vector) {
        return vector.get("hash").asText() + "/\"" + vector.get("message").asText() + "\"";
    }

    private static byte[] sha256(String message) throws Exception {
        return MessageDigest.getInstance("SHA-256")
                .digest(message.getBytes(StandardCharsets.US_ASCII));
    }
}
