package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import io.qtestjvm.devices.block.NullBackend;
import io.qtestjvm.devices.block.RawFileBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtio-blk requests (virtio 1.2 §5.2.6) and configuration (§5.2.4) as QEMU 7.2 answers them. */
class VirtioBlkTest {
    static final long V1 = VirtioFeatures.bit(VirtioFeatures.VERSION_1);
    static final long HDR = 0x8000;
    static final long DATA = 0x9000;
    static final long STATUS = 0xa000;

    @TempDir
    Path dir;

    final ArrayMemory mem = new ArrayMemory(0x40000);

    RawFileBackend image(long size) throws Exception {
        Path p = dir.resolve("disk.img");
        try (var f = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(size);
            f.write(java.nio.ByteBuffer.allocate(1), size - 1);
        }
        return RawFileBackend.open(p);
    }

    void header(int type, long sector) {
        header(mem, type, sector);
    }

    /** §5.2.6: a request header at {@link #HDR} and a status byte of 0xff at {@link #STATUS}. */
    static void header(ArrayMemory mem, int type, long sector) {
        mem.put32(HDR, type);
        mem.put32(HDR + 4, 0);
        mem.put64(HDR + 8, sector);
        mem.ram[(int) STATUS] = (byte) 0xff;
    }

    int status() {
        return mem.ram[(int) STATUS] & 0xff;
    }

    @Test
    void completedWriteIsInTheFileAndReadsBackWhateverTheDescriptorCut() throws Exception {
        try (RawFileBackend drive = image(64L << 20)) {
            VirtioBlk blk = new VirtioBlk(mem, drive, VirtioBlk.Options.defaults());
            RingDriver d = new RingDriver(mem, blk, V1 | blk.hostFeatures());
            header(1, 2);
            byte[] text = "TEST".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, mem.ram, (int) DATA, 4);
            assertEquals(1, d.submit(HDR, 16, 0, DATA, 512, 0, STATUS, 1, 1));
            assertEquals(0, status());
            byte[] onDisk = new byte[4];
            try (var f = java.nio.channels.FileChannel.open(drive.path())) {
                f.read(java.nio.ByteBuffer.wrap(onDisk), 2 * 512);
            }
            assertArrayEquals(text, onDisk, "written through to the file");
            // read back: header and data+status in one 513-byte writable buffer (ANY_LAYOUT)
            header(0, 2);
            assertEquals(513, d.submit(HDR, 16, 0, 0xb000, 513, 1));
            assertEquals("TEST", new String(mem.ram, 0xb000, 4, StandardCharsets.US_ASCII));
            assertEquals(0, mem.ram[0xb000 + 512], "status is the last writable byte");
            header(4, 0);
            assertEquals(1, d.submit(HDR, 16, 0, STATUS, 1, 1));
            assertEquals(0, status(), "flush");
        }
    }

    @Test
    void readPastTheEndIsIoErrAndUnknownTypeIsUnsupp() {
        VirtioBlk blk = new VirtioBlk(mem, new NullBackend(1 << 20, true), VirtioBlk.Options.defaults());
        RingDriver d = new RingDriver(mem, blk, V1);
        header(0, 2048);
        assertEquals(513, d.submit(HDR, 16, 0, DATA, 512, 1, STATUS, 1, 1));
        assertEquals(1, status(), "IOERR past the end");
        header(0, 0);
        d.submit(HDR, 16, 0, DATA, 100, 1, STATUS, 1, 1);
        assertEquals(1, status(), "IOERR for a partial sector");
        header(99, 0);
        d.submit(HDR, 16, 0, STATUS, 1, 1);
        assertEquals(2, status(), "UNSUPP");
        assertFalse(blk.broken());
    }

    @Test
    void getIdWritesTheSerialZeroPadded() {
        VirtioBlk blk = new VirtioBlk(mem, new NullBackend(), new VirtioBlk.Options(1, 256, true, true, false,
                true, true, "SER123"));
        RingDriver d = new RingDriver(mem, blk, V1);
        java.util.Arrays.fill(mem.ram, (int) DATA, (int) DATA + 20, (byte) 0x55);
        header(8, 0);
        assertEquals(21, d.submit(HDR, 16, 0, DATA, 20, 1, STATUS, 1, 1));
        assertEquals(0, status());
        assertEquals("SER123", new String(mem.ram, (int) DATA, 6, StandardCharsets.US_ASCII));
        assertEquals(0, mem.ram[(int) DATA + 6]);
    }

    @Test
    void writeZeroesZeroesAndDiscardChecksItsFlags() throws Exception {
        try (RawFileBackend drive = image(1 << 20)) {
            drive.write(0, new byte[] {1, 2, 3});
            VirtioBlk blk = new VirtioBlk(mem, drive, VirtioBlk.Options.defaults());
            RingDriver d = new RingDriver(mem, blk, V1 | blk.hostFeatures());
            header(13, 0);
            mem.put64(DATA, 0);
            mem.put32(DATA + 8, 1);
            mem.put32(DATA + 12, 1);
            d.submit(HDR, 16, 0, DATA, 16, 0, STATUS, 1, 1);
            assertEquals(0, status());
            byte[] b = new byte[3];
            drive.read(0, b);
            assertArrayEquals(new byte[3], b);
            header(11, 0);
            mem.put32(DATA + 12, 1);
            d.submit(HDR, 16, 0, DATA, 16, 0, STATUS, 1, 1);
            assertEquals(2, status(), "discard with the unmap flag is UNSUPP");
            mem.put32(DATA + 12, 0);
            d.submit(HDR, 16, 0, DATA, 16, 0, STATUS, 1, 1);
            assertEquals(0, status());
        }
    }

    @Test
    void discardNotNegotiatedIsUnsupp() {
        VirtioBlk blk = new VirtioBlk(mem, new NullBackend(), VirtioBlk.Options.defaults());
        RingDriver d = new RingDriver(mem, blk, V1);
        header(11, 0);
        d.submit(HDR, 16, 0, DATA, 16, 0, STATUS, 1, 1);
        assertEquals(2, status());
    }

    @Test
    void requestWithoutHeaderBreaksTheDevice() {
        VirtioBlk blk = new VirtioBlk(mem, new NullBackend(), VirtioBlk.Options.defaults());
        RingDriver d = new RingDriver(mem, blk, V1);
        assertEquals(-1, d.submit(HDR, 8, 0, STATUS, 1, 1));
        assertTrue(blk.broken());
        assertEquals(RingFault.MISSING_HEADERS, blk.lastFault());
    }

    @Test
    void configMatchesQemu72ForA64MiBImage() {
        VirtioBlk blk = new VirtioBlk(mem, new NullBackend(64L << 20, true), VirtioBlk.Options.defaults());
        // bytes observed through BAR4's device capability on Debian's QEMU 7.2 (-device virtio-blk-pci)
        String qemu = "00 00 02 00 00 00 00 00 00 00 00 00 fe 00 00 00 82 00 10 3f 00 02 00 00 00 00 00 00 00 00 00 "
                + "00 01 00 01 00 ff ff 3f 00 01 00 00 00 01 00 00 00 ff ff 3f 00 01 00 00 00 01 ff ff ff";
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 0x3c; i++) {
            got.append(i == 0 ? "" : " ").append(String.format("%02x", blk.readConfig(i, 1)));
        }
        assertEquals(qemu, got.toString());
        assertEquals(0x79006e54L, blk.hostFeatures() & 0xffffffffL, "legacy host features");
        assertEquals(0x101L, blk.hostFeatures() >>> 32, "high feature word");
    }

    @Test
    void writebackIsTheWritableConfigField() {
        VirtioBlk blk = new VirtioBlk(mem, new NullBackend(), VirtioBlk.Options.defaults());
        blk.writeConfig(0x20, 0, 1);
        assertEquals(0, blk.readConfig(0x20, 1));
        blk.writeConfig(0, 0x55, 1);
        assertEquals(0, blk.readConfig(0, 1), "capacity is read-only");
    }

    /**
     * A legacy driver on a big-endian guest sees each configuration field in its own byte order (virtio 1.2 2.4.3,
     * 7.4): capacity's high word first, 32- and 16-bit fields swapped, single bytes as they are; a driver that
     * negotiated VERSION_1 sees little-endian again, and a little-endian guest always does.
     */
    @Test
    void aLegacyBigEndianDriverSeesEachConfigurationFieldInItsByteOrder() throws Exception {
        try (RawFileBackend drive = image(64L << 20)) {
            VirtioBlk blk = new VirtioBlk(mem, drive, VirtioBlk.Options.defaults());
            long sectors = (64L << 20) / 512;
            assertEquals(sectors & 0xffff_ffffL, blk.readLegacyConfig(0, 4), "little-endian guest");
            blk.setGuestBigEndian(true);
            assertEquals(Long.reverseBytes(sectors) & 0xffff_ffffL, blk.readLegacyConfig(0, 4), "capacity, bytes 0-3");
            assertEquals(Long.reverseBytes(sectors) >>> 32, blk.readLegacyConfig(4, 4), "capacity, bytes 4-7");
            assertEquals(Integer.reverseBytes(512) & 0xffff_ffffL, blk.readLegacyConfig(0x14, 4), "blk_size");
            assertEquals(Short.reverseBytes((short) 1) & 0xffff, blk.readLegacyConfig(0x22, 2), "num_queues");
            assertEquals(16, blk.readLegacyConfig(0x12, 1), "geometry heads, a byte");
            assertEquals(blk.readConfig(0x20, 1), blk.readLegacyConfig(0x20, 1), "writeback, a byte");
            blk.setDriverFeatures(V1);
            assertEquals(sectors & 0xffff_ffffL, blk.readLegacyConfig(0, 4), "VERSION_1: little-endian");
        }
    }
}
