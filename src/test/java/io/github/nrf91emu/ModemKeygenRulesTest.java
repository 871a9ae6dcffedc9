package io.github.nrf91emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nrf91emu.device.Model;
import java.security.Signature;
import java.util.HexFormat;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AT%KEYGEN rules beside the basic error table: the signature algorithm form by firmware, the
 * power-off warning, a content limit below the key's size, and attributes checked for every form.
 */
class ModemKeygenRulesTest {
    /** DER of the ecdsa-with-SHA256 AlgorithmIdentifier without parameters (RFC 5758). */
    private static final byte[] ECDSA_SHA256_ABSENT =
            HexFormat.of().parseHex("300a06082a8648ce3d040302");

    /** DER of the same identifier with NULL parameters, the form of firmware 1.x requests. */
    private static final byte[] ECDSA_SHA256_NULL =
            HexFormat.of().parseHex("300c06082a8648ce3d0403020500");

    private static Modem offline(Modem.Builder builder) {
        Modem modem = builder.seed(3).build();
        assertEquals("OK\r\nOK\r\n", modem.execute("AT+CFUN=4\r\nAT+CMEE=1\r\n"));
        return modem;
    }

    private static PKCS10CertificationRequest request(Modem modem) throws Exception {
        CoseTestSupport.ParsedResponse parsed =
                CoseTestSupport.parseResponse("%KEYGEN", modem.execute("AT%KEYGEN=5,2"));
        return new PKCS10CertificationRequest(parsed.first());
    }

    @ParameterizedTest
    @CsvSource({
        "mfw_nrf9160_1.3.5, true",
        "mfw_nrf9160_1.3.0-FOTA-TEST, true",
        "mfw_nrf91x1_2.0.1, false",
        "mfw_nrf9160_2.0.0, false",
        "custom-build-7, false"
    })
    void signatureParametersFollowFirmware(String firmware, boolean withNull) throws Exception {
        PKCS10CertificationRequest request =
                request(offline(Modem.builder().firmwareVersion(firmware)));

        byte[] algorithm = request.getSignatureAlgorithm().getEncoded();
        assertArrayEquals(withNull ? ECDSA_SHA256_NULL : ECDSA_SHA256_ABSENT, algorithm);
        assertTrue(
                request.isSignatureValid(
                        new JcaContentVerifierProviderBuilder()
                                .setProvider(new BouncyCastleProvider())
                                .build(request.getSubjectPublicKeyInfo())));
    }

    @Test
    void nrf9161RequestHasNoParameters() throws Exception {
        PKCS10CertificationRequest request = request(offline(Modem.builder().model(Model.NRF9161)));

        assertEquals(
                X9ObjectIdentifiers.ecdsa_with_SHA256,
                request.getSignatureAlgorithm().getAlgorithm());
        assertNull(request.getSignatureAlgorithm().getParameters());
    }

    @Test
    void requestWithoutParametersVerifiesWithJdk() throws Exception {
        PKCS10CertificationRequest request = request(offline(Modem.builder().model(Model.NRF9161)));

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(
                CoseTestSupport.jdkPublicKey(request.getSubjectPublicKeyInfo().getEncoded()));
        verifier.update(request.toASN1Structure().getCertificationRequestInfo().getEncoded());
        assertTrue(verifier.verify(request.getSignature()));
        assertNotEquals(DERNull.INSTANCE, request.getSignatureAlgorithm().getParameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT%KEYGEN=5,2", "AT%KEYGEN=5,2,1", "AT%KEYGEN=5,8"})
    void powerOffWarningRejectsNewKey(String command) {
        Modem modem = offline(Modem.builder());
        modem.setPowerOffWarning(true);

        assertEquals("+CME ERROR: 528\r\n", modem.execute(command));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1"));
    }

    @Test
    void powerOffWarningAllowsStoredEndorsementKey() {
        Modem modem = offline(Modem.builder());
        String first = modem.execute("AT%KEYGEN=5,8");
        String publicKey = first.substring(0, first.indexOf('.'));
        modem.setPowerOffWarning(true);

        String again = modem.execute("AT%KEYGEN=5,8");

        assertTrue(again.startsWith(publicKey + "."), again);
        assertTrue(again.endsWith("\"\r\nOK\r\n"), again);
    }

    @Test
    void powerOffWarningComesAfterExistingKey() {
        Modem modem = offline(Modem.builder());
        assertTrue(modem.execute("AT%KEYGEN=5,2").endsWith("OK\r\n"));
        modem.setPowerOffWarning(true);

        assertEquals("+CME ERROR: 519\r\n", modem.execute("AT%KEYGEN=5,2"));
    }

    @Test
    void contentLimitBelowKeySizeIsMemoryFull() {
        Modem modem = offline(Modem.builder().maxCredentialLength(100));

        assertEquals("+CME ERROR: 515\r\n", modem.execute("AT%KEYGEN=5,2"));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AT%KEYGEN=5,2,1,\"FOO=bar\"",
                "AT%KEYGEN=5,2,1,,\"0\"",
                "AT%KEYGEN=5,8,0,\"CN=\"",
                "AT%KEYGEN=5,8,1,,\"12\""
            })
    void malformedAttributesFailWithoutRequest(String command) {
        Modem modem = offline(Modem.builder());

        assertEquals("ERROR\r\n", modem.execute(command));
        assertEquals("OK\r\n", modem.execute("AT%CMNG=1"));
    }
}
