package io.github.nrf91emu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.provisioning.CoseSign1;
import io.github.nrf91emu.provisioning.ProvisioningMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of {@code AT%KEYGEN} and {@code AT%ATTESTTOKEN}, from the command line in to the
 * response text out, against Bouncy Castle 1.87 (its JCA provider and PKIX builders) making
 * responses of the same layout.
 *
 * <p>Both sides write the CBOR with Jackson's CBOR generator and encode Base64Url without padding,
 * so the two differ in the key generation, the certificate request, SHA-256 and the signatures.
 * Ours derives keys and nonces from the seed's streams and signs with RFC 6979 nonces. Bouncy
 * Castle draws them from one {@link SecureRandom}. The set-up checks that the Bouncy Castle side
 * builds the same bytes as the modem from the same inputs, and that each side's COSE signature
 * verifies with the device identity key.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class ProvisioningBenchmark {
    private static final long SEED = 20261205L;

    private static final long SEC_TAG = 7;

    /**
     * Makes a client key at {@link #SEC_TAG} and deletes it in the same line, so that the next call
     * does not fail with CME error 519 (key already stored).
     */
    private static final String KEYGEN_LINE =
            "AT%KEYGEN=" + SEC_TAG + ",2,0;%CMNG=3," + SEC_TAG + ",2";

    private static final String ATTEST_TOKEN_LINE = "AT%ATTESTTOKEN";

    /** The key usage of the modem's default request, 111010000. */
    private static final int KEY_USAGE =
            KeyUsage.digitalSignature
                    | KeyUsage.nonRepudiation
                    | KeyUsage.keyEncipherment
                    | KeyUsage.keyAgreement;

    private static final CBORFactory CBOR = new CBORFactory();

    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

    private Modem modem;
    private P256PublicKey identityPublicKey;
    private UUID deviceUuid;
    private UUID firmwareUuid;
    private int deviceType;

    /** Writes a client key PEM at {@link #SEC_TAG} and deletes it. */
    private String cmngWriteDeleteLine;

    private SecureRandom random;
    private KeyPairGenerator bcKeyPairGenerator;
    private JcaContentSignerBuilder bcContentSignerBuilder;
    private Signature bcIdentitySigner;
    private byte[] protectedHeader;
    private byte[] identityKeyId;

    @Setup
    public void setUp() throws Exception {
        modem = Modem.builder().seed(SEED).build();
        if (!modem.execute("AT+CFUN=4").equals("OK\r\n")) {
            throw new IllegalStateException("AT+CFUN=4 failed in the benchmark set-up");
        }
        DeviceIdentity identity = modem.identity();
        identityPublicKey = identity.publicKey();
        deviceUuid = identity.deviceUuid();
        firmwareUuid = identity.firmwareUuid();
        deviceType = identity.model().attestationDeviceType();
        P256KeyPair identityKey = identityKeyOf(identity);

        String clientKeyPem =
                P256Keys.fromSeed(new byte[] {1}).privateKey().toPkcs8Pem().stripTrailing();
        cmngWriteDeleteLine =
                "AT%CMNG=0," + SEC_TAG + ",2,\"" + clientKeyPem + "\";%CMNG=3," + SEC_TAG + ",2";

        random = new SecureRandom();
        BouncyCastleProvider bc = new BouncyCastleProvider();
        bcKeyPairGenerator = KeyPairGenerator.getInstance("EC", bc);
        bcKeyPairGenerator.initialize(new ECGenParameterSpec("secp256r1"), random);
        bcContentSignerBuilder =
                new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(bc)
                        .setSecureRandom(random);
        PrivateKey bcIdentityKey =
                KeyFactory.getInstance("EC", bc)
                        .generatePrivate(
                                new ECPrivateKeySpec(
                                        new BigInteger(1, identityKey.privateKey().toScalarBytes()),
                                        ECNamedCurveTable.getParameterSpec("secp256r1")));
        bcIdentitySigner = Signature.getInstance("SHA256withPLAIN-ECDSA", bc);
        bcIdentitySigner.initSign(bcIdentityKey, random);
        protectedHeader = CoseSign1.protectedHeader();
        identityKeyId = cbor(generator -> generator.writeNumber(CoseSign1.IDENTITY_KEY_ID));

        checkKeygen(bc);
        checkAttestToken();
        if (!oursAtCmngWriteDelete().equals("OK\r\n")) {
            throw new IllegalStateException("the AT%CMNG write and delete failed");
        }
    }

    /**
     * Checks that the modem still returns full responses after the measurement. A key left behind
     * at {@link #SEC_TAG} would have turned every later keygen into a fast CME error 519.
     */
    @TearDown
    public void checkResponsesAfterMeasurement() {
        splitResponse(oursAtKeygen(), "%KEYGEN");
        splitResponse(oursAtAttestToken(), "%ATTESTTOKEN");
    }

    /**
     * Returns the identity key of the modem: the seeded device that {@link
     * Modem.Builder#seed(long)} builds from the same 8 big-endian bytes.
     */
    private static P256KeyPair identityKeyOf(DeviceIdentity identity) {
        byte[] seed = ByteBuffer.allocate(Long.BYTES).putLong(SEED).array();
        P256KeyPair key =
                Device.fromSeed(
                                seed,
                                identity.model(),
                                identity.firmwareVersion(),
                                ModemClock.following(Clock.systemUTC()))
                        .identityKey();
        if (!Arrays.equals(
                key.publicKey().toUncompressed(), identity.publicKey().toUncompressed())) {
            throw new IllegalStateException("the derived identity key is not the modem's");
        }
        return key;
    }

    /** Makes a key, its request and the signed message, then deletes the key. */
    @Benchmark
    public String oursAtKeygen() {
        return modem.execute(KEYGEN_LINE);
    }

    /**
     * Writes and deletes a client key PEM like the one {@code AT%KEYGEN} stores, in one line. The
     * write is part of {@link #oursAtKeygen} too, so this bounds the cost of its delete.
     */
    @Benchmark
    public String oursAtCmngWriteDelete() {
        return modem.execute(cmngWriteDeleteLine);
    }

    /**
     * Generates a P-256 key pair, builds and signs the same certificate request, and signs the same
     * CBOR payload with the identity key. Nothing is stored.
     */
    @Benchmark
    public String bcKeygen() throws GeneralSecurityException, OperatorCreationException {
        KeyPair pair = bcKeyPairGenerator.generateKeyPair();
        X500Name subject =
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.CN, deviceUuid.toString())
                        .build();
        Extensions extensions =
                new Extensions(new Extension(Extension.keyUsage, false, keyUsageDer()));
        byte[] request;
        try {
            request =
                    new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                            .addAttribute(
                                    PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                            .build(bcContentSignerBuilder.build(pair.getPrivate()))
                            .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = keygenPayload(request, newNonce());
        byte[] cose = coseSign1(payload, signWithBouncyCastle(payload), false);
        return BASE64_URL.encodeToString(request) + "." + BASE64_URL.encodeToString(cose);
    }

    @Benchmark
    public String oursAtAttestToken() {
        return modem.execute(ATTEST_TOKEN_LINE);
    }

    /** Builds the same device identity message with a fresh nonce and signs it, detached. */
    @Benchmark
    public String bcAttestToken() throws GeneralSecurityException {
        byte[] message = attestationMessage(newNonce());
        byte[] cose = coseSign1(message, signWithBouncyCastle(message), true);
        return BASE64_URL.encodeToString(message) + "." + BASE64_URL.encodeToString(cose);
    }

    /**
     * Checks that the keygen line leaves no key behind. Also checks that the Bouncy Castle side
     * builds the modem's payload and COSE_Sign1 bytes from the modem's request and nonce, and that
     * both requests carry the same subject, key algorithm, attributes and signature algorithm.
     */
    private void checkKeygen(BouncyCastleProvider bc) throws Exception {
        oursAtKeygen();
        byte[][] ours = splitResponse(oursAtKeygen(), "%KEYGEN");
        if (modem.credentials().find(SEC_TAG, CredentialType.CLIENT_PRIVATE_KEY).isPresent()) {
            throw new IllegalStateException(KEYGEN_LINE + " left a key at sec_tag " + SEC_TAG);
        }
        byte[] oursPayload = coseItem(ours[1], 2);
        byte[] oursSignature = coseItem(ours[1], 3);
        byte[] payload = keygenPayload(ours[0], lastNonce(oursPayload));
        checkSameCose("%KEYGEN", ours[1], oursPayload, payload, oursSignature, false);

        byte[][] theirs = splitResponse(bcKeygen(), null);
        checkIdentitySignature("Bouncy Castle's %KEYGEN", coseItem(theirs[1], 2), theirs[1]);
        PKCS10CertificationRequest oursRequest = new PKCS10CertificationRequest(ours[0]);
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(theirs[0]);
        if (!request.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                        .setProvider(bc)
                        .build(request.getSubjectPublicKeyInfo()))) {
            throw new IllegalStateException("Bouncy Castle's request has an invalid signature");
        }
        if (!request.getSubject().equals(oursRequest.getSubject())
                || !request.getSubjectPublicKeyInfo()
                        .getAlgorithm()
                        .equals(oursRequest.getSubjectPublicKeyInfo().getAlgorithm())
                || !Arrays.equals(request.getAttributes(), oursRequest.getAttributes())
                || !request.getSignatureAlgorithm()
                        .getAlgorithm()
                        .equals(oursRequest.getSignatureAlgorithm().getAlgorithm())) {
            throw new IllegalStateException("the two certificate requests differ in content");
        }
    }

    /** Checks the attestation token as {@link #checkKeygen} checks the keygen response. */
    private void checkAttestToken() throws Exception {
        byte[][] ours = splitResponse(oursAtAttestToken(), "%ATTESTTOKEN");
        byte[] message = attestationMessage(lastNonce(ours[0]));
        checkSameCose("%ATTESTTOKEN", ours[1], ours[0], message, coseItem(ours[1], 3), true);

        byte[][] theirs = splitResponse(bcAttestToken(), null);
        checkIdentitySignature("Bouncy Castle's %ATTESTTOKEN", theirs[0], theirs[1]);
    }

    private void checkSameCose(
            String name,
            byte[] oursCose,
            byte[] oursPayload,
            byte[] payload,
            byte[] oursSignature,
            boolean detached) {
        if (!Arrays.equals(payload, oursPayload)
                || !Arrays.equals(coseSign1(payload, oursSignature, detached), oursCose)) {
            throw new IllegalStateException(
                    "the Bouncy Castle side's " + name + " bytes differ from the modem's");
        }
        checkIdentitySignature(name, payload, oursCose);
    }

    /** Checks the COSE signature over {@code payload} with our verifier and the identity key. */
    private void checkIdentitySignature(String name, byte[] payload, byte[] cose) {
        if (!Es256.verify(identityPublicKey, toBeSigned(payload), coseItem(cose, 3))) {
            throw new IllegalStateException(name + " COSE signature does not verify");
        }
    }

    private static byte[] keyUsageDer() {
        try {
            return new KeyUsage(KEY_USAGE).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] newNonce() {
        byte[] nonce = new byte[ProvisioningMessages.NONCE_LENGTH];
        random.nextBytes(nonce);
        return nonce;
    }

    private byte[] signWithBouncyCastle(byte[] payload) throws GeneralSecurityException {
        bcIdentitySigner.update(toBeSigned(payload));
        return bcIdentitySigner.sign();
    }

    /** Returns {@code 55799([9, device UUID, h'<CBOR sec_tag>', SHA-256(request), nonce])}. */
    private byte[] keygenPayload(byte[] request, byte[] nonce) {
        byte[] secTag = cbor(generator -> generator.writeNumber(SEC_TAG));
        byte[] digest = sha256(request);
        return cbor(
                generator -> {
                    generator.writeTag(ProvisioningMessages.SELF_DESCRIBED_CBOR_TAG);
                    generator.writeStartArray(null, 5);
                    generator.writeNumber(ProvisioningMessages.TYPE_CSR);
                    generator.writeBinary(uuidBytes(deviceUuid));
                    generator.writeBinary(secTag);
                    generator.writeBinary(digest);
                    generator.writeBinary(nonce);
                    generator.writeEndArray();
                });
    }

    /** Returns {@code 55799([1, device UUID, device type, firmware UUID, nonce])}. */
    private byte[] attestationMessage(byte[] nonce) {
        return cbor(
                generator -> {
                    generator.writeTag(ProvisioningMessages.SELF_DESCRIBED_CBOR_TAG);
                    generator.writeStartArray(null, 5);
                    generator.writeNumber(ProvisioningMessages.TYPE_DEVICE_IDENTITY);
                    generator.writeBinary(uuidBytes(deviceUuid));
                    generator.writeNumber(deviceType);
                    generator.writeBinary(uuidBytes(firmwareUuid));
                    generator.writeBinary(nonce);
                    generator.writeEndArray();
                });
    }

    /** Returns the Sig_structure {@code ["Signature1", protected header, h'', payload]}. */
    private byte[] toBeSigned(byte[] payload) {
        return cbor(
                generator -> {
                    generator.writeStartArray(null, 4);
                    generator.writeString("Signature1");
                    generator.writeBinary(protectedHeader);
                    generator.writeBinary(new byte[0]);
                    generator.writeBinary(payload);
                    generator.writeEndArray();
                });
    }

    /** Returns {@code 18([protected header, {4: h'21'}, payload or nil, signature])}. */
    private byte[] coseSign1(byte[] payload, byte[] signature, boolean detached) {
        return cbor(
                generator -> {
                    generator.writeTag(CoseSign1.TAG);
                    generator.writeStartArray(null, 4);
                    generator.writeBinary(protectedHeader);
                    generator.writeStartObject(null, 1);
                    generator.writeFieldId(4);
                    generator.writeBinary(identityKeyId);
                    generator.writeEndObject();
                    if (detached) {
                        generator.writeNull();
                    } else {
                        generator.writeBinary(payload);
                    }
                    generator.writeBinary(signature);
                    generator.writeEndArray();
                });
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** Writes CBOR items. */
    private interface CborBody {
        void write(CBORGenerator generator) throws IOException;
    }

    private static byte[] cbor(CborBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (CBORGenerator generator = CBOR.createGenerator(out)) {
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("CBOR encoding into memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Returns the two Base64Url parts of a response, decoded. With a command name, the text must be
     * that command's one response line and {@code OK}; without one, it is the quoted text alone.
     */
    private static byte[][] splitResponse(String response, String command) {
        String text = response;
        if (command != null) {
            String prefix = command + ": \"";
            String suffix = "\"\r\nOK\r\n";
            if (!response.startsWith(prefix) || !response.endsWith(suffix)) {
                throw new IllegalStateException("unexpected " + command + " response: " + response);
            }
            text = response.substring(prefix.length(), response.length() - suffix.length());
        }
        String[] parts = text.split("\\.");
        if (parts.length != 2) {
            throw new IllegalStateException("expected two Base64Url parts, got: " + text);
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return new byte[][] {decoder.decode(parts[0]), decoder.decode(parts[1])};
    }

    /** Returns the byte string at {@code index} of a COSE_Sign1 array. */
    private static byte[] coseItem(byte[] cose, int index) {
        try {
            JsonNode array = new ObjectMapper(CBOR).readTree(cose);
            return array.get(index).binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException("invalid COSE_Sign1", e);
        }
    }

    /** Returns the nonce, the last item of a message, which fills its last 16 bytes. */
    private static byte[] lastNonce(byte[] message) {
        int length = ProvisioningMessages.NONCE_LENGTH;
        return Arrays.copyOfRange(message, message.length - length, message.length);
    }
}
