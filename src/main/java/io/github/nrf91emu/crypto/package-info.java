/**
 * ES256 (ECDSA on P-256 with SHA-256) for JSON Web Signatures: {@link
 * io.github.nrf91emu.crypto.Es256} signs and verifies, {@link io.github.nrf91emu.crypto.P256Keys}
 * generates keys and imports private keys from PEM, {@link io.github.nrf91emu.crypto.P256PublicKey}
 * and {@link io.github.nrf91emu.crypto.P256PrivateKey} convert keys to and from DER, PEM and JWK,
 * and {@link io.github.nrf91emu.crypto.Base64Url} encodes JWS segments. Signing and deriving a
 * public key run in constant time with respect to the private key and the nonce, apart from RFC
 * 6979 retries that each occur with probability about 2^-32. Verification, Base64Url and the import
 * and export of keys run in variable time. The subpackage {@code
 * io.github.nrf91emu.crypto.internal} contains the arithmetic behind these classes and is public
 * only so that this package can call it. It is not part of the API and may change without notice.
 */
package io.github.nrf91emu.crypto;
