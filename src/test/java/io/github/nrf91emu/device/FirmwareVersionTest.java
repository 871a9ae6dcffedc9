package io.github.nrf91emu.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FirmwareVersionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mfw_nrf9160_1.2.9, 1.2.9, false",
        "mfw_nrf9160_1.3.0, 1.3.0, true",
        "mfw_nrf9160_1.3.5, 1.3.5, true",
        "mfw_nrf91x1_2.0.1, 2.0.1, true",
        "mfw_nrf9160_1.3.0-rc1, 1.3.0, true",
        "mfw_nrf9160_1.2.99-FOTA-TEST, 1.2.99, false",
        "mfw_nrf9160_0.10.0, 0.10.0, false",
        "mfw_nrf9160_10.0.0, 10.0.0, true",
    })
    void parsesReleaseNumber(String text, String release, boolean hasJwt) {
        Optional<FirmwareVersion> version = FirmwareVersion.parse(text);

        assertTrue(version.isPresent(), text);
        assertEquals(release, version.get().toString());
        assertEquals(hasJwt, FirmwareVersion.hasJwtCommand(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "custom",
                "mfw_nrf9160_1.2",
                "mfw_nrf9160_1.2.3.4",
                "mfw_nrf9160_1.2.3_ble",
                "mfw_nrf9161_1.2.3",
                "MFW_NRF9160_1.2.3",
                "mfw_nrf9160_1.2.x",
                "mfw_nrf9160_1234567890.0.0",
                "xmfw_nrf9160_1.2.3",
            })
    void otherTextsDoNotParse(String text) {
        assertEquals(Optional.empty(), FirmwareVersion.parse(text));
        assertTrue(FirmwareVersion.hasJwtCommand(text));
    }

    @Test
    void comparesPartsInOrder() {
        FirmwareVersion version = new FirmwareVersion(1, 3, 0);

        assertEquals(0, version.compareTo(FirmwareVersion.FIRST_WITH_JWT));
        assertTrue(version.compareTo(new FirmwareVersion(1, 2, 99)) > 0);
        assertTrue(version.compareTo(new FirmwareVersion(1, 10, 0)) < 0);
        assertTrue(version.compareTo(new FirmwareVersion(2, 0, 0)) < 0);
        assertTrue(version.compareTo(new FirmwareVersion(0, 99, 99)) > 0);
    }

    @Test
    void negativePartRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(1, -1, 0));

        assertEquals("firmware release number must not be negative: 1.-1.0", e.getMessage());
    }
}
