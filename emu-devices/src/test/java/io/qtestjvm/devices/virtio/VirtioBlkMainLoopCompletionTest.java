package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import io.qtestjvm.devices.block.BlockPolicy;
import io.qtestjvm.devices.block.InflightIo;
import io.qtestjvm.devices.block.RawFileBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A virtio-blk device whose machine has a main loop ({@link InflightIo}): block requests complete when the loop
 * runs, after the notify, with the data already moved; with ioeventfd even a GET_ID waits for the loop; a device
 * reset completes what is in flight first.
 */
class VirtioBlkMainLoopCompletionTest {
    static final long V1 = VirtioBlkTest.V1;
    static final long HDR = VirtioBlkTest.HDR;
    static final long DATA = VirtioBlkTest.DATA;
    static final long STATUS = VirtioBlkTest.STATUS;

    @TempDir
    Path dir;

    final ArrayMemory mem = new ArrayMemory(0x40000);
    final InflightIo loop = new InflightIo();

    RawFileBackend image() throws Exception {
        Path p = dir.resolve("disk.img");
        Files.write(p, new byte[1 << 20]);
        return RawFileBackend.open(p);
    }

    VirtioBlk device(RawFileBackend drive, boolean ioeventfd) {
        return new VirtioBlk(mem, drive, VirtioBlk.Options.defaults(), BlockPolicy.DEFAULT, loop, ioeventfd);
    }

    void header(int type, long sector) {
        VirtioBlkTest.header(mem, type, sector);
    }

    int usedIdx() {
        return mem.u16(RingDriver.USED + 2);
    }

    @Test
    void aWriteIsInTheFileAtTheNotifyAndUsedWhenTheMainLoopRuns() throws Exception {
        try (RawFileBackend drive = image()) {
            RingDriver d = new RingDriver(mem, device(drive, false), V1);
            header(1, 2);
            System.arraycopy("TEST".getBytes(StandardCharsets.US_ASCII), 0, mem.ram, (int) DATA, 4);
            assertEquals(-1, d.submit(HDR, 16, 0, DATA, 512, 0, STATUS, 1, 1), "not used inside the notify");
            assertEquals(0xff, mem.ram[(int) STATUS] & 0xff, "status byte written at completion");
            assertEquals("TEST", new String(Files.readAllBytes(drive.path()), 1024, 4, StandardCharsets.US_ASCII));
            assertFalse(loop.idle());
            loop.drain();
            assertEquals(1, usedIdx());
            assertEquals(0, mem.ram[(int) STATUS]);
            assertTrue(loop.idle());
            header(8, 0);
            d.submit(HDR, 16, 0, DATA, 20, 1, STATUS, 1, 1);
            assertEquals(2, usedIdx(), "GET_ID used inside the notify");
            assertEquals(21, mem.u32(RingDriver.USED + 4 + 8 + 4), "its used length: 20 id bytes and the status");
            assertTrue(loop.idle());
        }
    }

    @Test
    void withIoeventfdEvenGetIdWaitsForTheMainLoop() throws Exception {
        try (RawFileBackend drive = image()) {
            RingDriver d = new RingDriver(mem, device(drive, true), V1);
            header(8, 0);
            assertEquals(-1, d.submit(HDR, 16, 0, DATA, 20, 1, STATUS, 1, 1));
            assertEquals(0, usedIdx());
            loop.drain();
            assertEquals(1, usedIdx());
            assertEquals(0, mem.ram[(int) STATUS]);
        }
    }

    @Test
    void aDeviceResetCompletesTheRequestsInFlightFirst() throws Exception {
        try (RawFileBackend drive = image()) {
            VirtioBlk blk = device(drive, false);
            RingDriver d = new RingDriver(mem, blk, V1);
            header(4, 0);
            assertEquals(-1, d.submit(HDR, 16, 0, STATUS, 1, 1));
            blk.setStatus(0);
            assertEquals(1, usedIdx(), "the flush was used before the reset");
            assertEquals(0, mem.ram[(int) STATUS]);
            loop.drain();
            assertEquals(0, blk.status());
        }
    }
}
