package io.github.nrf91emu.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Keys made by Bouncy Castle and the JDK, converted to our types and written as PEM. */
final class KeyTestSupport {
    /** A Bouncy Castle provider instance, not registered with java.security.Security. */
    static final Provider BC = new BouncyCastleProvider();

    static final SecureRandom RANDOM = new SecureRandom();

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyTestSupport() {}

    /** Generates an EC key pair on a named curve, such as secp256r1, with the given provider. */
    static KeyPair generate(String curve, Provider provider) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec(curve), RANDOM);
        return generator.generateKeyPair();
    }

    /** Generates a P-256 key pair with the JDK's SunEC provider. */
    static KeyPair generateSunEc() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    static byte[] scalarOf(KeyPair pair) {
        return fixed32(((ECPrivateKey) pair.getPrivate()).getS());
    }

    static P256PublicKey publicKeyOf(KeyPair pair) throws InvalidKeyException {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        BigInteger x = key.getW().getAffineX();
        BigInteger y = key.getW().getAffineY();
        return P256PublicKey.fromAffine(fixed32(x), fixed32(y));
    }

    /** Encodes a value in 0..2^256-1 as exactly 32 big-endian bytes. */
    static byte[] fixed32(BigInteger value) {
        byte[] minimal = value.toByteArray();
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("value does not fit in 32 bytes: " + value);
        }
        byte[] out = new byte[32];
        int length = Math.min(minimal.length, 32);
        System.arraycopy(minimal, minimal.length - length, out, 32 - length, length);
        return out;
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    /** Parses a JSON resource below {@code src/test/resources/testdata/}. */
    static JsonNode testData(String path) throws IOException {
        return JSON.readTree(resource("testdata/" + path));
    }

    /** Writes a JCA key the way Bouncy Castle's JcaPEMWriter does (SEC 1 for EC private keys). */
    static String bcPem(Object key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Wraps DER in a PEM block with Bouncy Castle's PemWriter. */
    static String pem(String label, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads a text resource below {@code src/test/resources/}. */
    static String resource(String path) throws IOException {
        try (InputStream in = KeyTestSupport.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IOException("test resource not found: /" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
