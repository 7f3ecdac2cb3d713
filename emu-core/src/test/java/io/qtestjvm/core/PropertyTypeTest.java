package io.qtestjvm.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shared qdev property parsers, with the error texts of Debian's QEMU 7.2 (-device edu/sdhci-pci,...). */
class PropertyTypeTest {
    private static String refusal(PropertyType t, String name, String text) {
        return assertThrows(PropertyException.class, () -> t.parse(name, text)).getMessage();
    }

    @Test
    void boolTakesOnOffYesNoTrueFalse() throws PropertyException {
        for (String on : new String[] {"on", "yes", "true", "y"}) {
            assertEquals(Boolean.TRUE, PropertyType.BOOL.parse("multifunction", on));
        }
        for (String off : new String[] {"off", "no", "false", "n"}) {
            assertEquals(Boolean.FALSE, PropertyType.BOOL.parse("multifunction", off));
        }
        assertEquals("Parameter 'multifunction' expects 'on' or 'off'",
                refusal(PropertyType.BOOL, "multifunction", "maybe"));
    }

    @Test
    void unsignedIntegersTakeBaseZeroAndNameTheirCTypeWhenOutOfRange() throws PropertyException {
        assertEquals(255L, PropertyType.UINT8.parse("uhs", "0xff"));
        assertEquals(8L, PropertyType.UINT8.parse("uhs", "010"));
        assertEquals("Parameter 'uhs' expects uint8_t", refusal(PropertyType.UINT8, "uhs", "300"));
        assertEquals("Parameter 'uhs' expects integer", refusal(PropertyType.UINT8, "uhs", "zz"));
        assertEquals("Parameter 'uhs' expects uint8_t", refusal(PropertyType.UINT8, "uhs", "-1"));
        assertEquals(-1L, PropertyType.UINT64.parse("dma_mask", "-1"), "strtoull wraps a negative number");
        assertEquals(0xffff_ffffL, PropertyType.UINT32.parse("romsize", "4294967295"));
        assertEquals("Parameter 'romsize' expects uint32_t", refusal(PropertyType.UINT32, "romsize", "4294967296"));
    }

    @Test
    void helpLinesFollowQemusLayoutAndVersionedDefaults() {
        PropertyDescriptor p = PropertyDescriptor.of("sd-spec-version", PropertyType.UINT8, "", "2").since(10, 0, "3");
        assertEquals("  sd-spec-version=<uint8> -  (default: 2)", p.helpLine(7, 2));
        assertEquals("  sd-spec-version=<uint8> -  (default: 3)", p.helpLine(10, 2));
        assertEquals("  addr=<int32>           - Slot (default: -1)",
                PropertyDescriptor.of("addr", PropertyType.INT32, "Slot", "-1").helpLine(7, 2));
        assertEquals("  dma_mask=<uint64>", PropertyDescriptor.of("dma_mask", PropertyType.UINT64, null, null)
                .helpLine(7, 2));
    }
}
