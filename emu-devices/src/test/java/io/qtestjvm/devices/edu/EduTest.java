package io.qtestjvm.devices.edu;

import io.qtestjvm.core.Clock;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciRegs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** edu as hw/misc/edu.c and docs/specs/edu.rst describe it, driven through BAR0 and config space. */
class EduTest {
    private static final long BAR = 0xfea0_0000L;
    private static final long MS = 1_000_000L;

    private final Clock clock = Clock.virtual();
    private final MemoryRegion system = MemoryRegion.containerOfWholeSpace("system");
    private final MemoryRegion pci = MemoryRegion.containerOfWholeSpace("pci");
    private final MemoryRegion io = MemoryRegion.container("io", 0x10000);
    private final AddressSpace memory = AddressSpace.memory("memory", system, false);
    private final PciBus bus = new PciBus(pci, io, memory, 0);
    /** Level of each bus line as the test sink saw it last, and how often it was set. */
    private final int[] lines = new int[4];
    private int lineSets;
    private Edu edu;
    private int devfn;

    @BeforeEach
    void setUp() {
        system.addSubregion(0, MemoryRegion.ram("ram", 64L << 20));
        system.addSubregionOverlap(0, pci, -1);
        bus.setIrqRouting(4, (fn, pin) -> (PciRegs.slot(fn) + pin) & 3, (n, level) -> {
            lines[n] = level;
            lineSets++;
        });
        edu = new Edu(clock);
        devfn = bus.plug(edu, PciRegs.devfn(4, 0));
        bus.configWrite(devfn, 0x10, BAR, 4);
        bus.configWrite(devfn, PciRegs.COMMAND, PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER, 2);
    }

    private long readl(long reg) {
        return memory.load(BAR + reg, 4, false);
    }

    private void writel(long reg, long value) {
        memory.store(BAR + reg, 4, value, false);
    }

    private int intx() {
        return lines[0]; // slot 4, pin A
    }

    @Test
    void configSpaceIdentity() {
        assertEquals(0x11e81234L, bus.configRead(devfn, 0, 4));
        assertEquals(0x00ff0010L, bus.configRead(devfn, 8, 4));
        assertEquals(1L, bus.configRead(devfn, PciRegs.INTERRUPT_PIN, 1));
        assertEquals(PciRegs.STATUS_CAP_LIST, bus.configRead(devfn, PciRegs.STATUS, 2));
        assertEquals(0x40L, bus.configRead(devfn, PciRegs.CAPABILITY_LIST, 1));
        assertEquals(0x0005L, bus.configRead(devfn, 0x40, 2));
        assertEquals(0x0080L, bus.configRead(devfn, 0x42, 2)); // 1 vector, 64-bit, no masking
    }

    @Test
    void bar0IsOneMebibyteOfMemory() {
        bus.configWrite(devfn, 0x10, 0xffffffffL, 4);
        assertEquals(0xfff00000L, bus.configRead(devfn, 0x10, 4));
    }

    @Test
    void identificationRegister() {
        assertEquals(0x010000edL, readl(0x00));
    }

    @Test
    void onlyFourByteAccessesWorkBelow0x80() {
        assertEquals(0xffff_ffff_ffff_ffffL, memory.load(BAR, 8, false));
        memory.store(BAR + 0x08, 8, 5, false); // an aligned 8-byte write below 0x80 is ignored
        assertEquals(0L, readl(0x08));
    }

    @Test
    void unimplementedRegistersReadAllOnes() {
        assertEquals(0xffffffffL, readl(0x10));
        assertEquals(0xffffffffL, readl(0x84));
        assertEquals(0xffff_ffff_ffff_ffffL, memory.load(BAR + 0xa0, 8, false));
    }

    @Test
    void livenessRegisterInvertsTheValue() {
        writel(0x04, 0x12345678L);
        assertEquals(0xedcba987L, readl(0x04));
    }

    @Test
    void factorialIsReadyAtOnce() {
        writel(0x08, 5);
        assertEquals(0L, readl(0x20) & 1);
        assertEquals(120L, readl(0x08));
        writel(0x08, 12);
        assertEquals(479001600L, readl(0x08));
        writel(0x08, 13);
        assertEquals(6227020800L & 0xffffffffL, readl(0x08));
        writel(0x08, 0);
        assertEquals(1L, readl(0x08));
        writel(0x08, 0xffffffffL);
        assertEquals(0L, readl(0x08));
    }

    @Test
    void statusKeepsOnlyTheFactorialInterruptBit() {
        writel(0x20, 0xff);
        assertEquals(0x80L, readl(0x20));
        writel(0x20, 0x01);
        assertEquals(0x00L, readl(0x20));
    }

    @Test
    void factorialRaisesInterruptOneWhenAsked() {
        writel(0x08, 4);
        assertEquals(0, intx());
        writel(0x20, 0x80);
        writel(0x08, 4);
        assertEquals(24L, readl(0x08));
        assertEquals(Edu.FACT_IRQ, readl(0x24));
        assertEquals(1, intx());
        writel(0x64, 1);
        assertEquals(0L, readl(0x24));
        assertEquals(0, intx());
    }

    @Test
    void raiseAndAcknowledgeDriveIntx() {
        writel(0x60, 0x5);
        assertEquals(0x5L, readl(0x24));
        assertEquals(1, intx());
        writel(0x64, 0x1);
        assertEquals(0x4L, readl(0x24));
        assertEquals(1, intx());
        writel(0x64, 0x4);
        assertEquals(0, intx());
    }

    @Test
    void interruptsUseMsiWhenEnabled() {
        bus.configWrite(devfn, 0x44, 0x5000, 4);
        bus.configWrite(devfn, 0x48, 0, 4);
        bus.configWrite(devfn, 0x4c, 0x41, 2);
        bus.configWrite(devfn, 0x42, PciRegs.MSI_FLAGS_ENABLE, 2);
        int setsBefore = lineSets;
        writel(0x60, 0x2);
        assertEquals(0x41L, memory.load(0x5000, 4, false));
        assertEquals(setsBefore, lineSets);
        memory.store(0x5000, 4, 0, false);
        writel(0x60, 0x2); // every raise sends a message
        assertEquals(0x41L, memory.load(0x5000, 4, false));
        writel(0x64, 0x2);
        assertEquals(0L, readl(0x24));
        assertEquals(0, intx());
    }

    private void fillRam(long addr, int len, int seed) {
        for (int i = 0; i < len; i++) {
            memory.store(addr + i, 1, (seed + i * 7) & 0xff, false);
        }
    }

    private void assertRam(long addr, int len, int seed) {
        for (int i = 0; i < len; i++) {
            assertEquals((seed + i * 7) & 0xff, memory.load(addr + i, 1, false), "byte " + i);
        }
    }

    private void startDma(long src, long dst, long count, long cmd) {
        writel(0x80, src);
        writel(0x88, dst);
        writel(0x90, count);
        writel(0x98, cmd);
    }

    @Test
    void dmaHappensOnlyWhenTheHundredMillisecondTimerFires() {
        fillRam(0x10000, 100, 3);
        startDma(0x10000, 0x40000, 100, 1);
        assertEquals(1L, readl(0x98));
        clock.warpTo(100 * MS - 1);
        assertEquals(1L, readl(0x98));
        clock.warpTo(100 * MS);
        assertEquals(0L, readl(0x98));

        startDma(0x40000, 0x20000 + 100, 100, 3);
        clock.warpTo(150 * MS);
        assertEquals(0L, memory.load(0x20000 + 100, 1, false));
        clock.warpTo(200 * MS);
        assertRam(0x20000 + 100, 100, 3);
        assertEquals(0L, readl(0x24)); // no interrupt without command bit 2
    }

    @Test
    void dmaRaisesInterrupt0x100WhenAsked() {
        startDma(0x10000, 0x40000, 16, 1 | 4);
        clock.warpTo(100 * MS);
        assertEquals(0x100L, readl(0x24));
        assertEquals(1, intx());
        assertEquals(4L, readl(0x98));
    }

    @Test
    void dmaDeadlineCountsWholeMilliseconds() {
        clock.warpTo(1_500_000L);
        startDma(0x10000, 0x40000, 4, 1);
        clock.warpTo(101 * MS - 1);
        assertEquals(1L, readl(0x98));
        clock.warpTo(101 * MS);
        assertEquals(0L, readl(0x98));
    }

    @Test
    void dmaRegistersAreLockedWhileRunning() {
        startDma(0x10000, 0x40000, 4, 1);
        writel(0x80, 0x30000);
        writel(0x98, 3);
        assertEquals(0x10000L, readl(0x80));
        assertEquals(1L, readl(0x98));
    }

    @Test
    void commandWithoutRunBitIsIgnored() {
        writel(0x98, 0x6);
        assertEquals(0L, readl(0x98));
        assertEquals(-1L, clock.nextDeadline());
    }

    @Test
    void dmaRegistersTakeEightByteAccesses() {
        memory.store(BAR + 0x80, 8, 0x1_2345_6789L, false);
        assertEquals(0x1_2345_6789L, memory.load(BAR + 0x80, 8, false));
        assertEquals(0x2345_6789L, readl(0x80));
    }

    @Test
    void dmaAddressesAreMaskedTo28Bits() {
        fillRam(0x10000, 8, 9);
        startDma(0x1001_0000L, 0x40000, 8, 1);
        clock.warpTo(100 * MS);
        startDma(0x40000, 0x3002_0000L, 8, 3);
        clock.warpTo(200 * MS);
        assertRam(0x0002_0000L, 8, 9);
    }

    @Test
    void fullBufferTransferIsInRange() {
        fillRam(0x100000, 4096, 1);
        startDma(0x100000, 0x40000, 4096, 1);
        clock.warpTo(100 * MS);
        startDma(0x40000, 0x200000, 4096, 3);
        clock.warpTo(200 * MS);
        assertRam(0x200000, 4096, 1);
    }

    @Test
    void outOfRangeDmaIsDroppedWithOneLineOnStderr() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            fillRam(0x10000, 0x200, 5);
            startDma(0x10000, 0x40f00, 0x200, 1 | 4);
            clock.warpTo(100 * MS);
        } finally {
            System.setErr(err);
        }
        assertEquals(4L, readl(0x98)); // running bit cleared, the rest kept
        assertEquals(0L, readl(0x24));
        String out = captured.toString();
        assertTrue(out.contains("out of bounds"), out);
        assertEquals(1, out.lines().count());
        startDma(0x40f00, 0x30000, 0x100, 3); // the buffer was not written
        clock.warpTo(200 * MS);
        assertEquals(0L, memory.load(0x30000, 8, false));
    }

    @Test
    void dmaWithoutBusMasterMovesNoData() {
        fillRam(0x10000, 8, 2);
        bus.configWrite(devfn, PciRegs.COMMAND, PciRegs.COMMAND_MEMORY, 2);
        startDma(0x10000, 0x40000, 8, 1);
        clock.warpTo(100 * MS);
        bus.configWrite(devfn, PciRegs.COMMAND, PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER, 2);
        startDma(0x40000, 0x20000, 8, 3);
        fillRam(0x20000, 8, 2);
        clock.warpTo(200 * MS);
        assertEquals(0L, memory.load(0x20000, 8, false)); // zeros read while mastering was off
    }

    @Test
    void resetIsTheGenericPciResetOnly() {
        writel(0x04, 0);
        writel(0x60, 0x8);
        bus.configWrite(devfn, 0x42, PciRegs.MSI_FLAGS_ENABLE, 2);
        edu.reset();
        assertEquals(0L, bus.configRead(devfn, PciRegs.COMMAND, 2));
        assertEquals(0L, bus.configRead(devfn, 0x10, 4));
        assertEquals(0x0080L, bus.configRead(devfn, 0x42, 2));
        assertEquals(0, intx());
        bus.configWrite(devfn, 0x10, BAR, 4);
        bus.configWrite(devfn, PciRegs.COMMAND, PciRegs.COMMAND_MEMORY, 2);
        assertEquals(0xffffffffL, readl(0x04));
        assertEquals(0x8L, readl(0x24));
    }
}
