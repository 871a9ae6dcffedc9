package io.github.nrf91emu.commands;

import io.github.nrf91emu.at.AtCommand;
import io.github.nrf91emu.at.AtForm;
import io.github.nrf91emu.at.AtParameter;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.device.Device;
import io.github.nrf91emu.dispatch.CommandException;
import io.github.nrf91emu.dispatch.CommandHandler;
import io.github.nrf91emu.dispatch.ResponseLines;
import io.github.nrf91emu.jwt.InvalidClaimException;
import io.github.nrf91emu.jwt.ModemJwtClaims;
import io.github.nrf91emu.jwt.ModemTokenSigner;
import io.github.nrf91emu.keystore.CredentialStoreException;
import io.github.nrf91emu.keystore.CredentialType;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AT%JWT=[<alg>],[<exp_delta>],[<subject>],[<audience>][,<sec_tag>,<key_type>]}: makes an
 * ES256 JSON Web Token and returns {@code %JWT: "<token>"}. Every parameter may be empty or left
 * out, {@code AT%JWT} included. Without a sec_tag the device identity key signs. With a sec_tag and
 * key_type, the private key stored there by {@code AT%CMNG} signs, opened with the password stored
 * with it, and the header's {@code kid} belongs to that key.
 *
 * <p>Claims: {@code iss} is {@code <model>.<device UUID>}, {@code jti} is {@code <model>.<firmware
 * UUID>.<32 hex digits>}, {@code iat} and {@code exp} are present when exp_delta is above 0 and the
 * time is known, and {@code sub} and {@code aud} when not empty.
 *
 * <p>Errors: 50 for alg not 0, exp_delta not an integer in 0..4294967295, a subject or audience
 * that is not a quoted string or not UTF-8, a sec_tag without key_type or the reverse, a sec_tag
 * outside 0..2147483647, a key_type other than 2 or 8, or more than six parameters. 513 if nothing
 * is stored at the sec_tag and key_type. 514 if the item there is not a P-256 private key that the
 * stored password (or no password) opens. 525 if signing fails, or if the device has forced token
 * failures left ({@link Device#setForcedTokenFailures}). The read and test forms return {@code
 * ERROR}.
 *
 * <p>The store parses a stored key on first use and keeps it with the item, and this command keeps
 * one signer per key, so a replaced or deleted item is never used again.
 */
final class JwtCommand implements CommandHandler {
    static final int CME_INCORRECT_PARAMETERS = 50;
    static final int CME_KEY_NOT_FOUND = 513;
    static final int CME_KEY_UNREADABLE = 514;
    static final int CME_JWT_CREATION_FAILED = 525;

    private static final long MAX_EXP_DELTA = 4_294_967_295L;
    private static final long MAX_SEC_TAG = 2_147_483_647L;

    private final Device device;
    private final ModemTokenSigner identitySigner;
    private final String jtiPrefix;

    /** Signers of stored keys by sec_tag and key_type, each with the key pair it was made for. */
    private final Map<StoredKey, CachedSigner> storedKeySigners = new HashMap<>();

    private record StoredKey(long secTag, CredentialType type) {}

    private record CachedSigner(P256KeyPair keyPair, ModemTokenSigner signer) {}

    JwtCommand(Device device) {
        this.device = device;
        this.identitySigner = new ModemTokenSigner(device.identityKey());
        this.jtiPrefix =
                device.identity().model().modelName()
                        + "."
                        + device.identity().firmwareUuid()
                        + ".";
    }

    @Override
    public String name() {
        return "%JWT";
    }

    @Override
    public Set<AtForm> forms() {
        return Set.of(AtForm.SET, AtForm.EXECUTE);
    }

    @Override
    public void handle(AtCommand command, ResponseLines response) throws CommandException {
        Parameters.requireAtMost(command, 6, incorrect("more than six parameters"));
        checkAlgorithm(command.parameter(0));
        long expDelta = expDelta(command.parameter(1));
        byte[] subject = optionalString(command.parameter(2), "subject");
        byte[] audience = optionalString(command.parameter(3), "audience");
        StoredKey storedKey = storedKey(command.parameter(4), command.parameter(5));
        ModemTokenSigner signer = storedKey == null ? identitySigner : storedKeySigner(storedKey);

        checkUtf8("sub", subject);
        checkUtf8("aud", audience);
        // Before the jti is drawn, so a seeded device's token ids go on as if it had not failed.
        if (device.takeForcedTokenFailure()) {
            throw CommandException.cme(CME_JWT_CREATION_FAILED, "forced token failure");
        }
        ModemJwtClaims claims = claims(expDelta, subject, audience);
        String token;
        try {
            token = signer.sign(claims);
        } catch (RuntimeException e) {
            throw CommandException.cme(
                    CME_JWT_CREATION_FAILED, "signing failed: " + e.getClass().getSimpleName());
        }
        response.add("%JWT: \"" + token + "\"");
    }

    private ModemJwtClaims claims(long expDelta, byte[] subject, byte[] audience)
            throws CommandException {
        ModemJwtClaims.Builder claims =
                ModemJwtClaims.builder()
                        .issuer(device.identity().issuer())
                        .jwtId(jtiPrefix + HexFormat.of().formatHex(device.nextJtiBytes()))
                        .subject(subject)
                        .audience(audience);
        Optional<Instant> now = device.clock().now();
        if (expDelta > 0 && now.isPresent()) {
            long issuedAt = now.get().getEpochSecond();
            claims.issuedAt(issuedAt).expiresAt(issuedAt + expDelta);
        }
        try {
            return claims.build();
        } catch (IllegalArgumentException e) {
            throw CommandException.cme(
                    CME_JWT_CREATION_FAILED, "invalid claims: " + e.getMessage());
        }
    }

    /**
     * Rejects a subject or audience that is not UTF-8 before a {@code jti} is drawn, so that a
     * rejected command does not move a seeded device's sequence of token ids.
     */
    private static void checkUtf8(String claim, byte[] value) throws CommandException {
        try {
            ModemJwtClaims.requireUtf8(claim, value);
        } catch (InvalidClaimException e) {
            throw incorrect(claim + " is not valid UTF-8 at byte " + e.byteOffset());
        }
    }

    private static void checkAlgorithm(AtParameter alg) throws CommandException {
        if (!(alg instanceof AtParameter.Empty)) {
            Parameters.integer(alg, 0, 0, incorrect("alg must be 0 (ES256)"));
        }
    }

    private static long expDelta(AtParameter expDelta) throws CommandException {
        if (expDelta instanceof AtParameter.Empty) {
            return 0;
        }
        return Parameters.integer(
                expDelta, 0, MAX_EXP_DELTA, incorrect("exp_delta must be in 0..4294967295"));
    }

    private static byte[] optionalString(AtParameter parameter, String name)
            throws CommandException {
        if (parameter instanceof AtParameter.Empty) {
            return new byte[0];
        }
        return Parameters.quoted(parameter, incorrect(name + " must be a quoted string"));
    }

    /**
     * Returns the signer of the key stored at the sec_tag and type. A signer is made once per
     * parsed key pair, and the store parses a new pair after the item is replaced.
     */
    private ModemTokenSigner storedKeySigner(StoredKey storedKey) throws CommandException {
        P256KeyPair keyPair;
        try {
            keyPair = device.credentials().privateKey(storedKey.secTag(), storedKey.type());
        } catch (CredentialStoreException e) {
            storedKeySigners.remove(storedKey);
            int code =
                    e.reason() == CredentialStoreException.Reason.NOT_FOUND
                            ? CME_KEY_NOT_FOUND
                            : CME_KEY_UNREADABLE;
            throw CommandException.cme(code, e.getMessage());
        }
        CachedSigner cached = storedKeySigners.get(storedKey);
        // Compares instances on purpose: the pair of a replaced item is a new instance.
        if (cached == null || cached.keyPair() != keyPair) {
            cached = new CachedSigner(keyPair, new ModemTokenSigner(keyPair));
            storedKeySigners.put(storedKey, cached);
        }
        return cached.signer();
    }

    /** Returns the sec_tag and key_type to sign with, or null for the device identity key. */
    private static StoredKey storedKey(AtParameter secTag, AtParameter keyType)
            throws CommandException {
        boolean hasSecTag = !(secTag instanceof AtParameter.Empty);
        boolean hasKeyType = !(keyType instanceof AtParameter.Empty);
        if (!hasSecTag && !hasKeyType) {
            return null;
        }
        if (hasSecTag != hasKeyType) {
            throw incorrect("sec_tag and key_type must be given together");
        }
        long tag =
                Parameters.integer(
                        secTag, 0, MAX_SEC_TAG, incorrect("sec_tag must be in 0..2147483647"));
        long type = Parameters.integer(keyType, 2, 8, incorrect("key_type must be 2 or 8"));
        if (type != 2 && type != 8) {
            throw incorrect("key_type must be 2 or 8");
        }
        return new StoredKey(tag, CredentialType.fromNumber((int) type));
    }

    private static CommandException incorrect(String message) {
        return CommandException.cme(CME_INCORRECT_PARAMETERS, message);
    }
}
