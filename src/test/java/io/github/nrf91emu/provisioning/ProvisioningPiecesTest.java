package io.github.nrf91emu.provisioning;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pieces of the provisioning messages on their own: subject and key usage parsing, the argument
 * checks of {@link ProvisioningMessages}, and {@link CoseSign1} compared with a Sig_structure that
 * an independent CBOR library encodes.
 */
class ProvisioningPiecesTest {
    private static final UUID DEVICE = UUID.fromString("50503041-3633-4261-803d-1e2b8f70111a");
    private static final P256KeyPair KEY = P256Keys.fromSeed(new byte[] {1, 2, 3});

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "novalue",
                "FOO=bar",
                "O=",
                "O=a+CN=b",
                "O=a,,L=b",
                "C=Norway",
                "C=ñö",
                "SERIALNUMBER=abc_1",
                "E=ø@example.com",
                "O=#0403616263",
                "O=#zz",
            })
    void subjectRejectsInvalidAttributes(String attributes) {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CertificateRequests.subject(attributes, DEVICE));

        assertTrue(error.getMessage().contains("'" + attributes + "'"), error.getMessage());
    }

    static Stream<String> controlCharactersAndLongValues() {
        return Stream.of(
                "CN=a\nb",
                "CN=a\rb",
                "CN=\\00",
                "O=x\u007f",
                "CN=" + "a".repeat(65),
                "O=" + "a".repeat(65),
                "OU=" + "a".repeat(65),
                "L=" + "a".repeat(129),
                "ST=" + "a".repeat(129),
                "SERIALNUMBER=" + "1".repeat(65),
                "E=" + "a".repeat(251) + "@x.io");
    }

    @ParameterizedTest
    @MethodSource("controlCharactersAndLongValues")
    void subjectRejectsControlAndLongValues(String attributes) {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CertificateRequests.subject(attributes, DEVICE));

        assertTrue(error.getMessage().startsWith("invalid attributes '"), error.getMessage());
    }

    @Test
    void subjectAcceptsValuesAtUpperBounds() {
        String attributes =
                "CN="
                        + "c".repeat(64)
                        + ",O="
                        + "o".repeat(64)
                        + ",L="
                        + "l".repeat(128)
                        + ",ST="
                        + "s".repeat(128)
                        + ",C=no";

        X500Name subject = CertificateRequests.subject(attributes, DEVICE);

        assertEquals(5, subject.getRDNs().length);
        assertEquals(attributes, subject.toString());
    }

    @Test
    void subjectDefaultsToDeviceUuid() {
        X500Name expected =
                new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(DEVICE.toString()))});

        assertEquals(expected, CertificateRequests.subject(null, DEVICE));
        assertEquals(expected, CertificateRequests.subject("", DEVICE));
    }

    @Test
    void subjectAppendsCommonNameOnlyWhenMissing() {
        X500Name withoutCn = CertificateRequests.subject("O=Example,C=no", DEVICE);
        X500Name withCn = CertificateRequests.subject("CN=device-1,O=Example", DEVICE);

        assertEquals("O=Example,C=no,CN=" + DEVICE, withoutCn.toString());
        assertEquals("CN=device-1,O=Example", withCn.toString());
    }

    @Test
    void subjectRequiresDeviceUuid() {
        assertThrows(NullPointerException.class, () -> CertificateRequests.subject("O=a", null));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"11101000", "1110100000", "111010002", "abcdefghi", " 11101000"})
    void keyUsageRejectsMalformedText(String bits) {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class, () -> CertificateRequests.keyUsage(bits));

        assertTrue(error.getMessage().contains("'" + bits + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("9 binary digits"), error.getMessage());
    }

    @Test
    void keyUsageRejectsAllZeros() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CertificateRequests.keyUsage("000000000"));

        assertTrue(error.getMessage().contains("'000000000'"), error.getMessage());
    }

    @ParameterizedTest(name = "bit {0}")
    @CsvSource({
        "0, 128",
        "1, 64",
        "2, 32",
        "3, 16",
        "4, 8",
        "5, 4",
        "6, 2",
        "7, 1",
        "8, 32768",
    })
    void keyUsageDigitMapsToFlag(int position, int flag) {
        StringBuilder bits = new StringBuilder("000000000");
        bits.setCharAt(position, '1');

        assertEquals(flag, CertificateRequests.keyUsage(bits.toString()));
    }

    @Test
    void keyUsageDefaultsToModemBits() {
        int expected =
                KeyUsage.digitalSignature
                        | KeyUsage.nonRepudiation
                        | KeyUsage.keyEncipherment
                        | KeyUsage.keyAgreement;

        assertEquals(expected, CertificateRequests.keyUsage(null));
        assertEquals(expected, CertificateRequests.keyUsage(""));
        assertEquals(expected, CertificateRequests.keyUsage("111010000"));
    }

    @Test
    void keygenPayloadRejectsBadArguments() {
        byte[] nonce = new byte[16];
        byte[] der = {0x30, 0x00};

        IllegalArgumentException type =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ProvisioningMessages.keygenPayload(7, DEVICE, 1, der, nonce));
        IllegalArgumentException negative =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ProvisioningMessages.keygenPayload(9, DEVICE, -1, der, nonce));
        IllegalArgumentException tooLarge =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ProvisioningMessages.keygenPayload(
                                        9, DEVICE, 4_294_967_296L, der, nonce));
        IllegalArgumentException shortNonce =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ProvisioningMessages.keygenPayload(9, DEVICE, 1, der, new byte[15]));

        assertTrue(type.getMessage().contains("got 7"), type.getMessage());
        assertTrue(negative.getMessage().contains("got -1"), negative.getMessage());
        assertTrue(tooLarge.getMessage().contains("got 4294967296"), tooLarge.getMessage());
        assertTrue(shortNonce.getMessage().contains("got 15"), shortNonce.getMessage());
    }

    @Test
    void keygenPayloadEncodesLargestSecTag() {
        byte[] payload =
                ProvisioningMessages.keygenPayload(
                        8, DEVICE, 4_294_967_295L, new byte[1], new byte[16]);
        CBORObject array = CBORObject.DecodeFromBytes(payload).UntagOne();

        assertEquals("1affffffff", HexFormat.of().formatHex(array.get(2).GetByteString()));
    }

    @Test
    void attestationMessageRejectsBadArguments() {
        IllegalArgumentException deviceType =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ProvisioningMessages.attestationMessage(
                                        DEVICE, -1, DEVICE, new byte[16]));
        IllegalArgumentException longNonce =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ProvisioningMessages.attestationMessage(
                                        DEVICE, 3, DEVICE, new byte[17]));

        assertTrue(deviceType.getMessage().contains("got -1"), deviceType.getMessage());
        assertTrue(longNonce.getMessage().contains("got 17"), longNonce.getMessage());
    }

    @Test
    void uuidBytesAreBigEndian() {
        assertEquals(
                "5050304136334261803d1e2b8f70111a",
                HexFormat.of().formatHex(ProvisioningMessages.uuidBytes(DEVICE)));
    }

    @Test
    void protectedHeaderIsCopied() {
        byte[] header = CoseSign1.protectedHeader();
        header[0] = 0;

        assertEquals("a10126", HexFormat.of().formatHex(CoseSign1.protectedHeader()));
    }

    @Test
    void toBeSignedMatchesIndependentEncoding() {
        byte[] payload = HexFormat.of().parseHex("d9d9f78501");
        byte[] expected =
                CBORObject.NewArray()
                        .Add(CBORObject.FromObject("Signature1"))
                        .Add(CBORObject.FromObject(new byte[] {(byte) 0xA1, 0x01, 0x26}))
                        .Add(CBORObject.FromObject(new byte[0]))
                        .Add(CBORObject.FromObject(payload))
                        .EncodeToBytes();

        assertArrayEquals(expected, CoseSign1.toBeSigned(payload));
    }

    @Test
    void signedStructureVerifiesWithJdk() throws Exception {
        byte[] payload = "payload".getBytes(US_ASCII);
        PublicKey publicKey =
                KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(KEY.publicKey().toSpkiDer()));

        for (boolean detached : new boolean[] {false, true}) {
            CBORObject cose =
                    CBORObject.DecodeFromBytes(CoseSign1.sign(KEY.privateKey(), payload, detached));
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey);
            verifier.update(CoseSign1.toBeSigned(payload));

            assertTrue(cose.HasMostOuterTag(18));
            assertEquals(detached, cose.UntagOne().get(2).isNull(), "detached " + detached);
            assertTrue(verifier.verify(cose.UntagOne().get(3).GetByteString()));
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"CN=\\zz", "CN=a\\", "CN=a\\4", "CN=\\4g", "O=x\\\u0663\u0663"})
    void subjectRejectsInvalidEscapes(String attributes) {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CertificateRequests.subject(attributes, DEVICE));

        assertTrue(error.getMessage().contains("RFC 4514"), error.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "CN=a\\,b        | a,b",
                "CN=a\\+b        | a+b",
                "CN=\\41bc       | Abc",
                "CN=x\\\\y     | x\\y",
                "CN=\\#1         | #1",
            })
    void subjectAcceptsValidEscapes(String attributes, String commonName) {
        X500Name subject = CertificateRequests.subject(attributes, DEVICE);

        assertEquals(
                commonName,
                ((ASN1String) subject.getRDNs(BCStyle.CN)[0].getFirst().getValue()).getString());
    }
}
