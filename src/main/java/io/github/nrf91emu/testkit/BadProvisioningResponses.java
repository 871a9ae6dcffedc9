package io.github.nrf91emu.testkit;

import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256KeyPair;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.crypto.P256PublicKey;
import io.github.nrf91emu.keystore.CredentialStore;
import io.github.nrf91emu.provisioning.ProvisioningMessages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Good {@code %KEYGEN} and {@code %ATTESTTOKEN} responses of an emulated device, and one bad
 * response of each {@link BadProvisioningKind} derived from them, which a careful server must
 * reject.
 *
 * <pre>{@code
 * BadProvisioningResponses responses = BadProvisioningResponses.builder().seed(7).build();
 * ProvisioningVerifier verifier = ProvisioningVerifier.forIdentityKey(responses.deviceKey());
 * verifier.verifyKeygen(responses.goodKeygen());                                  // accepted
 * verifier.verifyAttestation(responses.goodAttestation(), responses.challenge()); // accepted
 * for (BadProvisioningResponse bad : responses.all()) {
 *     String text = bad.response();
 *     Executable verify = switch (bad.command()) {
 *         case KEYGEN -> () -> verifier.verifyKeygen(text);
 *         case ATTESTTOKEN -> () -> verifier.verifyAttestation(text, responses.challenge());
 *     };
 *     assertThrows(ProvisioningRejectedException.class, verify);
 * }
 * }</pre>
 *
 * <p>The good responses come from a modem built from the seed, which runs {@code AT+CFUN=4}, {@code
 * AT%KEYGEN=<sec_tag>,2,0} and {@code AT%ATTESTTOKEN="<challenge>"}. Every response is the text
 * between the quotes. The responses of another device come from a second modem that runs the same
 * commands, with a seed derived from the device's seed.
 *
 * <p>Forged responses are re-signed with a separate key pair, whose public key is {@link
 * #otherDeviceKey()}, because a modem never exports its identity private key. For the same reason
 * no kind can contain a valid device signature over a changed payload, so there is no kind for a
 * request whose own signature is broken.
 *
 * <p>The same settings give the same responses on every run. Instances are immutable.
 */
public final class BadProvisioningResponses {
    private final String goodKeygen;
    private final String goodAttestation;
    private final P256PublicKey deviceKey;
    private final P256PublicKey otherDeviceKey;
    private final long secTag;
    private final byte[] challenge;
    private final Map<BadProvisioningKind, BadProvisioningResponse> byKind;

    BadProvisioningResponses(
            String goodKeygen,
            String goodAttestation,
            P256PublicKey deviceKey,
            P256PublicKey otherDeviceKey,
            long secTag,
            byte[] challenge,
            List<BadProvisioningResponse> badResponses) {
        this.goodKeygen = goodKeygen;
        this.goodAttestation = goodAttestation;
        this.deviceKey = deviceKey;
        this.otherDeviceKey = otherDeviceKey;
        this.secTag = secTag;
        this.challenge = challenge.clone();
        Map<BadProvisioningKind, BadProvisioningResponse> map =
                new EnumMap<>(BadProvisioningKind.class);
        for (BadProvisioningResponse badResponse : badResponses) {
            map.put(badResponse.kind(), badResponse);
        }
        this.byKind = map;
    }

    /** Returns a new builder, which requires a seed before {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the text between the quotes of the device's response to {@code
     * AT%KEYGEN=<sec_tag>,2,0}, which a server must accept.
     */
    public String goodKeygen() {
        return goodKeygen;
    }

    /**
     * Returns the text between the quotes of the device's response to {@code
     * AT%ATTESTTOKEN="<challenge>"}, which a server must accept.
     */
    public String goodAttestation() {
        return goodAttestation;
    }

    /** Returns one bad response of each kind, in the order of {@link BadProvisioningKind}. */
    public List<BadProvisioningResponse> all() {
        return List.copyOf(byKind.values());
    }

    /** Returns the bad response of a kind. */
    public BadProvisioningResponse get(BadProvisioningKind kind) {
        return byKind.get(Objects.requireNonNull(kind, "kind"));
    }

    /** Returns the public key of the device's identity key, which signed the good responses. */
    public P256PublicKey deviceKey() {
        return deviceKey;
    }

    /**
     * Returns the public key of the key pair that re-signs forged responses. The real responses of
     * another device come from the second modem and are signed by that modem's identity key.
     */
    public P256PublicKey otherDeviceKey() {
        return otherDeviceKey;
    }

    /** Returns the sec_tag of the {@code AT%KEYGEN} command. */
    public long secTag() {
        return secTag;
    }

    /**
     * Returns a copy of the 16-byte challenge, which is the nonce of the good attestation response.
     */
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public String toString() {
        return "BadProvisioningResponses{deviceKey="
                + deviceKey.spkiSha256Hex()
                + ", secTag="
                + secTag
                + ", challenge="
                + HexFormat.of().formatHex(challenge)
                + ", kinds="
                + byKind.keySet()
                + "}";
    }

    /**
     * Builder of {@link BadProvisioningResponses}, which validates the settings in {@link
     * #build()}.
     */
    public static final class Builder {
        private static final byte[] OTHER_DEVICE_LABEL =
                "nrf91-at-emulator testkit provisioning other device"
                        .getBytes(StandardCharsets.US_ASCII);

        /** The nRF Connect SDK's default sec_tag for nRF Cloud credentials. */
        private static final long DEFAULT_SEC_TAG = 16_842_753L;

        private byte[] seed;
        private P256KeyPair otherDevice;
        private long secTag = DEFAULT_SEC_TAG;
        private byte[] challenge = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

        private Builder() {}

        /** Sets the seed of the device, as {@link Modem.Builder#seed(long)} does. */
        public Builder seed(long seed) {
            this.seed = ByteBuffer.allocate(Long.BYTES).putLong(seed).array();
            return this;
        }

        /** Sets the seed of the device, as {@link Modem.Builder#seed(byte[])} does. */
        public Builder seed(byte[] seed) {
            this.seed = Objects.requireNonNull(seed, "seed").clone();
            return this;
        }

        /**
         * Sets the key pair that re-signs forged responses. The default is derived from the seed
         * with {@link P256Keys#fromSeed}.
         */
        public Builder otherDevice(P256KeyPair otherDevice) {
            this.otherDevice = Objects.requireNonNull(otherDevice, "otherDevice");
            return this;
        }

        /**
         * Sets the sec_tag of {@code AT%KEYGEN}, in 0..2147483647, which is the range that the host
         * may write. The default is 16842753, the nRF Connect SDK's default sec_tag for nRF Cloud.
         */
        public Builder secTag(long secTag) {
            this.secTag = secTag;
            return this;
        }

        /**
         * Sets the 16-byte challenge of {@code AT%ATTESTTOKEN}. The default is the bytes 00 to 0f.
         */
        public Builder challenge(byte[] challenge) {
            this.challenge = Objects.requireNonNull(challenge, "challenge").clone();
            return this;
        }

        /**
         * Runs the modems and creates the good and bad responses.
         *
         * @throws IllegalArgumentException if the seed is missing, the sec_tag is outside
         *     0..2147483647, the challenge is not 16 bytes, or the re-signing key pair has the
         *     device's identity key
         * @throws IllegalStateException for a seed whose {@code %KEYGEN} response has no {@code -}
         *     or {@code _} to replace with the standard Base64 alphabet, which by estimate happens
         *     for one seed in 20,000. Another seed avoids it.
         */
        public BadProvisioningResponses build() {
            if (seed == null) {
                throw new IllegalArgumentException(
                        "seed is missing (call seed(long) or seed(byte[]) before build())");
            }
            if (secTag < 0 || secTag > CredentialStore.MAX_HOST_SEC_TAG) {
                throw new IllegalArgumentException(
                        "sec_tag is "
                                + secTag
                                + " (expected 0.."
                                + CredentialStore.MAX_HOST_SEC_TAG
                                + ")");
            }
            if (challenge.length != ProvisioningMessages.NONCE_LENGTH) {
                throw new IllegalArgumentException(
                        "challenge is "
                                + challenge.length
                                + " bytes (expected "
                                + ProvisioningMessages.NONCE_LENGTH
                                + ")");
            }
            P256KeyPair other = otherDevice != null ? otherDevice : derivedOtherDevice();
            return new BadProvisioningFactory(seed, other, secTag, challenge).make();
        }

        private P256KeyPair derivedOtherDevice() {
            byte[] input = new byte[OTHER_DEVICE_LABEL.length + seed.length];
            System.arraycopy(OTHER_DEVICE_LABEL, 0, input, 0, OTHER_DEVICE_LABEL.length);
            System.arraycopy(seed, 0, input, OTHER_DEVICE_LABEL.length, seed.length);
            return P256Keys.fromSeed(input);
        }
    }
}
