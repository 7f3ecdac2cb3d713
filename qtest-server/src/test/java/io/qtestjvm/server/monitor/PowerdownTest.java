package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code system_powerdown} on each board, against Debian's QEMU 7.2 (qtest over {@code -accel tcg -S}): the
 * POWERDOWN event before the reply, then pc's ACPI PM1 power-button status (only while enabled) with the SCI on
 * ISA IRQ 9, and virt's GPIO power key on PL061 line 3.
 */
class PowerdownTest {
    /** PIIX4 PM is 00:01.3; PMBA at 0xb000, PM I/O enabled. */
    private static void enablePmIo(QmpMachine m) {
        q(m, "outl 0xcf8 0x80000b40");
        q(m, "outl 0xcfc 0xb001");
        q(m, "outl 0xcf8 0x80000b80");
        q(m, "outb 0xcfc 0x01");
    }

    private static String q(QmpMachine m, String cmd) {
        return m.server.qtest(cmd).trim();
    }

    @Test
    void pcSetsPowerButtonStatusOnlyWhenEnabledAndRaisesTheSci() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            enablePmIo(m);
            assertEquals("OK 0x0001", q(m, "inw 0xb000"), "TMR_STS reads set from reset");
            assertEquals("OK", q(m, "irq_intercept_in ioapic"));
            q(m, "outw 0xb000 0x0001");
            assertEquals("OK 0x0000", q(m, "inw 0xb000"), "TMR_STS cleared by writing 1");
            List<String> r = m.qmp("{'execute': 'system_powerdown'}");
            assertTrue(r.get(0).contains("\"event\": \"POWERDOWN\""), r.toString());
            assertEquals(QmpMachine.OK, r.get(1));
            assertEquals("OK 0x0000", q(m, "inw 0xb000"), "no status while PWRBTN_EN is clear");
            q(m, "outw 0xb002 0x0100");
            assertEquals("OK 0x0100", q(m, "inw 0xb002"));
            m.qmp("{'execute': 'system_powerdown'}");
            assertEquals("IRQ raise 9\nOK 0x0100", q(m, "inw 0xb000"));
            assertEquals("IRQ lower 9\nOK", q(m, "outw 0xb002 0x0000"));
            assertEquals("IRQ raise 9\nOK", q(m, "outw 0xb002 0x0100"));
            assertEquals("IRQ lower 9\nOK", q(m, "outw 0xb000 0x0100"));
            assertEquals("OK 0x0000", q(m, "inw 0xb000"));
            q(m, "outw 0xb002 0xffff");
            assertEquals("OK 0xffff", q(m, "inw 0xb002"));
            q(m, "outw 0xb004 0xffff");
            assertEquals("OK 0xdfff", q(m, "inw 0xb004"), "SLP_EN reads 0");
            assertEquals("OK 0x0000", q(m, "inl 0xb008"), "the PM timer at virtual time 0");
        }
    }

    @Test
    void pcPmTimerCountsTheVirtualClockAt3579545Hz() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            enablePmIo(m);
            q(m, "clock_step 1000000000");
            assertEquals("OK 0x369e99", q(m, "inl 0xb008"), "3579545 ticks after one second");
        }
    }

    @Test
    void pcPmIoIsAbsentUntilEnabled() {
        try (QmpMachine m = QmpMachine.x86("-machine", "pc")) {
            assertEquals("OK 0xffff", q(m, "inw 0xb000"));
        }
    }

    @Test
    void virtPressesTheGpioPowerKey() {
        try (QmpMachine m = QmpMachine.of("aarch64", "-machine", "virt")) {
            assertEquals("OK 0x0000000000000000", q(m, "readl 0x090303fc"));
            m.qmp("{'execute': 'system_powerdown'}");
            assertEquals("OK 0x0000000000000008", q(m, "readl 0x090303fc"), "line 3 high");
            q(m, "clock_step 100000000");
            assertEquals("OK 0x0000000000000000", q(m, "readl 0x090303fc"), "the key releases after 100 ms");
        }
    }
}
