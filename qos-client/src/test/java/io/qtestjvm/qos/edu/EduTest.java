package io.qtestjvm.qos.edu;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QEMU's {@code edu} device (hw/misc/edu.c, docs/specs/edu.rst) on {@code pc}, driven through qtest exactly as a
 * libqos test would: find it on the bus, enable it, map BAR0, then use its registers. Runs on every backend; the
 * DMA tests need virtual time (the engine runs on a 100 ms virtual-clock timer) and do not apply to Debian's QEMU,
 * which runs stopped ({@code -accel tcg -S}).
 */
class EduTest {
    private static final int VENDOR = 0x1234;
    private static final int DEVICE = 0x11e8;
    /** edu at 04.0, pin A: PIIX3 routes (slot - 1 + pin) & 3 = PIRQD (config 0x63). */
    private static final int EDU_DEVFN = 4 << 3;
    private static final int PIIX3_DEVFN = 1 << 3;
    private static final int ISA_IRQ = 11;
    private static final long RAM_BUF = 0x10_0000;

    private record Edu(QTestState qts, PciBusPc bus, int devfn, long bar) implements AutoCloseable {
        int read(int reg) {
            return qts.readl(bar + reg);
        }

        void write(int reg, int v) {
            qts.writel(bar + reg, v);
        }

        void write64(int reg, long v) {
            qts.writeq(bar + reg, v);
        }

        @Override
        public void close() {
            assertEquals(0, qts.quit(), "exit status after SIGTERM");
        }
    }

    private static Edu start(Backend backend) {
        QTestState qts = new QTestState(backend.start("x86_64", "-machine pc -device edu,addr=04.0", "7.2"));
        PciBusPc bus = new PciBusPc(qts);
        int devfn = bus.find(VENDOR, DEVICE);
        assertEquals(EDU_DEVFN, devfn, "edu found at 04.0");
        bus.enable(devfn);
        long bar = bus.iomap(devfn, 0);
        assertEquals(PciBusPc.MMIO_WINDOW_START, bar);
        return new Edu(qts, bus, devfn, bar);
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void configSpaceShowsEdusIdentity(Backend backend) {
        try (Edu edu = start(backend)) {
            assertEquals(0x11e81234, edu.bus.configReadl(edu.devfn, 0x00));
            assertEquals(0x10, edu.bus.configReadb(edu.devfn, 0x08), "revision");
            assertEquals(0x00ff, edu.bus.configReadw(edu.devfn, 0x0a), "class");
            assertEquals(1, edu.bus.configReadb(edu.devfn, 0x3d), "interrupt pin A");
            assertTrue(edu.bus.findCapability(edu.devfn, 0x05) != 0, "MSI capability");
            edu.bus.configWritel(edu.devfn, 0x10, 0xffff_ffff);
            assertEquals(0xfff0_0000, edu.bus.configReadl(edu.devfn, 0x10), "BAR0 is 1 MiB of 32-bit memory");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void identificationAndLiveness(Backend backend) {
        try (Edu edu = start(backend)) {
            assertEquals(0x010000ed, edu.read(0x00));
            edu.write(0x04, 0x12345678);
            assertEquals(~0x12345678, edu.read(0x04));
            edu.write(0x00, 0xffff);
            assertEquals(0x010000ed, edu.read(0x00), "identification is read-only");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void narrowAccessesBelow0x80DoNothing(Backend backend) {
        try (Edu edu = start(backend)) {
            edu.write(0x04, 0x0f0f0f0f);
            edu.qts.writew(edu.bar + 0x04, 0x1111);
            assertEquals(~0x0f0f0f0f, edu.read(0x04), "a 2-byte write is ignored");
            // edu accepts only 4- and 8-byte accesses (valid.min_access_size 4): a 2-byte read is a decode error
            assertEquals(0, edu.qts.readw(edu.bar + 0x00), "a 2-byte read is refused and reads 0");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void factorialOfTwelve(Backend backend) {
        try (Edu edu = start(backend)) {
            edu.write(0x08, 12);
            assertEquals(479001600, waitFactorial(edu));
            edu.write(0x08, 0);
            assertEquals(1, waitFactorial(edu));
        }
    }

    /** QEMU computes in a thread: poll the "computing" bit (bounded) before reading the result. */
    private static int waitFactorial(Edu edu) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((edu.read(0x20) & 1) != 0) {
            assertTrue(System.nanoTime() < deadline, "factorial still computing after 5 s");
            Thread.onSpinWait();
        }
        return edu.read(0x08);
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void raisedInterruptIsSeenAtTheIoapicThroughPiix3Routing(Backend backend) {
        try (Edu edu = start(backend)) {
            QTestState qts = edu.qts;
            edu.bus.configWriteb(PIIX3_DEVFN, 0x63, ISA_IRQ);
            qts.irqInterceptIn("ioapic");
            assertFalse(qts.getIrq(ISA_IRQ));
            edu.write(0x60, 0x5);
            assertEquals(0x5, edu.read(0x24), "interrupt status");
            assertTrue(qts.getIrq(ISA_IRQ), "INTx through PIRQD to ISA IRQ 11");
            assertEquals(0x08, edu.bus.configReadw(edu.devfn, 0x06) & 0x08, "PCI status: interrupt pending");
            edu.write(0x64, 0x1);
            assertEquals(0x4, edu.read(0x24));
            assertTrue(qts.getIrq(ISA_IRQ), "still raised while a status bit is set");
            edu.write(0x64, 0x4);
            assertEquals(0, edu.read(0x24));
            assertFalse(qts.getIrq(ISA_IRQ), "lowered once acknowledged");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void interruptDisableInCommandKeepsTheLineLow(Backend backend) {
        try (Edu edu = start(backend)) {
            QTestState qts = edu.qts;
            edu.bus.configWriteb(PIIX3_DEVFN, 0x63, ISA_IRQ);
            qts.irqInterceptIn("ioapic");
            edu.bus.configWritew(edu.devfn, 0x04, edu.bus.configReadw(edu.devfn, 0x04) | 0x400);
            edu.write(0x60, 0x1);
            assertFalse(qts.getIrq(ISA_IRQ));
            edu.bus.configWritew(edu.devfn, 0x04, edu.bus.configReadw(edu.devfn, 0x04) & ~0x400);
            assertTrue(qts.getIrq(ISA_IRQ), "re-enabling INTx delivers the pending level");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void msiMessageIsWrittenToItsAddress(Backend backend) {
        try (Edu edu = start(backend)) {
            QTestState qts = edu.qts;
            int cap = edu.bus.findCapability(edu.devfn, 0x05);
            int flags = edu.bus.configReadw(edu.devfn, cap + 2);
            assertTrue((flags & 0x80) != 0, "64-bit MSI");
            edu.bus.configWritel(edu.devfn, cap + 4, (int) RAM_BUF);
            edu.bus.configWritel(edu.devfn, cap + 8, 0);
            edu.bus.configWritew(edu.devfn, cap + 12, 0x4321);
            edu.bus.configWritew(edu.devfn, cap + 2, flags | 1);
            qts.writel(RAM_BUF, 0);
            edu.write(0x60, 0x1);
            assertEquals(0x4321, qts.readl(RAM_BUF), "MSI data written by the device");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void dmaFromRamToDeviceAndBackCompletesAfterTheTimer(Backend backend) {
        Assumptions.assumeTrue(backend.hasVirtualTime(), "needs virtual time: edu DMA runs on a 100 ms timer");
        try (Edu edu = start(backend)) {
            QTestState qts = edu.qts;
            byte[] pattern = new byte[256];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (i * 7 + 3);
            }
            qts.memwrite(RAM_BUF, pattern);
            edu.write64(0x80, RAM_BUF);
            edu.write64(0x88, 0x40000);
            edu.write64(0x90, pattern.length);
            edu.write64(0x98, 0x1);
            assertEquals(1, edu.read(0x98) & 1, "running until the timer fires");
            qts.clockStep(99_000_000);
            assertEquals(1, edu.read(0x98) & 1, "not yet after 99 ms");
            qts.clockStep(1_000_000);
            assertEquals(0, edu.read(0x98) & 1, "done after 100 ms");

            edu.write64(0x80, 0x40000);
            edu.write64(0x88, RAM_BUF + 0x1000);
            edu.write64(0x90, pattern.length);
            edu.write64(0x98, 0x1 | 0x2);
            assertArrayEquals(new byte[pattern.length], qts.memread(RAM_BUF + 0x1000, pattern.length),
                    "nothing written before the timer");
            qts.clockStep(100_000_000);
            assertArrayEquals(pattern, qts.memread(RAM_BUF + 0x1000, pattern.length));
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void dmaCompletionRaisesInterrupt0x100WhenAsked(Backend backend) {
        Assumptions.assumeTrue(backend.hasVirtualTime(), "needs virtual time: edu DMA runs on a 100 ms timer");
        try (Edu edu = start(backend)) {
            QTestState qts = edu.qts;
            edu.bus.configWriteb(PIIX3_DEVFN, 0x63, ISA_IRQ);
            qts.irqInterceptIn("ioapic");
            edu.write64(0x80, RAM_BUF);
            edu.write64(0x88, 0x40000);
            edu.write64(0x90, 16);
            edu.write64(0x98, 0x1 | 0x4);
            assertFalse(qts.getIrq(ISA_IRQ));
            qts.clockStep(100_000_000);
            assertEquals(0x100, edu.read(0x24));
            assertTrue(qts.getIrq(ISA_IRQ));
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void dmaOutsideTheBufferIsDroppedAndTheMachineLives(Backend backend) {
        Assumptions.assumeTrue(backend.hasVirtualTime(), "needs virtual time; QEMU 7.2 aborts on this DMA");
        try (Edu edu = start(backend)) {
            QTestState qts = edu.qts;
            qts.memset(RAM_BUF, 0x5a, 16);
            edu.write64(0x80, 0x40000 + 0xff8);
            edu.write64(0x88, RAM_BUF);
            edu.write64(0x90, 16);
            edu.write64(0x98, 0x1 | 0x2);
            qts.clockStep(100_000_000);
            assertEquals(0, edu.read(0x98) & 1, "the transfer is over");
            assertArrayEquals(new byte[] {0x5a, 0x5a, 0x5a, 0x5a}, qts.memread(RAM_BUF, 4), "RAM untouched");
            assertEquals(0x010000ed, edu.read(0x00));
        }
    }
}
