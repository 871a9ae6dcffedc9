package io.github.nrf91emu.example;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Objects;
import java.util.UUID;

/**
 * A device token that {@link DeviceTokenVerifier} accepted.
 *
 * @param keyId the header's {@code kid}, which selected the registered device key
 * @param model the model name from {@code iss}, such as {@code nRF9160}
 * @param deviceUuid the device UUID from {@code iss}
 * @param claims all claims of the token
 */
public record DeviceToken(String keyId, String model, UUID deviceUuid, JWTClaimsSet claims) {
    /** Checks that no component is null. */
    public DeviceToken {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(deviceUuid, "deviceUuid");
        Objects.requireNonNull(claims, "claims");
    }
}
