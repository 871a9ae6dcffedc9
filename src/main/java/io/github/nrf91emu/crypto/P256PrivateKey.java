package io.github.nrf91emu.crypto;

import io.github.nrf91emu.crypto.internal.P256;
import io.github.nrf91emu.crypto.internal.P256Scalars;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A P-256 private key: a scalar d in 1..n-1.
 *
 * <p>The scalar never appears in {@link #toString()}, and {@link #equals(Object)} compares it in
 * constant time. Instances are immutable; the public key is derived once, on first use.
 *
 * <p>Null arguments throw {@link NullPointerException}.
 */
public final class P256PrivateKey {
    private final byte[] scalar;
    private volatile P256PublicKey publicKey;

    private P256PrivateKey(byte[] scalar) {
        this.scalar = scalar;
    }

    /**
     * Creates a key from its scalar.
     *
     * @param scalar 32 big-endian bytes; the array is copied
     * @throws InvalidKeyException if the length is not 32 or the value is not in 1..n-1 (the
     *     message does not show the value)
     */
    public static P256PrivateKey fromScalar(byte[] scalar) throws InvalidKeyException {
        Objects.requireNonNull(scalar, "scalar");
        if (scalar.length != 32) {
            throw new InvalidKeyException(
                    "P-256 private scalar has " + scalar.length + " bytes (expected 32)");
        }
        if (!P256Scalars.isInRange(scalar)) {
            throw new InvalidKeyException("P-256 private scalar is not in 1..n-1");
        }
        return new P256PrivateKey(scalar.clone());
    }

    /** Returns a copy of the scalar as 32 big-endian bytes. Handle the copy as a secret. */
    public byte[] toScalarBytes() {
        return scalar.clone();
    }

    /** Returns the matching public key d·G. */
    public P256PublicKey publicKey() {
        P256PublicKey result = publicKey;
        if (result == null) {
            byte[] xy = P256.multiplyBase(scalar);
            result =
                    P256PublicKey.trusted(
                            Arrays.copyOfRange(xy, 0, 32), Arrays.copyOfRange(xy, 32, 64));
            publicKey = result;
        }
        return result;
    }

    /**
     * Returns the key as a PRIVATE KEY PEM block: an unencrypted PKCS #8 PrivateKeyInfo (RFC 5208)
     * with the named curve prime256v1 and a SEC 1 ECPrivateKey that includes the public key. The
     * text contains the scalar, so handle it as a secret.
     */
    public String toPkcs8Pem() {
        return KeyPem.write(KeyPem.PRIVATE_KEY, KeyDer.encodePkcs8(this));
    }

    /**
     * Returns the key as an EC PRIVATE KEY PEM block: a SEC 1 ECPrivateKey (RFC 5915) with the
     * named curve prime256v1 and the public key, the form of {@code openssl ecparam -genkey}. The
     * text contains the scalar, so handle it as a secret.
     */
    public String toSec1Pem() {
        return KeyPem.write(KeyPem.EC_PRIVATE_KEY, KeyDer.encodeEcPrivateKey(this, true));
    }

    byte[] scalar() {
        return scalar;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof P256PrivateKey
                && MessageDigest.isEqual(scalar, ((P256PrivateKey) other).scalar);
    }

    @Override
    public int hashCode() {
        return publicKey().hashCode();
    }

    /** Names the key type only; the scalar is never shown. */
    @Override
    public String toString() {
        return "P256PrivateKey{scalar=<redacted>}";
    }
}
