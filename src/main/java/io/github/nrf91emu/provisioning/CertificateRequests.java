package io.github.nrf91emu.provisioning;

import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256PrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * The PKCS #10 certificate signing requests (RFC 2986) of {@code AT%KEYGEN}, built with Bouncy
 * Castle in the layout of a real modem's request: the subject, the P-256 public key, an extension
 * request attribute with a non-critical key usage extension, and an ecdsa-with-SHA256 signature by
 * the new key. Requests of modem firmware 1.x carry NULL parameters in the signature algorithm
 * identifier, a form that nRF Cloud's parser calls older modem output, so that form is an option.
 *
 * <p>The subject is {@code CN=<device UUID>} by default. An attributes text such as {@code O=Nordic
 * Semiconductor,L=Trondheim,C=no,CN=nrf-352656100123456} sets it in the order given, with the
 * attribute names of RFC 4514 and a few more (C, ST, L, O, OU, CN, SERIALNUMBER, E, DC and others);
 * a text without CN gets {@code CN=<device UUID>} added last. Country and serial number are
 * PrintableString, e-mail and domain component IA5String, the rest UTF8String. Values must not be
 * empty or contain control characters, and CN, O, OU, L, ST, C, SERIALNUMBER and E keep to the
 * upper bounds of RFC 5280 (64, 64, 64, 128, 128, 2, 64 and 255 characters). A backslash must start
 * an RFC 4514 escape: a special character such as {@code \,} or two hexadecimal digits.
 *
 * <p>The key usage text has 9 binary digits for digitalSignature, nonRepudiation, keyEncipherment,
 * dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly and decipherOnly, in that
 * order. The default is {@value #DEFAULT_KEY_USAGE}, the bits of a real modem's request: digital
 * signature, non-repudiation, key encipherment and key agreement.
 */
public final class CertificateRequests {
    /** The key usage bits a request carries unless others are given. */
    public static final String DEFAULT_KEY_USAGE = "111010000";

    private static final int[] KEY_USAGE_FLAGS = {
        KeyUsage.digitalSignature,
        KeyUsage.nonRepudiation,
        KeyUsage.keyEncipherment,
        KeyUsage.dataEncipherment,
        KeyUsage.keyAgreement,
        KeyUsage.keyCertSign,
        KeyUsage.cRLSign,
        KeyUsage.encipherOnly,
        KeyUsage.decipherOnly
    };

    /** Upper bounds on value lengths of RFC 5280 appendix A.1, in characters. */
    private static final Map<ASN1ObjectIdentifier, Integer> MAX_VALUE_LENGTHS =
            Map.of(
                    BCStyle.CN, 64,
                    BCStyle.O, 64,
                    BCStyle.OU, 64,
                    BCStyle.L, 128,
                    BCStyle.ST, 128,
                    BCStyle.C, 2,
                    BCStyle.SERIALNUMBER, 64,
                    BCStyle.EmailAddress, 255);

    /** The characters that RFC 4514 lets a backslash escape as themselves. */
    private static final String ESCAPABLE = "\"+,;<>\\#= ";

    private CertificateRequests() {}

    /**
     * Returns the DER of a request for {@code key}, signed by it.
     *
     * @param subject the subject, from {@link #subject}
     * @param keyUsage the key usage flags, from {@link #keyUsage}
     * @param nullSignatureParameters true for NULL parameters in the signature algorithm, as modem
     *     firmware 1.x writes them; false to leave them out, as RFC 5758 requires
     */
    public static byte[] create(
            P256KeyPair key, X500Name subject, int keyUsage, boolean nullSignatureParameters) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subject, "subject");
        SubjectPublicKeyInfo publicKeyInfo =
                SubjectPublicKeyInfo.getInstance(key.publicKey().toSpkiDer());
        Extensions extensions =
                new Extensions(
                        new Extension(Extension.keyUsage, false, encode(new KeyUsage(keyUsage))));
        try {
            return new PKCS10CertificationRequestBuilder(subject, publicKeyInfo)
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                    .build(new Es256ContentSigner(key.privateKey(), nullSignatureParameters))
                    .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding of a certificate request failed", e);
        }
    }

    /**
     * Returns the subject for an attributes text, or {@code CN=<device UUID>} when the text is null
     * or empty.
     *
     * @throws IllegalArgumentException if the text is not a comma-separated list of {@code
     *     NAME=value} with known names and values that are not empty, or a value is not text or has
     *     characters that its string type (PrintableString, IA5String) does not allow
     */
    public static X500Name subject(String attributes, UUID deviceUuid) {
        Objects.requireNonNull(deviceUuid, "deviceUuid");
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (attributes == null || attributes.isEmpty()) {
            return builder.addRDN(BCStyle.CN, deviceUuid.toString()).build();
        }
        String invalidEscape = invalidEscapeReason(attributes);
        if (invalidEscape != null) {
            throw new IllegalArgumentException(
                    "invalid attributes '" + attributes + "': " + invalidEscape);
        }
        X500Name parsed;
        try {
            parsed = new X500Name(BCStyle.INSTANCE, attributes);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bouncy Castle raises IllegalStateException (ASN1ParsingException) for a '#' value
            // whose hex digits are not a BER encoding.
            throw new IllegalArgumentException(
                    "invalid attributes '"
                            + attributes
                            + "': "
                            + e.getMessage()
                            + " (expected NAME=value pairs separated by commas, such as"
                            + " O=Example,CN=device-1)",
                    e);
        }
        for (RDN rdn : parsed.getRDNs()) {
            if (rdn.isMultiValued()) {
                throw new IllegalArgumentException(
                        "invalid attributes '"
                                + attributes
                                + "': multi-valued names joined by '+' are not supported");
            }
            String invalidValue = invalidValueReason(rdn.getFirst());
            if (invalidValue != null) {
                throw new IllegalArgumentException(
                        "invalid attributes '" + attributes + "': " + invalidValue);
            }
            builder.addRDN(rdn.getFirst());
        }
        if (parsed.getRDNs(BCStyle.CN).length == 0) {
            builder.addRDN(BCStyle.CN, deviceUuid.toString());
        }
        return builder.build();
    }

    /**
     * Returns why an attribute value can't go into a subject, or null. A value must be a string
     * that is not empty, and a PrintableString (C, SERIALNUMBER) or IA5String (E, DC) must keep to
     * its character set, because Bouncy Castle encodes any text into these types unchecked.
     */
    private static String invalidValueReason(AttributeTypeAndValue attribute) {
        String name = BCStyle.INSTANCE.oidToDisplayName(attribute.getType());
        // A BIT STRING is an ASN1String to Bouncy Castle, which returns its hex digits as text.
        if (!(attribute.getValue() instanceof ASN1String value)
                || attribute.getValue() instanceof ASN1BitString) {
            return "the value of " + name + " must be text, not a '#' hex encoding of another type";
        }
        String text = value.getString();
        if (text.isEmpty()) {
            return "empty value for " + name;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "the value of " + name + " contains a control character";
            }
        }
        Integer maxLength = MAX_VALUE_LENGTHS.get(attribute.getType());
        if (maxLength != null && text.codePointCount(0, text.length()) > maxLength) {
            return "the value of "
                    + name
                    + " is "
                    + text.codePointCount(0, text.length())
                    + " characters long (maximum "
                    + maxLength
                    + ", RFC 5280)";
        }
        if (value instanceof ASN1PrintableString && !ASN1PrintableString.isPrintableString(text)) {
            return "the value '"
                    + text
                    + "' of "
                    + name
                    + " must be a PrintableString: letters, digits, space and '()+,-./:=?";
        }
        if (value instanceof ASN1IA5String && !ASN1IA5String.isIA5String(text)) {
            return "the value '" + text + "' of " + name + " must be ASCII (an IA5String)";
        }
        return null;
    }

    /**
     * Returns why a backslash of the text is not an RFC 4514 escape, or null. Bouncy Castle takes
     * any character after a backslash as itself, so {@code \zz} would pass as {@code zz}.
     */
    private static String invalidEscapeReason(String attributes) {
        for (int i = 0; i < attributes.length(); i++) {
            if (attributes.charAt(i) != '\\') {
                continue;
            }
            if (i + 1 < attributes.length() && ESCAPABLE.indexOf(attributes.charAt(i + 1)) >= 0) {
                i++;
            } else if (i + 2 < attributes.length()
                    && isHexDigit(attributes.charAt(i + 1))
                    && isHexDigit(attributes.charAt(i + 2))) {
                i += 2;
            } else {
                return "backslash at index "
                        + i
                        + " is not followed by one of "
                        + ESCAPABLE.strip()
                        + ", a space or two hexadecimal digits (RFC 4514)";
            }
        }
        return null;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Returns the key usage flags of a 9-digit binary text, or of {@value #DEFAULT_KEY_USAGE} when
     * the text is null or empty.
     *
     * @throws IllegalArgumentException if the text is not 9 digits 0 or 1 with at least one 1
     */
    public static int keyUsage(String bits) {
        String text = bits == null || bits.isEmpty() ? DEFAULT_KEY_USAGE : bits;
        if (text.length() != KEY_USAGE_FLAGS.length || !text.matches("[01]+")) {
            throw new IllegalArgumentException(
                    "invalid key usage '"
                            + text
                            + "' (expected 9 binary digits, digitalSignature first, such as "
                            + DEFAULT_KEY_USAGE
                            + ")");
        }
        int flags = 0;
        for (int i = 0; i < KEY_USAGE_FLAGS.length; i++) {
            if (text.charAt(i) == '1') {
                flags |= KEY_USAGE_FLAGS[i];
            }
        }
        if (flags == 0) {
            throw new IllegalArgumentException(
                    "invalid key usage '" + text + "' (at least one bit must be 1)");
        }
        return flags;
    }

    private static byte[] encode(KeyUsage keyUsage) {
        try {
            return keyUsage.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding of a key usage failed", e);
        }
    }

    /** Signs the request body with our ES256 core and returns the DER signature. */
    private static final class Es256ContentSigner implements ContentSigner {
        private static final AlgorithmIdentifier ECDSA_WITH_SHA256 =
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        private static final AlgorithmIdentifier ECDSA_WITH_SHA256_NULL =
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256, DERNull.INSTANCE);

        private final P256PrivateKey key;
        private final boolean nullParameters;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

        Es256ContentSigner(P256PrivateKey key, boolean nullParameters) {
            this.key = key;
            this.nullParameters = nullParameters;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return nullParameters ? ECDSA_WITH_SHA256_NULL : ECDSA_WITH_SHA256;
        }

        @Override
        public OutputStream getOutputStream() {
            return body;
        }

        @Override
        public byte[] getSignature() {
            return Es256.signDer(key, body.toByteArray());
        }
    }
}
