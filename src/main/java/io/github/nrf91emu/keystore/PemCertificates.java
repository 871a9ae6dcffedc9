package io.github.nrf91emu.keystore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The check that the content of a certificate item (types 0 and 1) is well-formed PEM. It must be
 * ASCII text with one or more CERTIFICATE blocks (RFC 7468), each a single DER X.509 certificate
 * that the JDK's {@link CertificateFactory} accepts. Text outside the blocks is allowed, because
 * tools such as {@code openssl x509 -text} write explanatory text there. A block with any other
 * label makes the content invalid.
 */
final class PemCertificates {
    private static final String CERTIFICATE = "CERTIFICATE";

    private PemCertificates() {}

    /**
     * Checks the content and returns null if it is valid, otherwise a reason that quotes no
     * content.
     */
    static String invalidReason(byte[] content) {
        String text;
        try {
            text =
                    StandardCharsets.US_ASCII
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(content))
                            .toString();
        } catch (CharacterCodingException e) {
            return "content is not ASCII text";
        }

        CertificateFactory factory = x509Factory();
        int count = 0;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject block = reader.readPemObject();
                    block != null;
                    block = reader.readPemObject()) {
                count++;
                String reason = blockReason(factory, block, count);
                if (reason != null) {
                    return reason;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle's PemReader reports bad Base64 and a missing END line this way.
            return "PEM block " + (count + 1) + " is malformed";
        }
        return count == 0 ? "content has no CERTIFICATE block" : null;
    }

    private static String blockReason(CertificateFactory factory, PemObject block, int index) {
        if (!CERTIFICATE.equals(block.getType())) {
            return "PEM block " + index + " is " + block.getType() + " (expected CERTIFICATE)";
        }
        byte[] der = block.getContent();
        try {
            X509Certificate certificate =
                    (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            // The factory stops after the first certificate, so compare lengths to catch
            // trailing bytes in the block.
            if (certificate.getEncoded().length != der.length) {
                return "PEM block " + index + " has bytes after the certificate";
            }
            return null;
        } catch (CertificateException e) {
            return "PEM block " + index + " is not a valid X.509 certificate";
        }
    }

    private static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 is missing from this Java runtime", e);
        }
    }
}
