package io.github.nrf91emu.keystore;

import io.github.nrf91emu.crypto.P256PublicKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Keys and certificates made by the JDK and Bouncy Castle for the credential tests, written as PEM
 * with LF line ends. Public so that the tests of other packages can use it.
 */
public final class TestCredentials {
    /** A Bouncy Castle provider instance, not registered with java.security.Security. */
    private static final Provider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCredentials() {}

    /** Generates a key pair on a named curve, such as secp256r1, with the JDK's SunEC provider. */
    public static KeyPair generate(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation failed for " + curve, e);
        }
    }

    /** Generates a P-256 key pair with the JDK. */
    public static KeyPair p256() {
        return generate("secp256r1");
    }

    /** Returns the private key as an EC PRIVATE KEY block (SEC 1), as JcaPEMWriter writes it. */
    public static String sec1Pem(KeyPair pair) {
        return writeJca(pair.getPrivate());
    }

    /** Returns the private key as an unencrypted PRIVATE KEY block (PKCS #8). */
    public static String pkcs8Pem(KeyPair pair) {
        try {
            return writePem(new JcaPKCS8Generator(pair.getPrivate(), null));
        } catch (PemGenerationException e) {
            throw new IllegalStateException("PKCS #8 encoding failed", e);
        }
    }

    /**
     * Returns the private key as an ENCRYPTED PRIVATE KEY block: PKCS #8 with PBES2,
     * PBKDF2-HMAC-SHA256 (2048 iterations) and AES-256-CBC.
     */
    public static String encryptedPkcs8Pem(KeyPair pair, String password) {
        try {
            OutputEncryptor encryptor =
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setProvider(BC)
                            .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                            .setIterationCount(2048)
                            .setPassword(password.toCharArray())
                            .build();
            return writePem(new JcaPKCS8Generator(pair.getPrivate(), encryptor));
        } catch (OperatorCreationException | PemGenerationException e) {
            throw new IllegalStateException("PKCS #8 encryption failed", e);
        }
    }

    /** Returns a self-signed P-256 certificate with the common name as a CERTIFICATE block. */
    public static String certificatePem(String commonName) {
        KeyPair pair = p256();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try {
            X509CertificateHolder holder =
                    new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.valueOf(RANDOM.nextInt(Integer.MAX_VALUE)),
                                    Date.from(now),
                                    Date.from(now.plus(3650, ChronoUnit.DAYS)),
                                    name,
                                    pair.getPublic())
                            .build(
                                    new JcaContentSignerBuilder("SHA256withECDSA")
                                            .build(pair.getPrivate()));
            return pem("CERTIFICATE", holder.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("certificate generation failed", e);
        }
    }

    /** Wraps DER in a PEM block with the label. */
    public static String pem(String label, byte[] der) {
        return writePem(new PemObject(label, der));
    }

    /** Returns the JDK public key as our type, from its affine coordinates. */
    public static P256PublicKey publicKeyOf(KeyPair pair) {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        try {
            return P256PublicKey.fromAffine(
                    fixed32(key.getW().getAffineX()), fixed32(key.getW().getAffineY()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a P-256 public key", e);
        }
    }

    /** Returns SHA-256 of the bytes as 64 upper-case hex digits, computed with the JDK. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the text with every line end, LF or CRLF, turned into CRLF. */
    public static String withCrlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /**
     * Returns the Base64 body lines of a PEM text, the part that encodes the key or certificate.
     */
    public static String[] bodyLines(String pem) {
        return pem.replace("\r\n", "\n")
                .replaceAll("(?m)^-----.*-----$\n?", "")
                .replaceAll("(?m)^[A-Za-z-]+: .*$\n?", "")
                .strip()
                .split("\n");
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] minimal = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(minimal.length, 32);
        System.arraycopy(minimal, minimal.length - length, out, 32 - length, length);
        return out;
    }

    /** Writes a JCA key with Bouncy Castle's JcaPEMWriter, with LF line ends. */
    private static String writeJca(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "\n");
    }

    /** Writes a PEM object with Bouncy Castle's PemWriter, with LF line ends. */
    private static String writePem(PemObjectGenerator object) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "\n");
    }
}
