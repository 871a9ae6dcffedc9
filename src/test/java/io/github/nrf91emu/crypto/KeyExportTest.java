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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Export of keys, read back by the JDK, Bouncy Castle and Nimbus JOSE+JWT. */
class KeyExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- SubjectPublicKeyInfo and PUBLIC KEY PEM

    @RepeatedTest(5)
    void toSpkiDer_jdk_readsSamePoint() throws Exception {
        KeyPair pair = generateSunEc();
        P256PublicKey key = publicKeyOf(pair);

        byte[] der = key.toSpkiDer();
        ECPublicKey parsed =
                (ECPublicKey)
                        KeyFactory.getInstance("EC", "SunEC")
                                .generatePublic(new X509EncodedKeySpec(der));

        assertEquals(91, der.length);
        assertArrayEquals(key.x(), fixed32(parsed.getW().getAffineX()));
        assertArrayEquals(key.y(), fixed32(parsed.getW().getAffineY()));
        assertArrayEquals(pair.getPublic().getEncoded(), der);
    }

    @Test
    void toSpkiDer_bouncyCastle_readsPoint() throws Exception {
        P256PublicKey key = P256Keys.generate(RANDOM).publicKey();

        ECPublicKey parsed =
                (ECPublicKey)
                        KeyFactory.getInstance("EC", BC)
                                .generatePublic(new X509EncodedKeySpec(key.toSpkiDer()));

        assertArrayEquals(key.x(), fixed32(parsed.getW().getAffineX()));
        assertArrayEquals(key.y(), fixed32(parsed.getW().getAffineY()));
    }

    @Test
    void toPem_wycheproofKeys_matchTheirPemText() throws Exception {
        JsonNode root = testData("wycheproof/testvectors_v1/ecdsa_secp256r1_sha256_test.json");
        List<String> failures = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            P256PublicKey key =
                    P256PublicKey.fromUncompressed(
                            hex(group.get("publicKey").get("uncompressed").asText()));
            String expectedPem = group.get("publicKeyPem").asText();
            String expectedDer = group.get("publicKeyDer").asText();

            if (!expectedPem.equals(key.toPem())) {
                failures.add("PEM of " + expectedDer + ":\n" + key.toPem());
            }
            if (!expectedDer.equals(HexFormat.of().formatHex(key.toSpkiDer()))) {
                failures.add("DER of " + expectedDer);
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void toPem_layout_is64ColumnsWithLf() throws Exception {
        P256PublicKey key = P256Keys.generate(RANDOM).publicKey();

        String pem = key.toPem();
        String[] lines = pem.split("\n", -1);

        assertFalse(pem.contains("\r"), pem);
        assertEquals("-----BEGIN PUBLIC KEY-----", lines[0]);
        assertEquals(64, lines[1].length());
        assertEquals(60, lines[2].length());
        assertEquals("-----END PUBLIC KEY-----", lines[3]);
        assertEquals("", lines[4], "PEM text must end with a line feed");
        assertArrayEquals(key.toSpkiDer(), Base64.getDecoder().decode(lines[1] + lines[2]));
    }

    @Test
    void toPem_pemParser_readsPoint() throws Exception {
        P256PublicKey key = P256Keys.generate(RANDOM).publicKey();

        Object parsed = new PEMParser(new StringReader(key.toPem())).readObject();
        ECPublicKey jca =
                (ECPublicKey)
                        new JcaPEMKeyConverter()
                                .setProvider(BC)
                                .getPublicKey(
                                        (org.bouncycastle.asn1.x509.SubjectPublicKeyInfo) parsed);

        assertArrayEquals(key.x(), fixed32(jca.getW().getAffineX()));
        assertArrayEquals(key.y(), fixed32(jca.getW().getAffineY()));
    }

    @Test
    void spkiSha256Hex_matchesJdkDigest() throws Exception {
        KeyPair pair = generateSunEc();
        byte[] jdkDigest =
                MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());

        String kid = publicKeyOf(pair).spkiSha256Hex();

        assertEquals(HexFormat.of().formatHex(jdkDigest), kid);
        assertTrue(kid.matches("[0-9a-f]{64}"), kid);
    }

    // ---- JWK

    @RepeatedTest(5)
    void toJwk_nimbus_readsPointAndThumbprint() throws Exception {
        P256PublicKey key = P256Keys.generate(RANDOM).publicKey();

        ECKey nimbus = ECKey.parse(key.toJwk());

        assertEquals(Curve.P_256, nimbus.getCurve());
        assertArrayEquals(key.x(), nimbus.getX().decode());
        assertArrayEquals(key.y(), nimbus.getY().decode());
        assertFalse(nimbus.isPrivate());
        assertEquals(nimbus.computeThumbprint("SHA-256").toString(), key.jwkThumbprint());
    }

    @Test
    void jwkThumbprint_nimbusJdkKey_equal() throws Exception {
        KeyPair pair = generateSunEc();
        ECKey nimbus = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build();

        assertEquals(nimbus.computeThumbprint().toString(), publicKeyOf(pair).jwkThumbprint());
    }

    @Test
    void toJwk_members_inRfc7638Order() throws Exception {
        String jwk = P256Keys.generate(RANDOM).publicKey().toJwk();

        List<String> names = new ArrayList<>();
        JSON.readTree(jwk).fieldNames().forEachRemaining(names::add);

        assertEquals(List.of("crv", "kty", "x", "y"), names);
        assertFalse(jwk.contains(" "), jwk);
        assertFalse(jwk.contains("="), jwk);
    }

    @Test
    void jwkThumbprint_rfcKeys_matchDerivedValues() throws Exception {
        JsonNode file = testData("rfc/rfc7517_7518_p256_keys.json");
        JsonNode rfc7517 = file.get("rfc7517_appendix_A_1_A_2_ec_key");
        JsonNode rfc7515 = file.get("rfc7515_appendix_A_3_key_thumbprint");

        P256PublicKey first =
                P256PublicKey.fromAffine(
                        hex(rfc7517.get("hex").get("x").asText()),
                        hex(rfc7517.get("hex").get("y").asText()));
        P256PublicKey second = P256PublicKey.fromJwk(rfc7515.get("jwk_public").toString());

        assertEquals(rfc7517.get("rfc7638_thumbprint_input").asText(), first.toJwk());
        assertEquals(rfc7517.get("rfc7638_thumbprint_sha256").asText(), first.jwkThumbprint());
        assertEquals(rfc7515.get("rfc7638_thumbprint_input").asText(), second.toJwk());
        assertEquals(rfc7515.get("rfc7638_thumbprint_sha256").asText(), second.jwkThumbprint());
    }

    @Test
    void toJwk_roundTrip_sameKey() throws Exception {
        P256PublicKey key = P256Keys.generate(RANDOM).publicKey();

        assertEquals(key, P256PublicKey.fromJwk(key.toJwk()));
        assertEquals(key, P256PublicKey.fromPem(key.toPem()));
        assertEquals(key, P256PublicKey.fromSpkiDer(key.toSpkiDer()));
    }

    // ---- private keys

    @RepeatedTest(3)
    void toPkcs8Pem_jdk_readsScalar() throws Exception {
        P256PrivateKey key = P256Keys.generate(RANDOM).privateKey();
        String pem = key.toPkcs8Pem();
        String body =
                pem.replace("-----BEGIN PRIVATE KEY-----\n", "")
                        .replace("-----END PRIVATE KEY-----\n", "");

        ECPrivateKey parsed =
                (ECPrivateKey)
                        KeyFactory.getInstance("EC", "SunEC")
                                .generatePrivate(
                                        new PKCS8EncodedKeySpec(
                                                Base64.getMimeDecoder().decode(body)));

        assertArrayEquals(key.toScalarBytes(), fixed32(parsed.getS()));
        assertEquals(key, P256Keys.privateKeyFromPem(pem));
    }

    @RepeatedTest(3)
    void toSec1Pem_bouncyCastle_readsKeyPair() throws Exception {
        P256KeyPair pair = P256Keys.generate(RANDOM);
        String pem = pair.privateKey().toSec1Pem();

        Object parsed = new PEMParser(new StringReader(pem)).readObject();
        KeyPair jca = new JcaPEMKeyConverter().setProvider(BC).getKeyPair((PEMKeyPair) parsed);

        assertTrue(pem.startsWith("-----BEGIN EC PRIVATE KEY-----\n"), pem);
        assertArrayEquals(
                pair.privateKey().toScalarBytes(),
                fixed32(((ECPrivateKey) jca.getPrivate()).getS()));
        assertEquals(pair.publicKey(), publicKeyOf(jca));
        assertEquals(pair.privateKey(), P256Keys.privateKeyFromPem(pem));
    }

    @Test
    void toPkcs8Pem_bouncyCastle_readsScalar() throws Exception {
        P256PrivateKey key = P256Keys.generate(RANDOM).privateKey();

        Object parsed = new PEMParser(new StringReader(key.toPkcs8Pem())).readObject();
        ECPrivateKey jca =
                (ECPrivateKey)
                        new JcaPEMKeyConverter()
                                .setProvider(BC)
                                .getPrivateKey(
                                        assertInstanceOf(
                                                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.class,
                                                parsed));

        assertArrayEquals(key.toScalarBytes(), fixed32(jca.getS()));
    }

    @RepeatedTest(20)
    void privateKeyToString_neverShowsScalar() {
        P256PrivateKey key = P256Keys.generate(RANDOM).privateKey();
        byte[] scalar = key.toScalarBytes();

        String text = key.toString() + " " + P256KeyPair.of(key);

        assertFalse(text.toLowerCase(Locale.ROOT).contains(HexFormat.of().formatHex(scalar)), text);
        assertFalse(text.contains(new BigInteger(1, scalar).toString()), text);
        assertFalse(text.contains(Base64Url.encode(scalar)), text);
    }
}
