package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** system_reset and the guest's reset through PIIX3's 0xcf9, ordered as Debian's QEMU 7.2 orders them. */
class SystemResetTest {
    private static final String RESET_HOST = "{\"event\": \"RESET\", \"data\": {\"guest\": false, "
            + "\"reason\": \"host-qmp-system-reset\"}}";
    private static final String RESET_GUEST = "{\"event\": \"RESET\", \"data\": {\"guest\": true, "
            + "\"reason\": \"guest-reset\"}}";
    private static final String OK = "{\"return\": {}}";

    @Test
    void resetEventPrecedesTheReturn() {
        try (PcMachine m = new PcMachine()) {
            assertEquals(List.of(RESET_HOST, OK), m.qmp("{'execute': 'system_reset'}"));
        }
    }

    @Test
    void resetRestoresDeviceRegistersAndKeepsRam() {
        try (PcMachine m = new PcMachine("-device", "edu,addr=4")) {
            int edu = 4 << 3;
            m.configWrite(edu, 0x10, 0xfe00_0000L);
            m.configWrite(edu, 0x04, 0x0007);
            m.configWrite(1 << 3, 0x60, 0x0b0a_0b0aL);
            assertEquals("OK", m.qtest("outb 0x70 0x0b"));
            assertEquals("OK", m.qtest("outb 0x71 0x6a"));
            assertEquals("OK", m.qtest("writel 0x100000 0xcafef00d"));
            assertEquals(0x010000edL, PcMachine.value(m.qtest("readl 0xfe000000")));

            assertEquals(List.of(RESET_HOST, OK), m.qmp("{'execute': 'system_reset'}"));

            assertEquals(0, m.configRead(edu, 0x04) & 0xffff);
            assertEquals(0, m.configRead(edu, 0x10));
            assertEquals(0x8080_8080L, m.configRead(1 << 3, 0x60));
            assertEquals("OK", m.qtest("outb 0x70 0x0b"));
            assertEquals(0x02, PcMachine.value(m.qtest("inb 0x71")));
            assertEquals(0xcafef00dL, PcMachine.value(m.qtest("readl 0x100000")));
        }
    }

    @Test
    void guestResetAnswersItsWriteThenResetsFromTheMainLoop() {
        try (PcMachine m = new PcMachine()) {
            m.configWrite(1 << 3, 0x60, 0x0b0a_0b0aL);
            assertEquals("OK", m.qtest("outb 0xcf9 0x6"));
            assertEquals(List.of(RESET_GUEST), m.pending());
            assertEquals(0x8080_8080L, m.configRead(1 << 3, 0x60));
        }
    }

    @Test
    void pendingUnplugCompletesAtResetAndItsEventFollowsTheReturn() {
        try (PcMachine m = new PcMachine()) {
            m.qmp("{'execute': 'device_add', 'arguments': {'driver': 'edu', 'id': 'e', 'addr': '6'}}");
            m.qmp("{'execute': 'device_del', 'arguments': {'id': 'e'}}");
            assertEquals(List.of(RESET_HOST, OK, "{\"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"e\", "
                    + "\"path\": \"/machine/peripheral/e\"}}"), m.qmp("{'execute': 'system_reset'}"));
            assertEquals(0xffffffffL, m.configRead(6 << 3, 0));
        }
    }
}
