package io.github.nrf91emu.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.upokecenter.cbor.CBORObject;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.keystore.CredentialType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The onboarding flow of a host provisioning tool, such as nRF Cloud's
 * device_credentials_installer.py, over a real TCP connection to a {@link ModemServer} on
 * 127.0.0.1. The test writes CRLF-terminated command lines and reads the response line by line
 * until a final result code, as such a tool does over a serial port. The tool's side uses libraries
 * independent of the emulator: Bouncy Castle for the request and the certificates, nimbus-jose-jwt
 * for the token, and the upokecenter CBOR library with the JDK's ECDSA for the COSE signatures.
 */
@Timeout(60)
class ProvisioningFlowTest {
    private static final long SEED = 11;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final long SEC_TAG = 16842753;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    /** The protected header of every COSE_Sign1 the modem makes: {1: -7}, alg ES256. */
    private static final byte[] PROTECTED_ES256 = HexFormat.of().parseHex("a10126");

    private static final int COSE_SIGN1_TAG = 18;
    private static final int SELF_DESCRIBED_CBOR_TAG = 55799;
    private static final int COSE_KEY_ID_LABEL = 4;
    private static final int MESSAGE_TYPE_DEVICE_IDENTITY = 1;
    private static final int MESSAGE_TYPE_CSR = 9;
    private static final int DEVICE_TYPE_NRF9160 = 3;

    private static final Pattern FINAL_RESULT = Pattern.compile("OK|ERROR|\\+CME ERROR: \\d+");
    private static final Pattern LIST_LINE =
            Pattern.compile("%CMNG: (\\d+),(\\d+),\"([0-9A-F]{64})\"");

    private Modem modem;
    private ModemServer server;
    private HostConnection host;

    @BeforeEach
    void startServer() throws IOException {
        modem = Modem.builder().seed(SEED).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        server = ModemServer.start(modem, loopback, ServerOptions.defaults());
        host = new HostConnection(server.localAddress());
    }

    @AfterEach
    void stopServer() throws IOException {
        host.close();
        server.close();
        modem.close();
    }

    @Test
    void onboarding_installsCredentialsThatSignTokens() throws Exception {
        // The tool identifies the device, switches LTE off and clears the sec_tag.
        List<String> imei = host.command("AT+CGSN");
        assertEquals(List.of(modem.identity().imei(), "OK"), imei);
        assertTrue(imei.get(0).matches("\\d{15}"), "IMEI: " + imei.get(0));
        assertEquals(List.of(modem.identity().firmwareVersion(), "OK"), host.command("AT+CGMR"));
        assertEquals(List.of("OK"), host.command("AT+CFUN=4"));
        assertEquals(List.of("OK"), host.command("AT+CMEE=1"));
        for (int type = 0; type <= 2; type++) {
            assertEquals(
                    List.of("+CME ERROR: 513"),
                    host.command("AT%CMNG=3," + SEC_TAG + "," + type),
                    "delete of type " + type + " on a new device");
        }

        // The modem makes the key and returns a CSR signed by it, in a COSE_Sign1 by the identity
        // key.
        KeygenResponse keygen = keygen();
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(keygen.der());
        ECPublicKey csrKey = ecPublicKey(csr.getSubjectPublicKeyInfo().getEncoded());
        assertTrue(
                csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csrKey)),
                "CSR signature");
        assertEquals(
                X9ObjectIdentifiers.ecdsa_with_SHA256, csr.getSignatureAlgorithm().getAlgorithm());
        UUID deviceUuid = modem.identity().deviceUuid();
        assertEquals(new X500Name("CN=" + deviceUuid), csr.getSubject());
        KeyUsage requestedUsage = KeyUsage.fromExtensions(csr.getRequestedExtensions());
        int expectedUsage =
                KeyUsage.digitalSignature
                        | KeyUsage.nonRepudiation
                        | KeyUsage.keyEncipherment
                        | KeyUsage.keyAgreement;
        assertEquals(new KeyUsage(expectedUsage), requestedUsage);
        assertArrayEquals(
                modem.credentials()
                        .publicKeyOf(SEC_TAG, CredentialType.CLIENT_PRIVATE_KEY)
                        .toSpkiDer(),
                csr.getSubjectPublicKeyInfo().getEncoded(),
                "stored key and CSR key");

        CBORObject keygenPayload = CBORObject.DecodeFromBytes(verifyCoseSign1(keygen.cose(), null));
        assertKeygenPayload(keygenPayload, keygen.der());

        // The tool's CA signs a client certificate for the request's subject and key.
        KeyPair caKeys = generateP256();
        X509Certificate caCertificate = caCertificate(caKeys);
        X509Certificate clientCertificate =
                clientCertificate(caKeys, csr.getSubject(), csrKey, requestedUsage);
        clientCertificate.verify(caKeys.getPublic());
        assertArrayEquals(csrKey.getEncoded(), clientCertificate.getPublicKey().getEncoded());
        String caPem = pem(caCertificate.getEncoded());
        String clientPem = pem(clientCertificate.getEncoded());

        assertEquals(List.of("OK"), host.command(writeCommand(0, caPem)));
        assertEquals(List.of("OK"), host.command(writeCommand(1, clientPem)));

        // The list shows the digests of the exact bytes written, and the generated key.
        List<String> list = host.command("AT%CMNG=1," + SEC_TAG);
        assertEquals(4, list.size(), "list: " + list);
        assertEquals(listLine(0, sha256Hex(caPem.getBytes(US_ASCII))), list.get(0));
        assertEquals(listLine(1, sha256Hex(clientPem.getBytes(US_ASCII))), list.get(1));
        Matcher keyLine = LIST_LINE.matcher(list.get(2));
        assertTrue(keyLine.matches(), "key line: " + list.get(2));
        assertEquals(String.valueOf(SEC_TAG), keyLine.group(1));
        assertEquals("2", keyLine.group(2));
        assertEquals(
                modem.credentials()
                        .find(SEC_TAG, CredentialType.CLIENT_PRIVATE_KEY)
                        .orElseThrow()
                        .sha256(),
                keyLine.group(3));
        assertEquals("OK", list.get(3));

        // The CA certificate reads back byte for byte, but the private key never leaves the modem.
        assertEquals(
                List.of(
                        "%CMNG: "
                                + SEC_TAG
                                + ",0,\""
                                + sha256Hex(caPem.getBytes(US_ASCII))
                                + "\",\""
                                + caPem
                                + "\"",
                        "OK"),
                host.command("AT%CMNG=2," + SEC_TAG + ",0"));
        assertEquals(List.of("+CME ERROR: 514"), host.command("AT%CMNG=2," + SEC_TAG + ",2"));

        // With LTE on, the installed key signs tokens that both public keys verify.
        assertEquals(List.of("OK"), host.command("AT+CFUN=1"));
        String token =
                quotedValue(
                        host.command("AT%JWT=0,3600,\"sub\",\"aud\"," + SEC_TAG + ",2"), "%JWT");
        ECPublicKey certificateKey = (ECPublicKey) clientCertificate.getPublicKey();
        assertTrue(SignedJWT.parse(token).verify(new ECDSAVerifier(csrKey)), "CSR key");
        assertTrue(
                SignedJWT.parse(token).verify(new ECDSAVerifier(certificateKey)),
                "certificate key");
        assertFalse(
                SignedJWT.parse(token).verify(new ECDSAVerifier(identityPublicKey())),
                "identity key must not verify a token of the stored key");

        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals(
                HexFormat.of().formatHex(sha256(csrKey.getEncoded())), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(modem.identity().issuer(), claims.getIssuer());
        assertEquals("sub", claims.getSubject());
        assertEquals(List.of("aud"), claims.getAudience());
        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW.plusSeconds(3600)), claims.getExpirationTime());

        // The attestation token of the same session is signed by the identity key.
        String attestation = quotedValue(host.command("AT%ATTESTTOKEN"), "%ATTESTTOKEN");
        byte[] message = assertAttestation(attestation);
        byte[] attestationNonce =
                CBORObject.DecodeFromBytes(message).UntagOne().get(4).GetByteString();
        assertFalse(
                Arrays.equals(keygenPayload.UntagOne().get(4).GetByteString(), attestationNonce),
                "KEYGEN and ATTESTTOKEN nonces must differ");

        String challenge = "00112233445566778899AABBCCDDEEFF";
        String challenged =
                quotedValue(host.command("AT%ATTESTTOKEN=\"" + challenge + "\""), "%ATTESTTOKEN");
        byte[] challengedMessage = assertAttestation(challenged);
        assertArrayEquals(
                HexFormat.of().parseHex(challenge),
                CBORObject.DecodeFromBytes(challengedMessage).UntagOne().get(4).GetByteString());
    }

    @Test
    void keygen_existingKeyOrLteActive_rejected() throws Exception {
        assertEquals(List.of("OK"), host.command("AT+CFUN=4"));
        assertEquals(List.of("OK"), host.command("AT+CMEE=1"));
        KeygenResponse first = keygen();
        String storedDigest = storedKeyDigest();

        assertEquals(List.of("+CME ERROR: 519"), host.command("AT%KEYGEN=" + SEC_TAG + ",2,0"));
        assertEquals(storedDigest, storedKeyDigest(), "key after the rejected KEYGEN");

        assertEquals(List.of("OK"), host.command("AT+CFUN=1"));
        assertEquals(List.of("+CME ERROR: 518"), host.command("AT%KEYGEN=" + SEC_TAG + ",2,0"));
        assertEquals(
                List.of("+CME ERROR: 518"), host.command("AT%KEYGEN=" + (SEC_TAG + 1) + ",2,0"));
        assertTrue(
                modem.credentials().find(SEC_TAG + 1, CredentialType.CLIENT_PRIVATE_KEY).isEmpty(),
                "no key stored by the rejected KEYGEN");

        // Under +CMEE=0, the modem's default, the same rejections are a plain ERROR.
        assertEquals(List.of("OK"), host.command("AT+CMEE=0"));
        assertEquals(List.of("ERROR"), host.command("AT%KEYGEN=" + SEC_TAG + ",2,0"));
        assertEquals(List.of("OK"), host.command("AT+CFUN=4"));
        assertEquals(List.of("ERROR"), host.command("AT%KEYGEN=" + SEC_TAG + ",2,0"));

        // Deleting the key first lets KEYGEN make a new one.
        assertEquals(List.of("OK"), host.command("AT%CMNG=3," + SEC_TAG + ",2"));
        KeygenResponse second = keygen();
        assertNotEquals(storedDigest, storedKeyDigest());
        assertFalse(
                Arrays.equals(publicKeyOfCsr(first), publicKeyOfCsr(second)),
                "second KEYGEN must make a new key");
    }

    @Test
    void installerRerun_deletesAndReplacesKey() throws Exception {
        assertEquals(List.of("OK"), host.command("AT+CFUN=4"));
        assertEquals(List.of("OK"), host.command("AT+CMEE=1"));
        KeygenResponse first = keygen();
        String caPem = pem(caCertificate(generateP256()).getEncoded());
        assertEquals(List.of("OK"), host.command(writeCommand(0, caPem)));

        // A second run deletes what is there, ignores the 513 of what is not, and starts over.
        assertEquals(List.of("OK"), host.command("AT%CMNG=3," + SEC_TAG + ",0"));
        assertEquals(List.of("+CME ERROR: 513"), host.command("AT%CMNG=3," + SEC_TAG + ",1"));
        assertEquals(List.of("OK"), host.command("AT%CMNG=3," + SEC_TAG + ",2"));
        assertEquals(List.of("OK"), host.command("AT%CMNG=1," + SEC_TAG));
        KeygenResponse second = keygen();

        assertFalse(Arrays.equals(publicKeyOfCsr(first), publicKeyOfCsr(second)));
        assertArrayEquals(
                modem.credentials()
                        .publicKeyOf(SEC_TAG, CredentialType.CLIENT_PRIVATE_KEY)
                        .toSpkiDer(),
                publicKeyOfCsr(second));
    }

    /** The two parts of a {@code %KEYGEN} response, decoded. */
    private record KeygenResponse(byte[] der, byte[] cose) {}

    /** Sends {@code AT%KEYGEN=<SEC_TAG>,2,0} and decodes the response. */
    private KeygenResponse keygen() throws IOException {
        String value = quotedValue(host.command("AT%KEYGEN=" + SEC_TAG + ",2,0"), "%KEYGEN");
        String[] parts = value.split("\\.", -1);
        assertEquals(2, parts.length, "KEYGEN response parts: " + value);
        return new KeygenResponse(base64Url(parts[0]), base64Url(parts[1]));
    }

    /**
     * Checks the COSE payload of a CSR response: 55799([9, UUID, h'CBOR sec_tag', SHA-256, nonce]).
     */
    private void assertKeygenPayload(CBORObject payload, byte[] der) throws Exception {
        assertTrue(payload.HasMostOuterTag(SELF_DESCRIBED_CBOR_TAG), "payload tag: " + payload);
        CBORObject fields = payload.UntagOne();
        assertEquals(5, fields.size(), "payload: " + fields);
        assertEquals(MESSAGE_TYPE_CSR, fields.get(0).AsInt32Value());
        assertArrayEquals(uuidBytes(modem.identity().deviceUuid()), fields.get(1).GetByteString());
        assertArrayEquals(
                CBORObject.FromObject(SEC_TAG).EncodeToBytes(), fields.get(2).GetByteString());
        assertArrayEquals(sha256(der), fields.get(3).GetByteString());
        assertEquals(16, fields.get(4).GetByteString().length);
    }

    /**
     * Checks the message fields of an {@code %ATTESTTOKEN} response and its detached signature by
     * the identity key, and returns the message.
     */
    private byte[] assertAttestation(String token) throws Exception {
        String[] parts = token.split("\\.", -1);
        assertEquals(2, parts.length, "ATTESTTOKEN parts: " + token);
        byte[] message = base64Url(parts[0]);
        verifyCoseSign1(base64Url(parts[1]), message);

        CBORObject tagged = CBORObject.DecodeFromBytes(message);
        assertTrue(tagged.HasMostOuterTag(SELF_DESCRIBED_CBOR_TAG), "message tag: " + tagged);
        CBORObject fields = tagged.UntagOne();
        assertEquals(5, fields.size(), "message: " + fields);
        assertEquals(MESSAGE_TYPE_DEVICE_IDENTITY, fields.get(0).AsInt32Value());
        assertArrayEquals(uuidBytes(modem.identity().deviceUuid()), fields.get(1).GetByteString());
        assertEquals(DEVICE_TYPE_NRF9160, fields.get(2).AsInt32Value());
        assertArrayEquals(
                uuidBytes(modem.identity().firmwareUuid()), fields.get(3).GetByteString());
        assertEquals(16, fields.get(4).GetByteString().length);
        return message;
    }

    /**
     * Checks the layout of a COSE_Sign1 (RFC 9052 section 4.2) and verifies its signature with the
     * device identity key over the Sig_structure ["Signature1", protected, h'', payload]. Returns
     * the embedded payload, or {@code detachedPayload} when the structure carries nil.
     */
    private byte[] verifyCoseSign1(byte[] cose, byte[] detachedPayload) throws Exception {
        CBORObject tagged = CBORObject.DecodeFromBytes(cose);
        assertTrue(tagged.HasMostOuterTag(COSE_SIGN1_TAG), "COSE tag: " + tagged);
        CBORObject sign1 = tagged.UntagOne();
        assertEquals(4, sign1.size(), "COSE_Sign1: " + sign1);

        byte[] protectedHeader = sign1.get(0).GetByteString();
        assertArrayEquals(PROTECTED_ES256, protectedHeader);
        CBORObject unprotected = sign1.get(1);
        assertEquals(1, unprotected.size(), "unprotected header: " + unprotected);
        // The key id h'21' is the CBOR encoding of -2, Nordic's number for the identity key.
        assertArrayEquals(
                new byte[] {0x21},
                unprotected.get(CBORObject.FromObject(COSE_KEY_ID_LABEL)).GetByteString());

        byte[] payload;
        if (detachedPayload == null) {
            payload = sign1.get(2).GetByteString();
        } else {
            assertTrue(sign1.get(2).isNull(), "detached payload must be nil: " + sign1.get(2));
            payload = detachedPayload;
        }
        byte[] signature = sign1.get(3).GetByteString();
        assertEquals(64, signature.length, "signature length");

        byte[] toBeSigned =
                CBORObject.NewArray()
                        .Add("Signature1")
                        .Add(protectedHeader)
                        .Add(new byte[0])
                        .Add(payload)
                        .EncodeToBytes();
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(identityPublicKey());
        verifier.update(toBeSigned);
        assertTrue(verifier.verify(signature), "COSE signature by the identity key");
        return payload;
    }

    private String storedKeyDigest() {
        return modem.credentials()
                .find(SEC_TAG, CredentialType.CLIENT_PRIVATE_KEY)
                .orElseThrow()
                .sha256();
    }

    private ECPublicKey identityPublicKey() throws Exception {
        return ecPublicKey(modem.identity().publicKey().toSpkiDer());
    }

    /**
     * Returns a JDK key for a SubjectPublicKeyInfo. The JDK's EC key factory is looked up by name
     * because it is not registered under the OID that Bouncy Castle's JCA helpers look up.
     */
    private static ECPublicKey ecPublicKey(byte[] spki) throws Exception {
        return (ECPublicKey)
                KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static byte[] publicKeyOfCsr(KeygenResponse response) throws IOException {
        return new JcaPKCS10CertificationRequest(response.der())
                .getSubjectPublicKeyInfo()
                .getEncoded();
    }

    /** Returns the value between the quotes of a {@code <prefix>: "<value>"} line before OK. */
    private static String quotedValue(List<String> response, String prefix) {
        assertEquals(2, response.size(), "response: " + response);
        assertEquals("OK", response.get(1));
        String line = response.get(0);
        String start = prefix + ": \"";
        assertTrue(line.startsWith(start), "response line: " + line);
        assertTrue(line.endsWith("\""), "response line: " + line);
        return line.substring(start.length(), line.length() - 1);
    }

    private static String writeCommand(int type, String pem) {
        return "AT%CMNG=0," + SEC_TAG + "," + type + ",\"" + pem + "\"";
    }

    private static String listLine(int type, String sha256) {
        return "%CMNG: " + SEC_TAG + "," + type + ",\"" + sha256 + "\"";
    }

    private static KeyPair generateP256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate caCertificate(KeyPair caKeys) throws Exception {
        X500Name name = new X500Name("CN=Provisioning Test CA");
        X509CertificateHolder holder =
                new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                Date.from(NOW.minus(Duration.ofDays(1))),
                                Date.from(NOW.plus(Duration.ofDays(3650))),
                                name,
                                caKeys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(
                                Extension.keyUsage,
                                true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .build(signer(caKeys));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static X509Certificate clientCertificate(
            KeyPair caKeys, X500Name subject, PublicKey publicKey, KeyUsage keyUsage)
            throws Exception {
        X509CertificateHolder holder =
                new JcaX509v3CertificateBuilder(
                                new X500Name("CN=Provisioning Test CA"),
                                BigInteger.TWO,
                                Date.from(NOW.minus(Duration.ofDays(1))),
                                Date.from(NOW.plus(Duration.ofDays(365))),
                                subject,
                                publicKey)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, keyUsage)
                        .build(signer(caKeys));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static ContentSigner signer(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    /** Returns a CERTIFICATE PEM block with 64-character lines and LF line ends. */
    private static String pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] base64Url(String text) {
        assertTrue(text.matches("[A-Za-z0-9_-]+"), "unpadded Base64Url: " + text);
        return Base64.getUrlDecoder().decode(text);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(sha256(data));
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /**
     * A host tool's side of the serial line, which writes each command line with CRLF and reads
     * response lines until a final result code ({@code OK}, {@code ERROR} or {@code +CME ERROR:
     * <n>}).
     */
    private static final class HostConnection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        HostConnection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.connect(address, READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /**
         * Sends one command line and returns the response lines without their CRLF, the final
         * result code last. A quoted value with raw LF line ends, such as a PEM text, stays in one
         * line because the modem ends its own lines with CRLF.
         */
        List<String> command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(US_ASCII));
            out.flush();

            StringBuilder response = new StringBuilder();
            int lineStart = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError(
                            "connection closed after '" + response + "' in response to " + line);
                }
                response.append((char) b);
                if (b == '\n') {
                    String last = response.substring(lineStart).strip();
                    if (FINAL_RESULT.matcher(last).matches()) {
                        break;
                    }
                    lineStart = response.length();
                }
            }
            String text = response.toString();
            assertTrue(text.endsWith("\r\n"), "response must end with CRLF: " + text);
            return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
