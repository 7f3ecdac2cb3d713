package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.virtio.DescChain;
import io.qtestjvm.qos.libqos.virtio.QVirtQueue;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.UsedElem;
import io.qtestjvm.qos.libqos.virtio.VirtioPciNode;
import io.qtestjvm.qos.libqos.virtio.VirtioSpec;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosAllocator;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;

/**
 * tests/qtest/virtio-test.c ({@code nop} on {@code virtio}: the node can be built and started) and
 * virtio-rng-test.c ({@code hotplug} on {@code virtio-rng-pci}), with QEMU's names; plus {@code nop} and
 * {@code entropy} on {@code virtio-rng} (ours: one 64-byte writable buffer on the request queue, 5.4.6, comes back
 * used with some bytes in it).
 */
public final class VirtioTests {
    private VirtioTests() {
    }

    public static void register(QosGraph<QTestState> graph) {
        graph.addTest("nop", "virtio", (obj, arg, alloc) -> {
        }, QosTestOptions.none());
        graph.addTest("hotplug", "virtio-rng-pci", (obj, arg, alloc) ->
                VirtioHotplug.plugAndUnplug(((VirtioPciNode) obj).pci(), "virtio-rng-pci", "rng1", "",
                        VirtioSpec.ID_RNG), QosTestOptions.none());
        graph.addTest("nop", "virtio-rng", (obj, arg, alloc) -> {
        }, QosTestOptions.none());
        graph.addTest("entropy", "virtio-rng", (Object obj, Object arg, QosAllocator alloc) ->
                entropy((QVirtioDevice) obj, (GuestAllocator) alloc), QosTestOptions.needsVirtualTime(
                "QEMU hands entropy to virtio-rng only while the VM runs (under -S the buffer stays pending)"));
    }

    static void entropy(QVirtioDevice dev, GuestAllocator alloc) {
        dev.setFeatures(dev.deviceFeatures() & ~(VirtioSpec.F_BAD_FEATURE | VirtioSpec.F_EVENT_IDX
                | VirtioSpec.F_INDIRECT_DESC | VirtioSpec.F_RING_PACKED));
        QVirtQueue vq = dev.setupQueue(alloc, 0);
        dev.driverOk();
        long buf = alloc.alloc(64);
        dev.qts().memset(buf, 0, 64);
        int head = vq.add(DescChain.builder().writable(buf, 64));
        vq.kick();
        UsedElem e = dev.waitUsed(vq, head);
        Check.isTrue(e.len() > 0 && e.len() <= 64, "used length " + e.len() + " in 1..64");
        dev.cleanupQueue(vq);
    }
}
