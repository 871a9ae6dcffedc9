/**
 * The messages of the modem's provisioning commands: PKCS #10 certificate signing requests for
 * {@code AT%KEYGEN}, the CBOR messages that {@code AT%KEYGEN} and {@code AT%ATTESTTOKEN} return,
 * and the COSE_Sign1 structures in which the device identity key signs them.
 */
package io.github.nrf91emu.provisioning;
