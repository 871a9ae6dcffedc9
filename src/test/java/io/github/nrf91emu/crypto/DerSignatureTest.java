package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.KeyTestSupport.BC;
import static io.github.nrf91emu.crypto.KeyTestSupport.RANDOM;
import static io.github.nrf91emu.crypto.KeyTestSupport.fixed32;
import static io.github.nrf91emu.crypto.KeyTestSupport.generateSunEc;
import static io.github.nrf91emu.crypto.KeyTestSupport.hex;
import static io.github.nrf91emu.crypto.KeyTestSupport.publicKeyOf;
import static io.github.nrf91emu.crypto.KeyTestSupport.testData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Conversion of ES256 signatures between r‖s and ASN.1 DER, and DER signing and verification. */
class DerSignatureTest {
    private static final byte[] MESSAGE = "AT%JWT DER test".getBytes(StandardCharsets.US_ASCII);

    /** The group order n of P-256 (SEC 2 §2.4.2). */
    private static final BigInteger ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private static final String N_HEX =
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

    // ---- toDer

    static Stream<Arguments> edgeValues() {
        BigInteger highBit = BigInteger.ONE.shiftLeft(255);
        return Stream.of(
                Arguments.of("r = s = 1", BigInteger.ONE, BigInteger.ONE),
                Arguments.of("high bit set needs 0x00", highBit, BigInteger.valueOf(0x80)),
                Arguments.of("leading zero bytes dropped", BigInteger.valueOf(0x7f), highBit),
                Arguments.of(
                        "n - 1", ORDER.subtract(BigInteger.ONE), ORDER.subtract(BigInteger.ONE)),
                Arguments.of("zero", BigInteger.ZERO, BigInteger.ZERO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeValues")
    void toDer_edgeValues_minimalEncoding(String name, BigInteger r, BigInteger s) {
        byte[] rs = concat(fixed32(r), fixed32(s));

        assertArrayEquals(referenceDer(r, s), Es256.toDer(rs));
    }

    @Test
    void toDer_wrongLength_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Es256.toDer(new byte[63]));

        KeyImportTest.assertContains(e, "r‖s signature is 63 bytes (expected 64)");
    }

    @RepeatedTest(20)
    void toDerFromDer_randomSignatures_roundTrip() throws Exception {
        P256PrivateKey key = P256Keys.generate(RANDOM).privateKey();
        byte[] rs = Es256.sign(key, MESSAGE, RANDOM);

        byte[] der = Es256.toDer(rs);

        assertArrayEquals(rs, Es256.fromDer(der));
        assertArrayEquals(referenceDer(rs), der);
    }

    // ---- interoperability

    @RepeatedTest(5)
    void signDer_verifiedByJdkAndBouncyCastle() throws Exception {
        P256KeyPair pair = P256Keys.generate(RANDOM);
        KeyPair jca = toJca(pair);

        byte[] der = Es256.signDer(pair.privateKey(), MESSAGE);

        assertTrue(jcaVerify(jca, "SunEC", der));
        assertTrue(jcaVerify(jca, BC.getName(), der));
        assertTrue(Es256.verifyDer(pair.publicKey(), MESSAGE, der));
        assertArrayEquals(Es256.sign(pair.privateKey(), MESSAGE), Es256.fromDer(der));
    }

    @RepeatedTest(5)
    void verifyDer_jdkSignature_accepted() throws Exception {
        KeyPair pair = generateSunEc();
        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(pair.getPrivate(), RANDOM);
        signer.update(MESSAGE);
        byte[] der = signer.sign();

        P256PublicKey key = publicKeyOf(pair);

        assertTrue(Es256.verifyDer(key, MESSAGE, der));
        assertTrue(Es256.verify(key, MESSAGE, Es256.fromDer(der)));
        assertFalse(Es256.verifyDer(key, "other message".getBytes(StandardCharsets.US_ASCII), der));
    }

    @Test
    void verifyDer_wycheproofVectors_matchResult() throws Exception {
        String file = "wycheproof/testvectors_v1/ecdsa_secp256r1_sha256_test.json";
        JsonNode root = testData(file);
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode group : root.get("testGroups")) {
            P256PublicKey key = P256PublicKey.fromSpkiDer(hex(group.get("publicKeyDer").asText()));
            for (JsonNode test : group.get("tests")) {
                count++;
                boolean accepted =
                        Es256.verifyDer(
                                key, hex(test.get("msg").asText()), hex(test.get("sig").asText()));
                String result = test.get("result").asText();
                if (accepted != result.equals("valid") && !result.equals("acceptable")) {
                    failures.add(
                            "tcId "
                                    + test.get("tcId").asInt()
                                    + " ("
                                    + test.get("comment").asText()
                                    + "): expected "
                                    + result
                                    + ", accepted="
                                    + accepted);
                }
            }
        }
        assertEquals(root.get("numberOfTests").asInt(), count, "vectors read from " + file);
        assertEquals(484, count, "vectors read from " + file);
        assertTrue(
                failures.isEmpty(),
                () -> failures.size() + " failed:\n" + String.join("\n", failures));
    }

    // ---- strict DER

    static Stream<Arguments> malformed() {
        String one = "020101";
        return Stream.of(
                Arguments.of("empty", "", "ECDSA signature is empty"),
                Arguments.of(
                        "trailing byte",
                        "3006" + one + one + "00",
                        "trailing data after the DER SEQUENCE (1 byte)"),
                Arguments.of("indefinite length", "3080" + one + one + "0000", "not in DER form"),
                Arguments.of("long-form SEQUENCE length", "308106" + one + one, "not in DER form"),
                Arguments.of(
                        "long-form INTEGER length", "3007" + "02810101" + one, "not in DER form"),
                Arguments.of("non-minimal INTEGER", "3007" + "02020001" + one, "not valid DER"),
                Arguments.of("truncated", "3006" + one + "0201", "not valid DER"),
                Arguments.of("negative r", "3006" + "020181" + one, "r is negative"),
                Arguments.of("negative s", "3006" + one + "0201ff", "s is negative"),
                Arguments.of("zero r", "3006" + "020100" + one, "r is zero"),
                Arguments.of("zero s", "3006" + one + "020100", "s is zero"),
                Arguments.of(
                        "r = n",
                        "3026" + "022100" + N_HEX + one,
                        "r is not below the group order n"),
                Arguments.of(
                        "s = n",
                        "3026" + one + "022100" + N_HEX,
                        "s is not below the group order n"),
                Arguments.of(
                        "r of 33 bytes",
                        "3026" + "022101" + "00".repeat(32) + one,
                        "r is 33 bytes long"),
                Arguments.of(
                        "three INTEGERs", "3009" + one + one + one, "wrong number of elements: 3"),
                Arguments.of("one INTEGER", "3003" + one, "wrong number of elements: 1"),
                Arguments.of("SET", "3106" + one + one, "not an ASN.1 SEQUENCE"),
                Arguments.of("bare INTEGER", one, "not an ASN.1 SEQUENCE"),
                Arguments.of("OCTET STRING r", "3006" + "040101" + one, "r is not an INTEGER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void fromDer_malformed_rejected(String name, String derHex, String fragment) {
        byte[] der = hex(derHex);

        SignatureException e = assertThrows(SignatureException.class, () -> Es256.fromDer(der));

        KeyImportTest.assertContains(e, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void verifyDer_malformed_returnsFalse(String name, String derHex, String fragment) {
        P256PublicKey key = P256Keys.generate(RANDOM).publicKey();

        assertFalse(Es256.verifyDer(key, MESSAGE, hex(derHex)));
    }

    @Test
    void fromDer_valuesOneAndNMinusOne_accepted() throws Exception {
        BigInteger max = ORDER.subtract(BigInteger.ONE);

        byte[] rs = Es256.fromDer(referenceDer(BigInteger.ONE, max));

        assertArrayEquals(concat(fixed32(BigInteger.ONE), fixed32(max)), rs);
    }

    /** A valid signature made non-strict must fail, so the false comes from the encoding alone. */
    @Test
    void verifyDer_berFormsOfValidSignature_rejected() throws Exception {
        P256KeyPair pair = P256Keys.generate(RANDOM);
        byte[] der = Es256.signDer(pair.privateKey(), MESSAGE);
        byte[] body = Arrays.copyOfRange(der, 2, der.length);
        byte[] longForm = concat(new byte[] {0x30, (byte) 0x81, der[1]}, body);
        byte[] indefinite = concat(new byte[] {0x30, (byte) 0x80}, body, new byte[2]);
        byte[] trailing = concat(der, new byte[1]);

        assertTrue(Es256.verifyDer(pair.publicKey(), MESSAGE, der));
        assertFalse(Es256.verifyDer(pair.publicKey(), MESSAGE, longForm));
        assertFalse(Es256.verifyDer(pair.publicKey(), MESSAGE, indefinite));
        assertFalse(Es256.verifyDer(pair.publicKey(), MESSAGE, trailing));
    }

    // ---- helpers

    /**
     * Encodes SEQUENCE { INTEGER r, INTEGER s } with BigInteger's minimal two's-complement bytes
     * and short-form lengths (every ECDSA P-256 signature is shorter than 128 bytes), written
     * independently of Bouncy Castle's ASN.1 code.
     */
    private static byte[] referenceDer(BigInteger r, BigInteger s) {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(4 + rBytes.length + sBytes.length);
        out.write(0x02);
        out.write(rBytes.length);
        out.writeBytes(rBytes);
        out.write(0x02);
        out.write(sBytes.length);
        out.writeBytes(sBytes);
        return out.toByteArray();
    }

    private static byte[] referenceDer(byte[] rs) {
        return referenceDer(
                new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)));
    }

    /** Converts our key pair into SunEC keys through our SPKI and PKCS #8 exports. */
    private static KeyPair toJca(P256KeyPair pair) throws Exception {
        KeyFactory factory = KeyFactory.getInstance("EC", "SunEC");
        String pkcs8Base64 =
                pair.privateKey().toPkcs8Pem().replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "");
        byte[] pkcs8 = Base64.getMimeDecoder().decode(pkcs8Base64);
        return new KeyPair(
                factory.generatePublic(new X509EncodedKeySpec(pair.publicKey().toSpkiDer())),
                factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    }

    private static boolean jcaVerify(KeyPair pair, String provider, byte[] der) throws Exception {
        Signature verifier =
                provider.equals("SunEC")
                        ? Signature.getInstance("SHA256withECDSA", "SunEC")
                        : Signature.getInstance("SHA256withECDSA", BC);
        verifier.initVerify(pair.getPublic());
        verifier.update(MESSAGE);
        return verifier.verify(der);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
