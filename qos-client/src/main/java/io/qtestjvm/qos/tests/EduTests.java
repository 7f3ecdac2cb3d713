package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.edu.EduDevice;
import io.qtestjvm.qos.libqos.edu.EduRegs;
import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.pci.PciConfig;
import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

/**
 * Graph tests of QEMU's {@code edu} device (hw/misc/edu.c, docs/specs/edu.rst) on the {@code edu} interface: every
 * behaviour of the device, each as {@code edu-tests/<name>}. The interrupt tests follow INTx on pc: edu at 04.0
 * pin A is routed by PIIX3 to PIRQD ((slot - 1 + pin) & 3, hw/isa/piix3.c), whose ISA IRQ is PIIX3 config 0x63;
 * the line is watched at the IOAPIC with {@code irq_intercept_in}. The DMA tests move the virtual clock (the
 * engine runs on a 100 ms timer) and say so. edu has no reset handler, so its interrupt status and status bits
 * survive the {@code system_reset} between tests that share a machine: each test leaves them as it found them.
 */
public final class EduTests {
    private static final int PIIX3_DEVFN = QPciAddress.devfn(1, 0);
    private static final int PIIX3_PIRQD_ROUTE = 0x63;
    private static final int ISA_IRQ = 11;
    /** edu's default {@code dma_mask} (docs/specs/edu.rst: 28 bits). */
    private static final long EDU_DMA_MASK = (1L << 28) - 1;
    private static final String DMA_TIMER = "edu DMA completes on a 100 ms virtual-clock timer";

    private EduTests() {
    }

    @FunctionalInterface
    private interface EduTest {
        void run(EduDevice edu, GuestAllocator alloc);
    }

    public static void register(QosGraph<QTestState> graph) {
        add(graph, "config", EduTests::configSpaceShowsEdusIdentity, QosTestOptions.none());
        add(graph, "identification", EduTests::identificationIsReadOnly, QosTestOptions.none());
        add(graph, "liveness", EduTests::livenessInvertsTheWrittenValue, QosTestOptions.none());
        add(graph, "narrow-access", EduTests::narrowAccessesBelow0x80DoNothing, QosTestOptions.none());
        add(graph, "factorial", EduTests::factorialClearsTheComputingBitWhenDone, QosTestOptions.none());
        add(graph, "factorial-irq", EduTests::factorialRaisesInterrupt1WhenAsked, QosTestOptions.none());
        add(graph, "intx", EduTests::raisedInterruptReachesTheIoapicThroughPiix3, QosTestOptions.none());
        add(graph, "intx-disable", EduTests::interruptDisableKeepsTheLineLow, QosTestOptions.none());
        add(graph, "msi", EduTests::msiMessageIsWrittenToItsAddress, QosTestOptions.none());
        add(graph, "dma", EduTests::dmaBothWaysCompletesAfter100Ms, QosTestOptions.needsVirtualTime(DMA_TIMER));
        add(graph, "dma-irq", EduTests::dmaCompletionRaisesInterrupt0x100,
                QosTestOptions.needsVirtualTime(DMA_TIMER));
        add(graph, "dma-out-of-buffer", EduTests::dmaOutsideTheBufferIsDropped,
                QosTestOptions.needsVirtualTime(DMA_TIMER + "; QEMU 7.2 aborts on this DMA"));
    }

    private static void add(QosGraph<QTestState> graph, String name, EduTest test, QosTestOptions opts) {
        graph.addTest(name, EduDevice.INTERFACE, (Object obj, Object arg, QosAllocator alloc) -> {
            EduDevice edu = (EduDevice) obj;
            // edu's registers are target-endian in QEMU and its interrupt is wired through pc's PIIX3 and IOAPIC
            NotApplicable.unless(!edu.pci().bus().qts().bigEndian() && !edu.pci().bus().dmaTranslated(),
                    "edu tests need a little-endian pc-like machine (edu registers are target-endian in QEMU)");
            test.run(edu, (GuestAllocator) alloc);
        }, opts);
    }

    static void configSpaceShowsEdusIdentity(EduDevice edu, GuestAllocator alloc) {
        QPciDevice pci = edu.pci();
        Check.equal(EduRegs.DEVICE_ID << 16 | EduRegs.VENDOR_ID, pci.configReadl(PciConfig.VENDOR_ID), "IDs");
        Check.equal(EduRegs.REVISION, pci.configReadb(PciConfig.REVISION_ID), "revision");
        Check.equal(EduRegs.CLASS, pci.configReadw(PciConfig.CLASS_DEVICE), "class");
        Check.equal(1, pci.configReadb(PciConfig.INTERRUPT_PIN), "interrupt pin A");
        Check.isTrue(pci.findCapability(PciConfig.CAP_ID_MSI) != 0, "edu has an MSI capability");
        Check.equal(0, pci.findCapability(PciConfig.CAP_ID_MSIX), "edu has no MSI-X capability");
        Check.equal(EduRegs.BAR0_SIZE, edu.bar0().size(), "BAR0 size");
        Check.isTrue(!edu.bar0().io(), "BAR0 is memory");
        Check.equal(PciConfig.COMMAND_IO | PciConfig.COMMAND_MEMORY | PciConfig.COMMAND_MASTER,
                pci.configReadw(PciConfig.COMMAND) & 0x7, "start_hw enabled the function");
    }

    static void identificationIsReadOnly(EduDevice edu, GuestAllocator alloc) {
        Check.equal(EduRegs.ID_VALUE, edu.read(EduRegs.ID), "identification");
        edu.write(EduRegs.ID, 0xffff);
        Check.equal(EduRegs.ID_VALUE, edu.read(EduRegs.ID), "identification after a write");
    }

    static void livenessInvertsTheWrittenValue(EduDevice edu, GuestAllocator alloc) {
        edu.write(EduRegs.LIVENESS, 0x1234_5678);
        Check.equal(~0x1234_5678 & 0xffff_ffffL, edu.read(EduRegs.LIVENESS) & 0xffff_ffffL, "liveness");
        edu.write(EduRegs.LIVENESS, 0);
        Check.equal(0xffff_ffffL, edu.read(EduRegs.LIVENESS) & 0xffff_ffffL, "liveness of 0");
    }

    /** edu's ops accept 4 and 8 bytes only (valid.min_access_size 4): narrower accesses are refused. */
    static void narrowAccessesBelow0x80DoNothing(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = edu.qts();
        long bar = edu.bar0().addr();
        edu.write(EduRegs.LIVENESS, 0x0f0f_0f0f);
        qts.writew(bar + EduRegs.LIVENESS, 0x1111);
        Check.equal(~0x0f0f_0f0f & 0xffff_ffffL, edu.read(EduRegs.LIVENESS) & 0xffff_ffffL,
                "liveness after a 2-byte write");
        Check.equal(0, qts.readw(bar + EduRegs.ID), "a refused 2-byte read");
    }

    static void factorialClearsTheComputingBitWhenDone(EduDevice edu, GuestAllocator alloc) {
        edu.write(EduRegs.FACTORIAL, 12);
        Check.equal(479_001_600, waitFactorial(edu), "12!");
        edu.write(EduRegs.FACTORIAL, 0);
        Check.equal(1, waitFactorial(edu), "0!");
        Check.equal(0, edu.read(EduRegs.IRQ_STATUS), "no interrupt without status bit 0x80");
    }

    static void factorialRaisesInterrupt1WhenAsked(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = routeIntx(edu);
        edu.write(EduRegs.STATUS, EduRegs.STATUS_IRQFACT);
        Check.equal(EduRegs.STATUS_IRQFACT, edu.read(EduRegs.STATUS), "status with only the interrupt bit");
        edu.write(EduRegs.FACTORIAL, 5);
        Check.equal(120, waitFactorial(edu), "5!");
        // QEMU's thread clears the computing bit before it raises the interrupt: wait for that too
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (edu.read(EduRegs.IRQ_STATUS) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Check.equal(EduRegs.FACT_IRQ, edu.read(EduRegs.IRQ_STATUS), "interrupt status after the factorial");
        Check.isTrue(qts.getIrq(ISA_IRQ), "INTx raised by the finished factorial");
        edu.write(EduRegs.IRQ_ACK, EduRegs.FACT_IRQ);
        Check.isTrue(!qts.getIrq(ISA_IRQ), "INTx lowered by the acknowledgement");
        // edu has no reset handler (hw/misc/edu.c): the bit would survive system_reset into the next test
        edu.write(EduRegs.STATUS, 0);
        Check.equal(0, edu.read(EduRegs.STATUS), "status after clearing the interrupt bit");
    }

    static void raisedInterruptReachesTheIoapicThroughPiix3(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = routeIntx(edu);
        Check.isTrue(!qts.getIrq(ISA_IRQ), "IRQ 11 low before the raise");
        edu.write(EduRegs.IRQ_RAISE, 0x5);
        Check.equal(0x5, edu.read(EduRegs.IRQ_STATUS), "interrupt status");
        Check.isTrue(qts.getIrq(ISA_IRQ), "INTx through PIRQD to ISA IRQ 11");
        Check.equal(PciConfig.STATUS_INTERRUPT, edu.pci().configReadw(PciConfig.STATUS) & PciConfig.STATUS_INTERRUPT,
                "PCI status: interrupt pending");
        edu.write(EduRegs.IRQ_ACK, 0x1);
        Check.equal(0x4, edu.read(EduRegs.IRQ_STATUS), "status after acknowledging 0x1");
        Check.isTrue(qts.getIrq(ISA_IRQ), "still raised while a status bit is set");
        edu.write(EduRegs.IRQ_ACK, 0x4);
        Check.equal(0, edu.read(EduRegs.IRQ_STATUS), "status after acknowledging 0x4");
        Check.isTrue(!qts.getIrq(ISA_IRQ), "lowered once everything is acknowledged");
        Check.equal(0, edu.pci().configReadw(PciConfig.STATUS) & PciConfig.STATUS_INTERRUPT,
                "PCI status: no interrupt pending");
    }

    static void interruptDisableKeepsTheLineLow(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = routeIntx(edu);
        QPciDevice pci = edu.pci();
        pci.configWritew(PciConfig.COMMAND, pci.configReadw(PciConfig.COMMAND) | PciConfig.COMMAND_INTX_DISABLE);
        edu.write(EduRegs.IRQ_RAISE, 0x1);
        Check.isTrue(!qts.getIrq(ISA_IRQ), "no INTx while Interrupt Disable is set");
        pci.configWritew(PciConfig.COMMAND, pci.configReadw(PciConfig.COMMAND) & ~PciConfig.COMMAND_INTX_DISABLE);
        Check.isTrue(qts.getIrq(ISA_IRQ), "re-enabling INTx delivers the pending level");
        edu.write(EduRegs.IRQ_ACK, 0x1);
        Check.isTrue(!qts.getIrq(ISA_IRQ), "lowered by the acknowledgement");
    }

    /** With MSI enabled edu writes the message data to the message address instead of raising INTx. */
    static void msiMessageIsWrittenToItsAddress(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = routeIntx(edu);
        QPciDevice pci = edu.pci();
        int cap = pci.findCapability(PciConfig.CAP_ID_MSI);
        Check.isTrue(cap != 0, "MSI capability");
        int flags = pci.configReadw(cap + 2);
        Check.isTrue((flags & 0x80) != 0, "64-bit MSI");
        long target = alloc.alloc(4);
        qts.writel(target, 0);
        pci.configWritel(cap + 4, (int) target);
        pci.configWritel(cap + 8, (int) (target >>> 32));
        pci.configWritew(cap + 12, 0x4321);
        pci.configWritew(cap + 2, flags | 1);
        edu.write(EduRegs.IRQ_RAISE, 0x1);
        Check.equal(0x4321, qts.readl(target), "MSI data written by the device");
        Check.isTrue(!qts.getIrq(ISA_IRQ), "no INTx while MSI is enabled");
        // irq_status survives system_reset (edu has no reset handler): acknowledge for the next test
        edu.write(EduRegs.IRQ_ACK, 0x1);
        Check.equal(0, edu.read(EduRegs.IRQ_STATUS), "status after the acknowledgement");
        alloc.free(target);
    }

    static void dmaBothWaysCompletesAfter100Ms(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = edu.qts();
        byte[] pattern = new byte[256];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 7 + 3);
        }
        long src = alloc.alloc(pattern.length);
        long dst = alloc.alloc(pattern.length);
        dmaReaches(dst + pattern.length - 1);
        qts.memwrite(src, pattern);
        qts.memset(dst, 0, pattern.length);
        startDma(edu, src, EduRegs.DMA_BUFFER, pattern.length, 0);
        Check.equal(EduRegs.DMA_CMD_START, edu.read(EduRegs.DMA_CMD) & 1, "running until the timer fires");
        qts.clockStep(EduRegs.DMA_DELAY_NS - 1_000_000);
        Check.equal(EduRegs.DMA_CMD_START, edu.read(EduRegs.DMA_CMD) & 1, "still running after 99 ms");
        qts.clockStep(1_000_000);
        Check.equal(0, edu.read(EduRegs.DMA_CMD) & 1, "done after 100 ms");

        startDma(edu, EduRegs.DMA_BUFFER, dst, pattern.length, EduRegs.DMA_CMD_TO_RAM);
        Check.equalBytes(new byte[pattern.length], qts.memread(dst, pattern.length), "RAM before the timer");
        qts.clockStep(EduRegs.DMA_DELAY_NS);
        Check.equalBytes(pattern, qts.memread(dst, pattern.length), "RAM after the round trip");
        Check.equal(0, edu.read(EduRegs.IRQ_STATUS), "no interrupt without command bit 0x4");
        alloc.free(dst);
        alloc.free(src);
    }

    static void dmaCompletionRaisesInterrupt0x100(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = routeIntx(edu);
        long src = alloc.alloc(16);
        startDma(edu, src, EduRegs.DMA_BUFFER, 16, EduRegs.DMA_CMD_IRQ);
        Check.isTrue(!qts.getIrq(ISA_IRQ), "no interrupt before the timer");
        qts.clockStep(EduRegs.DMA_DELAY_NS);
        Check.equal(EduRegs.DMA_IRQ, edu.read(EduRegs.IRQ_STATUS), "interrupt status after the DMA");
        Check.isTrue(qts.getIrq(ISA_IRQ), "INTx raised by the DMA completion");
        edu.write(EduRegs.IRQ_ACK, EduRegs.DMA_IRQ);
        Check.isTrue(!qts.getIrq(ISA_IRQ), "lowered by the acknowledgement");
        alloc.free(src);
    }

    /** A transfer reaching past the 4 KiB buffer is dropped: no RAM write, the machine goes on. */
    static void dmaOutsideTheBufferIsDropped(EduDevice edu, GuestAllocator alloc) {
        QTestState qts = edu.qts();
        long dst = alloc.alloc(16);
        qts.memset(dst, 0x5a, 16);
        startDma(edu, EduRegs.DMA_BUFFER + EduRegs.DMA_BUFFER_SIZE - 8, dst, 16, EduRegs.DMA_CMD_TO_RAM);
        qts.clockStep(EduRegs.DMA_DELAY_NS);
        Check.equal(0, edu.read(EduRegs.DMA_CMD) & 1, "the transfer is over");
        Check.equalBytes(new byte[] {0x5a, 0x5a, 0x5a, 0x5a}, qts.memread(dst, 4), "RAM untouched");
        Check.equal(EduRegs.ID_VALUE, edu.read(EduRegs.ID), "the device still answers");
        alloc.free(dst);
    }

    private static void startDma(EduDevice edu, long src, long dst, long count, int flags) {
        edu.write64(EduRegs.DMA_SRC, src);
        edu.write64(EduRegs.DMA_DST, dst);
        edu.write64(EduRegs.DMA_COUNT, count);
        edu.write64(EduRegs.DMA_CMD, EduRegs.DMA_CMD_START | flags);
    }

    /**
     * PIIX3 PIRQD to ISA IRQ 11 and the IOAPIC's inputs intercepted; not applicable on a bus without PIIX3 and an
     * IOAPIC (the generic PCIe bus of arm's virt, whose INTx goes to GIC SPIs).
     */
    private static QTestState routeIntx(EduDevice edu) {
        NotApplicable.unless(edu.pci().bus() instanceof PciBusPc, "INTx is followed through pc's PIIX3 and IOAPIC, "
                + "which " + edu.pci().bus() + " does not have");
        edu.pci().bus().configWriteb(PIIX3_DEVFN, PIIX3_PIRQD_ROUTE, ISA_IRQ);
        QTestState qts = edu.qts();
        qts.irqInterceptIn("ioapic");
        return qts;
    }

    /**
     * edu clamps DMA addresses to its {@code dma_mask} (28 bits by default): guest RAM above 256 MiB (arm's virt
     * starts RAM at 1 GiB) is out of its reach, and QEMU's edu would move the bytes elsewhere.
     */
    private static void dmaReaches(long lastAddress) {
        NotApplicable.unless(Long.compareUnsigned(lastAddress, EDU_DMA_MASK) <= 0, String.format("edu's DMA mask "
                + "0x%x does not reach the allocator's RAM at 0x%x", EDU_DMA_MASK, lastAddress));
    }

    /** QEMU computes in a thread: poll the computing bit (bounded) before reading the result. */
    private static int waitFactorial(EduDevice edu) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((edu.read(EduRegs.STATUS) & EduRegs.STATUS_COMPUTING) != 0) {
            Check.isTrue(System.nanoTime() < deadline, "factorial still computing after 5 s");
            Thread.onSpinWait();
        }
        return edu.read(EduRegs.FACTORIAL);
    }
}
