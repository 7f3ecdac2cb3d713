package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.iommu.QIommuTestdev;
import io.qtestjvm.qos.libqos.iommu.QSmmuTestdev;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

import java.util.function.BiConsumer;

/**
 * Graph tests of the IOMMU DMA engines without an IOMMU (identity): {@code iommu-testdev-tests/<name>} on every
 * machine with a PCI bus, {@code smmu-testdev-tests/<name>} where the RFC's device exists (arm). They pin the
 * register protocol and result codes; translation through an SMMU comes with the SMMUv3 helpers. Neither device is
 * in Debian's QEMU 7.2 (nor in any QEMU for smmu-testdev), so these paths exist only on [jvm]/[jvm-process] under
 * the default compat; discovery leaves them out elsewhere.
 */
public final class IommuTestdevTests {
    private IommuTestdevTests() {
    }

    public static void register(QosGraph<QTestState> graph) {
        addIommu(graph, "dma", IommuTestdevTests::identityDmaWritesThePatternAndChecksIt);
        addIommu(graph, "not-armed", IommuTestdevTests::triggerWithoutArmingIsNotArmed);
        addIommu(graph, "bad-len", IommuTestdevTests::zeroLengthIsBadLength);
        addIommu(graph, "bad-attrs", IommuTestdevTests::disagreeingAttributesAreRefused);
        addIommu(graph, "mismatch", IommuTestdevTests::readbackElsewhereIsAMismatch);
        addIommu(graph, "disarm", IommuTestdevTests::disarmingReportsIdle);
        addSmmu(graph, "dma-write", IommuTestdevTests::smmuTestdevWritesTheCountingPattern);
        addSmmu(graph, "dma-read", IommuTestdevTests::smmuTestdevReadsWithoutWriting);
        addSmmu(graph, "bad-len", IommuTestdevTests::smmuTestdevRefusesLengthsAbove64KiB);
    }

    private static void addIommu(QosGraph<QTestState> graph, String name, BiConsumer<QIommuTestdev, GuestAllocator> t) {
        graph.addTest(name, QIommuTestdev.INTERFACE, (Object obj, Object arg, QosAllocator alloc) ->
                t.accept((QIommuTestdev) obj, (GuestAllocator) alloc), QosTestOptions.none());
    }

    private static void addSmmu(QosGraph<QTestState> graph, String name, BiConsumer<QSmmuTestdev, GuestAllocator> t) {
        graph.addTest(name, QSmmuTestdev.INTERFACE, (Object obj, Object arg, QosAllocator alloc) ->
                t.accept((QSmmuTestdev) obj, (GuestAllocator) alloc), QosTestOptions.none());
    }

    static void identityDmaWritesThePatternAndChecksIt(QIommuTestdev d, GuestAllocator alloc) {
        long buf = alloc.alloc(64);
        d.qts().memset(buf, 0, 64);
        Check.equal(QIommuTestdev.RESULT_OK, d.runDma(buf, buf, 6, QIommuTestdev.ATTRS_NS_VALID), "RESULT");
        Check.equalBytes(new byte[] {0x78, 0x56, 0x34, 0x12, 0x78, 0x56, 0}, d.qts().memread(buf, 7), "pattern");
        alloc.free(buf);
    }

    static void triggerWithoutArmingIsNotArmed(QIommuTestdev d, GuestAllocator alloc) {
        Check.equal(0, d.trigger(), "TRIGGERING reads 0");
        Check.equal(QIommuTestdev.ERR_NOT_ARMED, d.result(), "RESULT");
    }

    static void zeroLengthIsBadLength(QIommuTestdev d, GuestAllocator alloc) {
        long buf = alloc.alloc(16);
        Check.equal(QIommuTestdev.ERR_BAD_LEN, d.runDma(buf, buf, 0, QIommuTestdev.ATTRS_NS_VALID), "RESULT");
        alloc.free(buf);
    }

    static void disagreeingAttributesAreRefused(QIommuTestdev d, GuestAllocator alloc) {
        long buf = alloc.alloc(16);
        Check.equal(QIommuTestdev.ERR_BAD_ATTRS, d.runDma(buf, buf, 4, QIommuTestdev.ATTRS_NS_VALID | 1),
                "secure bit with the Non-secure space");
        alloc.free(buf);
    }

    static void readbackElsewhereIsAMismatch(QIommuTestdev d, GuestAllocator alloc) {
        long buf = alloc.alloc(64);
        d.qts().memset(buf, 0, 64);
        Check.equal(QIommuTestdev.ERR_MISMATCH, d.runDma(buf, buf + 32, 8, QIommuTestdev.ATTRS_NS_VALID),
                "RESULT");
        alloc.free(buf);
    }

    static void disarmingReportsIdle(QIommuTestdev d, GuestAllocator alloc) {
        d.arm();
        Check.equal(QIommuTestdev.RESULT_BUSY, d.result(), "armed");
        d.disarm();
        Check.equal(QIommuTestdev.RESULT_IDLE, d.result(), "disarmed");
        d.trigger();
        Check.equal(QIommuTestdev.ERR_NOT_ARMED, d.result(), "nothing to run");
    }

    static void smmuTestdevWritesTheCountingPattern(QSmmuTestdev d, GuestAllocator alloc) {
        long buf = alloc.alloc(64);
        d.qts().memset(buf, 0, 64);
        Check.equal(0, d.runDma(buf, 33, QSmmuTestdev.DIR_DEVICE_TO_HOST), "RESULT");
        byte[] got = d.qts().memread(buf, 34);
        for (int i = 0; i < 33; i++) {
            Check.equal(0xa0 + (i & 0x1f), got[i] & 0xff, "byte " + i);
        }
        Check.equal(0, got[33], "nothing past the length");
        alloc.free(buf);
    }

    static void smmuTestdevReadsWithoutWriting(QSmmuTestdev d, GuestAllocator alloc) {
        long buf = alloc.alloc(16);
        d.qts().writel(buf, 0x5a5a5a5a);
        Check.equal(0, d.runDma(buf, 4, QSmmuTestdev.DIR_HOST_TO_DEVICE), "RESULT");
        Check.equal(0x5a5a5a5a, d.qts().readl(buf), "memory unchanged");
        alloc.free(buf);
    }

    static void smmuTestdevRefusesLengthsAbove64KiB(QSmmuTestdev d, GuestAllocator alloc) {
        long buf = alloc.alloc(16);
        Check.equal(QSmmuTestdev.ERR_BAD_LEN, d.runDma(buf, 0x10001, QSmmuTestdev.DIR_DEVICE_TO_HOST), "RESULT");
        Check.equal(QSmmuTestdev.ERR_BAD_LEN, d.runDma(buf, 0, QSmmuTestdev.DIR_DEVICE_TO_HOST), "RESULT");
        alloc.free(buf);
    }
}
