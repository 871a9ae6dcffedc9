package io.github.nrf91emu.provisioning;

import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.P256PrivateKey;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * The signed messages of {@code AT%KEYGEN} and {@code AT%ATTESTTOKEN}, laid out as the nRF Connect
 * SDK's attestation token parser and nRF Cloud's credential parser read them. Each message is a
 * CBOR array in tag 55799 (self-described CBOR); UUIDs are their 16 bytes.
 *
 * <ul>
 *   <li>{@code %KEYGEN}: {@code "<Base64Url(DER)>.<Base64Url(COSE_Sign1)>"}, where the DER is a
 *       certificate signing request or a SubjectPublicKeyInfo and the COSE_Sign1 carries {@code
 *       55799([type, device UUID, h'<CBOR sec_tag>', SHA-256(DER), nonce])}, with type 9 for a
 *       request and 8 for a public key. The sec_tag is a byte string holding its CBOR encoding.
 *   <li>{@code %ATTESTTOKEN}: {@code "<Base64Url(message)>.<Base64Url(COSE_Sign1)>"}, where the
 *       message is {@code 55799([1, device UUID, device type, firmware UUID, nonce])} and the
 *       COSE_Sign1 is detached: it signs the message and carries nil as its payload.
 * </ul>
 *
 * Both structures are signed by the device identity key ({@link CoseSign1}).
 */
public final class ProvisioningMessages {
    /** Message type of a device identity (attestation) message. */
    public static final int TYPE_DEVICE_IDENTITY = 1;

    /** Message type of a {@code %KEYGEN} public key message. */
    public static final int TYPE_PUBLIC_KEY = 8;

    /** Message type of a {@code %KEYGEN} certificate signing request message. */
    public static final int TYPE_CSR = 9;

    /** The CBOR tag that marks self-described CBOR and wraps every message. */
    public static final int SELF_DESCRIBED_CBOR_TAG = 55799;

    /** Length in bytes of a message's nonce. */
    public static final int NONCE_LENGTH = 16;

    private ProvisioningMessages() {}

    /**
     * Returns the {@code %KEYGEN} response text between the quotes.
     *
     * @param messageType {@link #TYPE_CSR} or {@link #TYPE_PUBLIC_KEY}
     * @param der the certificate signing request or the SubjectPublicKeyInfo, in DER
     * @throws IllegalArgumentException if the type is neither, the sec_tag is outside 0..4294967295
     *     or the nonce is not 16 bytes
     */
    public static String keygenResponse(
            P256PrivateKey identityKey,
            int messageType,
            UUID deviceUuid,
            long secTag,
            byte[] der,
            byte[] nonce) {
        Objects.requireNonNull(identityKey, "identityKey");
        byte[] payload = keygenPayload(messageType, deviceUuid, secTag, der, nonce);
        return Base64Url.encode(der)
                + "."
                + Base64Url.encode(CoseSign1.sign(identityKey, payload, false));
    }

    /**
     * Returns the COSE payload of a {@code %KEYGEN} response: {@code 55799([type, device UUID,
     * h'<CBOR sec_tag>', SHA-256(der), nonce])}.
     *
     * @throws IllegalArgumentException as {@link #keygenResponse} does
     */
    public static byte[] keygenPayload(
            int messageType, UUID deviceUuid, long secTag, byte[] der, byte[] nonce) {
        Objects.requireNonNull(deviceUuid, "deviceUuid");
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(nonce, "nonce");
        if (messageType != TYPE_CSR && messageType != TYPE_PUBLIC_KEY) {
            throw new IllegalArgumentException(
                    "%KEYGEN message type must be 9 (CSR) or 8 (public key), got " + messageType);
        }
        if (secTag < 0 || secTag > 4_294_967_295L) {
            throw new IllegalArgumentException("sec_tag must be in 0..4294967295, got " + secTag);
        }
        requireNonce(nonce);
        byte[] secTagBytes = Cbor.integer(secTag);
        byte[] digest = sha256(der);
        return Cbor.encode(
                generator -> {
                    generator.writeTag(SELF_DESCRIBED_CBOR_TAG);
                    generator.writeStartArray(null, 5);
                    generator.writeNumber(messageType);
                    generator.writeBinary(uuidBytes(deviceUuid));
                    generator.writeBinary(secTagBytes);
                    generator.writeBinary(digest);
                    generator.writeBinary(nonce);
                    generator.writeEndArray();
                });
    }

    /**
     * Returns the {@code %ATTESTTOKEN} response text between the quotes.
     *
     * @throws IllegalArgumentException if the nonce is not 16 bytes or the device type is negative
     */
    public static String attestationToken(
            P256PrivateKey identityKey,
            UUID deviceUuid,
            int deviceType,
            UUID firmwareUuid,
            byte[] nonce) {
        Objects.requireNonNull(identityKey, "identityKey");
        byte[] message = attestationMessage(deviceUuid, deviceType, firmwareUuid, nonce);
        return Base64Url.encode(message)
                + "."
                + Base64Url.encode(CoseSign1.sign(identityKey, message, true));
    }

    /**
     * Returns a device identity message: {@code 55799([1, device UUID, device type, firmware UUID,
     * nonce])}.
     *
     * @throws IllegalArgumentException as {@link #attestationToken} does
     */
    public static byte[] attestationMessage(
            UUID deviceUuid, int deviceType, UUID firmwareUuid, byte[] nonce) {
        Objects.requireNonNull(deviceUuid, "deviceUuid");
        Objects.requireNonNull(firmwareUuid, "firmwareUuid");
        Objects.requireNonNull(nonce, "nonce");
        if (deviceType < 0) {
            throw new IllegalArgumentException(
                    "device type must not be negative, got " + deviceType);
        }
        requireNonce(nonce);
        return Cbor.encode(
                generator -> {
                    generator.writeTag(SELF_DESCRIBED_CBOR_TAG);
                    generator.writeStartArray(null, 5);
                    generator.writeNumber(TYPE_DEVICE_IDENTITY);
                    generator.writeBinary(uuidBytes(deviceUuid));
                    generator.writeNumber(deviceType);
                    generator.writeBinary(uuidBytes(firmwareUuid));
                    generator.writeBinary(nonce);
                    generator.writeEndArray();
                });
    }

    /** Returns the 16 bytes of a UUID, most significant first. */
    public static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private static void requireNonce(byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException(
                    "nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
