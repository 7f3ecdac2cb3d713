package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.VirtioMmio;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code -global DRIVER.PROP=VALUE} on devices, as Debian's QEMU 7.2 applies it (checked side by side here): the
 * value is every new device's default for that property when the device's type is DRIVER or derives from it, a
 * device's own property wins, and devices plugged later with {@code device_add} take it too. (The errors of a global
 * a device cannot take are in {@code BadCommandLineTest}.)
 */
class GlobalDevicePropertyTest {
    @TempDir
    Path tmp;

    private static Object qomGet(QTestState qts, String path, String property) {
        Map<String, Object> r = qts.qmp("{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"" + path
                + "\", \"property\": \"" + property + "\"}}");
        return r.get("return");
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void aGlobalIsTheDefaultOfEveryNewDeviceOfItsTypeAndAnOwnPropertyWins(Backend b) {
        try (QTestState qts = new QTestState(b.start("x86_64", "-M pc -global edu.dma_mask=0xffffffff"
                + " -device edu,id=e0 -device edu,id=e1,dma_mask=4095", "7.2"))) {
            assertEquals(0xffff_ffffL, ((Number) qomGet(qts, "/machine/peripheral/e0", "dma_mask")).longValue(),
                    "the global");
            assertEquals(4095L, ((Number) qomGet(qts, "/machine/peripheral/e1", "dma_mask")).longValue(),
                    "the device's own property");
            Map<String, Object> r = qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"edu\", "
                    + "\"id\": \"e2\"}}");
            assertEquals(Map.of(), r.get("return"), "device_add: " + r);
            assertEquals(0xffff_ffffL, ((Number) qomGet(qts, "/machine/peripheral/e2", "dma_mask")).longValue(),
                    "device_add takes it too");
        }
    }

    /**
     * {@code -global virtio-mmio.force-legacy=false -global virtio-blk-device.packed=on}: virt's top transport is
     * version 2 and its virtio-blk-device offers and runs a packed ring (virtio-blk-test's basic and indirect).
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void aDeviceGlobalGivesVirtioMmioAPackedRing(Backend b) throws Exception {
        Path img = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(VirtioBlkTests.IMAGE_SIZE);
        }
        String args = "-M virt -m 512M" + VirtioBlkTests.DRIVES.formatted(img)
                + " -device virtio-blk-device,drive=drive0 -global virtio-mmio.force-legacy=false"
                + " -global virtio-blk-device.packed=on";
        long ram = 0x4000_0000L;
        try (QTestState qts = new QTestState(b.start("arm", args, "7.2"))) {
            for (boolean indirect : new boolean[] {false, true}) {
                VirtioMmio mmio = new VirtioMmio(qts, new GuestAllocator(ram, ram + (512L << 20), 4096),
                        0x0a00_3e00L, 4096);
                assertEquals(2, mmio.version(), "transport version");
                QVirtioDevice dev = new QVirtioDevice(mmio);
                dev.start();
                GuestAllocator alloc = new GuestAllocator(ram, ram + (512L << 20), 4096);
                if (indirect) {
                    VirtioBlkTests.indirect(dev, alloc, true);
                } else {
                    VirtioBlkTests.basic(dev, alloc, true);
                }
            }
        }
    }

    /**
     * A global aimed at the device inside a virtio-pci proxy ({@code virtio-blk-device}, its ancestor
     * {@code virtio-device}) reaches it through {@code virtio-blk-pci}: the offered features and the queue size say
     * so, alike on every backend; a global on the proxy's own alias of the same property wins over it.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void aGlobalOnTheInnerDeviceReachesItThroughTheVirtioPciProxy(Backend b) {
        String args = "-M pc -nodefaults -drive if=none,id=d0,file=null-co://,format=raw"
                + " -global virtio-blk-device.packed=on -global virtio-device.event_idx=off"
                + " -global virtio-blk-device.queue-size=128 -global virtio-blk-device.num-queues=2"
                + " -global virtio-blk-pci.num-queues=3 -device virtio-blk-pci,drive=d0,addr=04.0";
        try (QTestState qts = new QTestState(b.start("x86_64", args, "7.2"))) {
            io.qtestjvm.qos.libqos.virtio.VirtioPciNode node = new io.qtestjvm.qos.libqos.virtio.VirtioPciNode(
                    "virtio-blk-pci", "virtio-blk", io.qtestjvm.qos.libqos.virtio.VirtioSpec.ID_BLOCK,
                    new io.qtestjvm.qos.libqos.pci.PciBusPc(qts), io.qtestjvm.qos.libqos.virtio.VirtioPciNode.SLOT_4);
            node.startHw();
            QVirtioDevice dev = node.virtio();
            long f = dev.deviceFeatures();
            assertEquals(io.qtestjvm.qos.libqos.virtio.VirtioSpec.F_RING_PACKED,
                    f & io.qtestjvm.qos.libqos.virtio.VirtioSpec.F_RING_PACKED, "packed offered");
            assertEquals(0L, f & io.qtestjvm.qos.libqos.virtio.VirtioSpec.F_EVENT_IDX, "event_idx withdrawn");
            assertEquals(128, dev.bus().queueMaxSize(0), "queue size");
            // virtio 1.2 5.2.4: num_queues at offset 34 of the configuration (VIRTIO_BLK_F_MQ is offered)
            assertEquals(3, dev.bus().configReadw(34), "num-queues: the proxy's own global wins");
        }
    }
}
