package io.github.nrf91emu.crypto.internal;

/** Checks on 32-byte big-endian scalars against the group order n of P-256. */
public final class P256Scalars {
    /** The group order n, big-endian. */
    private static final byte[] ORDER =
            hexToBytes("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    private P256Scalars() {}

    /**
     * Tells whether a 32-byte big-endian value is in 1..n-1. Constant time: the bytes are compared
     * without a branch on their values.
     */
    public static boolean isInRange(byte[] scalar) {
        int borrow = 0;
        int nonZero = 0;
        for (int i = 31; i >= 0; i--) {
            int diff = (scalar[i] & 0xFF) - (ORDER[i] & 0xFF) - borrow;
            borrow = (diff >>> 31);
            nonZero |= scalar[i];
        }
        // borrow == 1 exactly when scalar < n.
        int isNonZero = ((nonZero & 0xFF) | -(nonZero & 0xFF)) >>> 31;
        return (borrow & isNonZero) == 1;
    }

    static byte[] hexToBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
