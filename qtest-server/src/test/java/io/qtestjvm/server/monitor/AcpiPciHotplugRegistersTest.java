package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The PIIX4 PM hotplug block at 0xae00 and GPE0 at 0xafe0 on pc, values as Debian's QEMU 7.2 answers them
 * (recorded with -accel tcg -S over the qtest socket).
 */
class AcpiPciHotplugRegistersTest {
    private static final int UP = 0xae00;
    private static final int DOWN = 0xae04;
    private static final int EJ = 0xae08;
    private static final int RMV = 0xae0c;
    private static final int SEL = 0xae10;
    private static final int GPE0 = 0xafe0;
    private static final int SLOT6 = 6 << 3;

    @Test
    void removabilityClearsTheSlotsOfBuiltInFunctions() {
        try (PcMachine m = new PcMachine()) {
            assertEquals(0xfffffff8L, m.inl(RMV)); // 00 host, 01 PIIX, 02 VGA built in; 03 e1000 removable
            assertEquals(0, m.inl(UP));
            assertEquals(0, m.inl(DOWN));
            assertEquals(0, m.inl(EJ));
            assertEquals(0, m.inl(SEL));
            assertEquals(0, m.inl(GPE0));
        }
        try (PcMachine m = new PcMachine("-nodefaults")) {
            assertEquals(0xfffffffcL, m.inl(RMV));
        }
    }

    @Test
    void onlyFourByteAccessesReachTheRegisters() {
        try (PcMachine m = new PcMachine()) {
            assertEquals(0, PcMachine.value(m.qtest("inw 0xae0c")));
            assertEquals(0, PcMachine.value(m.qtest("inb 0xae0c")));
        }
    }

    @Test
    void otherBusSelectorsNameNoBusAndOutOfRangeOnesReadZero() {
        try (PcMachine m = new PcMachine()) {
            m.outl(SEL, 1);
            assertEquals(1, m.inl(SEL));
            assertEquals(0xffffffffL, m.inl(RMV));
            m.outl(SEL, 256);
            assertEquals(0, m.inl(SEL));
            assertEquals(0, m.inl(RMV));
            m.outl(SEL, 0);
            assertEquals(0xfffffff8L, m.inl(RMV));
        }
    }

    @Test
    void deviceAddRaisesTheSlotOnceAndSetsTheGpeStatus() {
        try (PcMachine m = new PcMachine()) {
            assertEquals(List.of("{\"return\": {}}"),
                    m.qmp("{'execute': 'device_add', 'arguments': {'driver': 'edu', 'id': 'e', 'addr': '6'}}"));
            assertEquals(0x40, m.inl(UP));
            assertEquals(0, m.inl(UP)); // read clears (bridge support on, the 7.2 pc default)
            assertEquals(2, m.inl(GPE0));
            m.outl(GPE0, 2); // write 1 to clear
            assertEquals(0, m.inl(GPE0));
            assertEquals(0x11e81234L, m.configRead(SLOT6, 0));
            assertEquals(0, m.configRead(SLOT6, 0x04) & 0xffff); // reset on hotplug: command 0, BAR0 0
            assertEquals(0, m.configRead(SLOT6, 0x10));
        }
    }

    @Test
    void anEnabledGpeRaisesTheSciOnIrq9() {
        try (PcMachine m = new PcMachine()) {
            assertEquals("OK", m.qtest("irq_intercept_in ioapic"));
            m.qmp("{'execute': 'device_add', 'arguments': {'driver': 'edu', 'id': 'e', 'addr': '6'}}");
            // enabling GPE bit 1 (the enable bytes follow the two status bytes) while its status is set
            assertEquals("IRQ raise 9\nOK", m.qtest("outl 0xafe0 0x20000"));
            assertEquals("IRQ lower 9\nOK", m.qtest("outl 0xafe0 0x20002")); // status cleared: the SCI drops
        }
    }

    @Test
    void ejectRemovesTheDeviceOnlyAfterDeviceDel() {
        try (PcMachine m = new PcMachine()) {
            m.qmp("{'execute': 'device_add', 'arguments': {'driver': 'edu', 'id': 'e', 'addr': '6'}}");
            m.outl(EJ, 1 << 6); // the guest ejects without a request: QEMU removes hot-pluggable functions anyway
            assertEquals(List.of("{\"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"e\", \"path\": "
                    + "\"/machine/peripheral/e\"}}"), m.pending());
            assertEquals(0xffffffffL, m.configRead(SLOT6, 0));
        }
    }

    @Test
    void ejectOfABuiltInSlotChangesNothing() {
        try (PcMachine m = new PcMachine()) {
            m.outl(EJ, 1 << 1);
            m.outl(EJ, 1 << 2);
            m.outl(EJ, 0);
            assertEquals(List.of(), m.pending());
            assertEquals(0x70008086L, m.configRead(1 << 3, 0));
            assertEquals(0x11111234L, m.configRead(2 << 3, 0));
        }
    }
}
