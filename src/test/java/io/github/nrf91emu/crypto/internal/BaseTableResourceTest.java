package io.github.nrf91emu.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/**
 * The precomputed fixed-base table shipped as a resource must load and must equal the table
 * computed from G. After a change to the table layout, regenerate the resource from {@link
 * BaseMultiplier#buildTable()} (64-bit big-endian longs) and update {@link
 * BaseMultiplier#TABLE_CRC32}.
 */
class BaseTableResourceTest {

    @Test
    void tableResource_loadsWithExpectedChecksum() {
        assertNotNull(
                BaseMultiplier.readTableResource(),
                BaseMultiplier.TABLE_RESOURCE + " is missing or its CRC-32 differs");
    }

    @Test
    void tableResource_equalsComputedTable() {
        assertArrayEquals(BaseMultiplier.buildTable(), BaseMultiplier.readTableResource());
    }
}
