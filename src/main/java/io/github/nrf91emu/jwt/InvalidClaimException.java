package io.github.nrf91emu.jwt;

/**
 * Thrown by {@link ModemJwtClaims.Builder#build()} when the text of a claim is not well-formed
 * UTF-8 (RFC 3629). The AT%JWT handler maps it to {@code +CME ERROR: 50} (incorrect parameters),
 * because the subject and audience come from the AT command line.
 */
public final class InvalidClaimException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String claim;
    private final int byteOffset;

    /**
     * Creates the exception.
     *
     * @param claim the JSON name of the claim, such as {@code sub}
     * @param byteOffset the offset of the first byte of the ill-formed sequence in the claim value
     * @param message the full message, which names the claim and the offset
     */
    InvalidClaimException(String claim, int byteOffset, String message) {
        super(message);
        this.claim = claim;
        this.byteOffset = byteOffset;
    }

    /**
     * Returns the JSON name of the rejected claim: {@code iss}, {@code jti}, {@code sub} or {@code
     * aud}.
     */
    public String claim() {
        return claim;
    }

    /**
     * Returns the offset, counted in bytes from 0, of the first byte of the ill-formed sequence.
     * For a claim set from a {@code String}, the offset counts bytes of its UTF-8 encoding.
     */
    public int byteOffset() {
        return byteOffset;
    }
}
