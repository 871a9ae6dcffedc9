package io.github.nrf91emu.provisioning;

import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256PrivateKey;
import java.util.Objects;

/**
 * The COSE_Sign1 structure (RFC 9052 section 4.2) in which the modem signs its provisioning
 * messages with the device identity key:
 *
 * <pre>
 * 18([ h'A10126', {4: h'21'}, payload or nil, signature ])
 * </pre>
 *
 * The protected header is {@code {1: -7}} (alg ES256). The unprotected header has key id (label 4)
 * {@code h'21'}, the CBOR encoding of -2, the number by which Nordic's tools name the identity key.
 * The signature is the 64-byte r ‖ s of ECDSA P-256 over the Sig_structure {@code ["Signature1",
 * protected, h'', payload]}. A detached structure carries nil in place of the payload, and the
 * payload travels beside it.
 *
 * <p>The layout of the structure is that of real modems' responses. That the signature covers the
 * RFC 9052 Sig_structure with empty external data is the standard reading: no public source shows a
 * real response together with the public identity key of its device.
 */
public final class CoseSign1 {
    /** The CBOR tag of a COSE_Sign1 structure. */
    public static final int TAG = 18;

    /** The COSE algorithm number of ES256. */
    public static final int ALGORITHM_ES256 = -7;

    /** The key id that names the device identity key: -2. */
    public static final int IDENTITY_KEY_ID = -2;

    private static final int LABEL_ALGORITHM = 1;
    private static final int LABEL_KEY_ID = 4;

    private static final byte[] PROTECTED_HEADER =
            Cbor.encode(
                    generator -> {
                        generator.writeStartObject(null, 1);
                        generator.writeFieldId(LABEL_ALGORITHM);
                        generator.writeNumber(ALGORITHM_ES256);
                        generator.writeEndObject();
                    });

    private static final byte[] IDENTITY_KEY_ID_BYTES = Cbor.integer(IDENTITY_KEY_ID);

    private CoseSign1() {}

    /** Returns the serialized protected header, {@code {1: -7}}: the bytes A1 01 26. */
    public static byte[] protectedHeader() {
        return PROTECTED_HEADER.clone();
    }

    /**
     * Returns the bytes that the signature covers: the CBOR Sig_structure {@code ["Signature1",
     * protected header, h'', payload]}.
     */
    public static byte[] toBeSigned(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return Cbor.encode(
                generator -> {
                    generator.writeStartArray(null, 4);
                    generator.writeString("Signature1");
                    generator.writeBinary(PROTECTED_HEADER);
                    generator.writeBinary(new byte[0]);
                    generator.writeBinary(payload);
                    generator.writeEndArray();
                });
    }

    /**
     * Signs {@code payload} with {@code key} and returns the tagged COSE_Sign1 structure.
     *
     * @param detached true to leave the payload out of the structure (nil in its place)
     */
    public static byte[] sign(P256PrivateKey key, byte[] payload, boolean detached) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        byte[] signature = Es256.sign(key, toBeSigned(payload));
        return Cbor.encode(
                generator -> {
                    generator.writeTag(TAG);
                    generator.writeStartArray(null, 4);
                    generator.writeBinary(PROTECTED_HEADER);
                    generator.writeStartObject(null, 1);
                    generator.writeFieldId(LABEL_KEY_ID);
                    generator.writeBinary(IDENTITY_KEY_ID_BYTES);
                    generator.writeEndObject();
                    if (detached) {
                        generator.writeNull();
                    } else {
                        generator.writeBinary(payload);
                    }
                    generator.writeBinary(signature);
                    generator.writeEndArray();
                });
    }
}
