/**
 * Test support for servers that accept {@code AT%JWT} tokens and provisioning responses: {@link
 * io.github.nrf91emu.testkit.ModemTokenVerifier} verifies tokens as a careful server should, {@link
 * io.github.nrf91emu.testkit.JwkSets} writes and reads the JWK Sets it selects keys from, and
 * {@link io.github.nrf91emu.testkit.BadTokens} makes a good token and one token of each {@link
 * io.github.nrf91emu.testkit.BadTokenKind} that such a server must reject. {@link
 * io.github.nrf91emu.testkit.Fleet} derives many devices from one seed and exports their keys as a
 * JWK Set and as CSV for nRF Cloud. {@link io.github.nrf91emu.testkit.ProvisioningVerifier}
 * verifies {@code AT%KEYGEN} and {@code AT%ATTESTTOKEN} responses against the device identity key.
 * {@link io.github.nrf91emu.testkit.BadProvisioningResponses} makes a device's good responses and
 * one response of each {@link io.github.nrf91emu.testkit.BadProvisioningKind} that a server must
 * reject. The package depends on no test framework, so tests of any framework can use it.
 */
package io.github.nrf91emu.testkit;
