package io.github.nrf91emu.device;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release number of a modem firmware version as {@code AT+CGMR} shows it: {@code
 * mfw_nrf9160_1.3.5} or {@code mfw_nrf91x1_2.0.1}. A suffix after a hyphen, such as {@code
 * -FOTA-TEST}, is allowed and ignored, so {@code mfw_nrf9160_1.3.0-rc1} counts as 1.3.0.
 *
 * <p>Firmware older than {@link #FIRST_WITH_JWT} has no {@code %JWT} command, nor the provisioning
 * commands {@code %KEYGEN} and {@code %ATTESTTOKEN}, which nRF Cloud's provisioning tools require
 * from modem firmware 1.3 on. A version text that does not parse, such as a custom build name, is
 * treated as having them.
 */
public record FirmwareVersion(int major, int minor, int patch)
        implements Comparable<FirmwareVersion> {
    // NOTE: 1.3.0 as the first release with %JWT is not checked against Nordic's release notes.
    /** The first modem firmware release with {@code %JWT}: 1.3.0. */
    public static final FirmwareVersion FIRST_WITH_JWT = new FirmwareVersion(1, 3, 0);

    private static final Pattern VERSION =
            Pattern.compile("mfw_nrf(?:9160|91x1)_(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:-.*)?");

    /**
     * Creates a release number.
     *
     * @throws IllegalArgumentException if a part is negative
     */
    public FirmwareVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException(
                    "firmware release number must not be negative: "
                            + major
                            + "."
                            + minor
                            + "."
                            + patch);
        }
    }

    /**
     * Parses the release number of a firmware version text.
     *
     * @return the release number, or empty if the text is not {@code mfw_nrf9160_X.Y.Z} or {@code
     *     mfw_nrf91x1_X.Y.Z}, optionally followed by {@code -} and a suffix
     */
    public static Optional<FirmwareVersion> parse(String text) {
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new FirmwareVersion(
                        Integer.parseInt(matcher.group(1)),
                        Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3))));
    }

    /**
     * Returns whether firmware with this version text has the {@code %JWT} command: true for {@link
     * #FIRST_WITH_JWT} and later, and for a text that does not parse.
     */
    public static boolean hasJwtCommand(String text) {
        Optional<FirmwareVersion> version = parse(text);
        return version.isEmpty() || version.get().compareTo(FIRST_WITH_JWT) >= 0;
    }

    @Override
    public int compareTo(FirmwareVersion other) {
        if (major != other.major) {
            return Integer.compare(major, other.major);
        }
        if (minor != other.minor) {
            return Integer.compare(minor, other.minor);
        }
        return Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
