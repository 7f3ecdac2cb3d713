package io.qtestjvm.devices.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeTextTest {
    @Test
    void sizesPrintAsQemusSizeToStr() {
        assertEquals("0 B", SizeText.of(0));
        assertEquals("512 B", SizeText.of(512));
        assertEquals("0.977 KiB", SizeText.of(1000));
        assertEquals("977 KiB", SizeText.of(1_000_000));
        assertEquals("1 MiB", SizeText.of(1 << 20));
        assertEquals("1.5 GiB", SizeText.of(3L << 29));
        assertEquals("1 EiB", SizeText.of(1L << 60));
    }
}
