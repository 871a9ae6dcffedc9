package io.github.nrf91emu.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Decryption of an encrypted PKCS #8 private key (EncryptedPrivateKeyInfo, RFC 5958 §3).
 *
 * <p>PBES2 (RFC 8018 §6.2) is decrypted here with Bouncy Castle's PBKDF2 and scrypt generators, so
 * the supported key derivations and ciphers are those in the maps below, and an empty password
 * works as it does in OpenSSL. The password is encoded as UTF-8, the encoding of OpenSSL on a UTF-8
 * terminal. The PKCS #12 and PBES1 schemes are passed to Bouncy Castle's PKCS #8 decryptor. Every
 * scheme is checked for its cost before any key derivation, because the file chooses that cost.
 */
final class EncryptedPkcs8 {
    /**
     * Largest PBKDF2, PKCS #12 or PBES1 iteration count accepted: above the 600,000 that the OWASP
     * Password Storage Cheat Sheet (May 2023) gives for PBKDF2-HMAC-SHA256, and an estimated 2 s of
     * CPU on a 2-core build machine.
     */
    static final long MAX_ITERATIONS = 2_000_000;

    /**
     * Largest scrypt memory (128·N·r bytes) accepted: the 128 MiB of the same cheat sheet's minimum
     * N = 2^17 with r = 8.
     */
    static final long MAX_SCRYPT_BYTES = 128L << 20;

    /** Largest scrypt parallelization p accepted, because the derivation time grows with p. */
    static final int MAX_SCRYPT_PARALLELIZATION = 16;

    /** A Bouncy Castle provider instance, never registered globally. */
    private static final Provider BC = new BouncyCastleProvider();

    /** A PBES2 block cipher in CBC mode with PKCS #5 padding. */
    private record CbcCipher(String name, String algorithm, int keyBytes, int blockBytes) {}

    private static final Map<ASN1ObjectIdentifier, CbcCipher> PBES2_CIPHERS =
            Map.of(
                    NISTObjectIdentifiers.id_aes128_CBC,
                            new CbcCipher("AES-128-CBC", "AES", 16, 16),
                    NISTObjectIdentifiers.id_aes192_CBC,
                            new CbcCipher("AES-192-CBC", "AES", 24, 16),
                    NISTObjectIdentifiers.id_aes256_CBC,
                            new CbcCipher("AES-256-CBC", "AES", 32, 16),
                    PKCSObjectIdentifiers.des_EDE3_CBC,
                            new CbcCipher("DES-EDE3-CBC", "DESede", 24, 8),
                    GMObjectIdentifiers.sms4_cbc, new CbcCipher("SM4-CBC", "SM4", 16, 16));

    private static final Map<ASN1ObjectIdentifier, Supplier<Digest>> PBKDF2_PRFS =
            Map.of(
                    PKCSObjectIdentifiers.id_hmacWithSHA1, SHA1Digest::new,
                    PKCSObjectIdentifiers.id_hmacWithSHA224, SHA224Digest::new,
                    PKCSObjectIdentifiers.id_hmacWithSHA256, SHA256Digest::new,
                    PKCSObjectIdentifiers.id_hmacWithSHA384, SHA384Digest::new,
                    PKCSObjectIdentifiers.id_hmacWithSHA512, SHA512Digest::new,
                    NISTObjectIdentifiers.id_hmacWithSHA3_224, () -> new SHA3Digest(224),
                    NISTObjectIdentifiers.id_hmacWithSHA3_256, () -> new SHA3Digest(256),
                    NISTObjectIdentifiers.id_hmacWithSHA3_384, () -> new SHA3Digest(384),
                    NISTObjectIdentifiers.id_hmacWithSHA3_512, () -> new SHA3Digest(512),
                    GMObjectIdentifiers.hmac_sm3, SM3Digest::new);

    private static final Set<ASN1ObjectIdentifier> PBES1_SCHEMES =
            Set.of(
                    PKCSObjectIdentifiers.pbeWithMD2AndDES_CBC,
                    PKCSObjectIdentifiers.pbeWithMD2AndRC2_CBC,
                    PKCSObjectIdentifiers.pbeWithMD5AndDES_CBC,
                    PKCSObjectIdentifiers.pbeWithMD5AndRC2_CBC,
                    PKCSObjectIdentifiers.pbeWithSHA1AndDES_CBC,
                    PKCSObjectIdentifiers.pbeWithSHA1AndRC2_CBC);

    private static final String SUPPORTED_SCHEMES =
            "(supported: PBES2 with PBKDF2 or scrypt and AES-CBC, DES-EDE3-CBC or SM4-CBC;"
                    + " PKCS #12 PBE; PBES1)";

    private static final String WRONG_PASSWORD =
            "failed to decrypt the private key (wrong password or corrupted data)";

    private EncryptedPkcs8() {}

    /**
     * Decrypts an EncryptedPrivateKeyInfo and returns the DER of the PrivateKeyInfo inside. The
     * password array is neither changed nor kept.
     *
     * @throws InvalidKeySpecException if the structure is malformed, the scheme is not supported or
     *     its parameters are invalid or too costly
     * @throws InvalidKeyException if the password is missing or wrong (indistinguishable from
     *     corrupted ciphertext)
     */
    static byte[] decrypt(byte[] der, char[] password)
            throws InvalidKeySpecException, InvalidKeyException {
        if (password == null) {
            throw new InvalidKeyException(
                    "private key is encrypted (ENCRYPTED PRIVATE KEY) but no password was given");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidKeySpecException(
                    "invalid PKCS #8 EncryptedPrivateKeyInfo: " + e.getMessage(), e);
        }
        AlgorithmIdentifier scheme = info.getEncryptionAlgorithm();
        ASN1ObjectIdentifier schemeId = scheme.getAlgorithm();
        byte[] plaintext;
        try {
            if (PKCSObjectIdentifiers.id_PBES2.equals(schemeId)) {
                plaintext =
                        decryptPbes2(
                                PBES2Parameters.getInstance(scheme.getParameters()),
                                info.getEncryptedData(),
                                password);
            } else if (schemeId.on(PKCSObjectIdentifiers.pkcs_12PbeIds)
                    || PBES1_SCHEMES.contains(schemeId)) {
                plaintext = decryptWithBouncyCastle(der, scheme, password);
            } else {
                throw new InvalidKeySpecException(
                        "encryption scheme "
                                + describe(schemeId)
                                + " of the private key is not supported "
                                + SUPPORTED_SCHEMES);
            }
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            // Bouncy Castle's ASN.1 getInstance methods and generators throw these for malformed
            // or out-of-range parameters. Their messages name fields, not key material.
            throw new InvalidKeySpecException(
                    "invalid parameters of encryption scheme "
                            + describe(schemeId)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        checkIsPrivateKeyInfo(plaintext);
        return plaintext;
    }

    /** Decrypts PBES2 (RFC 8018 §6.2) with PBKDF2 or scrypt and a CBC cipher. */
    private static byte[] decryptPbes2(
            PBES2Parameters parameters, byte[] ciphertext, char[] password)
            throws InvalidKeySpecException, InvalidKeyException {
        EncryptionScheme encryption = parameters.getEncryptionScheme();
        CbcCipher cipher = PBES2_CIPHERS.get(encryption.getAlgorithm());
        if (cipher == null) {
            throw new InvalidKeySpecException(
                    "PBES2 cipher "
                            + describe(encryption.getAlgorithm())
                            + " of the private key is not supported "
                            + SUPPORTED_SCHEMES);
        }
        byte[] iv = ASN1OctetString.getInstance(encryption.getParameters()).getOctets();
        if (iv.length != cipher.blockBytes()) {
            throw new InvalidKeySpecException(
                    "PBES2 cipher "
                            + cipher.name()
                            + " has an IV of "
                            + iv.length
                            + " bytes (expected "
                            + cipher.blockBytes()
                            + ")");
        }

        byte[] key = deriveKey(parameters.getKeyDerivationFunc(), password, cipher);
        try {
            Cipher decryptor = Cipher.getInstance(cipher.algorithm() + "/CBC/PKCS5Padding", BC);
            decryptor.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, cipher.algorithm()),
                    new IvParameterSpec(iv));
            return decryptor.doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            // A wrong password almost always breaks the CBC padding, so both faults look alike.
            throw new InvalidKeyException(WRONG_PASSWORD, e);
        } catch (GeneralSecurityException e) {
            throw new InvalidKeySpecException(
                    "failed to set up PBES2 cipher " + cipher.name() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Derives the cipher key with PBKDF2 or scrypt after checking the cost parameters. */
    private static byte[] deriveKey(KeyDerivationFunc kdf, char[] password, CbcCipher cipher)
            throws InvalidKeySpecException {
        byte[] passwordBytes = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password);
        try {
            if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                return pbkdf2(PBKDF2Params.getInstance(kdf.getParameters()), passwordBytes, cipher);
            }
            if (MiscObjectIdentifiers.id_scrypt.equals(kdf.getAlgorithm())) {
                return scrypt(ScryptParams.getInstance(kdf.getParameters()), passwordBytes, cipher);
            }
            throw new InvalidKeySpecException(
                    "PBES2 key derivation "
                            + describe(kdf.getAlgorithm())
                            + " of the private key is not supported "
                            + SUPPORTED_SCHEMES);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    private static byte[] pbkdf2(PBKDF2Params parameters, byte[] password, CbcCipher cipher)
            throws InvalidKeySpecException {
        checkIterations(parameters.getIterationCount(), "PBKDF2");
        checkKeyLength(parameters.getKeyLength(), cipher, "PBKDF2");
        ASN1ObjectIdentifier prf = parameters.getPrf().getAlgorithm();
        Supplier<Digest> digest = PBKDF2_PRFS.get(prf);
        if (digest == null) {
            throw new InvalidKeySpecException(
                    "PBKDF2 pseudorandom function "
                            + describe(prf)
                            + " is not supported (supported: HMAC with SHA-1, SHA-2, SHA-3 or"
                            + " SM3)");
        }
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest.get());
        generator.init(password, parameters.getSalt(), parameters.getIterationCount().intValue());
        return ((KeyParameter) generator.generateDerivedParameters(cipher.keyBytes() * 8)).getKey();
    }

    private static byte[] scrypt(ScryptParams parameters, byte[] password, CbcCipher cipher)
            throws InvalidKeySpecException {
        checkScrypt(parameters);
        checkKeyLength(parameters.getKeyLength(), cipher, "scrypt");
        return SCrypt.generate(
                password,
                parameters.getSalt(),
                parameters.getCostParameter().intValueExact(),
                parameters.getBlockSize().intValueExact(),
                parameters.getParallelizationParameter().intValueExact(),
                cipher.keyBytes());
    }

    /**
     * Decrypts a PKCS #12 or PBES1 scheme with Bouncy Castle's PKCS #8 decryptor, after checking
     * its iteration count.
     */
    private static byte[] decryptWithBouncyCastle(
            byte[] der, AlgorithmIdentifier scheme, char[] password)
            throws InvalidKeySpecException, InvalidKeyException {
        ASN1ObjectIdentifier schemeId = scheme.getAlgorithm();
        if (schemeId.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
            checkIterations(
                    PKCS12PBEParams.getInstance(scheme.getParameters()).getIterations(),
                    "PKCS #12 PBE");
        } else {
            checkIterations(
                    PBEParameter.getInstance(scheme.getParameters()).getIterationCount(), "PBES1");
        }
        if (password.length == 0) {
            // Bouncy Castle derives another PKCS #12 key from an empty password than OpenSSL
            // 3.0 does, so such a file would fail as if the password were wrong.
            throw new InvalidKeySpecException(
                    "an empty password is supported only for PBES2, not for scheme "
                            + describe(schemeId)
                            + " (re-encrypt the key with openssl pkcs8 -topk8 -v2 aes-256-cbc)");
        }
        try {
            InputDecryptorProvider decryptor =
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password);
            return new PKCS8EncryptedPrivateKeyInfo(der)
                    .decryptPrivateKeyInfo(decryptor)
                    .getEncoded(ASN1Encoding.DER);
        } catch (PKCSException e) {
            if (e.getCause() instanceof OperatorCreationException) {
                throw new InvalidKeySpecException(
                        "encryption scheme "
                                + describe(schemeId)
                                + " of the private key is not supported: "
                                + e.getCause().getMessage(),
                        e);
            }
            // The cause is kept out of the message, as for PBES2.
            throw new InvalidKeyException(WRONG_PASSWORD, e);
        } catch (OperatorCreationException | IOException e) {
            throw new InvalidKeySpecException(
                    "failed to set up decryption with scheme "
                            + describe(schemeId)
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Checks that decryption gave a PrivateKeyInfo. A wrong password passes the CBC padding check
     * about once in 256 tries and then yields random bytes, which are reported like bad padding.
     */
    private static void checkIsPrivateKeyInfo(byte[] plaintext) throws InvalidKeyException {
        try {
            PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(plaintext));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidKeyException(WRONG_PASSWORD, e);
        }
    }

    /** Checks an iteration count against RFC 8018's minimum of 1 and {@link #MAX_ITERATIONS}. */
    private static void checkIterations(BigInteger iterations, String kdf)
            throws InvalidKeySpecException {
        if (iterations.signum() <= 0) {
            throw new InvalidKeySpecException(
                    kdf
                            + " iteration count "
                            + iterations
                            + " is invalid (the count must be at least 1)");
        }
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

    /**
     * Checks scrypt's N, r and p against RFC 7914 §2 (N a power of 2 above 1, r and p at least 1)
     * and against the limits of 128·N·r bytes and p.
     */
    private static void checkScrypt(ScryptParams parameters) throws InvalidKeySpecException {
        BigInteger n = parameters.getCostParameter();
        BigInteger r = parameters.getBlockSize();
        BigInteger p = parameters.getParallelizationParameter();
        String values = "scrypt parameters N=" + n + ", r=" + r + ", p=" + p;
        if (n.compareTo(BigInteger.ONE) <= 0 || n.bitCount() != 1) {
            throw new InvalidKeySpecException(
                    values + " are invalid (N must be a power of 2 greater than 1)");
        }
        if (r.signum() <= 0 || p.signum() <= 0) {
            throw new InvalidKeySpecException(values + " are invalid (r and p must be at least 1)");
        }
        BigInteger memory = BigInteger.valueOf(128).multiply(n).multiply(r);
        if (memory.compareTo(BigInteger.valueOf(MAX_SCRYPT_BYTES)) > 0
                || p.compareTo(BigInteger.valueOf(MAX_SCRYPT_PARALLELIZATION)) > 0) {
            throw new InvalidKeySpecException(
                    values
                            + " exceed the limits of 128·N·r at most "
                            + (MAX_SCRYPT_BYTES >> 20)
                            + " MiB and p at most "
                            + MAX_SCRYPT_PARALLELIZATION
                            + " (re-encrypt the key with smaller ones)");
        }
    }

    /** Checks the optional keyLength of PBKDF2 or scrypt against the cipher's key size. */
    private static void checkKeyLength(BigInteger keyLength, CbcCipher cipher, String kdf)
            throws InvalidKeySpecException {
        if (keyLength != null && !keyLength.equals(BigInteger.valueOf(cipher.keyBytes()))) {
            throw new InvalidKeySpecException(
                    kdf
                            + " key length "
                            + keyLength
                            + " does not match the "
                            + cipher.keyBytes()
                            + "-byte key of "
                            + cipher.name());
        }
    }

    /** Formats an OID with Bouncy Castle's name for it when there is one. */
    private static String describe(ASN1ObjectIdentifier oid) {
        DefaultAlgorithmNameFinder names = new DefaultAlgorithmNameFinder();
        return names.hasAlgorithmName(oid)
                ? names.getAlgorithmName(oid) + " (" + oid.getId() + ")"
                : oid.getId();
    }
}
