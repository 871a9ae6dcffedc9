package io.github.nrf91emu.crypto;

import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * DER encodings of P-256 keys: SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 5480), the SEC 1
 * ECPrivateKey (SEC 1 v2 §C.4, RFC 5915) and the PKCS #8 PrivateKeyInfo (RFC 5208, RFC 5958).
 *
 * <p>Decoders throw {@link InvalidKeySpecException} for a malformed or unsupported encoding and
 * {@link InvalidKeyException} for a well-formed key that is not a valid P-256 key (another
 * algorithm or curve, a point off the curve, a scalar outside 1..n-1). Messages never contain
 * private key bytes.
 */
final class KeyDer {
    private static final ASN1ObjectIdentifier ID_EC_PUBLIC_KEY = X9ObjectIdentifiers.id_ecPublicKey;
    private static final ASN1ObjectIdentifier PRIME256V1 = SECObjectIdentifiers.secp256r1;
    private static final String EXPECTED_CURVE = "(expected P-256 / prime256v1)";

    private KeyDer() {}

    static P256PublicKey decodeSpki(byte[] der)
            throws InvalidKeySpecException, InvalidKeyException {
        ASN1Sequence sequence = parseSequence(der, "SubjectPublicKeyInfo");
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(sequence);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeySpecException("invalid SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        checkAlgorithm(info.getAlgorithm());
        return decodePoint(info.getPublicKeyData(), "SubjectPublicKeyInfo");
    }

    /**
     * Decodes a SEC 1 ECPrivateKey. The optional parameters must name P-256, and the optional
     * public key, uncompressed or compressed, must equal d·G.
     */
    static P256PrivateKey decodeEcPrivateKey(byte[] der)
            throws InvalidKeySpecException, InvalidKeyException {
        ASN1Sequence sequence = parseSequence(der, "EC private key (SEC 1 ECPrivateKey)");
        if (sequence.size() < 2 || sequence.size() > 4) {
            throw new InvalidKeySpecException(
                    "EC private key has " + sequence.size() + " fields (expected 2 to 4)");
        }
        checkVersion(sequence.getObjectAt(0), 1, "EC private key");
        if (!(sequence.getObjectAt(1) instanceof ASN1OctetString)) {
            throw new InvalidKeySpecException("EC private key field 2 is not an OCTET STRING");
        }

        // The curve is checked before the scalar, so a key on another curve is reported as such
        // rather than as a scalar of the wrong length.
        ASN1BitString publicKey = null;
        int lastTag = -1;
        for (int i = 2; i < sequence.size(); i++) {
            ASN1TaggedObject field = contextTagged(sequence.getObjectAt(i), lastTag);
            lastTag = field.getTagNo();
            if (lastTag == 0) {
                checkCurve(field.getExplicitBaseObject());
            } else {
                publicKey = bitString(field);
            }
        }

        P256PrivateKey key = toPrivateKey(((ASN1OctetString) sequence.getObjectAt(1)).getOctets());
        if (publicKey != null) {
            checkPublicKeyMatches(key, publicKey, "EC private key");
        }
        return key;
    }

    /**
     * Decodes a PKCS #8 PrivateKeyInfo (version 0) or OneAsymmetricKey (version 1) holding a P-256
     * ECPrivateKey. A public key in either structure must equal d·G.
     */
    static P256PrivateKey decodePkcs8(byte[] der)
            throws InvalidKeySpecException, InvalidKeyException {
        ASN1Sequence sequence = parseSequence(der, "PKCS #8 PrivateKeyInfo");
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(sequence);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidKeySpecException(
                    "invalid PKCS #8 PrivateKeyInfo: " + e.getMessage(), e);
        }
        checkAlgorithm(info.getPrivateKeyAlgorithm());
        P256PrivateKey key = decodeEcPrivateKey(info.getPrivateKey().getOctets());
        if (info.getPublicKeyData() != null) {
            checkPublicKeyMatches(key, info.getPublicKeyData(), "PKCS #8 OneAsymmetricKey");
        }
        return key;
    }

    /**
     * Encodes a SEC 1 ECPrivateKey with the public key, and with the named curve when {@code
     * withCurve} is true. The result contains the scalar.
     */
    static byte[] encodeEcPrivateKey(P256PrivateKey key, boolean withCurve) {
        byte[] scalar = key.toScalarBytes();
        try {
            ASN1EncodableVector fields = new ASN1EncodableVector(4);
            fields.add(new ASN1Integer(1));
            fields.add(new DEROctetString(scalar));
            if (withCurve) {
                fields.add(new DERTaggedObject(true, 0, PRIME256V1));
            }
            fields.add(
                    new DERTaggedObject(
                            true, 1, new DERBitString(key.publicKey().toUncompressed())));
            return derEncode(new DERSequence(fields));
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    /** Encodes a PKCS #8 PrivateKeyInfo (version 0) that wraps the SEC 1 ECPrivateKey. */
    static byte[] encodePkcs8(P256PrivateKey key) {
        byte[] ecPrivateKey = encodeEcPrivateKey(key, false);
        try {
            ASN1EncodableVector fields = new ASN1EncodableVector(3);
            fields.add(new ASN1Integer(0));
            fields.add(new AlgorithmIdentifier(ID_EC_PUBLIC_KEY, PRIME256V1));
            fields.add(new DEROctetString(ecPrivateKey));
            return derEncode(new DERSequence(fields));
        } finally {
            Arrays.fill(ecPrivateKey, (byte) 0);
        }
    }

    private static ASN1Sequence parseSequence(byte[] der, String structure)
            throws InvalidKeySpecException {
        if (der == null || der.length == 0) {
            throw new InvalidKeySpecException(structure + " is empty");
        }
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(der);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // Bouncy Castle's parser messages name lengths and tags, for example "DEF length 39
            // object truncated by 1", and not the content bytes.
            throw new InvalidKeySpecException(
                    "invalid DER in " + structure + ": " + e.getMessage(), e);
        }
        if (!(primitive instanceof ASN1Sequence)) {
            throw new InvalidKeySpecException(structure + " is not an ASN.1 SEQUENCE");
        }
        if (!Arrays.equals(der, derEncode(primitive))) {
            throw new InvalidKeySpecException(
                    structure
                            + " is not in DER (a BER form such as a long or indefinite length,"
                            + " or a non-minimal encoding; re-encode it as DER)");
        }
        return (ASN1Sequence) primitive;
    }

    private static void checkVersion(ASN1Encodable field, int expected, String structure)
            throws InvalidKeySpecException {
        if (!(field instanceof ASN1Integer)) {
            throw new InvalidKeySpecException(structure + " version is not an INTEGER");
        }
        if (!((ASN1Integer) field).hasValue(expected)) {
            throw new InvalidKeySpecException(
                    structure
                            + " version is "
                            + ((ASN1Integer) field).getValue()
                            + " (expected "
                            + expected
                            + ")");
        }
    }

    /**
     * Returns the field if it is an explicitly tagged, context-specific [0] or [1] with a tag
     * number above {@code previousTag}, so each optional field appears at most once and in order.
     */
    private static ASN1TaggedObject contextTagged(ASN1Encodable field, int previousTag)
            throws InvalidKeySpecException {
        if (field instanceof ASN1TaggedObject) {
            ASN1TaggedObject tagged = (ASN1TaggedObject) field;
            boolean knownTag = tagged.getTagNo() == 0 || tagged.getTagNo() == 1;
            if (tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC
                    && knownTag
                    && tagged.getTagNo() > previousTag
                    && tagged.isExplicit()) {
                return tagged;
            }
        }
        throw new InvalidKeySpecException(
                "EC private key has an unexpected optional field (expected [0] parameters, then"
                        + " [1] publicKey, each explicitly tagged and at most once)");
    }

    private static ASN1BitString bitString(ASN1TaggedObject field) throws InvalidKeySpecException {
        ASN1Primitive base = field.getExplicitBaseObject().toASN1Primitive();
        if (!(base instanceof ASN1BitString)) {
            throw new InvalidKeySpecException("EC private key [1] publicKey is not a BIT STRING");
        }
        return (ASN1BitString) base;
    }

    /**
     * Copies the private key octets into a P-256 key. RFC 5915 §3 fixes their length at
     * ceiling(log2(n)/8) = 32 bytes for P-256, with leading zero bytes kept, so each key has one
     * encoding.
     */
    private static P256PrivateKey toPrivateKey(byte[] octets)
            throws InvalidKeySpecException, InvalidKeyException {
        try {
            if (octets.length != 32) {
                throw new InvalidKeySpecException(
                        "EC private key is "
                                + octets.length
                                + " bytes (RFC 5915 requires exactly 32 bytes for P-256, with"
                                + " leading zero bytes kept)");
            }
            return P256PrivateKey.fromScalar(octets);
        } finally {
            Arrays.fill(octets, (byte) 0);
        }
    }

    private static void checkAlgorithm(AlgorithmIdentifier algorithm)
            throws InvalidKeySpecException, InvalidKeyException {
        if (!ID_EC_PUBLIC_KEY.equals(algorithm.getAlgorithm())) {
            throw new InvalidKeyException(
                    "key algorithm is "
                            + algorithm.getAlgorithm().getId()
                            + " (expected id-ecPublicKey, "
                            + ID_EC_PUBLIC_KEY.getId()
                            + ")");
        }
        checkCurve(algorithm.getParameters());
    }

    /** Checks ECParameters (RFC 5480 §2.1.1): only the namedCurve choice for P-256 passes. */
    private static void checkCurve(ASN1Encodable parameters)
            throws InvalidKeySpecException, InvalidKeyException {
        if (parameters == null || parameters instanceof ASN1Null) {
            throw new InvalidKeySpecException(
                    "EC key has no curve parameters or implicitCurve " + EXPECTED_CURVE);
        }
        if (parameters instanceof ASN1Sequence) {
            throw new InvalidKeySpecException(
                    "EC key has explicit curve parameters, which are not supported "
                            + "(expected the named curve P-256 / prime256v1)");
        }
        if (!(parameters instanceof ASN1ObjectIdentifier)) {
            throw new InvalidKeySpecException(
                    "EC key curve parameters are not an OBJECT IDENTIFIER " + EXPECTED_CURVE);
        }
        ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) parameters;
        if (!PRIME256V1.equals(curve)) {
            String name = ECNamedCurveTable.getName(curve);
            throw new InvalidKeyException(
                    "EC key is on curve "
                            + (name == null ? curve.getId() : name + " (" + curve.getId() + ")")
                            + " "
                            + EXPECTED_CURVE);
        }
    }

    /**
     * Decodes the point of a public key BIT STRING. Only the uncompressed form is supported. It is
     * the form that this library, the JDK and OpenSSL (by default) write.
     */
    private static P256PublicKey decodePoint(ASN1BitString bits, String structure)
            throws InvalidKeySpecException, InvalidKeyException {
        if (bits.getPadBits() != 0) {
            throw new InvalidKeySpecException(
                    structure + " public key BIT STRING has unused bits (expected 0)");
        }
        byte[] point = bits.getOctets();
        if (point.length == 33 && (point[0] == 0x02 || point[0] == 0x03)) {
            throw new InvalidKeySpecException(
                    "compressed EC points are not supported (expected an uncompressed point: "
                            + "0x04, x, y; 65 bytes)");
        }
        if (point.length != 65 || point[0] != 0x04) {
            throw new InvalidKeySpecException(
                    "invalid EC point encoding in "
                            + structure
                            + ": "
                            + point.length
                            + " bytes"
                            + (point.length > 0
                                    ? String.format(", first byte 0x%02x", point[0])
                                    : "")
                            + " (expected 65 bytes starting with 0x04)");
        }
        return P256PublicKey.fromUncompressed(point);
    }

    /**
     * Compares an embedded public key with d·G in the form it was written in, uncompressed or
     * compressed, so a compressed key needs no square root.
     */
    private static void checkPublicKeyMatches(
            P256PrivateKey key, ASN1BitString embedded, String structure)
            throws InvalidKeySpecException, InvalidKeyException {
        if (embedded.getPadBits() != 0) {
            throw new InvalidKeySpecException(
                    structure + " public key BIT STRING has unused bits (expected 0)");
        }
        byte[] point = embedded.getOctets();
        if (point.length == 0) {
            throw new InvalidKeySpecException(
                    structure + " public key is empty (expected an EC point)");
        }
        P256PublicKey derived = key.publicKey();
        byte[] expected;
        if (point[0] == 0x04 && point.length == 65) {
            expected = derived.toUncompressed();
        } else if ((point[0] == 0x02 || point[0] == 0x03) && point.length == 33) {
            expected = compressed(derived);
        } else {
            throw new InvalidKeySpecException(
                    "invalid EC point encoding of the public key in "
                            + structure
                            + " (expected 65 bytes starting with 0x04, or 33 bytes starting with"
                            + " 0x02 or 0x03)");
        }
        if (!Arrays.equals(point, expected)) {
            throw new InvalidKeyException(
                    "public key in the " + structure + " does not match the private key");
        }
    }

    private static byte[] compressed(P256PublicKey key) {
        byte[] out = new byte[33];
        byte[] y = key.rawY();
        out[0] = (byte) (0x02 | (y[31] & 1));
        System.arraycopy(key.rawX(), 0, out, 1, 32);
        return out;
    }

    private static byte[] derEncode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding into memory failed", e);
        }
    }
}
