package io.github.nrf91emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys made by AT%KEYGEN in a modem with a state file: kept across restarts, never repeated. */
class ModemKeygenStateFileTest {
    private static final long SEC_TAG = 16842753;

    @TempDir Path directory;

    private Modem open(String name) {
        return Modem.builder().stateFile(directory.resolve(name)).seed(7).build();
    }

    /** Runs AT%KEYGEN and returns the public key of the request it returns. */
    private static PublicKey keygen(Modem modem) throws Exception {
        String response = modem.execute("AT+CFUN=4;%KEYGEN=" + SEC_TAG + ",2,0");
        assertTrue(response.startsWith("%KEYGEN: \""), response);
        String answer = response.split("\"")[1];
        byte[] der = Base64.getUrlDecoder().decode(answer.substring(0, answer.indexOf('.')));
        byte[] spki = new PKCS10CertificationRequest(der).getSubjectPublicKeyInfo().getEncoded();
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    }

    private static String listLine(Modem modem) {
        return modem.execute("AT%CMNG=1," + SEC_TAG + ",2");
    }

    @Test
    void generatedKeySignsTokensAfterRestart() throws Exception {
        PublicKey publicKey;
        String listed;
        try (Modem modem = open("modem.json")) {
            publicKey = keygen(modem);
            listed = listLine(modem);
        }
        try (Modem modem = open("modem.json")) {
            assertEquals(listed, listLine(modem));
            String response = modem.execute("AT%JWT=0,600,\"dev\",\"aud\"," + SEC_TAG + ",2");
            String token = response.split("\"")[1];
            assertTrue(
                    SignedJWT.parse(token).verify(new ECDSAVerifier((ECPublicKey) publicKey)),
                    token);
        }
    }

    @Test
    void keyMadeAgainAfterRestartIsNew() throws Exception {
        PublicKey first;
        try (Modem modem = open("modem.json")) {
            first = keygen(modem);
            assertEquals("OK\r\n", modem.execute("AT%CMNG=3," + SEC_TAG + ",2"));
        }
        try (Modem modem = open("modem.json")) {
            assertNotEquals(first, keygen(modem));
        }
    }

    @Test
    void twoStateFilesMakeDifferentKeys() throws Exception {
        try (Modem one = open("one.json");
                Modem two = open("two.json")) {
            assertEquals(one.identity().deviceUuid(), two.identity().deviceUuid());
            assertNotEquals(keygen(one), keygen(two));
        }
    }

    @Test
    void seededModemRepeatsKeys() throws Exception {
        try (Modem one = Modem.builder().seed(7).build();
                Modem two = Modem.builder().seed(7).build()) {
            assertEquals(keygen(one), keygen(two));
        }
    }
}
