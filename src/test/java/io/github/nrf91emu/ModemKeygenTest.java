package io.github.nrf91emu;

import static io.github.nrf91emu.CoseTestSupport.assertCoseSignedBy;
import static io.github.nrf91emu.CoseTestSupport.decodeCoseSign1;
import static io.github.nrf91emu.CoseTestSupport.jdkPublicKey;
import static io.github.nrf91emu.CoseTestSupport.parseResponse;
import static io.github.nrf91emu.CoseTestSupport.uuidBytes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.github.nrf91emu.CoseTestSupport.ParsedResponse;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.device.ModemClock;
import io.github.nrf91emu.keystore.Credential;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.keystore.TestCredentials;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code AT%KEYGEN} through the AT interface: certificate signing requests checked with Bouncy
 * Castle and the JDK, COSE_Sign1 structures decoded with an independent CBOR library and verified
 * with the JDK against the device identity key, and the stored key used by {@code AT%JWT}.
 */
class ModemKeygenTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:34:56Z");
    private static final long SEED = 7;
    private static final long TAG = 16842753;
    private static final Pattern JWT_RESPONSE =
            Pattern.compile("%JWT: \"([A-Za-z0-9_.-]+)\"\r\nOK\r\n");

    /** Key usage flags of a real modem's request: bits 0, 1, 2 and 4. */
    private static final int DEFAULT_KEY_USAGE =
            KeyUsage.digitalSignature
                    | KeyUsage.nonRepudiation
                    | KeyUsage.keyEncipherment
                    | KeyUsage.keyAgreement;

    /** A Bouncy Castle provider for its signature verifier, not registered with the JCA. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final Modem modem = seededModem(SEED);

    private static Modem seededModem(long seed) {
        return Modem.builder()
                .seed(seed)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .cmeErrors(true)
                .build();
    }

    /**
     * Returns a device with the identity and key stream of {@code seededModem(seed)}: the same seed
     * bytes as {@link Modem.Builder#seed(long)} makes, big-endian.
     */
    private static Device seededDevice(long seed) {
        byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(seed).array();
        return Device.fromSeed(
                bytes,
                Model.NRF9160,
                Model.NRF9160.defaultFirmwareVersion(),
                ModemClock.following(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static ParsedResponse keygen(Modem modem, String parameters) {
        return parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=" + parameters));
    }

    private static PKCS10CertificationRequest request(byte[] der) throws Exception {
        return new PKCS10CertificationRequest(der);
    }

    /** Returns the key of a request as a SubjectPublicKeyInfo DER. */
    private static byte[] requestKey(byte[] der) throws Exception {
        return request(der).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
    }

    /** Decodes the COSE payload: checks tag 55799 and five items, and returns the array. */
    private static CBORObject keygenPayload(ParsedResponse parsed) {
        CBORObject cose = decodeCoseSign1(parsed.cose());
        CBORObject payload = cose.get(2);
        assertEquals(CBORType.ByteString, payload.getType(), "payload is attached");
        CBORObject tagged = CBORObject.DecodeFromBytes(payload.GetByteString());
        assertEquals(1, tagged.getTagCount());
        assertTrue(tagged.HasMostOuterTag(CoseTestSupport.SELF_DESCRIBED_CBOR_TAG), "tag 55799");
        CBORObject array = tagged.UntagOne();
        assertEquals(CBORType.Array, array.getType());
        assertEquals(5, array.size(), "payload items");
        return array;
    }

    private static byte[] payloadBytes(ParsedResponse parsed) {
        return CBORObject.DecodeFromBytes(parsed.cose()).UntagOne().get(2).GetByteString();
    }

    private static byte[] signatureBytes(ParsedResponse parsed) {
        return CBORObject.DecodeFromBytes(parsed.cose()).UntagOne().get(3).GetByteString();
    }

    private static PublicKey identityKey(Modem modem) throws Exception {
        return jdkPublicKey(modem.identity().publicKey().toSpkiDer());
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /**
     * Returns the complete DER elements inside a SEQUENCE, as their exact bytes, so that a
     * signature can be checked over the bytes the modem sent instead of a re-encoding.
     */
    private static List<byte[]> sequenceElements(byte[] der) {
        assertEquals(0x30, der[0] & 0xFF, "SEQUENCE tag");
        int[] outer = valueBounds(der, 0);
        assertEquals(der.length, outer[1], "bytes after the SEQUENCE");
        List<byte[]> elements = new ArrayList<>();
        int position = outer[0];
        while (position < outer[1]) {
            int end = valueBounds(der, position)[1];
            elements.add(Arrays.copyOfRange(der, position, end));
            position = end;
        }
        return elements;
    }

    /** Returns {start, end} of the value of the DER element at {@code offset} (one-byte tag). */
    private static int[] valueBounds(byte[] der, int offset) {
        int first = der[offset + 1] & 0xFF;
        if (first < 0x80) {
            return new int[] {offset + 2, offset + 2 + first};
        }
        int count = first & 0x7F;
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[offset + 2 + i] & 0xFF);
        }
        int start = offset + 2 + count;
        return new int[] {start, start + length};
    }

    private static Extension keyUsageExtension(PKCS10CertificationRequest request) {
        Attribute[] attributes = request.getAttributes();
        assertEquals(1, attributes.length, "request attributes");
        assertEquals(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, attributes[0].getAttrType());
        Extensions extensions = request.getRequestedExtensions();
        assertNotNull(extensions, "extension request");
        ASN1ObjectIdentifier[] oids = extensions.getExtensionOIDs();
        assertArrayEquals(new ASN1ObjectIdentifier[] {Extension.keyUsage}, oids);
        Extension keyUsage = extensions.getExtension(Extension.keyUsage);
        assertFalse(keyUsage.isCritical(), "key usage must not be critical");
        return keyUsage;
    }

    private static String rdnValue(RDN rdn) {
        return rdn.getFirst().getValue().toString();
    }

    private static String jwtToken(String response) {
        Matcher matcher = JWT_RESPONSE.matcher(response);
        assertTrue(matcher.matches(), response);
        return matcher.group(1);
    }

    @Test
    void csrResponseCarriesSignedPayload() throws Exception {
        ParsedResponse parsed = keygen(modem, TAG + ",2");
        CBORObject payload = keygenPayload(parsed);

        assertEquals(9, payload.get(0).AsInt32Value(), "message type of a CSR");
        assertArrayEquals(uuidBytes(modem.identity().deviceUuid()), payload.get(1).GetByteString());
        byte[] secTag = payload.get(2).GetByteString();
        assertEquals(TAG, CBORObject.DecodeFromBytes(secTag).AsInt64Value());
        assertArrayEquals(sha256(parsed.first()), payload.get(3).GetByteString(), "DER digest");
        assertEquals(16, payload.get(4).GetByteString().length, "nonce length");
        assertCoseSignedBy(identityKey(modem), payloadBytes(parsed), signatureBytes(parsed));
    }

    @Test
    void coseSignatureRejectsOtherKey() throws Exception {
        ParsedResponse parsed = keygen(modem, TAG + ",2");
        PublicKey other = TestCredentials.p256().getPublic();

        assertFalse(
                CoseTestSupport.coseSignatureVerifies(
                        other, payloadBytes(parsed), signatureBytes(parsed)));
        assertFalse(
                CoseTestSupport.coseSignatureVerifies(
                        identityKey(seededModem(SEED + 1)),
                        payloadBytes(parsed),
                        signatureBytes(parsed)));
    }

    @Test
    void csrSignatureVerifiesWithBouncyCastle() throws Exception {
        PKCS10CertificationRequest request = request(keygen(modem, TAG + ",2").first());

        assertTrue(
                request.isSignatureValid(
                        new JcaContentVerifierProviderBuilder()
                                .setProvider(BOUNCY_CASTLE)
                                .build(request.getSubjectPublicKeyInfo())));
    }

    @Test
    void csrSignatureVerifiesWithJdk() throws Exception {
        byte[] der = keygen(modem, TAG + ",2").first();
        List<byte[]> elements = sequenceElements(der);
        assertEquals(3, elements.size(), "CertificationRequest items");
        byte[] requestInfo = elements.get(0);
        byte[] bitString = elements.get(2);
        assertEquals(0x03, bitString[0] & 0xFF, "BIT STRING tag");
        int[] bits = valueBounds(bitString, 0);
        assertEquals(0, bitString[bits[0]], "unused bits of the signature");
        byte[] signature = Arrays.copyOfRange(bitString, bits[0] + 1, bits[1]);
        PublicKey key = jdkPublicKey(requestKey(der));

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(requestInfo);
        assertTrue(verifier.verify(signature), "JDK rejects the request signature");

        byte[] changed = requestInfo.clone();
        changed[changed.length - 1] ^= 1;
        verifier.initVerify(key);
        verifier.update(changed);
        assertFalse(verifier.verify(signature), "signature verifies over changed bytes");
    }

    @Test
    void csrAlgorithmIsEcdsaWithSha256AndNull() throws Exception {
        PKCS10CertificationRequest request = request(keygen(modem, TAG + ",2").first());

        assertEquals(
                X9ObjectIdentifiers.ecdsa_with_SHA256,
                request.getSignatureAlgorithm().getAlgorithm());
        assertEquals(DERNull.INSTANCE, request.getSignatureAlgorithm().getParameters());
        assertEquals(
                X9ObjectIdentifiers.id_ecPublicKey,
                request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
        assertEquals(
                X9ObjectIdentifiers.prime256v1,
                request.getSubjectPublicKeyInfo().getAlgorithm().getParameters());
    }

    @Test
    void csrDefaultSubjectIsDeviceUuid() throws Exception {
        PKCS10CertificationRequest request = request(keygen(modem, TAG + ",2").first());
        RDN[] rdns = request.getSubject().getRDNs();

        assertEquals(1, rdns.length, request.getSubject().toString());
        assertEquals(BCStyle.CN, rdns[0].getFirst().getType());
        assertInstanceOf(DERUTF8String.class, rdns[0].getFirst().getValue());
        assertEquals(modem.identity().deviceUuid().toString(), rdnValue(rdns[0]));
    }

    @Test
    void csrDefaultKeyUsage() throws Exception {
        PKCS10CertificationRequest request = request(keygen(modem, TAG + ",2,0").first());
        Extension extension = keyUsageExtension(request);

        assertEquals(
                new KeyUsage(DEFAULT_KEY_USAGE), KeyUsage.getInstance(extension.getParsedValue()));
        // BIT STRING, 2 bytes, 3 unused bits, 1110 1000: the 9-digit text 111010000.
        assertEquals("030203e8", HexFormat.of().formatHex(extension.getExtnValue().getOctets()));
    }

    @ParameterizedTest(name = "key usage \"{0}\"")
    @CsvSource({
        "'',        030203e8",
        "111010000, 030203e8",
        "100000000, 03020780",
        "010000000, 03020640",
        "000010000, 03020308",
        "000000001, 0303070080",
        "111111111, 030307ff80",
    })
    void csrExplicitKeyUsage(String bits, String expectedDer) throws Exception {
        byte[] der = keygen(modem, TAG + ",2,0,,\"" + bits + "\"").first();
        Extension extension = keyUsageExtension(request(der));

        assertEquals(expectedDer, HexFormat.of().formatHex(extension.getExtnValue().getOctets()));
    }

    @Test
    void csrSubjectFromAttributes() throws Exception {
        String attributes = "O=Nordic Semiconductor,L=PDX,C=no";
        PKCS10CertificationRequest request =
                request(keygen(modem, TAG + ",2,0,\"" + attributes + "\"").first());
        RDN[] rdns = request.getSubject().getRDNs();

        assertEquals(4, rdns.length, request.getSubject().toString());
        assertEquals(BCStyle.O, rdns[0].getFirst().getType());
        assertEquals("Nordic Semiconductor", rdnValue(rdns[0]));
        assertInstanceOf(DERUTF8String.class, rdns[0].getFirst().getValue());
        assertEquals(BCStyle.L, rdns[1].getFirst().getType());
        assertEquals("PDX", rdnValue(rdns[1]));
        assertEquals(BCStyle.C, rdns[2].getFirst().getType());
        assertEquals("no", rdnValue(rdns[2]));
        assertInstanceOf(DERPrintableString.class, rdns[2].getFirst().getValue());
        assertEquals(BCStyle.CN, rdns[3].getFirst().getType());
        assertEquals(modem.identity().deviceUuid().toString(), rdnValue(rdns[3]));
        assertEquals(
                new KeyUsage(DEFAULT_KEY_USAGE),
                KeyUsage.getInstance(keyUsageExtension(request).getParsedValue()));
    }

    @Test
    void csrSubjectKeepsGivenCommonName() throws Exception {
        String attributes = "CN=nrf-352656100123456,O=Example";
        PKCS10CertificationRequest request =
                request(keygen(modem, TAG + ",2,0,\"" + attributes + "\"").first());
        RDN[] rdns = request.getSubject().getRDNs();

        assertEquals(2, rdns.length, request.getSubject().toString());
        assertEquals(BCStyle.CN, rdns[0].getFirst().getType());
        assertEquals("nrf-352656100123456", rdnValue(rdns[0]));
        assertEquals(BCStyle.O, rdns[1].getFirst().getType());
        assertEquals("Example", rdnValue(rdns[1]));
    }

    @Test
    void csrSubjectKeepsUtf8Text() throws Exception {
        PKCS10CertificationRequest request =
                request(keygen(modem, TAG + ",2,0,\"O=Bjørn Ålesund AS\"").first());
        RDN[] rdns = request.getSubject().getRDNs();

        assertEquals(2, rdns.length, request.getSubject().toString());
        assertEquals("Bjørn Ålesund AS", rdnValue(rdns[0]));
        assertInstanceOf(DERUTF8String.class, rdns[0].getFirst().getValue());
    }

    @Test
    void csrWithAttributesAndKeyUsage() throws Exception {
        ParsedResponse parsed = keygen(modem, TAG + ",2,0,\"O=Example,OU=Fleet\",\"000010000\"");
        PKCS10CertificationRequest request = request(parsed.first());
        RDN[] rdns = request.getSubject().getRDNs();

        assertEquals(3, rdns.length, request.getSubject().toString());
        assertEquals(BCStyle.OU, rdns[1].getFirst().getType());
        assertEquals(
                new KeyUsage(KeyUsage.keyAgreement),
                KeyUsage.getInstance(keyUsageExtension(request).getParsedValue()));
        assertTrue(
                request.isSignatureValid(
                        new JcaContentVerifierProviderBuilder()
                                .setProvider(BOUNCY_CASTLE)
                                .build(request.getSubjectPublicKeyInfo())));
        assertArrayEquals(sha256(parsed.first()), keygenPayload(parsed).get(3).GetByteString());
    }

    @Test
    void emptyOptionalParametersGiveDefaultCsr() throws Exception {
        Modem other = seededModem(SEED);
        byte[] defaults = keygen(modem, TAG + ",2").first();
        byte[] empties = keygen(other, TAG + ",2,,\"\",\"\"").first();

        assertArrayEquals(defaults, empties);
    }

    @Test
    void publicKeyFormatReturnsCsrKey() throws Exception {
        Modem other = seededModem(SEED);
        byte[] csrDer = keygen(modem, TAG + ",2,0").first();
        ParsedResponse parsed = keygen(other, TAG + ",2,1");
        CBORObject payload = keygenPayload(parsed);

        assertArrayEquals(requestKey(csrDer), parsed.first(), "SPKI equals the request's key");
        assertArrayEquals(
                other.credentials().publicKeyOf(TAG, CredentialType.CLIENT_PRIVATE_KEY).toSpkiDer(),
                parsed.first(),
                "SPKI equals the stored key");
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(parsed.first());
        assertEquals(X9ObjectIdentifiers.id_ecPublicKey, info.getAlgorithm().getAlgorithm());
        assertInstanceOf(ECPublicKey.class, jdkPublicKey(parsed.first()));
        assertEquals(8, payload.get(0).AsInt32Value(), "message type of a public key");
        assertArrayEquals(sha256(parsed.first()), payload.get(3).GetByteString());
        assertCoseSignedBy(identityKey(other), payloadBytes(parsed), signatureBytes(parsed));
    }

    @Test
    void publicKeyFormatIgnoresAttributes() throws Exception {
        ParsedResponse parsed = keygen(modem, TAG + ",2,1,\"O=Example\",\"100000000\"");

        assertArrayEquals(
                modem.credentials().publicKeyOf(TAG, CredentialType.CLIENT_PRIVATE_KEY).toSpkiDer(),
                parsed.first());
        assertEquals(8, keygenPayload(parsed).get(0).AsInt32Value());
    }

    @Test
    void generatedKeyStoredAndListed() throws Exception {
        P256KeyPair expected = seededDevice(SEED).generateKeyPair();
        ParsedResponse parsed = keygen(modem, TAG + ",2");
        String pem = expected.privateKey().toPkcs8Pem();

        assertArrayEquals(expected.publicKey().toSpkiDer(), requestKey(parsed.first()));
        assertEquals(
                "%CMNG: "
                        + TAG
                        + ",2,\""
                        + TestCredentials.sha256Hex(pem.getBytes(US_ASCII))
                        + "\"\r\nOK\r\n",
                modem.execute("AT%CMNG=1"));
        Credential stored = modem.credentials().find(TAG, CredentialType.CLIENT_PRIVATE_KEY).get();
        assertFalse(stored.hasPassword());
        assertTrue(stored.content().isEmpty(), "the view hides the private key");
        assertEquals("+CME ERROR: 514\r\n", modem.execute("AT%CMNG=2," + TAG + ",2"));
    }

    @Test
    void jwtSignedWithGeneratedKey() throws Exception {
        assertEquals("OK\r\n", modem.execute("AT+CFUN=4"));
        byte[] spki = requestKey(keygen(modem, TAG + ",2").first());
        assertEquals("OK\r\n", modem.execute("AT+CFUN=1"));

        String token = jwtToken(modem.execute("AT%JWT=0,3600,\"s\",\"a\"," + TAG + ",2"));

        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new ECDSAVerifier((ECPublicKey) jdkPublicKey(spki))), token);
        assertFalse(
                jwt.verify(new ECDSAVerifier((ECPublicKey) identityKey(modem))),
                "token verifies with the identity key");
        assertEquals(HexFormat.of().formatHex(sha256(spki)), jwt.getHeader().getKeyID());
        assertEquals("s", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void endorsementKeyIsReused() throws Exception {
        ParsedResponse first = keygen(modem, TAG + ",8");
        String list = modem.execute("AT%CMNG=1");
        ParsedResponse second = keygen(modem, TAG + ",8,1");
        CBORObject firstPayload = keygenPayload(first);
        CBORObject secondPayload = keygenPayload(second);

        assertArrayEquals(first.first(), second.first(), "same public key");
        assertEquals(list, modem.execute("AT%CMNG=1"), "store unchanged by the second call");
        assertTrue(list.startsWith("%CMNG: " + TAG + ",8,\""), list);
        assertEquals(8, firstPayload.get(0).AsInt32Value());
        assertEquals(8, secondPayload.get(0).AsInt32Value());
        assertFalse(
                Arrays.equals(
                        firstPayload.get(4).GetByteString(), secondPayload.get(4).GetByteString()),
                "nonces repeat");
        assertCoseSignedBy(identityKey(modem), payloadBytes(second), signatureBytes(second));
        assertEquals("+CME ERROR: 514\r\n", modem.execute("AT%CMNG=2," + TAG + ",8"));
    }

    @Test
    void endorsementKeyIgnoresOutputFormatAndAttributes() throws Exception {
        ParsedResponse parsed = keygen(modem, TAG + ",8,0,\"O=Example\",\"100000000\"");

        assertArrayEquals(
                modem.credentials()
                        .publicKeyOf(TAG, CredentialType.ENDORSEMENT_PRIVATE_KEY)
                        .toSpkiDer(),
                parsed.first());
        assertInstanceOf(ECPublicKey.class, jdkPublicKey(parsed.first()));
        assertEquals(8, keygenPayload(parsed).get(0).AsInt32Value());
    }

    @Test
    void endorsementKeyWrittenByCmngIsReturned() throws Exception {
        KeyPair pair = TestCredentials.p256();
        String write = "AT%CMNG=0," + TAG + ",8,\"" + TestCredentials.sec1Pem(pair) + "\"";
        assertEquals("OK\r\n", modem.execute(write));
        String list = modem.execute("AT%CMNG=1");

        ParsedResponse parsed = keygen(modem, TAG + ",8");

        assertArrayEquals(pair.getPublic().getEncoded(), parsed.first());
        assertEquals(list, modem.execute("AT%CMNG=1"));
    }

    @Test
    void endorsementKeySignsJwt() throws Exception {
        byte[] spki = keygen(modem, TAG + ",8").first();

        String token = jwtToken(modem.execute("AT%JWT=0,60,\"s\",\"a\"," + TAG + ",8"));

        assertTrue(
                SignedJWT.parse(token).verify(new ECDSAVerifier((ECPublicKey) jdkPublicKey(spki))));
    }

    @Test
    void clientAndEndorsementKeysDiffer() throws Exception {
        byte[] client = keygen(modem, TAG + ",2,1").first();
        byte[] endorsement = keygen(modem, TAG + ",8").first();

        assertFalse(Arrays.equals(client, endorsement));
        assertEquals(2, modem.credentials().list(TAG).size());
    }

    @ParameterizedTest(name = "sec_tag {0}")
    @CsvSource({
        "0,          00",
        "23,         17",
        "24,         1818",
        "255,        18ff",
        "256,        190100",
        "65535,      19ffff",
        "65536,      1a00010000",
        "16842753,   1a01010001",
        "2147483647, 1a7fffffff",
    })
    void secTagIsCborInByteString(long secTag, String expectedHex) throws Exception {
        ParsedResponse parsed = keygen(modem, secTag + ",2");
        byte[] encoded = keygenPayload(parsed).get(2).GetByteString();

        assertEquals(expectedHex, HexFormat.of().formatHex(encoded));
        assertEquals(secTag, CBORObject.DecodeFromBytes(encoded).AsInt64Value());
        assertTrue(modem.credentials().find(secTag, CredentialType.CLIENT_PRIVATE_KEY).isPresent());
    }

    @ParameterizedTest(name = "AT+CFUN={0}")
    @ValueSource(ints = {0, 4, 20, 30, 31, 40, 41, 44})
    void keygenAllowedWhileLteInactive(int mode) throws Exception {
        assertEquals("OK\r\n", modem.execute("AT+CFUN=" + mode));

        ParsedResponse parsed = keygen(modem, TAG + ",2");

        assertEquals(9, keygenPayload(parsed).get(0).AsInt32Value());
    }

    @Test
    void keygenAllowedAfterLteStops() throws Exception {
        assertEquals("OK\r\n", modem.execute("AT+CFUN=1"));
        assertEquals("OK\r\n", modem.execute("AT+CFUN=20"));

        ParsedResponse parsed = keygen(modem, TAG + ",2");

        assertEquals(9, keygenPayload(parsed).get(0).AsInt32Value());
    }

    @Test
    void sameSeedGivesSameResponses() {
        Modem other = seededModem(SEED);
        List<String> lines =
                List.of(
                        "AT%KEYGEN=1,2",
                        "AT%KEYGEN=2,2,1",
                        "AT%KEYGEN=3,8",
                        "AT%KEYGEN=4,2,0,\"O=Example\",\"100000000\"",
                        "AT%CMNG=1");

        for (String line : lines) {
            assertEquals(modem.execute(line), other.execute(line), line);
        }
    }

    @Test
    void differentSeedsGiveDifferentKeys() throws Exception {
        Modem other = seededModem(SEED + 1);
        ParsedResponse mine = keygen(modem, TAG + ",2,1");
        ParsedResponse theirs = keygen(other, TAG + ",2,1");

        assertFalse(Arrays.equals(mine.first(), theirs.first()), "same key");
        assertNotEquals(modem.identity().deviceUuid(), other.identity().deviceUuid());
        assertArrayEquals(
                uuidBytes(other.identity().deviceUuid()),
                keygenPayload(theirs).get(1).GetByteString());
        assertCoseSignedBy(identityKey(other), payloadBytes(theirs), signatureBytes(theirs));
    }

    @Test
    void randomModemsGiveDifferentKeys() throws Exception {
        Modem first = Modem.builder().build();
        Modem second = Modem.builder().build();
        ParsedResponse fromFirst = keygen(first, TAG + ",2");
        ParsedResponse fromSecond = keygen(second, TAG + ",2");

        assertFalse(Arrays.equals(requestKey(fromFirst.first()), requestKey(fromSecond.first())));
        assertCoseSignedBy(identityKey(first), payloadBytes(fromFirst), signatureBytes(fromFirst));
        assertCoseSignedBy(
                identityKey(second), payloadBytes(fromSecond), signatureBytes(fromSecond));
        assertArrayEquals(
                uuidBytes(second.identity().deviceUuid()),
                keygenPayload(fromSecond).get(1).GetByteString());
    }

    @Test
    void noncesDifferBetweenCalls() {
        byte[] first = keygenPayload(keygen(modem, "1,2")).get(4).GetByteString();
        byte[] second = keygenPayload(keygen(modem, "2,2")).get(4).GetByteString();

        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void privateKeyNeverInResponses() throws Exception {
        Device twin = seededDevice(SEED);
        assertEquals(modem.identity().deviceUuid(), twin.identity().deviceUuid());
        P256KeyPair clientKey = twin.generateKeyPair();
        P256KeyPair endorsementKey = twin.generateKeyPair();
        List<String> responses = new ArrayList<>();
        List<byte[]> decoded = new ArrayList<>();

        for (String parameters : List.of(TAG + ",2", TAG + ",8", TAG + ",8,1")) {
            String response = modem.execute("AT%KEYGEN=" + parameters);
            responses.add(response);
            ParsedResponse parsed = parseResponse("%KEYGEN", response);
            decoded.add(parsed.first());
            decoded.add(parsed.cose());
        }
        for (String line :
                List.of(
                        "AT%CMNG=1",
                        "AT%CMNG=1," + TAG,
                        "AT%CMNG=2," + TAG + ",2",
                        "AT%CMNG=2," + TAG + ",8",
                        "AT%KEYGEN=" + TAG + ",2",
                        "AT%JWT=0,0,\"\",\"\"," + TAG + ",2",
                        "AT%JWT=0,0,\"\",\"\"," + TAG + ",8",
                        "AT%ATTESTTOKEN")) {
            responses.add(modem.execute(line));
        }

        assertArrayEquals(
                clientKey.publicKey().toSpkiDer(),
                modem.credentials()
                        .publicKeyOf(TAG, CredentialType.CLIENT_PRIVATE_KEY)
                        .toSpkiDer());
        assertArrayEquals(
                endorsementKey.publicKey().toSpkiDer(),
                modem.credentials()
                        .publicKeyOf(TAG, CredentialType.ENDORSEMENT_PRIVATE_KEY)
                        .toSpkiDer());
        for (P256KeyPair key : List.of(clientKey, endorsementKey)) {
            byte[] scalar = key.privateKey().toScalarBytes();
            List<String> secrets = new ArrayList<>();
            secrets.add(HexFormat.of().formatHex(scalar));
            secrets.add(HexFormat.of().withUpperCase().formatHex(scalar));
            secrets.add(Base64.getEncoder().encodeToString(scalar));
            secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(scalar));
            secrets.addAll(List.of(TestCredentials.bodyLines(key.privateKey().toPkcs8Pem())));
            secrets.addAll(List.of(TestCredentials.bodyLines(key.privateKey().toSec1Pem())));
            for (String response : responses) {
                for (String secret : secrets) {
                    assertFalse(response.contains(secret), "private key in: " + response);
                }
            }
            for (byte[] bytes : decoded) {
                assertFalse(contains(bytes, scalar), "private scalar in a decoded response");
            }
        }
        assertEquals("+CME ERROR: 514\r\n", responses.get(5));
        assertEquals("+CME ERROR: 514\r\n", responses.get(6));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Model.class)
    void everyModelSignsWithItsIdentity(Model model) throws Exception {
        Modem other = Modem.builder().seed(SEED).model(model).build();
        ParsedResponse parsed = keygen(other, TAG + ",2");
        PKCS10CertificationRequest request = request(parsed.first());
        UUID deviceUuid = other.identity().deviceUuid();

        assertEquals(deviceUuid.toString(), rdnValue(request.getSubject().getRDNs()[0]));
        assertArrayEquals(uuidBytes(deviceUuid), keygenPayload(parsed).get(1).GetByteString());
        assertCoseSignedBy(identityKey(other), payloadBytes(parsed), signatureBytes(parsed));
        if (model.hasDeviceUuidCommand()) {
            assertEquals(
                    "%DEVICEUUID: " + deviceUuid + "\r\nOK\r\n", other.execute("AT%DEVICEUUID"));
        }
    }

    @Test
    void oldFirmwareHasNoKeygen() {
        Modem old =
                Modem.builder()
                        .seed(SEED)
                        .firmwareVersion("mfw_nrf9160_1.2.3")
                        .cmeErrors(true)
                        .build();

        assertEquals("ERROR\r\n", old.execute("AT%KEYGEN=" + TAG + ",2"));
        assertEquals("ERROR\r\n", old.execute("AT%KEYGEN=" + TAG + ",8"));
        assertEquals("OK\r\n", old.execute("AT%CMNG=1"));
    }

    @Test
    void firstSupportedFirmwareHasKeygen() {
        Modem first = Modem.builder().seed(SEED).firmwareVersion("mfw_nrf9160_1.3.0").build();

        assertEquals(9, keygenPayload(keygen(first, TAG + ",2")).get(0).AsInt32Value());
    }
}
