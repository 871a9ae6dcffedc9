package io.github.nrf91emu.testkit;

import io.github.nrf91emu.provisioning.ProvisioningMessages;
import io.github.nrf91emu.testkit.ProvisioningRejectedException.Reason;
import java.util.UUID;

/**
 * Items of a {@code %KEYGEN} COSE payload, {@code 55799([type, device UUID, h'<CBOR sec_tag>',
 * SHA-256(DER), nonce])}.
 */
record KeygenPayload(int messageType, UUID deviceUuid, long secTag, byte[] digest, byte[] nonce) {
    private static final int UUID_LENGTH = 16;
    private static final int SHA256_LENGTH = 32;
    private static final long MAX_SEC_TAG = 4_294_967_295L;

    /**
     * Parses a payload, which must be in deterministic CBOR encoding with no trailing bytes.
     *
     * @throws ProvisioningRejectedException with {@link Reason#UNEXPECTED_MESSAGE_TYPE} if the type
     *     is neither 8 nor 9, or {@link Reason#MALFORMED} if an item has the wrong type or length
     */
    static KeygenPayload read(byte[] payload) throws ProvisioningRejectedException {
        StrictCborReader reader = StrictCborReader.of(payload, "%KEYGEN payload");
        int size =
                reader.startArray(ProvisioningMessages.SELF_DESCRIBED_CBOR_TAG, "top-level item");
        ProvisioningVerifier.requireItemCount("%KEYGEN payload", size, 5);
        long messageType = reader.integer("item 0 (message type)");
        if (messageType != ProvisioningMessages.TYPE_CSR
                && messageType != ProvisioningMessages.TYPE_PUBLIC_KEY) {
            throw new ProvisioningRejectedException(
                    Reason.UNEXPECTED_MESSAGE_TYPE,
                    "%KEYGEN payload message type is "
                            + messageType
                            + " (expected 9, a certificate signing request, or 8, a public key)");
        }
        UUID deviceUuid =
                ProvisioningVerifier.uuid(reader.bytes("item 1 (device UUID)", UUID_LENGTH));
        long secTag = secTag(reader.bytes("item 2 (sec_tag)", -1));
        byte[] digest = reader.bytes("item 3 (SHA-256 of the DER)", SHA256_LENGTH);
        byte[] nonce = reader.bytes("item 4 (nonce)", ProvisioningMessages.NONCE_LENGTH);
        reader.endArray("top-level item");
        reader.finish();
        return new KeygenPayload((int) messageType, deviceUuid, secTag, digest, nonce);
    }

    /** Decodes the sec_tag from item 2, a byte string that contains a CBOR unsigned integer. */
    private static long secTag(byte[] encoded) throws ProvisioningRejectedException {
        StrictCborReader reader = StrictCborReader.of(encoded, "%KEYGEN payload sec_tag");
        long secTag = reader.integer("value");
        reader.finish();
        if (secTag < 0 || secTag > MAX_SEC_TAG) {
            throw new ProvisioningRejectedException(
                    Reason.MALFORMED,
                    "%KEYGEN payload sec_tag is "
                            + secTag
                            + " (expected 0.."
                            + MAX_SEC_TAG
                            + ", an unsigned 32-bit integer)");
        }
        return secTag;
    }
}
