package io.github.nrf91emu.testkit;

import io.github.nrf91emu.testkit.ProvisioningRejectedException.Reason;
import java.util.Objects;

/**
 * The fault of a provisioning response that {@link BadProvisioningResponses} makes, for which a
 * server must reject it. Each bad response is a real modem response or is derived from one, so
 * exactly one thing is wrong with it. None needs the device's identity private key, which stays in
 * the modem: a forger who re-signs must use another key.
 *
 * <p>{@link #command()} names the verifier method that the response is for, and {@link
 * #expectedReason()} is the reason that {@link ProvisioningVerifier} with the device identity key
 * gives. For {@link Command#ATTESTTOKEN} that is {@link
 * ProvisioningVerifier#verifyAttestation(String, byte[])} with the challenge of {@link
 * BadProvisioningResponses#challenge()}.
 */
public enum BadProvisioningKind {
    /**
     * The real {@code %KEYGEN} response of another device to the same command, as a replay or a mix
     * of two devices' responses would deliver it. Its COSE_Sign1 is valid for that device's key.
     */
    KEYGEN_FROM_OTHER_DEVICE(
            Command.KEYGEN, "real %KEYGEN response of another device", Reason.INVALID_SIGNATURE),

    /** The good DER and COSE payload, with the COSE_Sign1 signed by the other device's key. */
    KEYGEN_SIGNED_BY_OTHER_DEVICE(
            Command.KEYGEN,
            "COSE_Sign1 signed by another device's key; DER and payload kept",
            Reason.INVALID_SIGNATURE),

    /**
     * The good response with the request replaced by a valid request for the other device's key and
     * the device's subject, and the COSE_Sign1 is kept. The signature verifies, but the payload's
     * SHA-256 is the digest of the original request.
     */
    KEYGEN_CSR_REPLACED(
            Command.KEYGEN,
            "CSR replaced by a valid CSR for another key; COSE_Sign1 kept",
            Reason.DIGEST_MISMATCH),

    /**
     * As {@link #KEYGEN_CSR_REPLACED}, with the payload's SHA-256 computed again for the new
     * request and the COSE_Sign1 signed by the other device's key: the forgery that needs no access
     * to the device. The digest is consistent, so only the signature can reveal it.
     */
    KEYGEN_CSR_REPLACED_AND_RESIGNED(
            Command.KEYGEN,
            "CSR replaced, payload digest recomputed and COSE_Sign1 signed by another key",
            Reason.INVALID_SIGNATURE),

    /**
     * The good {@code %KEYGEN} text in the standard Base64 alphabet: every {@code -} replaced by
     * {@code +} and every {@code _} by {@code /}. The bytes are unchanged, so a verifier whose
     * decoder accepts both alphabets accepts the response.
     */
    KEYGEN_STANDARD_BASE64_ALPHABET(
            Command.KEYGEN,
            "in the standard Base64 alphabet, with '+' and '/' instead of '-' and '_'",
            Reason.MALFORMED),

    /**
     * The good {@code %ATTESTTOKEN} text given as a {@code %KEYGEN} response. Its signature is
     * valid, but its COSE_Sign1 is detached, so it carries no payload.
     */
    KEYGEN_GIVEN_ATTESTATION(
            Command.KEYGEN,
            "a valid %ATTESTTOKEN response given as %KEYGEN",
            Reason.UNEXPECTED_MESSAGE_TYPE),

    /**
     * The device's real response to another challenge: the bitwise complement of the expected one.
     * The signature is valid, so only the nonce check rejects it.
     */
    ATTESTTOKEN_OTHER_CHALLENGE(
            Command.ATTESTTOKEN,
            "real response of the device to another challenge",
            Reason.CHALLENGE_MISMATCH),

    /** The real {@code %ATTESTTOKEN} response of another device to the same challenge. */
    ATTESTTOKEN_FROM_OTHER_DEVICE(
            Command.ATTESTTOKEN,
            "real response of another device to the same challenge",
            Reason.INVALID_SIGNATURE),

    /**
     * The good response with the device type in the message raised by one, for example nRF9160 (3)
     * to nRF9161 (4). The COSE_Sign1 is kept.
     */
    ATTESTTOKEN_DEVICE_TYPE_CHANGED(
            Command.ATTESTTOKEN,
            "device type in the message changed; COSE_Sign1 kept",
            Reason.INVALID_SIGNATURE),

    /** The good message, with the detached COSE_Sign1 signed by the other device's key. */
    ATTESTTOKEN_SIGNED_BY_OTHER_DEVICE(
            Command.ATTESTTOKEN,
            "COSE_Sign1 signed by another device's key; message kept",
            Reason.INVALID_SIGNATURE),

    /**
     * The good response with the {@code =} padding that standard Base64 gives the 77-byte
     * COSE_Sign1. The message needs no padding, because it is 57 bytes.
     */
    ATTESTTOKEN_BASE64_PADDING(
            Command.ATTESTTOKEN,
            "Base64 padding '=' added to the COSE_Sign1 part",
            Reason.MALFORMED),

    /**
     * The good response with the protected header changed from {@code {1: -7}} (ES256) to {@code
     * {1: -35}} (ES384), and the signature is kept. A verifier that takes the algorithm from the
     * header must reject it before it verifies the signature.
     */
    ATTESTTOKEN_ALG_ES384(
            Command.ATTESTTOKEN,
            "protected header alg changed to -35 (ES384); signature kept",
            Reason.UNSUPPORTED_HEADER),

    /**
     * The good {@code %KEYGEN} text given as an {@code %ATTESTTOKEN} response. Its COSE_Sign1
     * carries a payload, which an attestation token never does.
     */
    ATTESTTOKEN_GIVEN_KEYGEN(
            Command.ATTESTTOKEN,
            "a valid %KEYGEN response given as %ATTESTTOKEN",
            Reason.UNEXPECTED_MESSAGE_TYPE);

    /** The AT command whose response a bad response poses as. */
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

    /** Returns the command whose response this kind poses as. */
    public Command command() {
        return command;
    }

    /** Returns what is wrong with responses of this kind, in a few words. */
    public String description() {
        return description;
    }

    /** Returns the reason {@link ProvisioningVerifier} rejects responses of this kind with. */
    public Reason expectedReason() {
        return expectedReason;
    }
}
