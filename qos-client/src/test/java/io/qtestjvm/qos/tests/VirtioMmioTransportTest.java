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

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The virtio-mmio transport (virtio 1.2 4.2) of {@code -M virt} on every backend: the first
 * {@code -device virtio-*-device} lands in the top slot (0x0a003e00), whose MagicValue, Version, DeviceID and
 * VendorID registers (4.2.2) read as on Debian's QEMU 7.2, version 1 (legacy, 4.2.4) by default and version 2 with
 * {@code -global virtio-mmio.force-legacy=false}; the next slot down takes the second device; virtio-blk requests
 * complete over both versions.
 */
class VirtioMmioTransportTest {
    static final long TOP = VirtioMmioOnQemuTest.TOP_TRANSPORT;
    static final long RAM = VirtioMmioOnQemuTest.RAM;

    @TempDir
    Path tmp;

    private QTestState start(Backend b, String extra) throws IOException {
        b.assumeAvailable("arm");
        Path img = tmp.resolve("disk.img");
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(VirtioBlkTests.IMAGE_SIZE);
        }
        String args = "-M virt -m 512M" + VirtioBlkTests.DRIVES.formatted(img)
                + " -device virtio-blk-device,drive=drive0 -device virtio-rng-device" + extra;
        return new QTestState(b.start("arm", args, "7.2"));
    }

    private static GuestAllocator alloc() {
        return new GuestAllocator(RAM, RAM + (512L << 20), 4096);
    }

    private static QVirtioDevice device(QTestState qts, long base, int version, int id) {
        VirtioMmio mmio = new VirtioMmio(qts, alloc(), base, 4096);
        assertEquals(version, mmio.version(), "transport version");
        assertEquals(id, mmio.deviceType(), "device ID");
        QVirtioDevice dev = new QVirtioDevice(mmio);
        dev.start();
        return dev;
    }

    private static void assertIdentity(QTestState qts, int version) {
        assertEquals(0x74726976L, qts.readl(TOP), "MagicValue of the top slot");
        assertEquals(version, qts.readl(TOP + 4), "Version of the top slot");
        assertEquals(VirtioSpec.ID_BLOCK, qts.readl(TOP + 8), "DeviceID: the first device is in the top slot");
        assertEquals(0x554d4551L, qts.readl(TOP + 0xc), "VendorID");
        assertEquals(4, qts.readl(TOP - 0x200 + 8), "DeviceID: the second device is one slot down");
        assertEquals(0, qts.readl(TOP - 0x400 + 8), "DeviceID of the empty slot below");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void legacyTopSlotsHoldTheDevicesAndServeBlockRequests(Backend b) throws IOException {
        try (QTestState qts = start(b, "")) {
            assertIdentity(qts, 1);
            VirtioBlkTests.basic(device(qts, TOP, 1, VirtioSpec.ID_BLOCK), alloc(), false);
            VirtioBlkTests.indirect(device(qts, TOP, 1, VirtioSpec.ID_BLOCK), alloc(), false);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void version2TopSlotsHoldTheDevicesAndServeBlockRequests(Backend b) throws IOException {
        try (QTestState qts = start(b, " -global virtio-mmio.force-legacy=false")) {
            assertIdentity(qts, 2);
            VirtioBlkTests.basic(device(qts, TOP, 2, VirtioSpec.ID_BLOCK), alloc(), false);
            VirtioBlkTests.indirect(device(qts, TOP, 2, VirtioSpec.ID_BLOCK), alloc(), false);
        }
    }
}
