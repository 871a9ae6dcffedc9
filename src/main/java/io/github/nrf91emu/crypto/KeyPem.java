package io.github.nrf91emu.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * PEM text (RFC 7468) of P-256 keys, and decryption of encrypted PKCS #8 (RFC 5958 §3, PBES2 of RFC
 * 8018 §6.2).
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

    /**
     * Largest PBKDF2 or PKCS #12 iteration count accepted: above the 600,000 that the OWASP
     * Password Storage Cheat Sheet (May 2023) gives for PBKDF2-HMAC-SHA256, and an estimated 2 s of
     * CPU on a 2-core build machine.
     */
    static final long MAX_ITERATIONS = 2_000_000;

    /**
     * Largest scrypt memory (128·N·r bytes) accepted: the 128 MiB of the same cheat sheet's minimum
     * N = 2^17 with r = 8.
     */
    static final long MAX_SCRYPT_BYTES = 128L << 20;

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
                return KeyDer.decodePkcs8(decrypt(block.der(), password));
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

    /**
     * Decrypts an EncryptedPrivateKeyInfo and returns the DER of the PrivateKeyInfo inside. Bouncy
     * Castle's PKCS #8 decryptor handles PBES2 with PBKDF2 or scrypt and AES-CBC or DES-EDE3-CBC,
     * and PKCS #12 schemes such as PBE-SHA1-3DES. The password array is neither changed nor kept.
     */
    private static byte[] decrypt(byte[] der, char[] password)
            throws InvalidKeySpecException, InvalidKeyException {
        if (password == null) {
            throw new InvalidKeyException(
                    "private key is encrypted (ENCRYPTED PRIVATE KEY) but no password was given");
        }
        PKCS8EncryptedPrivateKeyInfo info;
        try {
            info = new PKCS8EncryptedPrivateKeyInfo(der);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidKeySpecException(
                    "invalid PKCS #8 EncryptedPrivateKeyInfo: " + e.getMessage(), e);
        }
        String scheme = info.getEncryptionAlgorithm().getAlgorithm().getId();
        checkDerivationCost(info.getEncryptionAlgorithm());
        try {
            InputDecryptorProvider decryptor =
                    new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(password);
            return info.decryptPrivateKeyInfo(decryptor).getEncoded(ASN1Encoding.DER);
        } catch (PKCSException e) {
            if (e.getCause() instanceof OperatorCreationException) {
                throw new InvalidKeySpecException(
                        "encryption scheme "
                                + scheme
                                + " of the private key is not supported: "
                                + e.getCause().getMessage(),
                        e);
            }
            // A wrong password almost always breaks the CBC padding, and otherwise the
            // structure, so both faults look alike. The cause is kept out of the message.
            throw new InvalidKeyException(
                    "failed to decrypt the private key (wrong password or corrupted data)", e);
        } catch (OperatorCreationException | IOException e) {
            throw new InvalidKeySpecException(
                    "failed to set up decryption with scheme " + scheme + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rejects key-derivation parameters that would take seconds of CPU or large amounts of memory
     * before the password can even be checked. The file chooses these costs, so an untrusted file
     * could otherwise stall the caller or exhaust the heap.
     */
    private static void checkDerivationCost(AlgorithmIdentifier scheme)
            throws InvalidKeySpecException {
        try {
            if (PKCSObjectIdentifiers.id_PBES2.equals(scheme.getAlgorithm())) {
                KeyDerivationFunc kdf =
                        PBES2Parameters.getInstance(scheme.getParameters()).getKeyDerivationFunc();
                if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                    BigInteger iterations =
                            PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount();
                    checkIterations(iterations, "PBKDF2");
                } else if (MiscObjectIdentifiers.id_scrypt.equals(kdf.getAlgorithm())) {
                    checkScrypt(ScryptParams.getInstance(kdf.getParameters()));
                }
            } else if (scheme.getAlgorithm().on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
                BigInteger iterations =
                        PKCS12PBEParams.getInstance(scheme.getParameters()).getIterations();
                checkIterations(iterations, "PKCS #12 PBE");
            }
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new InvalidKeySpecException(
                    "invalid parameters of encryption scheme "
                            + scheme.getAlgorithm().getId()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void checkIterations(BigInteger iterations, String kdf)
            throws InvalidKeySpecException {
        if (iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw new InvalidKeySpecException(
                    kdf
                            + " iteration count "
                            + iterations
                            + " exceeds the limit of "
                            + MAX_ITERATIONS
                            + " (re-encrypt the key with fewer iterations)");
        }
    }

    private static void checkScrypt(ScryptParams params) throws InvalidKeySpecException {
        BigInteger memory =
                BigInteger.valueOf(128)
                        .multiply(params.getCostParameter())
                        .multiply(params.getBlockSize());
        if (memory.compareTo(BigInteger.valueOf(MAX_SCRYPT_BYTES)) > 0
                || params.getParallelizationParameter().compareTo(BigInteger.valueOf(16)) > 0) {
            throw new InvalidKeySpecException(
                    "scrypt parameters N="
                            + params.getCostParameter()
                            + ", r="
                            + params.getBlockSize()
                            + ", p="
                            + params.getParallelizationParameter()
                            + " exceed the limits of 128·N·r at most "
                            + (MAX_SCRYPT_BYTES >> 20)
                            + " MiB and p at most 16 (re-encrypt the key with smaller ones)");
        }
    }

    /** A Bouncy Castle provider instance, created on first use and never registered globally. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
