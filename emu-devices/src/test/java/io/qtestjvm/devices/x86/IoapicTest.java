package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IoapicTest {
    private static final long BASE = Ioapic.MMIO_BASE;

    private final Clock clock = Clock.virtual();
    private final MemoryRegion sysRoot = MemoryRegion.containerOfWholeSpace("system");
    private final AddressSpace mem = AddressSpace.memory("memory", sysRoot, false);
    private final List<long[]> msis = new ArrayList<>();
    private Ioapic ioapic;

    @BeforeEach
    void setUp() {
        ioapic = new Ioapic(clock);
        ioapic.realize();
        ioapic.setMsiSink((addr, data) -> msis.add(new long[] {addr, data}));
        sysRoot.addSubregion(BASE, ioapic.mmio());
    }

    private long readReg(int reg) {
        mem.store(BASE, 4, reg, false);
        return mem.load(BASE + 0x10, 4, false);
    }

    private void writeReg(int reg, long value) {
        mem.store(BASE, 4, reg, false);
        mem.store(BASE + 0x10, 4, value, false);
    }

    private void program(int pin, long entry) {
        writeReg(0x10 + 2 * pin + 1, entry >>> 32);
        writeReg(0x10 + 2 * pin, entry & 0xffff_ffffL);
    }

    @Test
    void hasTwentyFourUnnamedInputs() {
        assertEquals(24, ioapic.gpioInLists().get(Device.UNNAMED).length);
        assertEquals("ioapic", ioapic.typeName());
    }

    @Test
    void versionRegisterReportsVersion0x20And23AsHighestEntry() {
        assertEquals(0x00170020L, readReg(0x01));
    }

    @Test
    void idRegisterKeepsFourBitsAndArbitrationMirrorsIt() {
        writeReg(0x00, 0xff00_0000L);
        assertEquals(0x0f00_0000L, readReg(0x00));
        assertEquals(0x0f00_0000L, readReg(0x02));
    }

    @Test
    void redirectionEntriesStartMasked() {
        for (int pin = 0; pin < 24; pin++) {
            assertEquals(0x0001_0000L, readReg(0x10 + 2 * pin));
            assertEquals(0L, readReg(0x11 + 2 * pin));
        }
        assertEquals(0L, readReg(0x40)); // beyond the table
    }

    @Test
    void redirectionEntryReadOnlyBitsIgnoreWrites() {
        writeReg(0x10 + 2 * 5, 0xffff_ffffL);
        writeReg(0x11 + 2 * 5, 0xff00_0000L);
        // remote IRR (14) and delivery status (12) stay clear; edge entries never keep remote IRR anyway
        assertEquals(0xffff_afffL, readReg(0x10 + 2 * 5));
        assertEquals(0xff00_0000L, readReg(0x11 + 2 * 5));
    }

    @Test
    void ioregselReadsBackAndNarrowWindowAccessesReadZero() {
        mem.store(BASE, 4, 0x101, false);
        assertEquals(0x01, mem.load(BASE, 4, false)); // 8-bit register
        assertEquals(0, mem.load(BASE + 0x10, 2, false));
        assertEquals(0x00170020L, mem.load(BASE + 0x10, 4, false));
        assertEquals(0x01, mem.load(BASE + 0x100, 1, false)); // the window decodes 8 address bits
    }

    @Test
    void maskedEdgePinIgnoresRequests() {
        ioapic.input(5).set(1);
        assertEquals(0, ioapic.irr());
        assertEquals(0, ioapic.deliveredCount(5));
    }

    @Test
    void unmaskedEdgePinDeliversOnceAndLeavesNothingPending() {
        program(5, 0x0000_0000_0000_0035L);
        ioapic.input(5).set(1);
        assertEquals(0, ioapic.irr());
        assertEquals(1, ioapic.deliveredCount(5));
        assertEquals(0xfee0_0000L, msis.get(0)[0]);
        assertEquals(0x35, msis.get(0)[1]);
    }

    @Test
    void levelPinSetsRemoteIrrUntilEoi() {
        program(8, 0x0100_0000_0000_8038L); // level, vector 0x38, destination 1
        ioapic.input(8).set(1);
        assertEquals(1 << 8, ioapic.irr());
        assertTrue(ioapic.remoteIrr(8));
        assertEquals(0x4000L, readReg(0x10 + 16) & 0x4000L);
        assertEquals(0xfee0_0000L | (1L << 12), msis.get(0)[0]);
        assertEquals(0x8038, msis.get(0)[1]);
        ioapic.input(8).set(1); // coalesced while the guest handles it
        assertEquals(1, ioapic.deliveredCount(8));
        ioapic.input(8).set(0);
        assertEquals(0, ioapic.irr());
        assertTrue(ioapic.remoteIrr(8));
        mem.store(BASE + 0x40, 4, 0x38, false); // EOI register
        assertFalse(ioapic.remoteIrr(8));
    }

    @Test
    void eoiRedeliversALevelPinStillAsserted() {
        program(9, 0x0000_0000_0000_8041L);
        ioapic.input(9).set(1);
        mem.store(BASE + 0x40, 4, 0x41, false);
        assertEquals(2, ioapic.deliveredCount(9));
        assertTrue(ioapic.remoteIrr(9));
    }

    @Test
    void unmaskingAPendingLevelPinDeliversIt() {
        writeReg(0x10 + 2 * 10, 0x0001_8050L); // level, masked
        ioapic.input(10).set(1);
        assertEquals(0, ioapic.deliveredCount(10));
        writeReg(0x10 + 2 * 10, 0x0000_8050L);
        assertEquals(1, ioapic.deliveredCount(10));
    }

    @Test
    void isaIrqZeroArrivesOnPinTwo() {
        program(2, 0x30);
        ioapic.input(0).set(1);
        assertEquals(1, ioapic.deliveredCount(2));
        assertEquals(0, ioapic.deliveredCount(0));
    }

    @Test
    void switchingToEdgeClearsRemoteIrr() {
        program(4, 0x8030L);
        ioapic.input(4).set(1);
        assertTrue(ioapic.remoteIrr(4));
        writeReg(0x10 + 8, 0x0001_0030L); // masked edge, as Linux does to fake an EOI
        assertFalse(ioapic.remoteIrr(4));
    }

    @Test
    void resetMasksEverythingAndClearsIrr() {
        program(8, 0x8038L);
        writeReg(0x00, 0x0300_0000L);
        ioapic.input(8).set(1);
        ioapic.reset();
        assertEquals(0, ioapic.irr());
        assertEquals(0x0001_0000L, readReg(0x10 + 16));
        assertEquals(0L, readReg(0x00));
    }

    @Test
    void eoiStormDelaysRedeliveryByTenMilliseconds() {
        program(11, 0x8042L);
        ioapic.input(11).set(1);
        for (int i = 0; i < Ioapic.SUCCESSIVE_IRQ_MAX_COUNT - 1; i++) {
            ioapic.eoiBroadcast(0x42);
        }
        long delivered = ioapic.deliveredCount(11);
        ioapic.eoiBroadcast(0x42);
        assertEquals(delivered, ioapic.deliveredCount(11));
        assertEquals(10_000_000L, clock.nextDeadline());
        clock.warpTo(10_000_000L);
        assertEquals(delivered + 1, ioapic.deliveredCount(11));
    }
}
