package io.github.nrf91emu.testkit;

import io.github.nrf91emu.testkit.ProvisioningRejectedException.Reason;
import java.util.Objects;

/**
 * Fault in a provisioning response from {@link BadProvisioningResponses}, for which a server must
 * reject the response. Each bad response is a real modem response or is derived from one, so that
 * exactly one thing is wrong with it. No kind needs the device's identity private key, which never
 * leaves the modem, so a forger who re-signs must use another key.
 *
 * <p>{@link #command()} selects the verifier method for the response, and {@link #expectedReason()}
 * is the reason that {@link ProvisioningVerifier} with the device identity key reports. For {@link
 * Command#ATTESTTOKEN}, the method is {@link ProvisioningVerifier#verifyAttestation(String,
 * byte[])} with the challenge from {@link BadProvisioningResponses#challenge()}.
 */
public enum BadProvisioningKind {
    /**
     * Real {@code %KEYGEN} response of another device to the same command, as a replay or a mix-up
     * of two devices' responses would deliver it. Its COSE_Sign1 is valid for that device's key.
     */
    KEYGEN_FROM_OTHER_DEVICE(
            Command.KEYGEN, "real %KEYGEN response of another device", Reason.INVALID_SIGNATURE),

    /**
     * Good DER and COSE payload, with the COSE_Sign1 signed by the key of {@link
     * BadProvisioningResponses#otherDeviceKey()}.
     */
    KEYGEN_SIGNED_BY_OTHER_DEVICE(
            Command.KEYGEN,
            "COSE_Sign1 signed by another device's key; DER and payload kept",
            Reason.INVALID_SIGNATURE),

    /**
     * Good response whose request is replaced by a valid request for the key of {@link
     * BadProvisioningResponses#otherDeviceKey()} with the device's subject. The COSE_Sign1 is kept,
     * so the signature verifies, but the payload's SHA-256 is the digest of the original request.
     */
    KEYGEN_CSR_REPLACED(
            Command.KEYGEN,
            "CSR replaced by a valid CSR for another key; COSE_Sign1 kept",
            Reason.DIGEST_MISMATCH),

    /**
     * Forgery that needs no access to the device: {@link #KEYGEN_CSR_REPLACED} with the payload's
     * SHA-256 recomputed for the new request and the COSE_Sign1 signed by the other device's key.
     * The digest is consistent, so only the signature check can detect it.
     */
    KEYGEN_CSR_REPLACED_AND_RESIGNED(
            Command.KEYGEN,
            "CSR replaced, payload digest recomputed and COSE_Sign1 signed by another key",
            Reason.INVALID_SIGNATURE),

    /**
     * Good {@code %KEYGEN} text in the standard Base64 alphabet, with every {@code -} replaced by
     * {@code +} and every {@code _} by {@code /}. The decoded bytes are unchanged, so a verifier
     * whose decoder accepts both alphabets accepts the response.
     */
    KEYGEN_STANDARD_BASE64_ALPHABET(
            Command.KEYGEN,
            "in the standard Base64 alphabet, with '+' and '/' instead of '-' and '_'",
            Reason.MALFORMED),

    /**
     * Good {@code %ATTESTTOKEN} text given as a {@code %KEYGEN} response. Its signature is valid,
     * but its COSE_Sign1 is detached, so it contains no payload.
     */
    KEYGEN_GIVEN_ATTESTATION(
            Command.KEYGEN,
            "a valid %ATTESTTOKEN response given as %KEYGEN",
            Reason.UNEXPECTED_MESSAGE_TYPE),

    /**
     * Real response of the device to another challenge, the bitwise complement of the expected one.
     * The signature is valid, so only the nonce check rejects it.
     */
    ATTESTTOKEN_OTHER_CHALLENGE(
            Command.ATTESTTOKEN,
            "real response of the device to another challenge",
            Reason.CHALLENGE_MISMATCH),

    /** Real {@code %ATTESTTOKEN} response of another device to the same challenge. */
    ATTESTTOKEN_FROM_OTHER_DEVICE(
            Command.ATTESTTOKEN,
            "real response of another device to the same challenge",
            Reason.INVALID_SIGNATURE),

    /**
     * Good response with the device type in the message incremented by one, for example from
     * nRF9160 (3) to nRF9161 (4). The COSE_Sign1 is kept.
     */
    ATTESTTOKEN_DEVICE_TYPE_CHANGED(
            Command.ATTESTTOKEN,
            "device type in the message changed; COSE_Sign1 kept",
            Reason.INVALID_SIGNATURE),

    /**
     * Good message, with the detached COSE_Sign1 signed by the key of {@link
     * BadProvisioningResponses#otherDeviceKey()}.
     */
    ATTESTTOKEN_SIGNED_BY_OTHER_DEVICE(
            Command.ATTESTTOKEN,
            "COSE_Sign1 signed by another device's key; message kept",
            Reason.INVALID_SIGNATURE),

    /**
     * Good response with the {@code =} padding that standard Base64 adds to the 77-byte COSE_Sign1.
     * The 57-byte message needs no padding.
     */
    ATTESTTOKEN_BASE64_PADDING(
            Command.ATTESTTOKEN,
            "Base64 padding '=' added to the COSE_Sign1 part",
            Reason.MALFORMED),

    /**
     * Good response with the protected header changed from {@code {1: -7}} (ES256) to {@code {1:
     * -35}} (ES384) and the signature kept. A verifier that takes the algorithm from the header
     * must reject the header before it verifies the signature.
     */
    ATTESTTOKEN_ALG_ES384(
            Command.ATTESTTOKEN,
            "protected header alg changed to -35 (ES384); signature kept",
            Reason.UNSUPPORTED_HEADER),

    /**
     * Good {@code %KEYGEN} text given as an {@code %ATTESTTOKEN} response. Its COSE_Sign1 contains
     * a payload, which an attestation token never does.
     */
    ATTESTTOKEN_GIVEN_KEYGEN(
            Command.ATTESTTOKEN,
            "a valid %KEYGEN response given as %ATTESTTOKEN",
            Reason.UNEXPECTED_MESSAGE_TYPE);

    /** AT command that a bad response claims to come from. */
    public enum Command {
        /** {@code AT%KEYGEN}, verified with {@link ProvisioningVerifier#verifyKeygen(String)}. */
        KEYGEN,
        /**
         * {@code AT%ATTESTTOKEN}, verified with {@link
         * ProvisioningVerifier#verifyAttestation(String, byte[])} and the expected challenge.
         */
        ATTESTTOKEN
    }

    private final Command command;
    private final String description;
    private final Reason expectedReason;

    BadProvisioningKind(Command command, String description, Reason expectedReason) {
        this.command = Objects.requireNonNull(command);
        this.description = Objects.requireNonNull(description);
        this.expectedReason = Objects.requireNonNull(expectedReason);
    }

    /** Returns the command that responses of this kind claim to come from. */
    public Command command() {
        return command;
    }

    /** Returns what is wrong with responses of this kind, in a few words. */
    public String description() {
        return description;
    }

    /**
     * Returns the reason with which {@link ProvisioningVerifier} rejects responses of this kind.
     */
    public Reason expectedReason() {
        return expectedReason;
    }
}
