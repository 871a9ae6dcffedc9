package io.github.nrf91emu.testkit;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.Base64Url;
import io.github.nrf91emu.crypto.Es256;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.provisioning.CertificateRequests;
import io.github.nrf91emu.provisioning.CoseSign1;
import io.github.nrf91emu.provisioning.ProvisioningMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Factory of the good and bad responses of one {@link BadProvisioningResponses}, whose builder has
 * already validated the settings. Every modem response and every rebuilt payload is verified here,
 * so that each bad response is wrong only in the way its kind describes.
 */
final class BadProvisioningFactory {
    private static final byte[] SECOND_MODEM_LABEL =
            "nrf91-at-emulator testkit provisioning second modem"
                    .getBytes(StandardCharsets.US_ASCII);

    /**
     * First bytes of every COSE_Sign1 that the modem writes: tag 18, an array of 4 items and the
     * protected header h'A10126' ({1: -7}).
     */
    private static final byte[] COSE_ES256_START = {
        (byte) 0xD2, (byte) 0x84, 0x43, (byte) 0xA1, 0x01, 0x26
    };

    /**
     * {@link #COSE_ES256_START} with the protected header h'A1013822' instead ({1: -35}, ES384).
     */
    private static final byte[] COSE_ES384_START = {
        (byte) 0xD2, (byte) 0x84, 0x44, (byte) 0xA1, 0x01, 0x38, 0x22
    };

    private final byte[] seed;
    private final P256KeyPair otherDevice;
    private final long secTag;
    private final byte[] challenge;
    private final String keygenCommand;

    BadProvisioningFactory(byte[] seed, P256KeyPair otherDevice, long secTag, byte[] challenge) {
        this.seed = seed;
        this.otherDevice = otherDevice;
        this.secTag = secTag;
        this.challenge = challenge;
        this.keygenCommand = "AT%KEYGEN=" + secTag + ",2,0";
    }

    BadProvisioningResponses make() {
        byte[] otherChallenge = complement(challenge);
        P256PublicKey deviceKey;
        String keygen;
        String attestation;
        String otherChallengeAttestation;
        try (Modem modem = startedModem(seed)) {
            deviceKey = modem.identity().publicKey();
            keygen = keygen(modem);
            attestation = attestation(modem, challenge);
            otherChallengeAttestation = attestation(modem, otherChallenge);
        }
        if (deviceKey.equals(otherDevice.publicKey())) {
            throw new IllegalArgumentException(
                    "other device has the device's own key (SPKI SHA-256 "
                            + deviceKey.spkiSha256Hex()
                            + "); expected a different key");
        }
        P256PublicKey secondKey;
        String secondKeygen;
        String secondAttestation;
        try (Modem second = startedModem(secondModemSeed())) {
            secondKey = second.identity().publicKey();
            secondKeygen = keygen(second);
            secondAttestation = attestation(second, challenge);
        }

        ProvisioningVerifier verifier = ProvisioningVerifier.forIdentityKey(deviceKey);
        VerifiedKeygen verifiedKeygen = acceptedKeygen(verifier, keygen);
        VerifiedAttestation verifiedAttestation =
                acceptedAttestation(verifier, attestation, challenge);
        acceptedAttestation(verifier, otherChallengeAttestation, otherChallenge);
        ProvisioningVerifier secondVerifier = ProvisioningVerifier.forIdentityKey(secondKey);
        acceptedKeygen(secondVerifier, secondKeygen);
        acceptedAttestation(secondVerifier, secondAttestation, challenge);

        List<BadProvisioningResponse> bad = new ArrayList<>();
        bad.addAll(keygenKinds(keygen, verifiedKeygen, deviceKey, secondKeygen, secondKey));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.KEYGEN_GIVEN_ATTESTATION,
                        attestation,
                        "%ATTESTTOKEN response to challenge " + hex(challenge)));
        bad.addAll(
                attestationKinds(
                        attestation,
                        verifiedAttestation,
                        otherChallengeAttestation,
                        otherChallenge,
                        secondAttestation,
                        secondKey));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.ATTESTTOKEN_GIVEN_KEYGEN,
                        keygen,
                        "%KEYGEN response to " + keygenCommand));
        return new BadProvisioningResponses(
                keygen, attestation, deviceKey, otherDevice.publicKey(), secTag, challenge, bad);
    }

    private List<BadProvisioningResponse> keygenKinds(
            String keygen,
            VerifiedKeygen verified,
            P256PublicKey deviceKey,
            String secondKeygen,
            P256PublicKey secondKey) {
        String[] parts = parts(keygen);
        byte[] der = verified.der();
        byte[] cose = Base64Url.decode(parts[1]);
        byte[] payload =
                ProvisioningMessages.keygenPayload(
                        verified.messageType(),
                        verified.deviceUuid(),
                        verified.secTag(),
                        der,
                        verified.nonce());
        // The rebuilt payload must equal the signed one byte for byte. Otherwise a re-signed
        // response would differ from the good one in more than its signature.
        if (!Es256.verify(deviceKey, CoseSign1.toBeSigned(payload), signatureOf(cose))) {
            throw new IllegalStateException(
                    "rebuilt %KEYGEN payload differs from the one the modem signed");
        }
        byte[] replacedDer =
                CertificateRequests.create(
                        otherDevice,
                        CertificateRequests.subject(null, verified.deviceUuid()),
                        CertificateRequests.keyUsage(CertificateRequests.DEFAULT_KEY_USAGE),
                        false);
        byte[] replacedPayload =
                ProvisioningMessages.keygenPayload(
                        verified.messageType(),
                        verified.deviceUuid(),
                        verified.secTag(),
                        replacedDer,
                        verified.nonce());
        String otherKey = otherDevice.publicKey().spkiSha256Hex();

        List<BadProvisioningResponse> bad = new ArrayList<>();
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.KEYGEN_FROM_OTHER_DEVICE,
                        secondKeygen,
                        "response to "
                                + keygenCommand
                                + " of the device whose key has SPKI SHA-256 "
                                + secondKey.spkiSha256Hex()));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.KEYGEN_SIGNED_BY_OTHER_DEVICE,
                        joined(der, CoseSign1.sign(otherDevice.privateKey(), payload, false)),
                        "COSE_Sign1 signed by the key with SPKI SHA-256 " + otherKey));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.KEYGEN_CSR_REPLACED,
                        Base64Url.encode(replacedDer) + "." + parts[1],
                        "CSR for the key with SPKI SHA-256 " + otherKey + "; COSE_Sign1 kept"));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.KEYGEN_CSR_REPLACED_AND_RESIGNED,
                        joined(
                                replacedDer,
                                CoseSign1.sign(otherDevice.privateKey(), replacedPayload, false)),
                        "CSR for, and COSE_Sign1 signed by, the key with SPKI SHA-256 "
                                + otherKey));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.KEYGEN_STANDARD_BASE64_ALPHABET,
                        standardAlphabet(keygen),
                        "the good %KEYGEN response with '-' and '_' replaced by '+' and '/'"));
        return bad;
    }

    private List<BadProvisioningResponse> attestationKinds(
            String attestation,
            VerifiedAttestation verified,
            String otherChallengeAttestation,
            byte[] otherChallenge,
            String secondAttestation,
            P256PublicKey secondKey) {
        String[] parts = parts(attestation);
        byte[] message = Base64Url.decode(parts[0]);
        byte[] cose = Base64Url.decode(parts[1]);
        int changedType = verified.deviceType() + 1;
        byte[] changedMessage =
                ProvisioningMessages.attestationMessage(
                        verified.deviceUuid(),
                        changedType,
                        verified.firmwareUuid(),
                        verified.nonce());

        List<BadProvisioningResponse> bad = new ArrayList<>();
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.ATTESTTOKEN_OTHER_CHALLENGE,
                        otherChallengeAttestation,
                        "response to challenge "
                                + hex(otherChallenge)
                                + " (expected "
                                + hex(challenge)
                                + ")"));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.ATTESTTOKEN_FROM_OTHER_DEVICE,
                        secondAttestation,
                        "response to challenge "
                                + hex(challenge)
                                + " of the device whose key has SPKI SHA-256 "
                                + secondKey.spkiSha256Hex()));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.ATTESTTOKEN_DEVICE_TYPE_CHANGED,
                        Base64Url.encode(changedMessage) + "." + parts[1],
                        "device type changed from "
                                + verified.deviceType()
                                + " to "
                                + changedType
                                + "; COSE_Sign1 kept"));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.ATTESTTOKEN_SIGNED_BY_OTHER_DEVICE,
                        joined(message, CoseSign1.sign(otherDevice.privateKey(), message, true)),
                        "COSE_Sign1 signed by the key with SPKI SHA-256 "
                                + otherDevice.publicKey().spkiSha256Hex()));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.ATTESTTOKEN_BASE64_PADDING,
                        parts[0] + "." + parts[1] + padding(cose.length),
                        "'"
                                + padding(cose.length)
                                + "' after the "
                                + cose.length
                                + "-byte COSE_Sign1 part"));
        bad.add(
                new BadProvisioningResponse(
                        BadProvisioningKind.ATTESTTOKEN_ALG_ES384,
                        parts[0] + "." + Base64Url.encode(withEs384Header(cose)),
                        "protected header h'A1013822' ({1: -35}); signature kept"));
        return bad;
    }

    private static Modem startedModem(byte[] modemSeed) {
        Modem modem = Modem.builder().seed(modemSeed).build();
        String response = modem.execute("AT+CFUN=4");
        if (!response.equals("OK\r\n")) {
            modem.close();
            throw new IllegalStateException(
                    "modem response to AT+CFUN=4 is "
                            + JoseJson.quote(response)
                            + " (expected OK)");
        }
        return modem;
    }

    private String keygen(Modem modem) {
        return quotedResponse(modem, keygenCommand, "%KEYGEN");
    }

    private static String attestation(Modem modem, byte[] attestationChallenge) {
        return quotedResponse(
                modem, "AT%ATTESTTOKEN=\"" + hex(attestationChallenge) + "\"", "%ATTESTTOKEN");
    }

    /** Runs a command and returns the text between the quotes of its response. */
    private static String quotedResponse(Modem modem, String command, String name) {
        String response = modem.execute(command);
        String prefix = name + ": \"";
        String suffix = "\"\r\nOK\r\n";
        if (!response.startsWith(prefix) || !response.endsWith(suffix)) {
            throw new IllegalStateException(
                    "modem response to "
                            + command
                            + " is "
                            + JoseJson.quote(response)
                            + " (expected "
                            + name
                            + ": \"<text>\" and OK)");
        }
        return response.substring(prefix.length(), response.length() - suffix.length());
    }

    private static VerifiedKeygen acceptedKeygen(ProvisioningVerifier verifier, String response) {
        try {
            return verifier.verifyKeygen(response);
        } catch (ProvisioningRejectedException e) {
            throw new IllegalStateException("modem's %KEYGEN response was rejected", e);
        }
    }

    private static VerifiedAttestation acceptedAttestation(
            ProvisioningVerifier verifier, String response, byte[] expectedChallenge) {
        try {
            return verifier.verifyAttestation(response, expectedChallenge);
        } catch (ProvisioningRejectedException e) {
            throw new IllegalStateException("modem's %ATTESTTOKEN response was rejected", e);
        }
    }

    private byte[] secondModemSeed() {
        byte[] input = new byte[SECOND_MODEM_LABEL.length + seed.length];
        System.arraycopy(SECOND_MODEM_LABEL, 0, input, 0, SECOND_MODEM_LABEL.length);
        System.arraycopy(seed, 0, input, SECOND_MODEM_LABEL.length, seed.length);
        return input;
    }

    /** Splits a response text that a verifier accepted at its only dot. */
    private static String[] parts(String text) {
        int dot = text.indexOf('.');
        return new String[] {text.substring(0, dot), text.substring(dot + 1)};
    }

    private static String joined(byte[] first, byte[] cose) {
        return Base64Url.encode(first) + "." + Base64Url.encode(cose);
    }

    /** Returns the signature of a COSE_Sign1, whose 64 bytes are the last item of the structure. */
    private static byte[] signatureOf(byte[] cose) {
        return Arrays.copyOfRange(cose, cose.length - Es256.SIGNATURE_LENGTH, cose.length);
    }

    /** Returns the padding that standard Base64 adds to the encoding of {@code length} bytes. */
    private static String padding(int length) {
        String padding = "==".substring(0, (3 - length % 3) % 3);
        if (padding.isEmpty()) {
            // Not reached for the modem's detached COSE_Sign1, which is always 77 bytes.
            throw new IllegalStateException(
                    "COSE_Sign1 is " + length + " bytes, which needs no Base64 padding");
        }
        return padding;
    }

    /**
     * Returns the good response text in the standard Base64 alphabet.
     *
     * <p>NOTE: about 330 characters of the text encode random bytes (keys, signatures, digest and
     * nonce). By estimate, one seed in 20,000 gives a text with neither {@code -} nor {@code _}
     * (e^-10), and for such a seed this method throws. Seeds 0 to 299 all work.
     */
    private static String standardAlphabet(String text) {
        String standard = text.replace('-', '+').replace('_', '/');
        if (standard.equals(text)) {
            throw new IllegalStateException(
                    "%KEYGEN response has no '-' or '_' to replace (use another seed)");
        }
        return standard;
    }

    private static byte[] withEs384Header(byte[] cose) {
        if (!Arrays.equals(
                cose, 0, COSE_ES256_START.length, COSE_ES256_START, 0, COSE_ES256_START.length)) {
            throw new IllegalStateException(
                    "COSE_Sign1 does not start with D2 84 43 A1 01 26 (expected tag 18 and the"
                            + " ES256 protected header)");
        }
        byte[] changed = new byte[cose.length + 1];
        System.arraycopy(COSE_ES384_START, 0, changed, 0, COSE_ES384_START.length);
        System.arraycopy(
                cose,
                COSE_ES256_START.length,
                changed,
                COSE_ES384_START.length,
                cose.length - COSE_ES256_START.length);
        return changed;
    }

    private static byte[] complement(byte[] bytes) {
        byte[] complement = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            complement[i] = (byte) ~bytes[i];
        }
        return complement;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
