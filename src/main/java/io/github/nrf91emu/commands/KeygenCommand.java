package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.at.AtParameter;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.device.FirmwareVersion;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import io.github.nrf91emu.keystore.CredentialStore;
import io.github.nrf91emu.keystore.CredentialStoreException;
import io.github.nrf91emu.keystore.CredentialType;
import io.github.nrf91emu.provisioning.CertificateRequests;
import io.github.nrf91emu.provisioning.ProvisioningMessages;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * {@code AT%KEYGEN=<sec_tag>,<key_type>[,<output_format>][,<attributes>][,<key_usage>]}: makes a
 * P-256 key pair inside the modem, stores the private key in the credential store, and returns
 * {@code %KEYGEN: "<Base64Url(DER)>.<Base64Url(COSE_Sign1)>"} (nRF9160 AT Commands Reference Guide,
 * {@code %KEYGEN}). Only the set form exists.
 *
 * <ul>
 *   <li>key_type 2: a new client private key at (sec_tag, 2). output_format 0, the default, returns
 *       a certificate signing request signed by the new key ({@link CertificateRequests}); 1
 *       returns the public key as a SubjectPublicKeyInfo.
 *   <li>key_type 8: the endorsement private key at (sec_tag, 8), made only if that pair is empty;
 *       an existing key is used again. The response carries the public key, whatever the
 *       output_format.
 * </ul>
 *
 * The attributes (a quoted subject such as {@code "O=Example,CN=nrf-352656100123456"}) and the key
 * usage (a quoted text of 9 binary digits) shape the request. They are checked even when the
 * response carries a public key, and a malformed one fails the command. A request of firmware
 * before 2.0.0 carries NULL parameters in its signature algorithm, as real 1.x modems' requests do,
 * and later firmware leaves them out as RFC 5758 requires. The COSE_Sign1 is signed by the device
 * identity key ({@link ProvisioningMessages}). The private key is stored as an unencrypted PKCS #8
 * PEM text and is never returned: {@code AT%CMNG=2} refuses types 2 and 8, and {@code AT%CMNG=1}
 * lists its SHA-256.
 *
 * <p>Errors, as {@code +CME ERROR: <n>} under {@code +CMEE=1}, checked in this order:
 *
 * <ul>
 *   <li>518: LTE is active (after {@code +CFUN=1} or {@code +CFUN=21});
 *   <li>514: the sec_tag belongs to the modem (above 2147483647), or the endorsement key stored at
 *       the pair is not a usable P-256 key;
 *   <li>519: a client private key is already stored at (sec_tag, 2); delete it first;
 *   <li>528: a key would be stored while a power-off warning is active;
 *   <li>515: the pair is new and the store is at its capacity, or the key's PEM text is longer than
 *       the store's maximum content length;
 *   <li>523: key generation failed, which happens only when a test forces it ({@link
 *       Device#setForcedKeyGenerationFailures}).
 * </ul>
 *
 * A malformed command (a missing, extra or non-numeric parameter, a sec_tag above 4294967295, a
 * key_type other than 2 or 8, an output_format other than 0 or 1, unquoted or invalid attributes or
 * key usage) fails with a plain {@code ERROR} whatever {@code +CMEE} is, as {@code %CMNG} does. A
 * store that fails to save the new key to its state file fails with a plain {@code ERROR} and keeps
 * its items as they were.
 */
final class KeygenCommand implements CommandHandler {
    static final int CME_NO_ACCESS = 514;
    static final int CME_MEMORY_FULL = 515;
    static final int CME_NOT_ALLOWED_ACTIVE = 518;
    static final int CME_ALREADY_EXISTS = 519;
    static final int CME_KEY_GENERATION_FAILED = 523;
    static final int CME_POWER_OFF_WARNING = 528;

    private static final int OUTPUT_CSR = 0;

    private final Device device;
    private final CredentialStore store;
    private final boolean nullSignatureParameters;

    KeygenCommand(Device device) {
        this.device = device;
        this.store = device.credentials();
        // NOTE: requests of firmware 1.x carry NULL parameters, and nRF Cloud's parser calls that
        // form older modem output. The release that dropped them is not known, so 2.0.0 is assumed.
        Optional<FirmwareVersion> version =
                FirmwareVersion.parse(device.identity().firmwareVersion());
        this.nullSignatureParameters = version.isPresent() && version.get().major() < 2;
    }

    @Override
    public String name() {
        return "%KEYGEN";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        Parameters.requireAtMost(command, 5, malformed("takes at most 5 parameters"));
        long secTag =
                Parameters.integer(
                        command.parameter(0),
                        0,
                        CredentialStore.MAX_SEC_TAG,
                        malformed("sec_tag must be an integer in 0..4294967295"));
        int keyTypeNumber =
                (int)
                        Parameters.integer(
                                command.parameter(1), 2, 8, malformed("key_type must be 2 or 8"));
        if (keyTypeNumber != 2 && keyTypeNumber != 8) {
            throw malformed("key_type must be 2 or 8");
        }
        CredentialType type = CredentialType.fromNumber(keyTypeNumber);
        int outputFormat = outputFormat(command.parameter(2));
        String attributes = optionalText(command.parameter(3), "attributes");
        String keyUsageText = optionalText(command.parameter(4), "key_usage");

        boolean csr = type == CredentialType.CLIENT_PRIVATE_KEY && outputFormat == OUTPUT_CSR;
        X500Name subject;
        int keyUsage;
        try {
            subject = CertificateRequests.subject(attributes, device.identity().deviceUuid());
            keyUsage = CertificateRequests.keyUsage(keyUsageText);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }

        if (device.functionalMode().lteActive()) {
            throw CommandException.cme(
                    CME_NOT_ALLOWED_ACTIVE, "keys can't be made while LTE is active");
        }
        if (secTag > CredentialStore.MAX_HOST_SEC_TAG) {
            throw CommandException.cme(
                    CME_NO_ACCESS, "sec_tag " + secTag + " belongs to the modem");
        }
        P256KeyPair key =
                type == CredentialType.ENDORSEMENT_PRIVATE_KEY
                        ? endorsementKey(secTag)
                        : newClientKey(secTag);

        byte[] der =
                csr
                        ? CertificateRequests.create(
                                key, subject, keyUsage, nullSignatureParameters)
                        : key.publicKey().toSpkiDer();
        String body =
                ProvisioningMessages.keygenResponse(
                        device.identityKey().privateKey(),
                        csr ? ProvisioningMessages.TYPE_CSR : ProvisioningMessages.TYPE_PUBLIC_KEY,
                        device.identity().deviceUuid(),
                        secTag,
                        der,
                        device.nextNonce());
        response.add("%KEYGEN: \"" + body + "\"");
    }

    /** Returns the endorsement key stored at the pair, or makes and stores one if it is empty. */
    private P256KeyPair endorsementKey(long secTag) throws CommandException {
        if (store.find(secTag, CredentialType.ENDORSEMENT_PRIVATE_KEY).isPresent()) {
            try {
                return store.privateKey(secTag, CredentialType.ENDORSEMENT_PRIVATE_KEY);
            } catch (CredentialStoreException e) {
                throw CommandException.cme(CME_NO_ACCESS, e.getMessage());
            }
        }
        return generateAndStore(secTag, CredentialType.ENDORSEMENT_PRIVATE_KEY);
    }

    private P256KeyPair newClientKey(long secTag) throws CommandException {
        if (store.find(secTag, CredentialType.CLIENT_PRIVATE_KEY).isPresent()) {
            throw CommandException.cme(
                    CME_ALREADY_EXISTS,
                    "a client private key is already stored at sec_tag " + secTag + ", type 2");
        }
        return generateAndStore(secTag, CredentialType.CLIENT_PRIVATE_KEY);
    }

    private P256KeyPair generateAndStore(long secTag, CredentialType type) throws CommandException {
        if (device.powerOffWarning()) {
            throw CommandException.cme(
                    CME_POWER_OFF_WARNING,
                    "keys can't be stored while a power-off warning is active");
        }
        if (!store.hasRoomFor(secTag, type)) {
            throw CommandException.cme(
                    CME_MEMORY_FULL,
                    "store is full: " + store.capacity() + " items (the capacity)");
        }
        if (device.takeForcedKeyGenerationFailure()) {
            throw CommandException.cme(CME_KEY_GENERATION_FAILED, "key generation failed");
        }
        P256KeyPair key = device.generateKeyPair();
        byte[] pem = key.privateKey().toPkcs8Pem().getBytes(StandardCharsets.US_ASCII);
        try {
            store.write(secTag, type, pem, null);
        } catch (CredentialStoreException e) {
            throw switch (e.reason()) {
                // INVALID_CONTENT: the key's PEM text is longer than the store's maximum.
                case MEMORY_FULL, INVALID_CONTENT ->
                        CommandException.cme(CME_MEMORY_FULL, e.getMessage());
                default -> CommandException.error("%KEYGEN " + e.getMessage());
            };
        }
        return key;
    }

    private static int outputFormat(AtParameter parameter) throws CommandException {
        if (parameter instanceof AtParameter.Empty) {
            return OUTPUT_CSR;
        }
        return (int) Parameters.integer(parameter, 0, 1, malformed("output_format must be 0 or 1"));
    }

    /** Returns the text of a quoted UTF-8 parameter, or null when it is left out or empty. */
    private static String optionalText(AtParameter parameter, String name) throws CommandException {
        if (parameter instanceof AtParameter.Empty) {
            return null;
        }
        byte[] bytes = Parameters.quoted(parameter, malformed(name + " must be a quoted string"));
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(name + " must be UTF-8 text");
        }
    }

    /**
     * Returns a failure that the dispatcher reports as a plain {@code ERROR}, whatever +CMEE is.
     */
    private static CommandException malformed(String message) {
        return CommandException.error("%KEYGEN " + message);
    }
}
