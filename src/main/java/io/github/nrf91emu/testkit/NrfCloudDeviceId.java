package io.github.nrf91emu.testkit;

import io.github.nrf91emu.device.DeviceIdentity;
import java.util.Objects;

/**
 * The device ID formats that nRF Cloud accepts for a cellular device, as the nRF Connect SDK
 * documentation lists them (page "Using nRF Cloud with the nRF Connect SDK", section "Choosing a
 * device ID format", in {@code doc/nrf/external_comp/nrf_cloud.rst}).
 */
public enum NrfCloudDeviceId {
    /**
     * The device UUID in lower-case hex with hyphens, which tokens carry in {@code iss} after the
     * model name. nRF Cloud Utils' {@code device_credentials_installer} uses this format by
     * default.
     */
    DEVICE_UUID,

    /**
     * {@code nrf-} followed by the IMEI, such as {@code nrf-352656100123456}. nRF Cloud reserves
     * the {@code nrf-} prefix for Nordic development kits and evaluation platforms.
     */
    NRF_IMEI;

    /** Returns the device ID of an identity in this format. */
    public String of(DeviceIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        return switch (this) {
            case DEVICE_UUID -> identity.deviceUuid().toString();
            case NRF_IMEI -> "nrf-" + identity.imei();
        };
    }
}
