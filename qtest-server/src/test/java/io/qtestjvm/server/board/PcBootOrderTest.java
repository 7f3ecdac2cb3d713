package io.qtestjvm.server.board;

import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** -boot on pc: the boot order in CMOS 0x3d/0x38 and the pc-only refusals, as Debian's QEMU 7.2 (captured). */
class PcBootOrderTest {
    private static String cmos(InJvmServer s, int reg) {
        s.qtest("outb 0x70 " + reg);
        return s.qtest("inb 0x71").trim();
    }

    @ParameterizedTest
    @CsvSource({
        "'', 0x0012, 0x0030",
        "order=dc, 0x0023, 0x0000",
        "order=ncd, 0x0024, 0x0030",
        "'order=c,once=d', 0x0003, 0x0000",
        "once=n, 0x0004, 0x0000",
        "order=a, 0x0001, 0x0000",
        "'order=cdn,strict=on', 0x0032, 0x0040",
    })
    void bootOrderLandsInCmos(String boot, String reg3d, String reg38) {
        String[] args = boot.isEmpty() ? new String[] {"-machine", "pc"} : new String[] {"-machine", "pc", "-boot",
            boot};
        try (InJvmServer s = InJvmServer.startAs("7.2", "x86_64", args)) {
            assertEquals("OK " + reg3d, cmos(s, 0x3d));
            assertEquals("OK " + reg38, cmos(s, 0x38));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "order=e, Invalid boot device for PC: 'e'",
        "order=np, Invalid boot device for PC: 'p'",
        "order=abcd, Too many boot devices for PC",
        "order=cden, Too many boot devices for PC",
    })
    void pcRefusesWhatItCannotBootFrom(String boot, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InJvmServer.startAs("7.2", "x86_64", "-machine", "pc", "-boot", boot));
        assertEquals(message, e.getMessage());
    }
}
