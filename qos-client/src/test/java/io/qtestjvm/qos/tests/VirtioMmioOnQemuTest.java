package io.qtestjvm.qos.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.VirtioMmio;
import io.qtestjvm.qos.libqos.virtio.VirtioSpec;
import io.qtestjvm.qos.libqtest.QTestState;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtio-mmio driver ({@link VirtioMmio}, virtio 1.2 4.2) against Debian's {@code qemu-system-arm -M virt}
 * before this project has an {@code arm/virt} machine node: the first {@code -device virtio-*-device} sits in the
 * top transport at 0x0a003e00, version 1 (legacy) by default and version 2 with
 * {@code -global virtio-mmio.force-legacy=false}. The virtio-blk graph tests' bodies run on both; the graph paths
 * through {@code arm/virt} take over when that node lands (and run on {@code [jvm]} then).
 */
class VirtioMmioOnQemuTest {
    static final long TOP_TRANSPORT = 0x0a00_3e00L;
    static final long RAM = 0x4000_0000L;

    @TempDir
    Path tmp;

    private QTestState start(String extra) throws IOException {
        Path img = tmp.resolve("disk.img");
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(VirtioBlkTests.IMAGE_SIZE);
        }
        String args = "-M virt -m 512M" + VirtioBlkTests.DRIVES.formatted(img)
                + " -device virtio-blk-device,drive=drive0" + extra;
        return new QTestState(Backend.QEMU.start("arm", args, "7.2"));
    }

    private static QVirtioDevice device(QTestState qts, int version) {
        VirtioMmio mmio = new VirtioMmio(qts, new GuestAllocator(RAM, RAM + (512L << 20), 4096), TOP_TRANSPORT,
                4096);
        assertEquals(version, mmio.version(), "transport version");
        assertEquals(VirtioSpec.ID_BLOCK, mmio.deviceType(), "device ID");
        QVirtioDevice dev = new QVirtioDevice(mmio);
        dev.start();
        return dev;
    }

    private static GuestAllocator alloc() {
        return new GuestAllocator(RAM, RAM + (512L << 20), 4096);
    }

    @Test
    void legacyTransportServesBasicIndirectAndConfig() throws IOException {
        try (QTestState qts = start("")) {
            VirtioBlkTests.basic(device(qts, 1), alloc(), false);
            VirtioBlkTests.indirect(device(qts, 1), alloc(), false);
            VirtioBlkTests.config(device(qts, 1), alloc());
        }
    }

    @Test
    void version2TransportServesSplitAndPackedRings() throws IOException {
        try (QTestState qts = start(" -global virtio-mmio.force-legacy=false")) {
            VirtioBlkTests.basic(device(qts, 2), alloc(), false);
            VirtioBlkTests.resize(device(qts, 2), alloc());
        }
        try (QTestState qts = start(" -global virtio-mmio.force-legacy=false -global virtio-blk-device.packed=on")) {
            VirtioBlkTests.basic(device(qts, 2), alloc(), true);
            VirtioBlkTests.indirect(device(qts, 2), alloc(), true);
        }
    }

}
