package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.core.Clock;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 82093AA data-sheet behaviour the device tests leave implicit. */
class IoapicSpecTest {
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

    @Test
    void versionAndArbitrationRegistersAreReadOnly() {
        writeReg(0x01, 0xffff_ffffL);
        writeReg(0x02, 0xffff_ffffL);
        assertEquals(0x00170020L, readReg(0x01));
        assertEquals(0L, readReg(0x02));
    }

    @Test
    void registersBetweenArbitrationAndTheTableReadZero() {
        for (int reg = 0x03; reg < 0x10; reg++) {
            assertEquals(0L, readReg(reg));
        }
    }

    @Test
    void logicalDestinationAndDeliveryModeReachTheMessage() {
        writeReg(0x10 + 2 * 7 + 1, 0x0300_0000L); // destination 3
        writeReg(0x10 + 2 * 7, 0x0000_0900L | 0x51); // logical, lowest priority, vector 0x51
        ioapic.input(7).set(1);
        assertEquals(0xfee0_0000L | (3L << 12) | (1L << 2), msis.get(0)[0]);
        assertEquals(0x151, msis.get(0)[1]);
    }

    @Test
    void edgeEntriesNeverHoldRemoteIrr() {
        writeReg(0x10 + 2 * 6, 0x46);
        ioapic.input(6).set(1);
        assertFalse(ioapic.remoteIrr(6));
        assertEquals(0, readReg(0x10 + 2 * 6) & 0x4000L);
    }

    @Test
    void eoiForAnotherVectorKeepsRemoteIrr() {
        writeReg(0x10 + 2 * 9, 0x8049L);
        ioapic.input(9).set(1);
        mem.store(BASE + 0x40, 4, 0x48, false);
        assertTrue(ioapic.remoteIrr(9));
        assertEquals(1, ioapic.deliveredCount(9));
    }

    @Test
    void maskingALevelEntryHoldsTheRequestUntilUnmasked() {
        writeReg(0x10 + 2 * 12, 0x0001_8060L); // level, masked
        ioapic.input(12).set(1);
        ioapic.input(12).set(0);
        writeReg(0x10 + 2 * 12, 0x0000_8060L);
        assertEquals(0, ioapic.deliveredCount(12)); // the request went away while masked
    }

    @Test
    void onlyUnmaskedEntriesMakeAnInputsLevelChangesObservable() {
        assertFalse(ioapic.input(0).levelChangesObserved());
        writeReg(0x10 + 2 * 2, 0x30); // ISA IRQ 0's pin 2, unmasked
        assertTrue(ioapic.input(0).levelChangesObserved());
        ioapic.input(5).intercept((n, level) -> { }, 5);
        assertTrue(ioapic.input(5).levelChangesObserved());
    }
}
