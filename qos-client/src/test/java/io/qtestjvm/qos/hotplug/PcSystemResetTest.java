package io.qtestjvm.qos.hotplug;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.qos.libqtest.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code system_reset} as qos-test uses it between tests that share a command line: the RESET event (written before
 * the {@code {"return": {}}} by QEMU 7.2), every register the test touched back to its reset value, RAM kept; and the
 * guest's reset through PIIX3's reset control register 0xcf9. On every backend (QEMU: Debian's 7.2, compat 7.2).
 */
class PcSystemResetTest {
    private static final int EDU = 4 << 3;
    private static final int PIIX3 = 1 << 3;
    private static final long RAM = 0x10_0000;

    private static Map<String, Object> next(QtestTransport t) {
        return Json.object(t.qmpReceive());
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void resetRestoresRegistersKeepsRamAndSendsResetBeforeTheReturn(Backend backend) {
        QtestTransport t = backend.start("x86_64", "-machine pc -device edu,addr=04.0", "7.2");
        QTestState qts = new QTestState(t);
        try {
            PciBusPc bus = new PciBusPc(qts);
            bus.deviceAt(EDU).enable();
            long bar = bus.deviceAt(EDU).iomap(0).addr();
            assertEquals(0x010000ed, qts.readl(bar));
            bus.configWritel(PIIX3, 0x60, 0x0b0a0b0a);
            qts.outb(0x70, 0x0b);
            qts.outb(0x71, 0x6a); // RTC register B: PIE | AIE | SQWE | 24h
            qts.writel(RAM, 0xcafef00d);

            t.qmpSend("{\"execute\": \"system_reset\"}");
            Map<String, Object> first = next(t);
            assertEquals("RESET", first.get("event"), () -> "RESET first, got " + first);
            assertEquals(Map.of("guest", false, "reason", "host-qmp-system-reset"), first.get("data"));
            assertEquals(Map.of(), next(t).get("return"));

            assertEquals(0, bus.configReadw(EDU, 0x04), "edu COMMAND");
            assertEquals(0, bus.configReadl(EDU, 0x10), "edu BAR0");
            assertEquals(0x80808080, bus.configReadl(PIIX3, 0x60), "PIIX3 PIRQ routes");
            qts.outb(0x70, 0x0b);
            assertEquals(0x02, qts.inb(0x71), "RTC register B: interrupt enables cleared");
            assertEquals(0xcafef00d, qts.readl(RAM), "RAM kept");
            assertTrue(qts.readl(bar) != 0x010000ed, "BAR0 unmapped");
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void guestResetThroughPort0xcf9(Backend backend) {
        QTestState qts = new QTestState(backend.start("x86_64", "-machine pc", "7.2"));
        try {
            PciBusPc bus = new PciBusPc(qts);
            bus.configWritel(PIIX3, 0x60, 0x0b0a0b0a);
            qts.outb(0xcf9, 0x06);
            Map<String, Object> ev = qts.eventWait("RESET");
            assertEquals(Map.of("guest", true, "reason", "guest-reset"), ev.get("data"));
            assertEquals(0x80808080, bus.configReadl(PIIX3, 0x60));
        } finally {
            assertEquals(0, qts.quit());
        }
    }
}
