package io.github.nrf91emu.crypto;

import static io.github.nrf91emu.crypto.KeyTestSupport.pem;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
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
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Key files that are well-formed enough to parse but must still be rejected: unused bits in an
 * embedded public key, BER instead of DER, and encryption parameters that would cost too much time
 * or memory to try.
 */
class KeyImportLimitsTest {
    private static final P256PrivateKey KEY =
            P256Keys.fromSeed("limits".getBytes(StandardCharsets.US_ASCII)).privateKey();

    @Test
    void sec1_publicKeyWithUnusedBits_rejected() throws Exception {
        byte[] sec1 =
                new DERSequence(
                                new ASN1Encodable[] {
                                    new ASN1Integer(1),
                                    new DEROctetString(KEY.toScalarBytes()),
                                    new DERTaggedObject(
                                            true,
                                            1,
                                            new DERBitString(KEY.publicKey().toUncompressed(), 1))
                                })
                        .getEncoded("DER");
        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem("EC PRIVATE KEY", sec1)));
        assertTrue(e.getMessage().contains("unused bits"), e.getMessage());
    }

    /** RFC 5915 fixes the privateKey octets at 32 bytes, so shorter or zero-padded forms fail. */
    @Test
    void sec1_scalarNot32Bytes_rejected() throws Exception {
        byte[] scalar = KEY.toScalarBytes();
        byte[] thirtyOneBytes = Arrays.copyOfRange(scalar, 1, 32);
        byte[] zeroPadded = new byte[33];
        System.arraycopy(scalar, 0, zeroPadded, 1, 32);

        for (byte[] octets : new byte[][] {thirtyOneBytes, zeroPadded}) {
            byte[] sec1 =
                    new DERSequence(
                                    new ASN1Encodable[] {
                                        new ASN1Integer(1), new DEROctetString(octets)
                                    })
                            .getEncoded("DER");
            InvalidKeySpecException e =
                    assertThrows(
                            InvalidKeySpecException.class,
                            () -> P256Keys.privateKeyFromPem(pem("EC PRIVATE KEY", sec1)));
            assertTrue(
                    e.getMessage().contains("EC private key is " + octets.length + " bytes"),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("RFC 5915 requires exactly 32 bytes"), e.getMessage());
        }
    }

    @Test
    void spki_longFormLength_rejected() {
        byte[] der = KEY.publicKey().toSpkiDer();
        byte[] ber = new byte[der.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x81;
        System.arraycopy(der, 1, ber, 2, der.length - 1);
        InvalidKeySpecException e =
                assertThrows(InvalidKeySpecException.class, () -> P256PublicKey.fromSpkiDer(ber));
        assertTrue(e.getMessage().contains("not in DER"), e.getMessage());
    }

    @Test
    void sec1_indefiniteLength_rejected() throws Exception {
        byte[] der =
                new DERSequence(
                                new ASN1Encodable[] {
                                    new ASN1Integer(1), new DEROctetString(KEY.toScalarBytes())
                                })
                        .getEncoded("DER");
        byte[] ber = new byte[der.length + 2];
        ber[0] = 0x30;
        ber[1] = (byte) 0x80;
        System.arraycopy(der, 2, ber, 2, der.length - 2);
        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem("EC PRIVATE KEY", ber)));
        assertTrue(e.getMessage().contains("not in DER"), e.getMessage());
    }

    @Test
    void pbkdf2_tooManyIterations_rejectedBeforeDecrypting() throws Exception {
        KeyDerivationFunc kdf =
                new KeyDerivationFunc(
                        PKCSObjectIdentifiers.id_PBKDF2,
                        new PBKDF2Params(
                                new byte[16],
                                2_000_001,
                                32,
                                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256)));
        String pem = encryptedPem(kdf);
        long start = System.nanoTime();
        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("iteration count 2000001"), e.getMessage());
        assertTrue(millis < 1_000, "rejection took " + millis + " ms");
    }

    @Test
    void scrypt_tooMuchMemory_rejectedBeforeDecrypting() throws Exception {
        KeyDerivationFunc kdf =
                new KeyDerivationFunc(
                        MiscObjectIdentifiers.id_scrypt,
                        new ScryptParams(new byte[16], 1 << 20, 8, 1, 32));
        String pem = encryptedPem(kdf);
        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()));
        assertTrue(e.getMessage().contains("N=1048576"), e.getMessage());
        assertTrue(e.getMessage().contains("128 MiB"), e.getMessage());
    }

    @Test
    void pbkdf2_iterationCountBelowOne_rejected() throws Exception {
        for (int iterations : new int[] {0, -1}) {
            String pem = encryptedPem(pbkdf2(iterations, null));

            InvalidKeySpecException e =
                    assertThrows(
                            InvalidKeySpecException.class,
                            () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()));

            assertTrue(
                    e.getMessage()
                            .contains(
                                    "PBKDF2 iteration count "
                                            + iterations
                                            + " is invalid (the count must be at least 1)"),
                    e.getMessage());
        }
    }

    @Test
    void pbkdf2_keyLengthOfOtherCipher_rejected() throws Exception {
        String pem = encryptedPem(pbkdf2(2048, 16));

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()));

        assertTrue(
                e.getMessage()
                        .contains("PBKDF2 key length 16 does not match the 32-byte key of AES-256"),
                e.getMessage());
    }

    @Test
    void scrypt_invalidOrCostlyParameters_rejected() throws Exception {
        String[][] cases = {
            {"1000", "8", "1", "N must be a power of 2 greater than 1"},
            {"1", "8", "1", "N must be a power of 2 greater than 1"},
            {"1024", "0", "1", "r and p must be at least 1"},
            {"1024", "8", "0", "r and p must be at least 1"},
            {"1024", "8", "17", "p at most 16"},
        };
        for (String[] c : cases) {
            KeyDerivationFunc kdf =
                    new KeyDerivationFunc(
                            MiscObjectIdentifiers.id_scrypt,
                            new ScryptParams(
                                    new byte[16],
                                    Integer.parseInt(c[0]),
                                    Integer.parseInt(c[1]),
                                    Integer.parseInt(c[2]),
                                    32));
            String pem = encryptedPem(kdf);

            InvalidKeySpecException e =
                    assertThrows(
                            InvalidKeySpecException.class,
                            () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()),
                            String.join(",", c));

            assertTrue(e.getMessage().contains(c[3]), e.getMessage());
        }
    }

    @Test
    void pkcs12Pbe_tooManyIterations_rejected() throws Exception {
        AlgorithmIdentifier scheme =
                new AlgorithmIdentifier(
                        PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                        new PKCS12PBEParams(new byte[8], 2_000_001));
        String pem = encryptedPem(scheme);

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()));

        assertTrue(
                e.getMessage().contains("PKCS #12 PBE iteration count 2000001 exceeds the limit"),
                e.getMessage());
    }

    @Test
    void pbes1_tooManyIterations_rejected() throws Exception {
        AlgorithmIdentifier scheme =
                new AlgorithmIdentifier(
                        PKCSObjectIdentifiers.pbeWithSHA1AndDES_CBC,
                        new PBEParameter(new byte[8], 2_000_001));
        String pem = encryptedPem(scheme);

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()));

        assertTrue(
                e.getMessage().contains("PBES1 iteration count 2000001 exceeds the limit"),
                e.getMessage());
    }

    @Test
    void unknownScheme_named() throws Exception {
        AlgorithmIdentifier scheme = new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes256_GCM);
        String pem = encryptedPem(scheme);

        InvalidKeySpecException e =
                assertThrows(
                        InvalidKeySpecException.class,
                        () -> P256Keys.privateKeyFromPem(pem, "secret".toCharArray()));

        assertTrue(
                e.getMessage()
                        .contains(
                                "encryption scheme AES-256/GCM (2.16.840.1.101.3.4.1.46) of the"
                                        + " private key is not supported"),
                e.getMessage());
    }

    @Test
    void keyPair_mismatchedKeys_rejected() {
        P256PublicKey other = P256Keys.fromSeed(new byte[] {1}).publicKey();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new P256KeyPair(KEY, other));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    private static KeyDerivationFunc pbkdf2(int iterations, Integer keyLength) {
        return new KeyDerivationFunc(
                PKCSObjectIdentifiers.id_PBKDF2,
                new PBKDF2Params(
                        new byte[16],
                        iterations,
                        keyLength == null ? -1 : keyLength,
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256)));
    }

    /** Returns an ENCRYPTED PRIVATE KEY block with the given key derivation and junk ciphertext. */
    private static String encryptedPem(KeyDerivationFunc kdf) throws Exception {
        EncryptionScheme aes =
                new EncryptionScheme(
                        NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[16]));
        return encryptedPem(
                new AlgorithmIdentifier(
                        PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(kdf, aes)));
    }

    /** Returns an ENCRYPTED PRIVATE KEY block with the given scheme and junk ciphertext. */
    private static String encryptedPem(AlgorithmIdentifier scheme) throws Exception {
        byte[] ciphertext = new byte[144];
        Arrays.fill(ciphertext, (byte) 0x5a);
        byte[] der = new EncryptedPrivateKeyInfo(scheme, ciphertext).getEncoded("DER");
        return pem("ENCRYPTED PRIVATE KEY", der);
    }
}
