package io.github.nrf91emu.bench;

import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of ES256 signing and verification: this project's {@link Es256}, Bouncy Castle's
 * ECDSASigner on its custom secp256r1 curve with RFC 6979 nonces, and the JDK's SunEC provider
 * (SHA256withECDSAinP1363Format, which signs with a random nonce).
 *
 * <p>All benchmarks sign or verify the same JWT signing input of 290 bytes with one key pair, and
 * every measured method hashes the message with SHA-256 itself. The "DecodedKey" variants also
 * decode the public key from its encoding on every call: the 65-byte SEC 1 form for ours and Bouncy
 * Castle, the X.509 SubjectPublicKeyInfo form for the JDK's KeyFactory.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class Es256Benchmark {
    /** JOSE header and claims of a token like those AT%JWT issues; setUp Base64url-encodes them. */
    private static final String HEADER =
            "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"0b8f6a7c3e2d41f5a9c8b7e6d5f4a3b2\"}";

    private static final String CLAIMS =
            "{\"iss\":\"nRF9160.352656100123456\",\"sub\":\"nrf-352656100123456\","
                    + "\"jti\":\"nRF9160.7f3c2a1e-9b8d-4c6e-a5f4-3b2c1d0e9f8a\","
                    + "\"iat\":1735689600,\"exp\":1735693200}";

    private static final String JDK_SIGNATURE_ALGORITHM = "SHA256withECDSAinP1363Format";

    private byte[] message;

    private P256KeyPair ourKeys;
    private byte[] encodedPublicKey;
    private byte[] ourSignature;

    private ECDomainParameters bcDomain;
    private ECDSASigner bcSigner;
    private ECDSASigner bcVerifier;
    private BigInteger bcR;
    private BigInteger bcS;

    private KeyFactory jdkKeyFactory;
    private PublicKey jdkPublicKey;
    private byte[] jdkEncodedPublicKey;
    private Signature jdkSigner;
    private Signature jdkVerifier;
    private Signature jdkDecodedKeyVerifier;
    private byte[] jdkSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
        String signingInput =
                base64Url.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8))
                        + "."
                        + base64Url.encodeToString(CLAIMS.getBytes(StandardCharsets.UTF_8));
        message = signingInput.getBytes(StandardCharsets.US_ASCII);

        ourKeys = P256Keys.fromSeed("Es256Benchmark".getBytes(StandardCharsets.US_ASCII));
        encodedPublicKey = ourKeys.publicKey().toUncompressed();
        ourSignature = Es256.sign(ourKeys.privateKey(), message);

        setUpBouncyCastle();
        setUpJdk();
        checkSignatures();
    }

    private void setUpBouncyCastle() {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        bcDomain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN());
        BigInteger d = new BigInteger(1, ourKeys.privateKey().toScalarBytes());

        bcSigner = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        bcSigner.init(true, new ECPrivateKeyParameters(d, bcDomain));
        bcVerifier = new ECDSASigner();
        bcVerifier.init(
                false,
                new ECPublicKeyParameters(
                        bcDomain.getCurve().decodePoint(encodedPublicKey), bcDomain));

        BigInteger[] signature = bcSigner.generateSignature(sha256(message));
        bcR = signature[0];
        bcS = signature[1];
        if (!bcVerify()) {
            throw new IllegalStateException("Bouncy Castle rejects its own signature");
        }
    }

    private void setUpJdk() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", "SunEC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        jdkKeyFactory = KeyFactory.getInstance("EC", "SunEC");

        BigInteger d = new BigInteger(1, ourKeys.privateKey().toScalarBytes());
        PrivateKey privateKey = jdkKeyFactory.generatePrivate(new ECPrivateKeySpec(d, spec));
        P256PublicKey ours = ourKeys.publicKey();
        ECPoint point = new ECPoint(new BigInteger(1, ours.x()), new BigInteger(1, ours.y()));
        jdkPublicKey = jdkKeyFactory.generatePublic(new ECPublicKeySpec(point, spec));
        jdkEncodedPublicKey = jdkPublicKey.getEncoded();

        jdkSigner = Signature.getInstance(JDK_SIGNATURE_ALGORITHM, "SunEC");
        jdkSigner.initSign(privateKey);
        jdkVerifier = Signature.getInstance(JDK_SIGNATURE_ALGORITHM, "SunEC");
        jdkVerifier.initVerify(jdkPublicKey);
        jdkDecodedKeyVerifier = Signature.getInstance(JDK_SIGNATURE_ALGORITHM, "SunEC");
        jdkSignature = jdkSign();
        if (!jdkVerify() || !jdkVerifyDecodedKey()) {
            throw new IllegalStateException("the JDK rejects its own signature");
        }
    }

    /**
     * Checks, before measuring, that our signature is deterministic and equals Bouncy Castle's, and
     * that ours accepts the decoded key and the JDK's signature.
     */
    private void checkSignatures() throws GeneralSecurityException {
        if (!Arrays.equals(ourSignature, oursSign()) || !oursVerifyDecodedKey()) {
            throw new IllegalStateException("our signature is not deterministic or is rejected");
        }
        byte[] bcSignature = new byte[64];
        System.arraycopy(fixed32(bcR), 0, bcSignature, 0, 32);
        System.arraycopy(fixed32(bcS), 0, bcSignature, 32, 32);
        if (!Arrays.equals(ourSignature, bcSignature)
                || !Es256.verify(ourKeys.publicKey(), message, jdkSignature)) {
            throw new IllegalStateException(
                    "Bouncy Castle or the JDK disagrees with our signature");
        }
    }

    @Benchmark
    public byte[] oursSign() {
        return Es256.sign(ourKeys.privateKey(), message);
    }

    @Benchmark
    public boolean oursVerify() {
        return Es256.verify(ourKeys.publicKey(), message, ourSignature);
    }

    @Benchmark
    public boolean oursVerifyDecodedKey() throws InvalidKeyException {
        return Es256.verify(
                P256PublicKey.fromUncompressed(encodedPublicKey), message, ourSignature);
    }

    @Benchmark
    public BigInteger[] bcSign() {
        return bcSigner.generateSignature(sha256(message));
    }

    @Benchmark
    public boolean bcVerify() {
        return bcVerifier.verifySignature(sha256(message), bcR, bcS);
    }

    @Benchmark
    public boolean bcVerifyDecodedKey() {
        ECPublicKeyParameters key =
                new ECPublicKeyParameters(
                        bcDomain.getCurve().decodePoint(encodedPublicKey), bcDomain);
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(sha256(message), bcR, bcS);
    }

    @Benchmark
    public byte[] jdkSign() throws GeneralSecurityException {
        jdkSigner.update(message);
        return jdkSigner.sign();
    }

    @Benchmark
    public boolean jdkVerify() throws GeneralSecurityException {
        jdkVerifier.update(message);
        return jdkVerifier.verify(jdkSignature);
    }

    @Benchmark
    public boolean jdkVerifyDecodedKey() throws GeneralSecurityException {
        PublicKey key = jdkKeyFactory.generatePublic(new X509EncodedKeySpec(jdkEncodedPublicKey));
        jdkDecodedKeyVerifier.initVerify(key);
        jdkDecodedKeyVerifier.update(message);
        return jdkDecodedKeyVerifier.verify(jdkSignature);
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] minimal = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(minimal.length, 32);
        System.arraycopy(minimal, minimal.length - length, out, 32 - length, length);
        return out;
    }

    /** SHA-256 with Bouncy Castle's digest, as a Bouncy Castle user would hash. */
    private static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
