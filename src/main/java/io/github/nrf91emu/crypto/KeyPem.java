package io.github.nrf91emu.crypto;

import java.security.InvalidKeyException;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;

/**
 * PEM text (RFC 7468) of P-256 keys. {@link EncryptedPkcs8} decrypts ENCRYPTED PRIVATE KEY blocks.
 *
 * <p>NOTE: importing and exporting keys is not constant time. The Base64, ASN.1 and decryption
 * steps come from the JDK and Bouncy Castle and may branch on the key bytes. Only signing with a
 * key that is already loaded is constant time.
 */
final class KeyPem {
    static final String PUBLIC_KEY = "PUBLIC KEY";
    static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";

    private static final String EXPECTED_PRIVATE_BLOCKS =
            "(expected EC PRIVATE KEY, PRIVATE KEY or ENCRYPTED PRIVATE KEY)";
    private static final int LINE_LENGTH = 64;

    private KeyPem() {}

    /**
     * Reads the first block whose label ends in {@code PRIVATE KEY} and decodes it. The password is
     * used only for an ENCRYPTED PRIVATE KEY block and may be null otherwise.
     */
    static P256PrivateKey readPrivateKey(String pem, char[] password)
            throws InvalidKeySpecException, InvalidKeyException {
        PemText.Block block =
                PemText.firstBlock(pem, label -> label.endsWith(PRIVATE_KEY), "private key");
        rejectLegacyEncryption(block);
        switch (block.label()) {
            case EC_PRIVATE_KEY:
                return KeyDer.decodeEcPrivateKey(block.der());
            case PRIVATE_KEY:
                return KeyDer.decodePkcs8(block.der());
            case ENCRYPTED_PRIVATE_KEY:
                return KeyDer.decodePkcs8(EncryptedPkcs8.decrypt(block.der(), password));
            default:
                throw new InvalidKeySpecException(
                        "PEM block "
                                + block.label()
                                + " is not supported "
                                + EXPECTED_PRIVATE_BLOCKS);
        }
    }

    /** Reads the first block whose label ends in {@code PUBLIC KEY} and decodes it. */
    static P256PublicKey readPublicKey(String pem)
            throws InvalidKeySpecException, InvalidKeyException {
        PemText.Block block =
                PemText.firstBlock(pem, label -> label.endsWith(PUBLIC_KEY), "public key");
        if (!PUBLIC_KEY.equals(block.label())) {
            throw new InvalidKeySpecException(
                    "PEM block " + block.label() + " is not supported (expected PUBLIC KEY)");
        }
        return KeyDer.decodeSpki(block.der());
    }

    /** Formats DER as a PEM block with 64-character Base64 lines and LF line ends. */
    static String write(String label, byte[] der) {
        String body = Base64.getMimeEncoder(LINE_LENGTH, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Rejects the OpenSSL "traditional" encryption with Proc-Type and DEK-Info headers. */
    private static void rejectLegacyEncryption(PemText.Block block) throws InvalidKeySpecException {
        for (PemText.Header header : block.headers()) {
            if ("Proc-Type".equalsIgnoreCase(header.name())
                    && header.value().contains("ENCRYPTED")) {
                throw new InvalidKeySpecException(
                        block.label()
                                + " with Proc-Type ENCRYPTED (legacy OpenSSL encryption) is not"
                                + " supported (expected ENCRYPTED PRIVATE KEY, PKCS #8; convert"
                                + " with openssl pkcs8 -topk8)");
            }
        }
    }
}
