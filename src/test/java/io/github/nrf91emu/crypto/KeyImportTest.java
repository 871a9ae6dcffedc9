package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.KeyTestSupport.BC;
import static io.github.nrf91emu.crypto.KeyTestSupport.bcPem;
import static io.github.nrf91emu.crypto.KeyTestSupport.fixed32;
import static io.github.nrf91emu.crypto.KeyTestSupport.generate;
import static io.github.nrf91emu.crypto.KeyTestSupport.generateSunEc;
import static io.github.nrf91emu.crypto.KeyTestSupport.hex;
import static io.github.nrf91emu.crypto.KeyTestSupport.pem;
import static io.github.nrf91emu.crypto.KeyTestSupport.publicKeyOf;
import static io.github.nrf91emu.crypto.KeyTestSupport.resource;
import static io.github.nrf91emu.crypto.KeyTestSupport.scalarOf;
import static io.github.nrf91emu.crypto.KeyTestSupport.testData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Import of private and public keys written by Bouncy Castle, the JDK and OpenSSL. */
class KeyImportTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    /** The field prime p and the curve coefficient b of P-256 (SEC 2 §2.4.2). */
    private static final BigInteger FIELD_PRIME =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

    private static final BigInteger CURVE_B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    /** The group order n of P-256 (SEC 2 §2.4.2). */
    private static final BigInteger ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    // ---- EC PRIVATE KEY (SEC 1)

    @Test
    void sec1Pem_bouncyCastleKey_imported() throws Exception {
        KeyPair pair = generate("secp256r1", BC);

        P256PrivateKey key = P256Keys.privateKeyFromPem(bcPem(pair.getPrivate()));

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
        assertEquals(publicKeyOf(pair), key.publicKey());
    }

    @Test
    void sec1Pem_sunEcKey_imported() throws Exception {
        KeyPair pair = generateSunEc();

        P256PrivateKey key = P256Keys.privateKeyFromPem(bcPem(pair.getPrivate()));

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
        assertEquals(publicKeyOf(pair), key.publicKey());
    }

    /** Imports keys with each combination of the optional [0] parameters and [1] publicKey. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "parameters", "publicKey", "both", "compressedPublicKey"})
    void sec1Pem_optionalFields_accepted(String fields) throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        BigInteger d = new BigInteger(1, scalarOf(pair));
        P256PublicKey publicKey = publicKeyOf(pair);
        DERBitString point =
                new DERBitString(
                        fields.equals("compressedPublicKey")
                                ? compressed(publicKey)
                                : publicKey.toUncompressed());
        boolean withParameters = fields.equals("parameters") || fields.equals("both");
        boolean withPublicKey = !fields.equals("none") && !fields.equals("parameters");

        byte[] der =
                new ECPrivateKey(
                                256,
                                d,
                                withPublicKey ? point : null,
                                withParameters ? SECObjectIdentifiers.secp256r1 : null)
                        .getEncoded(ASN1Encoding.DER);
        P256PrivateKey key = P256Keys.privateKeyFromPem(pem("EC PRIVATE KEY", der));

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
    }

    @Test
    void sec1Pem_publicKeyOfOtherKey_rejected() throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        P256PublicKey other = P256Keys.generate(KeyTestSupport.RANDOM).publicKey();
        byte[] der =
                new ECPrivateKey(
                                256,
                                new BigInteger(1, scalarOf(pair)),
                                new DERBitString(other.toUncompressed()),
                                SECObjectIdentifiers.secp256r1)
                        .getEncoded(ASN1Encoding.DER);

        InvalidKeyException e =
                assertThrows(
                        InvalidKeyException.class,
                        () -> P256Keys.privateKeyFromPem(pem("EC PRIVATE KEY", der)));

        assertContains(e, "does not match the private key");
        assertSecretNotShown(e, scalarOf(pair));
    }

    @Test
    void sec1Pem_scalarOutOfRange_rejected() throws Exception {
        for (BigInteger d : new BigInteger[] {BigInteger.ZERO, ORDER, ORDER.add(BigInteger.ONE)}) {
            byte[] der = new ECPrivateKey(256, d, SECObjectIdentifiers.secp256r1).getEncoded();

            InvalidKeyException e =
                    assertThrows(
                            InvalidKeyException.class,
                            () -> P256Keys.privateKeyFromPem(pem("EC PRIVATE KEY", der)),
                            "d = " + d);

            assertContains(e, "not in 1..n-1");
        }
    }

    @Test
    void sec1Pem_p384Key_rejected() throws Exception {
        String pem = bcPem(generate("secp384r1", BC).getPrivate());

        InvalidKeyException e =
                assertThrows(InvalidKeyException.class, () -> P256Keys.privateKeyFromPem(pem));

        assertContains(e, "EC key is on curve secp384r1");
        assertContains(e, "(expected P-256 / prime256v1)");
    }

    @Test
    void sec1Pem_legacyOpenSslEncryption_rejected() throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        String pem;
        try (StringWriter out = new StringWriter();
                JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(
                    pair.getPrivate(),
                    new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PASSWORD));
            writer.flush();
            pem = out.toString();
        }
        assertTrue(pem.contains("Proc-Type: 4,ENCRYPTED"), "legacy header missing from " + pem);

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, PASSWORD));

        assertContains(e, "legacy OpenSSL encryption");
    }

    // ---- PRIVATE KEY (unencrypted PKCS #8)

    @Test
    void pkcs8Pem_sunEcKey_imported() throws Exception {
        KeyPair pair = generateSunEc();

        P256PrivateKey key =
                P256Keys.privateKeyFromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
        assertEquals(publicKeyOf(pair), key.publicKey());
    }

    @Test
    void pkcs8Pem_bouncyCastleKey_imported() throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        String pem = bcPem(new JcaPKCS8Generator(pair.getPrivate(), null));
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);

        P256PrivateKey key = P256Keys.privateKeyFromPem(pem);

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
    }

    @Test
    void pkcs8Pem_p384Key_rejected() throws Exception {
        KeyPair pair = generateSunEcP384();
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());

        InvalidKeyException e =
                assertThrows(InvalidKeyException.class, () -> P256Keys.privateKeyFromPem(pem));

        assertContains(e, "EC key is on curve secp384r1");
    }

    @Test
    void pkcs8Pem_rsaKey_rejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String pem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());

        InvalidKeyException e =
                assertThrows(InvalidKeyException.class, () -> P256Keys.privateKeyFromPem(pem));

        assertContains(e, "key algorithm is 1.2.840.113549.1.1.1");
        assertContains(e, "expected id-ecPublicKey");
    }

    // ---- ENCRYPTED PRIVATE KEY (PKCS #8, PBES2)

    @ParameterizedTest
    @ValueSource(strings = {"AES_256_CBC", "AES_128_CBC"})
    void encryptedPkcs8_bouncyCastlePbes2_decrypts(String cipher) throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        String pem = encryptedPem(pair, cipher);

        P256PrivateKey key = P256Keys.privateKeyFromPem(pem, PASSWORD);

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
    }

    @Test
    void encryptedPkcs8_wrongPassword_rejected() throws Exception {
        String pem = encryptedPem(generate("secp256r1", BC), "AES_256_CBC");

        String wrongPassword = "not-the-password-1234";

        InvalidKeyException e =
                assertThrows(
                        InvalidKeyException.class,
                        () -> P256Keys.privateKeyFromPem(pem, wrongPassword.toCharArray()));

        assertContains(e, "wrong password or corrupted data");
        assertFalse(e.getMessage().contains(wrongPassword), e.getMessage());
    }

    @Test
    void encryptedPkcs8_missingPassword_rejected() throws Exception {
        String pem = encryptedPem(generate("secp256r1", BC), "AES_256_CBC");

        InvalidKeyException withoutArgument =
                assertThrows(InvalidKeyException.class, () -> P256Keys.privateKeyFromPem(pem));
        InvalidKeyException nullArgument =
                assertThrows(
                        InvalidKeyException.class, () -> P256Keys.privateKeyFromPem(pem, null));

        assertContains(withoutArgument, "no password was given");
        assertContains(nullArgument, "no password was given");
    }

    @Test
    void encryptedPkcs8_p384Key_rejectedAfterDecryption() throws Exception {
        String pem = encryptedPem(generate("secp384r1", BC), "AES_256_CBC");

        InvalidKeyException e =
                assertThrows(
                        InvalidKeyException.class, () -> P256Keys.privateKeyFromPem(pem, PASSWORD));

        assertContains(e, "EC key is on curve secp384r1");
    }

    // ---- OpenSSL output

    @Test
    void openSslFiles_sameKey() throws Exception {
        String dir = "keys/openssl/";
        P256PrivateKey sec1 =
                P256Keys.privateKeyFromPem(resource(dir + "p256_params_and_sec1.pem"));
        P256PrivateKey pkcs8 = P256Keys.privateKeyFromPem(resource(dir + "p256_pkcs8.pem"));
        P256PrivateKey encrypted =
                P256Keys.privateKeyFromPem(
                        resource(dir + "p256_pkcs8_aes256_sha256.pem"),
                        "test-password".toCharArray());
        P256PublicKey publicKey = P256PublicKey.fromPem(resource(dir + "p256_public.pem"));

        assertEquals(sec1, pkcs8);
        assertEquals(sec1, encrypted);
        assertEquals(sec1.publicKey(), publicKey);
    }

    static Stream<Arguments> openSslEncryptedFiles() {
        return Stream.of(
                Arguments.of("p256_pkcs8_empty_password.pem", ""),
                Arguments.of("p256_pkcs8_scrypt_aes256.pem", "test-password"),
                Arguments.of("p256_pkcs8_des3_sha1.pem", "test-password"),
                Arguments.of("p256_pkcs8_sm4_sha512.pem", "test-password"),
                Arguments.of("p256_pkcs8_utf8_password.pem", "p\u00e4ssw\u00f6rd"),
                Arguments.of("p256_pkcs8_pbe_sha1_3des.pem", "test-password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openSslEncryptedFiles")
    void openSslEncryptedFile_decryptsToSameKey(String file, String password) throws Exception {
        String dir = "keys/openssl/";
        P256PrivateKey expected =
                P256Keys.privateKeyFromPem(resource(dir + "p256_params_and_sec1.pem"));

        P256PrivateKey key =
                P256Keys.privateKeyFromPem(resource(dir + file), password.toCharArray());

        assertEquals(expected, key);
    }

    @Test
    void openSslEmptyPassword_otherPasswordsWrong() throws Exception {
        String dir = "keys/openssl/";
        String emptyPasswordFile = resource(dir + "p256_pkcs8_empty_password.pem");
        String passwordFile = resource(dir + "p256_pkcs8_aes256_sha256.pem");

        InvalidKeyException nonEmpty =
                assertThrows(
                        InvalidKeyException.class,
                        () -> P256Keys.privateKeyFromPem(emptyPasswordFile, new char[] {'x'}));
        InvalidKeyException empty =
                assertThrows(
                        InvalidKeyException.class,
                        () -> P256Keys.privateKeyFromPem(passwordFile, new char[0]));

        assertContains(nonEmpty, "wrong password or corrupted data");
        assertContains(empty, "wrong password or corrupted data");
    }

    /**
     * OpenSSL's -v2 camellia-256-cbc and aria-256-cbc are named, not taken for a wrong password.
     */
    @Test
    void openSslUnsupportedCiphers_named() throws Exception {
        String dir = "keys/openssl/";
        char[] password = "test-password".toCharArray();
        String camellia = resource(dir + "p256_pkcs8_camellia256.pem");
        String aria = resource(dir + "p256_pkcs8_aria256.pem");

        InvalidKeySpecException camelliaError =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(camellia, password));
        InvalidKeySpecException ariaError =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(aria, password));

        assertContains(
                camelliaError,
                "PBES2 cipher CAMELLIA-256/CBC (1.2.392.200011.61.1.1.1.4) of the private key is"
                        + " not supported");
        assertContains(ariaError, "PBES2 cipher 1.2.410.200046.1.1.12 of the private key is not");
        assertContains(ariaError, "AES-CBC, DES-EDE3-CBC or SM4-CBC");
        assertFalse(camelliaError.getMessage().contains("test-password"));
        assertFalse(ariaError.getMessage().contains("test-password"));
    }

    /**
     * An OpenSSL PKCS #12 file with an empty password is rejected by name, because Bouncy Castle
     * derives another key from that password.
     */
    @Test
    void openSslPkcs12EmptyPassword_rejectedClearly() throws Exception {
        String pem = resource("keys/openssl/p256_pkcs8_pbe_sha1_3des_empty_password.pem");

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, new char[0]));

        assertContains(e, "an empty password is supported only for PBES2");
        assertContains(e, "1.2.840.113549.1.12.1.3");
    }

    // ---- PEM framing

    @Test
    void pem_severalBlocks_firstKeyBlockTaken() throws Exception {
        KeyPair first = generate("secp256r1", BC);
        KeyPair second = generate("secp256r1", BC);
        String pem =
                "Key for device 1\n"
                        + bcPem(first.getPublic())
                        + bcPem(first.getPrivate())
                        + bcPem(second.getPrivate());

        P256PrivateKey key = P256Keys.privateKeyFromPem(pem);

        assertArrayEquals(scalarOf(first), key.toScalarBytes());
    }

    @Test
    void pem_noKeyBlock_rejected() throws Exception {
        String onlyPublic = bcPem(generate("secp256r1", BC).getPublic());

        InvalidKeySpecException noBlocks =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem("not a PEM file"));
        InvalidKeySpecException wrongBlock =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(onlyPublic));

        assertContains(noBlocks, "no private key block in the PEM text (found no PEM blocks)");
        assertContains(wrongBlock, "(found only PUBLIC KEY)");
    }

    @Test
    void pem_rsaPrivateKeyBlock_rejected() throws Exception {
        String pem = pem("RSA PRIVATE KEY", new byte[] {0x30, 0x00});

        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> P256Keys.privateKeyFromPem(pem));

        assertContains(e, "PEM block RSA PRIVATE KEY is not supported");
    }

    @Test
    void pem_invalidBase64Character_rejected() throws Exception {
        String pem = bcPem(generate("secp256r1", BC).getPrivate());
        String corrupted = replaceBodyCharacter(pem, 10, '!');

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class, () -> P256Keys.privateKeyFromPem(corrupted));

        assertContains(e, "invalid PEM text");
    }

    @Test
    void pem_truncatedBody_rejected() throws Exception {
        String pem = bcPem(generate("secp256r1", BC).getPrivate());
        String[] lines = pem.split("\n");
        String truncated = lines[0] + "\n" + lines[1] + "\n" + lines[lines.length - 1] + "\n";

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class, () -> P256Keys.privateKeyFromPem(truncated));

        assertContains(e, "invalid DER in EC private key");
    }

    @Test
    void pem_missingEndLine_rejected() throws Exception {
        String pem = bcPem(generate("secp256r1", BC).getPrivate());
        String cut = pem.substring(0, pem.indexOf("-----END"));

        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> P256Keys.privateKeyFromPem(cut));

        assertContains(e, "-----END EC PRIVATE KEY----- not found");
    }

    @Test
    void pem_controlCharacterInBody_rejected() throws Exception {
        String pem = bcPem(generate("secp256r1", BC).getPrivate());

        for (char control : new char[] {'\u0000', '\u000b', '\u000c', '\u001b', '\u007f'}) {
            String corrupted = insertInBody(pem, 10, control);

            InvalidKeySpecException e =
                    assertThrows(
                            InvalidKeySpecException.class,
                            () -> P256Keys.privateKeyFromPem(corrupted),
                            String.format("U+%04X", (int) control));

            assertContains(e, String.format("control character U+%04X", (int) control));
            assertContains(e, "Base64 body of EC PRIVATE KEY on line 2");
        }
    }

    @Test
    void pem_controlCharacterInLabel_rejected() throws Exception {
        String pem = bcPem(generate("secp256r1", BC).getPrivate());
        String beginOnly =
                pem.replace("-----BEGIN EC PRIVATE KEY", "-----BEGIN EC PRIVATE KEY\u0001");
        String both = pem.replace("EC PRIVATE KEY-----", "\u0001EC PRIVATE KEY-----");

        for (String corrupted : new String[] {beginOnly, both}) {
            InvalidKeySpecException e =
                    assertThrows(
                            InvalidKeySpecException.class,
                            () -> P256Keys.privateKeyFromPem(corrupted));

            assertContains(e, "control character U+0001 in the label of the BEGIN line on line 1");
        }
    }

    /** Bits of the last Base64 character that encode no data must be zero. */
    @Test
    void pem_nonZeroUnusedBits_rejected() throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        String pem = bcPem(pair.getPrivate());
        int padding = pem.indexOf("=\n-----END");
        assertTrue(padding > 0, "expected '=' padding in " + pem);
        int last = pem.charAt(padding - 1) == '=' ? padding - 2 : padding - 1;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char changed = alphabet.charAt(alphabet.indexOf(pem.charAt(last)) | 1);
        String corrupted = pem.substring(0, last) + changed + pem.substring(last + 1);
        String[] bodies = {bodyOf(pem), bodyOf(corrupted)};
        assertArrayEquals(
                Base64.getMimeDecoder().decode(bodies[0]),
                Base64.getMimeDecoder().decode(bodies[1]),
                "the changed character must decode to the same bytes");

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class, () -> P256Keys.privateKeyFromPem(corrupted));

        assertContains(e, "Base64 body of EC PRIVATE KEY is not in canonical form");
        assertArrayEquals(scalarOf(pair), P256Keys.privateKeyFromPem(pem).toScalarBytes());
    }

    @Test
    void pem_missingPadding_rejected() throws Exception {
        String pem = bcPem(generate("secp256r1", BC).getPrivate());
        String unpadded = pem.replace("=", "");
        assertFalse(unpadded.equals(pem), "expected '=' padding in " + pem);

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class, () -> P256Keys.privateKeyFromPem(unpadded));

        assertContains(e, "not in canonical form");
    }

    /** Text after the END line is not read, because it commonly contains other blocks. */
    @Test
    void pem_textAfterEndLine_ignored() throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        String pem =
                bcPem(pair.getPrivate())
                        + "junk \u0000 after the key\n-----BEGIN CERTIFICATE-----\n!!!\n";

        P256PrivateKey key = P256Keys.privateKeyFromPem(pem);

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
    }

    @Test
    void pem_crlfAndTrailingBlanks_accepted() throws Exception {
        KeyPair pair = generate("secp256r1", BC);
        String pem = bcPem(pair.getPrivate()).replace("\n", " \t\r\n");

        P256PrivateKey key = P256Keys.privateKeyFromPem(pem);

        assertArrayEquals(scalarOf(pair), key.toScalarBytes());
    }

    @Test
    void pem_mismatchedEndLine_rejected() throws Exception {
        String pem = bcPem(generate("secp256r1", BC).getPrivate());
        String mismatched =
                pem.replace("-----END EC PRIVATE KEY-----", "-----END PRIVATE KEY-----");

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(mismatched));

        assertContains(e, "does not match the BEGIN line (expected -----END EC PRIVATE KEY-----)");
    }

    // ---- PUBLIC KEY and SubjectPublicKeyInfo

    @Test
    void publicPem_jcaKeys_imported() throws Exception {
        for (KeyPair pair : new KeyPair[] {generate("secp256r1", BC), generateSunEc()}) {
            String pem = bcPem(pair.getPublic());

            assertEquals(publicKeyOf(pair), P256PublicKey.fromPem(pem), pem);
            assertEquals(
                    publicKeyOf(pair), P256PublicKey.fromSpkiDer(pair.getPublic().getEncoded()));
        }
    }

    @Test
    void spkiDer_p384Key_rejected() throws Exception {
        byte[] der = generateSunEcP384().getPublic().getEncoded();

        InvalidKeyException fromDer =
                assertThrows(InvalidKeyException.class, () -> P256PublicKey.fromSpkiDer(der));
        InvalidKeyException fromPem =
                assertThrows(
                        InvalidKeyException.class,
                        () -> P256PublicKey.fromPem(pem("PUBLIC KEY", der)));

        assertContains(fromDer, "EC key is on curve secp384r1");
        assertContains(fromPem, "(expected P-256 / prime256v1)");
    }

    @Test
    void spkiDer_pointNotOnCurve_rejected() throws Exception {
        byte[] der = generateSunEc().getPublic().getEncoded();
        der[der.length - 1] ^= 1;

        InvalidKeyException e =
                assertThrows(InvalidKeyException.class, () -> P256PublicKey.fromSpkiDer(der));

        assertContains(e, "not on the curve");
    }

    @Test
    void spkiDer_compressedPoint_rejected() throws Exception {
        P256PublicKey key = P256Keys.generate(KeyTestSupport.RANDOM).publicKey();
        byte[] der =
                new SubjectPublicKeyInfo(
                                new AlgorithmIdentifier(
                                        X9ObjectIdentifiers.id_ecPublicKey,
                                        SECObjectIdentifiers.secp256r1),
                                compressed(key))
                        .getEncoded(ASN1Encoding.DER);

        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> P256PublicKey.fromSpkiDer(der));

        assertContains(e, "compressed EC points are not supported");
    }

    @Test
    void spkiDer_trailingByte_rejected() throws Exception {
        byte[] valid = generateSunEc().getPublic().getEncoded();
        byte[] der = Arrays.copyOf(valid, valid.length + 1);

        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> P256PublicKey.fromSpkiDer(der));

        assertContains(e, "invalid DER in SubjectPublicKeyInfo");
    }

    @Test
    void publicPem_wycheproofKeys_matchUncompressedPoint() throws Exception {
        var root = testData("wycheproof/testvectors_v1/ecdsa_secp256r1_sha256_test.json");
        int checked = 0;
        for (var group : root.get("testGroups")) {
            P256PublicKey expected =
                    P256PublicKey.fromUncompressed(
                            hex(group.get("publicKey").get("uncompressed").asText()));
            byte[] der = hex(group.get("publicKeyDer").asText());
            String pem = group.get("publicKeyPem").asText();

            assertEquals(expected, P256PublicKey.fromSpkiDer(der), pem);
            assertEquals(expected, P256PublicKey.fromPem(pem), pem);
            checked++;
        }
        assertEquals(root.get("testGroups").size(), checked);
    }

    // ---- affine coordinates

    /**
     * Coordinates of p or more are rejected for their range, before the curve equation, even where
     * they reduce mod p to a point of the curve.
     */
    @Test
    void fromAffine_coordinateNotBelowP_namesCoordinate() throws Exception {
        BigInteger x = BigInteger.valueOf(smallXOnCurve());
        BigInteger y = sqrtModP(curveRightSide(x));
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xff);
        P256PublicKey valid = P256PublicKey.fromAffine(fixed32(x), fixed32(y));
        assertEquals(x, new BigInteger(1, valid.x()));

        assertCoordinateRejected("x", fixed32(x.add(FIELD_PRIME)), fixed32(y));
        assertCoordinateRejected("x", fixed32(FIELD_PRIME), fixed32(y));
        assertCoordinateRejected("x", allOnes, fixed32(y));
        assertCoordinateRejected("y", fixed32(x), fixed32(FIELD_PRIME));
        assertCoordinateRejected("y", fixed32(x), allOnes);
    }

    // ---- JWK

    @Test
    void jwk_rfc7517Example_matchesHexCoordinates() throws Exception {
        var key =
                testData("rfc/rfc7517_7518_p256_keys.json").get("rfc7517_appendix_A_1_A_2_ec_key");
        var jwk = key.get("jwk").deepCopy();
        ((ObjectNode) jwk).remove("d");

        P256PublicKey imported = P256PublicKey.fromJwk(jwk.toString());

        assertArrayEquals(hex(key.get("hex").get("x").asText()), imported.x());
        assertArrayEquals(hex(key.get("hex").get("y").asText()), imported.y());
    }

    @Test
    void jwk_nimbusExport_matchesPoint() throws Exception {
        KeyPair pair = generateSunEc();
        String json =
                new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                        .keyID("device-1")
                        .build()
                        .toJSONString();

        assertEquals(publicKeyOf(pair), P256PublicKey.fromJwk(json));
    }

    @Test
    void jwk_wycheproofKeys_matchUncompressedPoint() throws Exception {
        var root = testData("wycheproof/testvectors_v1/ecdsa_secp256r1_sha256_p1363_test.json");
        int checked = 0;
        for (var group : root.get("testGroups")) {
            if (!group.has("publicKeyJwk")) {
                continue;
            }
            P256PublicKey expected =
                    P256PublicKey.fromUncompressed(
                            hex(group.get("publicKey").get("uncompressed").asText()));
            String jwk = group.get("publicKeyJwk").toString();

            assertEquals(expected, P256PublicKey.fromJwk(jwk), jwk);
            checked++;
        }
        assertTrue(checked > 100, "only " + checked + " groups have a publicKeyJwk");
    }

    @Test
    void jwk_rejections_nameTheProblem() throws Exception {
        P256PublicKey key = P256Keys.generate(KeyTestSupport.RANDOM).publicKey();
        String x = Base64Url.encode(key.x());
        String y = Base64Url.encode(key.y());
        String shortX = Base64Url.encode(Arrays.copyOf(key.x(), 31));

        assertJwkRejected(
                InvalidKeyException.class,
                "JWK kty is \"RSA\" (expected \"EC\")",
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}");
        assertJwkRejected(
                InvalidKeyException.class,
                "JWK crv is \"P-384\" (expected \"P-256\")",
                jwk("P-384", x, y));
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK x is 31 bytes (expected 32 for P-256)",
                jwk("P-256", shortX, y));
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK x is not valid Base64Url",
                jwk("P-256", x + "=", y));
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK member y is missing",
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\"}");
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK member kty is missing",
                "{\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}");
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK member crv is not a JSON string",
                "{\"kty\":\"EC\",\"crv\":256,\"x\":\"" + x + "\",\"y\":\"" + y + "\"}");
        assertJwkRejected(InvalidKeySpecException.class, "JWK is not a JSON object", "[\"EC\"]");
        assertJwkRejected(
                InvalidKeySpecException.class, "JWK is not valid JSON", "{\"kty\":\"EC\",");
    }

    @Test
    void jwk_duplicateMember_named() throws Exception {
        P256PublicKey key = P256Keys.generate(KeyTestSupport.RANDOM).publicKey();
        String x = Base64Url.encode(key.x());
        String valid = jwk("P-256", x, Base64Url.encode(key.y()));

        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK has a duplicate member \"kty\" (error at line 1, column 13)",
                valid.replace("{", "{\"kty\":\"EC\","));
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK has a duplicate member \"x\"",
                valid.replace("{", "{\"x\":\"" + x + "\","));
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK has a duplicate member \"a\"",
                valid.replace("}", ",\"ext\":{\"a\":1,\"a\":2}}"));
        assertJwkRejected(
                InvalidKeySpecException.class,
                "JWK has a duplicate member \"kU+000A\"",
                valid.replace("{", "{\"k\\n\":1,\"k\\n\":2,"));
    }

    @Test
    void jwk_trailingData_named() throws Exception {
        P256PublicKey key = P256Keys.generate(KeyTestSupport.RANDOM).publicKey();
        String valid = jwk("P-256", Base64Url.encode(key.x()), Base64Url.encode(key.y()));

        for (String trailing : new String[] {" {}", "x", " \"secret-looking\"", "}"}) {
            GeneralSecurityException e =
                    assertThrows(
                            InvalidKeySpecException.class,
                            () -> P256PublicKey.fromJwk(valid + trailing),
                            trailing);

            assertContains(e, "JWK is not valid JSON (trailing data after the JSON object");
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
        assertEquals(key, P256PublicKey.fromJwk(valid + " \n"));
    }

    @Test
    void jwk_pointNotOnCurve_rejected() throws Exception {
        P256PublicKey key = P256Keys.generate(KeyTestSupport.RANDOM).publicKey();
        byte[] y = key.y();
        y[31] ^= 1;

        assertJwkRejected(
                InvalidKeyException.class,
                "not on the curve",
                jwk("P-256", Base64Url.encode(key.x()), Base64Url.encode(y)));
    }

    @Test
    void jwk_privateMemberD_rejectedWithoutShowingIt() throws Exception {
        P256KeyPair pair = P256Keys.generate(KeyTestSupport.RANDOM);
        String d = Base64Url.encode(pair.privateKey().toScalarBytes());
        String json =
                jwk(
                                "P-256",
                                Base64Url.encode(pair.publicKey().x()),
                                Base64Url.encode(pair.publicKey().y()))
                        .replace("}", ",\"d\":\"" + d + "\"}");

        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> P256PublicKey.fromJwk(json));

        assertContains(e, "JWK contains the private key member d");
        assertFalse(e.getMessage().contains(d), e.getMessage());
    }

    @Test
    void jwk_invalidJson_messageHidesInput() throws Exception {
        String secretLooking = "c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw";
        String json = "{\"kty\":\"EC\",\"d\":" + secretLooking + "}";

        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> P256PublicKey.fromJwk(json));

        assertContains(e, "JWK is not valid JSON (error at line 1");
        assertFalse(e.getMessage().contains(secretLooking.substring(0, 8)), e.getMessage());
    }

    // ---- helpers

    private static void assertCoordinateRejected(String name, byte[] x, byte[] y) {
        InvalidKeyException e =
                assertThrows(InvalidKeyException.class, () -> P256PublicKey.fromAffine(x, y));
        assertContains(e, "coordinate " + name + " is p or larger");
        assertContains(e, "must be below the field prime p");
    }

    /** Returns the smallest x ≥ 1 for which x³ - 3x + b is a square mod p. */
    private static long smallXOnCurve() {
        for (long x = 1; ; x++) {
            BigInteger right = curveRightSide(BigInteger.valueOf(x));
            BigInteger root = sqrtModP(right);
            if (root.multiply(root).mod(FIELD_PRIME).equals(right)) {
                return x;
            }
        }
    }

    private static BigInteger curveRightSide(BigInteger x) {
        return x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(CURVE_B).mod(FIELD_PRIME);
    }

    /** Returns a^((p+1)/4) mod p, a square root of a whenever one exists, since p ≡ 3 mod 4. */
    private static BigInteger sqrtModP(BigInteger a) {
        return a.modPow(FIELD_PRIME.add(BigInteger.ONE).shiftRight(2), FIELD_PRIME);
    }

    private static KeyPair generateSunEcP384() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return generator.generateKeyPair();
    }

    /**
     * Encrypts with PBES2, PBKDF2-HMAC-SHA256 and the named AES-CBC cipher, as Bouncy Castle does.
     */
    private static String encryptedPem(KeyPair pair, String cipher) throws Exception {
        ASN1ObjectIdentifier cipherOid =
                cipher.equals("AES_256_CBC")
                        ? JcaPKCS8Generator.AES_256_CBC
                        : JcaPKCS8Generator.AES_128_CBC;
        OutputEncryptor encryptor =
                new JceOpenSSLPKCS8EncryptorBuilder(cipherOid)
                        .setProvider(BC)
                        .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(2048)
                        .setPassword(PASSWORD)
                        .build();
        String pem = bcPem(new JcaPKCS8Generator(pair.getPrivate(), encryptor));

        PemObject block = new PemReader(new StringReader(pem)).readPemObject();
        PKCS8EncryptedPrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(block.getContent());
        assertEquals("ENCRYPTED PRIVATE KEY", block.getType());
        assertEquals(PKCSObjectIdentifiers.id_PBES2, info.getEncryptionAlgorithm().getAlgorithm());
        return pem;
    }

    private static byte[] compressed(P256PublicKey key) {
        byte[] out = new byte[33];
        out[0] = (byte) (0x02 | (key.y()[31] & 1));
        System.arraycopy(key.x(), 0, out, 1, 32);
        return out;
    }

    private static String insertInBody(String pem, int index, char inserted) {
        int bodyStart = pem.indexOf('\n') + 1;
        return pem.substring(0, bodyStart + index) + inserted + pem.substring(bodyStart + index);
    }

    /** Returns the Base64 lines between the BEGIN and END lines of a single-block PEM text. */
    private static String bodyOf(String pem) {
        return pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END"));
    }

    private static String replaceBodyCharacter(String pem, int index, char replacement) {
        int bodyStart = pem.indexOf('\n') + 1;
        StringBuilder out = new StringBuilder(pem);
        out.setCharAt(bodyStart + index, replacement);
        return out.toString();
    }

    private static String jwk(String crv, String x, String y) {
        return "{\"kty\":\"EC\",\"crv\":\"" + crv + "\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
    }

    private static void assertJwkRejected(
            Class<? extends GeneralSecurityException> type, String fragment, String json) {
        GeneralSecurityException e = assertThrows(type, () -> P256PublicKey.fromJwk(json), json);
        assertContains(e, fragment);
    }

    static void assertContains(Exception e, String fragment) {
        assertTrue(
                e.getMessage() != null && e.getMessage().contains(fragment),
                () -> "message \"" + e.getMessage() + "\" does not contain \"" + fragment + "\"");
    }

    /** Asserts that an error message shows the scalar neither in hex nor in decimal. */
    static void assertSecretNotShown(Exception e, byte[] scalar) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        assertFalse(message.contains(HexFormat.of().formatHex(scalar)), message);
        assertFalse(message.contains(new BigInteger(1, scalar).toString()), message);
    }
}
