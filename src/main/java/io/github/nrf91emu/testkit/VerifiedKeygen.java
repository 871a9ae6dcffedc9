package io.github.nrf91emu.testkit;

import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.provisioning.ProvisioningMessages;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Contents of a {@code %KEYGEN} response that {@link ProvisioningVerifier} accepted: the values of
 * its signed payload, the DER whose SHA-256 the payload contains, and the public key of the new key
 * pair. Instances are immutable, so the byte array accessors return copies.
 */
public final class VerifiedKeygen {
    private final int messageType;
    private final UUID deviceUuid;
    private final long secTag;
    private final byte[] nonce;
    private final byte[] der;
    private final P256PublicKey publicKey;
    private final Optional<String> subject;

    VerifiedKeygen(
            int messageType,
            UUID deviceUuid,
            long secTag,
            byte[] nonce,
            byte[] der,
            P256PublicKey publicKey,
            Optional<String> subject) {
        this.messageType = messageType;
        this.deviceUuid = Objects.requireNonNull(deviceUuid, "deviceUuid");
        this.secTag = secTag;
        this.nonce = nonce.clone();
        this.der = der.clone();
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    /**
     * Returns the message type, which is {@link ProvisioningMessages#TYPE_CSR} (9) when the DER is
     * a certificate signing request and {@link ProvisioningMessages#TYPE_PUBLIC_KEY} (8) when it is
     * a SubjectPublicKeyInfo.
     */
    public int messageType() {
        return messageType;
    }

    /** Returns whether the DER is a certificate signing request (message type 9). */
    public boolean isCertificateRequest() {
        return messageType == ProvisioningMessages.TYPE_CSR;
    }

    /** Returns the device UUID of the payload. */
    public UUID deviceUuid() {
        return deviceUuid;
    }

    /** Returns the sec_tag at which the modem stored the new private key, in 0..4294967295. */
    public long secTag() {
        return secTag;
    }

    /** Returns a copy of the 16-byte nonce of the payload. */
    public byte[] nonce() {
        return nonce.clone();
    }

    /** Returns a copy of the DER: the PKCS #10 request or the SubjectPublicKeyInfo. */
    public byte[] der() {
        return der.clone();
    }

    /** Returns the public key of the new key pair, from the request or the SubjectPublicKeyInfo. */
    public P256PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Returns the request's subject in the text form of Bouncy Castle's {@code X500Name}, such as
     * {@code CN=6099f79c-cf08-496a-bc85-fdde31f823e1}, or empty for a public key message.
     */
    public Optional<String> subject() {
        return subject;
    }

    @Override
    public String toString() {
        return "VerifiedKeygen{messageType="
                + messageType
                + ", deviceUuid="
                + deviceUuid
                + ", secTag="
                + secTag
                + ", nonce="
                + HexFormat.of().formatHex(nonce)
                + ", derLength="
                + der.length
                + ", publicKey="
                + publicKey
                + subject.map(value -> ", subject=" + value).orElse("")
                + "}";
    }
}
