package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.at.AtParameter;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import io.github.nrf91emu.keystore.Credential;
import io.github.nrf91emu.keystore.CredentialStore;
import io.github.nrf91emu.keystore.CredentialStoreException;
import io.github.nrf91emu.keystore.CredentialType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AT%CMNG=<opcode>[,<sec_tag>[,<type>[,<content>[,<passwd>]]]]}: manages the credential
 * store (nRF9160 AT Commands Reference Guide, {@code %CMNG}). Only the set form exists.
 *
 * <ul>
 *   <li>0 write: sec_tag 0..4294967295, type 0..11, quoted content that is not empty and is stored
 *       byte for byte, and a quoted password of at most 32 bytes for type 2 only.
 *   <li>1 list: {@code %CMNG: <sec_tag>,<type>,"<SHA-256>"} per item, ordered by sec_tag and type;
 *       an optional sec_tag and then an optional type narrow the list.
 *   <li>2 read: {@code %CMNG: <sec_tag>,<type>,"<SHA-256>","<content>"}.
 *   <li>3 delete.
 * </ul>
 *
 * <p>Errors, as {@code +CME ERROR: <n>} under {@code +CMEE=1}:
 *
 * <ul>
 *   <li>513: read or delete of a pair where nothing is stored;
 *   <li>514: read of types 1, 2, 3 and 8 (certificates of the client and secrets stay in the
 *       modem), and write or delete at a modem sec_tag above 2147483647;
 *   <li>515: a write of a new pair while the store is at its capacity;
 *   <li>518: write or delete while LTE is active (after {@code +CFUN=1} or {@code +CFUN=21});
 *   <li>519: a write at a modem sec_tag and type where the modem has an item;
 *   <li>527: content longer than the store's maximum, or types 0 and 1 without a well-formed PEM
 *       certificate;
 *   <li>528: write or delete while a power-off warning is active.
 * </ul>
 *
 * A malformed command (an opcode outside 0..3, a missing, extra or non-numeric parameter, a sec_tag
 * or type out of range, unquoted or empty content, a password that is too long, unquoted or given
 * for a type other than 2) fails with a plain {@code ERROR} whatever {@code +CMEE} is, because the
 * reference lists no "incorrect parameters" code for {@code %CMNG}. Write and delete check 518,
 * then 528, then the sec_tag (514, 519), then the content (527) and then the capacity (515). Read
 * checks the type (514) before it looks for the item (513).
 *
 * <p>A write or delete that the store fails to save (to its state file) fails with a plain {@code
 * ERROR} whatever {@code +CMEE} is, and the store keeps its items as they were. The reference lists
 * no code for a failed save, and a listed code such as 515 would send host tools looking for a
 * cause that is not there.
 */
final class CmngCommand implements CommandHandler {
    static final int CME_NOT_FOUND = 513;
    static final int CME_NO_ACCESS = 514;
    static final int CME_MEMORY_FULL = 515;
    static final int CME_NOT_ALLOWED_ACTIVE = 518;
    static final int CME_ALREADY_EXISTS = 519;
    static final int CME_INVALID_CONTENT = 527;
    static final int CME_POWER_OFF_WARNING = 528;

    private static final int WRITE = 0;
    private static final int LIST = 1;
    private static final int READ = 2;
    private static final int DELETE = 3;

    private final Device device;
    private final CredentialStore store;

    CmngCommand(Device device) {
        this.device = device;
        this.store = device.credentials();
    }

    @Override
    public String name() {
        return "%CMNG";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        int opcode =
                (int)
                        Parameters.integer(
                                command.parameter(0), 0, 3, malformed("opcode must be 0..3"));
        switch (opcode) {
            case WRITE -> write(command);
            case LIST -> list(command, response);
            case READ -> read(command, response);
            default -> delete(command);
        }
    }

    private void write(AtCommand command) throws CommandException {
        Parameters.requireAtMost(command, 5, malformed("write takes at most 5 parameters"));
        long secTag = secTag(command.parameter(1));
        CredentialType type = type(command.parameter(2));
        byte[] content = content(command.parameter(3));
        byte[] password = password(command.parameter(4), type);

        checkStoreWritable();
        try {
            store.write(secTag, type, content, password);
        } catch (CredentialStoreException e) {
            throw failure(e);
        }
    }

    private void list(AtCommand command, ResponseLines response) throws CommandException {
        Parameters.requireAtMost(command, 3, malformed("list takes at most 3 parameters"));
        AtParameter secTagParameter = command.parameter(1);
        AtParameter typeParameter = command.parameter(2);
        if (secTagParameter instanceof AtParameter.Empty) {
            if (!(typeParameter instanceof AtParameter.Empty)) {
                throw malformed("list with a type needs a sec_tag");
            }
            addListLines(store.list(), response);
            return;
        }
        long secTag = secTag(secTagParameter);
        if (typeParameter instanceof AtParameter.Empty) {
            addListLines(store.list(secTag), response);
            return;
        }
        Optional<Credential> item = store.find(secTag, type(typeParameter));
        if (item.isPresent()) {
            addListLines(List.of(item.get()), response);
        }
    }

    private void read(AtCommand command, ResponseLines response) throws CommandException {
        Parameters.requireAtMost(command, 3, malformed("read takes 3 parameters"));
        long secTag = secTag(command.parameter(1));
        CredentialType type = type(command.parameter(2));
        if (!isReadable(type)) {
            throw CommandException.cme(
                    CME_NO_ACCESS, "type " + type.number() + " can't be read (no access)");
        }
        Optional<Credential> item = store.find(secTag, type);
        if (item.isEmpty()) {
            throw CommandException.cme(
                    CME_NOT_FOUND,
                    "nothing stored at sec_tag " + secTag + ", type " + type.number());
        }
        response.add(readLine(item.get()));
    }

    private void delete(AtCommand command) throws CommandException {
        Parameters.requireAtMost(command, 3, malformed("delete takes 3 parameters"));
        long secTag = secTag(command.parameter(1));
        CredentialType type = type(command.parameter(2));

        checkStoreWritable();
        try {
            store.delete(secTag, type);
        } catch (CredentialStoreException e) {
            throw failure(e);
        }
    }

    /** Throws 518 while LTE is active and 528 while a power-off warning is active. */
    private void checkStoreWritable() throws CommandException {
        if (device.functionalMode().lteActive()) {
            throw CommandException.cme(
                    CME_NOT_ALLOWED_ACTIVE, "credentials can't change while LTE is active");
        }
        if (device.powerOffWarning()) {
            throw CommandException.cme(
                    CME_POWER_OFF_WARNING,
                    "credentials can't change while a power-off warning is active");
        }
    }

    /**
     * Returns whether {@code AT%CMNG=2} may return the content: not for client certificates (1),
     * client private keys (2), PSKs (3) and endorsement private keys (8).
     */
    private static boolean isReadable(CredentialType type) {
        return type != CredentialType.CLIENT_CERTIFICATE && !type.isSecret();
    }

    private static void addListLines(List<Credential> items, ResponseLines response) {
        for (Credential item : items) {
            response.add(
                    "%CMNG: "
                            + item.secTag()
                            + ","
                            + item.type().number()
                            + ",\""
                            + item.sha256()
                            + "\"");
        }
    }

    /** Returns the read line with the content as raw bytes, CR and LF included. */
    private static byte[] readLine(Credential item) {
        byte[] content = item.content().orElseThrow();
        String prefix =
                "%CMNG: "
                        + item.secTag()
                        + ","
                        + item.type().number()
                        + ",\""
                        + item.sha256()
                        + "\",\"";
        ByteArrayOutputStream line =
                new ByteArrayOutputStream(prefix.length() + content.length + 1);
        line.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(content);
        line.write('"');
        return line.toByteArray();
    }

    private static long secTag(AtParameter parameter) throws CommandException {
        return Parameters.integer(
                parameter,
                0,
                CredentialStore.MAX_SEC_TAG,
                malformed("sec_tag must be an integer in 0..4294967295"));
    }

    private static CredentialType type(AtParameter parameter) throws CommandException {
        return CredentialType.fromNumber(
                (int)
                        Parameters.integer(
                                parameter, 0, 11, malformed("type must be an integer in 0..11")));
    }

    private static byte[] content(AtParameter parameter) throws CommandException {
        byte[] content = Parameters.quoted(parameter, malformed("content must be a quoted string"));
        if (content.length == 0) {
            throw malformed("content must not be empty");
        }
        return content;
    }

    /** Returns the password bytes, or null when the parameter is left out or empty. */
    private static byte[] password(AtParameter parameter, CredentialType type)
            throws CommandException {
        if (parameter instanceof AtParameter.Empty) {
            return null;
        }
        byte[] password = Parameters.quoted(parameter, malformed("passwd must be a quoted string"));
        if (type != CredentialType.CLIENT_PRIVATE_KEY) {
            throw malformed("passwd is only for type 2 (got type " + type.number() + ")");
        }
        if (password.length > CredentialStore.MAX_PASSWORD_LENGTH) {
            throw malformed("passwd is " + password.length + " bytes long (maximum 32)");
        }
        return password;
    }

    private static CommandException failure(CredentialStoreException e) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case NOT_FOUND -> CommandException.cme(CME_NOT_FOUND, message);
            case NO_ACCESS, UNUSABLE_KEY -> CommandException.cme(CME_NO_ACCESS, message);
            case MEMORY_FULL -> CommandException.cme(CME_MEMORY_FULL, message);
            case ALREADY_EXISTS -> CommandException.cme(CME_ALREADY_EXISTS, message);
            case INVALID_CONTENT -> CommandException.cme(CME_INVALID_CONTENT, message);
            case SAVE_FAILED -> CommandException.error("%CMNG " + message);
        };
    }

    /**
     * Returns a failure that the dispatcher reports as a plain {@code ERROR}, whatever +CMEE is.
     */
    private static CommandException malformed(String message) {
        return CommandException.error("%CMNG " + message);
    }
}
