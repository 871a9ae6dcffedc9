package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.TestVectors.assertNoFailures;
import static io.github.nrf91emu.crypto.TestVectors.assertVectorCount;
import static io.github.nrf91emu.crypto.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Project Wycheproof ECDSA P-256 / SHA-256 verification vectors. A "valid" test must verify and an
 * "invalid" one must not; "acceptable" may go either way (the files have none). A group whose
 * public key the factory rejects counts every test of the group as rejected.
 */
class WycheproofEcdsaTest {
    private static final String P1363_FILE =
            "wycheproof/testvectors_v1/ecdsa_secp256r1_sha256_p1363_test.json";
    private static final String DER_FILE =
            "wycheproof/testvectors_v1/ecdsa_secp256r1_sha256_test.json";

    /** Verification of one Wycheproof test with the group's key (null if the key was rejected). */
    private interface Verifier {
        boolean verify(P256PublicKey key, byte[] message, byte[] signature);
    }

    @Test
    void verify_p1363Vectors_matchResult() throws Exception {
        runFile(P1363_FILE, "EcdsaP1363Verify", 262, Es256::verify);
    }

    /** DER signatures, including BER encodings and malformed ASN.1 that must be rejected. */
    @Test
    void verifyDer_derVectors_matchResult() throws Exception {
        runFile(DER_FILE, "EcdsaVerify", 484, Es256::verifyDer);
    }

    private static void runFile(String file, String groupType, int expectedCount, Verifier verifier)
            throws Exception {
        JsonNode root = TestVectors.readJson(file);
        assertEquals("ECDSA", root.get("algorithm").asText(), "algorithm of " + file);

        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode group : root.get("testGroups")) {
            assertEquals(groupType, group.get("type").asText(), "group type in " + file);
            assertEquals("SHA-256", group.get("sha").asText(), "hash in " + file);
            assertEquals("secp256r1", group.get("publicKey").get("curve").asText());

            P256PublicKey key;
            String keyError;
            try {
                key =
                        P256PublicKey.fromUncompressed(
                                hex(group.get("publicKey").get("uncompressed").asText()));
                keyError = null;
            } catch (InvalidKeyException e) {
                key = null;
                keyError = e.getMessage();
            }

            for (JsonNode test : group.get("tests")) {
                count++;
                String id =
                        "tcId "
                                + test.get("tcId").asInt()
                                + " ("
                                + test.get("comment").asText()
                                + ")";
                String result = test.get("result").asText();
                boolean accepted =
                        key != null
                                && verifier.verify(
                                        key,
                                        hex(test.get("msg").asText()),
                                        hex(test.get("sig").asText()));
                switch (result) {
                    case "valid":
                        if (!accepted) {
                            failures.add(
                                    id
                                            + ": valid signature rejected"
                                            + (keyError == null
                                                    ? ""
                                                    : ", key rejected: " + keyError));
                        }
                        break;
                    case "invalid":
                        if (accepted) {
                            failures.add(id + ": invalid signature accepted");
                        }
                        break;
                    case "acceptable":
                        break;
                    default:
                        failures.add(id + ": unknown result " + result);
                }
            }
        }
        assertVectorCount(file, root.get("numberOfTests").asInt(), count);
        assertVectorCount(file, expectedCount, count);
        assertNoFailures(file, count, failures);
    }
}
