package io.github.nrf91emu.crypto;

import io.github.nrf91emu.crypto.internal.P256;
import io.github.nrf91emu.crypto.internal.P256Scalars;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA on P-256 with SHA-256 (JWS "ES256", RFC 7518 §3.4).
 *
 * <p>Signatures are 64 bytes, r‖s, each a 32-byte big-endian integer. Signing is deterministic by
 * default: the nonce comes from RFC 6979 §3.2 with HMAC-SHA256, so the same key and message always
 * give the same signature. Signing runs in constant time with respect to the private key and the
 * nonce. Verification works on public data and runs in variable time.
 *
 * <p>{@link #toDer}, {@link #fromDer}, {@link #signDer} and {@link #verifyDer} convert to and from
 * the ASN.1 DER form of X.509 and TLS, which is not valid in a JWS.
 *
 * <p>Null arguments throw {@link NullPointerException}.
 */
public final class Es256 {
    /** Length of an r‖s signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private Es256() {}

    /** Signs SHA-256(message) with the deterministic RFC 6979 nonce. Returns r‖s. */
    public static byte[] sign(P256PrivateKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        return signDigest(key, sha256(message));
    }

    /**
     * Signs SHA-256(message) with an RFC 6979 nonce into which 32 fresh bytes from {@code random}
     * are mixed as additional data (RFC 6979 §3.6). Returns r‖s.
     */
    public static byte[] sign(P256PrivateKey key, byte[] message, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(random, "random");
        byte[] extra = new byte[32];
        random.nextBytes(extra);
        return P256.sign(key.scalar(), sha256(message), extra);
    }

    /**
     * Signs a precomputed SHA-256 digest with the deterministic RFC 6979 nonce. Returns r‖s.
     *
     * <p>The digest must be at least 32 bytes. A longer digest, such as SHA-384 or SHA-512 in the
     * NIST test vectors, is truncated to its leftmost 256 bits (FIPS 186-4 §6.4).
     *
     * @throws IllegalArgumentException if the digest is shorter than 32 bytes
     */
    public static byte[] signDigest(P256PrivateKey key, byte[] digest) {
        Objects.requireNonNull(key, "key");
        checkDigest(digest);
        return P256.sign(key.scalar(), digest, null);
    }

    /**
     * Verifies an r‖s signature over SHA-256(message). Returns false for a signature of the wrong
     * length or with r or s outside 1..n-1.
     */
    public static boolean verify(P256PublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        return verifyDigest(key, sha256(message), signature);
    }

    /**
     * Verifies an r‖s signature over a precomputed SHA-256 digest. A digest longer than 32 bytes is
     * truncated as in {@link #signDigest}. Returns false for a signature of the wrong length or
     * with r or s outside 1..n-1.
     *
     * @throws IllegalArgumentException if the digest is shorter than 32 bytes
     */
    public static boolean verifyDigest(P256PublicKey key, byte[] digest, byte[] signature) {
        Objects.requireNonNull(key, "key");
        checkDigest(digest);
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        return P256.verify(key.verificationKey(), digest, signature);
    }

    /**
     * Signs SHA-256(message) like {@link #sign(P256PrivateKey, byte[])} and returns the signature
     * in DER form (see {@link #toDer}), as Java's SHA256withECDSA and OpenSSL write it.
     */
    public static byte[] signDer(P256PrivateKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        return toDer(sign(key, message));
    }

    /**
     * Verifies a DER signature (see {@link #fromDer}) over SHA-256(message). Returns false, and
     * does not throw, for a malformed or non-strict DER signature or one with r or s outside
     * 1..n-1.
     */
    public static boolean verifyDer(P256PublicKey key, byte[] message, byte[] der) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(der, "der");
        byte[] rs;
        try {
            rs = fromDer(der);
        } catch (SignatureException malformed) {
            return false;
        }
        return verify(key, message, rs);
    }

    /**
     * Encodes an r‖s signature as DER: Ecdsa-Sig-Value, {@code SEQUENCE { r INTEGER, s INTEGER }}
     * (RFC 3279 §2.2.3), with minimal integer encodings. This is a format conversion only, so r and
     * s are not range-checked.
     *
     * @param rs 64 bytes: r and s, each 32 bytes big-endian
     * @return 8 to 72 bytes
     * @throws IllegalArgumentException if {@code rs} is not 64 bytes
     */
    public static byte[] toDer(byte[] rs) {
        Objects.requireNonNull(rs, "rs");
        if (rs.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException(
                    "r‖s signature is " + rs.length + " bytes (expected " + SIGNATURE_LENGTH + ")");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        return encodeDer(r, s);
    }

    /**
     * Decodes a strict DER Ecdsa-Sig-Value into a 64-byte r‖s signature. The input must be exactly
     * the DER encoding of {@code SEQUENCE { r INTEGER, s INTEGER }}, so BER forms (indefinite or
     * non-minimal lengths), trailing bytes and non-minimal integers are rejected, and r and s must
     * be in 1..n-1. This makes the encoding of a signature unique.
     *
     * @throws SignatureException if the encoding is not strict DER or r or s is out of range; the
     *     message names the fault
     */
    public static byte[] fromDer(byte[] der) throws SignatureException {
        Objects.requireNonNull(der, "der");
        ASN1Sequence sequence = parseDerSequence(der);
        BigInteger r = signatureInteger(sequence.getObjectAt(0), "r");
        BigInteger s = signatureInteger(sequence.getObjectAt(1), "s");

        // Re-encoding the values gives the one DER form; any other input bytes are BER or
        // non-minimal, even where the parser accepted them.
        if (!Arrays.equals(der, encodeDer(r, s))) {
            throw new SignatureException(
                    "ECDSA signature is not in DER form (expected minimal definite lengths and"
                            + " minimal integers)");
        }

        byte[] rs = new byte[SIGNATURE_LENGTH];
        copyUnsigned(r, rs, 0);
        copyUnsigned(s, rs, 32);
        checkRange(rs, 0, "r");
        checkRange(rs, 32, "s");
        return rs;
    }

    private static ASN1Sequence parseDerSequence(byte[] der) throws SignatureException {
        ASN1Primitive primitive;
        int trailing;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            primitive = in.readObject();
            trailing = in.available();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new SignatureException("ECDSA signature is not valid DER: " + e.getMessage(), e);
        }
        if (primitive == null) {
            throw new SignatureException("ECDSA signature is empty");
        }
        if (trailing > 0) {
            throw new SignatureException(
                    "ECDSA signature has trailing data after the DER SEQUENCE ("
                            + trailing
                            + (trailing == 1 ? " byte)" : " bytes)"));
        }
        if (!(primitive instanceof ASN1Sequence)) {
            throw new SignatureException("ECDSA signature is not an ASN.1 SEQUENCE");
        }
        ASN1Sequence sequence = (ASN1Sequence) primitive;
        if (sequence.size() != 2) {
            throw new SignatureException(
                    "ECDSA signature SEQUENCE has the wrong number of elements: "
                            + sequence.size()
                            + " (expected 2: r and s)");
        }
        return sequence;
    }

    /** Returns r or s, which must be a positive INTEGER of at most 32 bytes. */
    private static BigInteger signatureInteger(ASN1Encodable element, String name)
            throws SignatureException {
        if (!(element instanceof ASN1Integer)) {
            throw new SignatureException("ECDSA signature " + name + " is not an INTEGER");
        }
        BigInteger value = ((ASN1Integer) element).getValue();
        if (value.signum() < 0) {
            throw new SignatureException(
                    "ECDSA signature " + name + " is negative (expected 1..n-1)");
        }
        if (value.signum() == 0) {
            throw new SignatureException("ECDSA signature " + name + " is zero (expected 1..n-1)");
        }
        if (value.bitLength() > 256) {
            throw new SignatureException(
                    "ECDSA signature "
                            + name
                            + " is "
                            + (value.bitLength() + 7) / 8
                            + " bytes long (expected at most 32)");
        }
        return value;
    }

    private static void checkRange(byte[] rs, int offset, String name) throws SignatureException {
        if (!P256Scalars.isInRange(Arrays.copyOfRange(rs, offset, offset + 32))) {
            throw new SignatureException(
                    "ECDSA signature "
                            + name
                            + " is not below the group order n (expected 1..n-1)");
        }
    }

    private static byte[] encodeDer(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding into memory failed", e);
        }
    }

    /** Writes a value of at most 256 bits as 32 big-endian bytes at {@code offset}. */
    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }

    /**
     * Rejects digests shorter than SHA-256's 32 bytes. ECDSA would take a short digest as its
     * integer value, so a truncated or empty digest would still give a signature.
     */
    private static void checkDigest(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length < 32) {
            throw new IllegalArgumentException(
                    "digest is "
                            + digest.length
                            + " bytes (expected at least 32, the length of a SHA-256 digest)");
        }
    }

    static byte[] sha256(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
