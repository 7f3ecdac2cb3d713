package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdTestHost.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.core.Clock;
import io.qtestjvm.devices.block.NullBackend;
import io.qtestjvm.devices.block.RawFileBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdCardTest {
    private static final int MIB = 1 << 20;
    // Card status values: READY_FOR_DATA (0x100) | CURRENT_STATE << 9.
    private static final int ST_IDLE = 0x100;
    private static final int ST_STBY = 0x100 | 3 << 9;
    private static final int ST_TRAN = 0x100 | 4 << 9;
    private static final int ST_DATA = 0x100 | 5 << 9;
    private static final int ST_RCV = 0x100 | 6 << 9;

    @TempDir
    Path dir;

    private Path image(long size) throws IOException {
        Path p = dir.resolve("sd.img");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    private static byte[] fileBytes(Path p, long off, int len) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            byte[] b = new byte[len];
            f.seek(off);
            f.readFully(b);
            return b;
        }
    }

    @Test
    void initialisationSequenceGivesQemuResponses() throws IOException {
        try (RawFileBackend blk = RawFileBackend.open(image(MIB))) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            assertEquals(0, h.cmd(0, 0), "CMD0 has no response");
            assertEquals(0x000001aa, h.r4(8, 0x1aa), "R7 echoes voltage and check pattern");
            assertEquals(ST_IDLE | 0x20, h.r4(55, 0), "CMD55 R1: APP_CMD, state idle");
            assertEquals(0x80ffff00, h.r4(41, 0x40ff8000L), "R3: powered up, SDSC (no CCS) for 1 MiB");
            assertEquals(SdCard.STATE_READY, h.card.state());

            assertEquals(16, h.cmd(2, 0));
            byte[] cid = h.response(16);
            byte[] expectedCid = {(byte) 0xaa, 'X', 'Y', 'Q', 'E', 'M', 'U', '!', 0x01, (byte) 0xde, (byte) 0xad,
                (byte) 0xbe, (byte) 0xef, 0x00, 0x62};
            assertArrayEquals(expectedCid, Arrays.copyOf(cid, 15));
            assertEquals((SdRegistersTest.referenceCrc7(cid, 15) << 1) | 1, cid[15] & 0xff);

            // R6: RCA 0x4567, then status bits 23,22,19,12:0 — CURRENT_STATE is ident (2), the state before CMD3.
            assertEquals(4, h.cmd(3, 0));
            assertArrayEquals(new byte[] {0x45, 0x67, 0x05, 0x00}, h.response(4));
            long rcaArg = 0x4567L << 16;

            assertEquals(0, h.cmd(9, 0x1234L << 16), "CMD9 to another RCA is not answered");
            assertEquals(16, h.cmd(9, rcaArg));
            assertEquals(0x26, h.rsp[1]);
            assertEquals(16, h.cmd(10, rcaArg));
            assertArrayEquals(cid, h.response(16));

            assertEquals(ST_STBY, h.r4(7, rcaArg), "R1b of select shows standby, the state before");
            assertEquals(SdCard.STATE_TRANSFER, h.card.state());
            assertEquals(ST_TRAN, h.r4(13, rcaArg));
            assertEquals(0, h.cmd(13, 0), "CMD13 with a wrong RCA is not answered");
        }
    }

    @Test
    void sdhcCardSetsCcsAtPowerUpAndDescribesItsSize() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(4L << 30, true), 2));
        h.cmd(0, 0);
        assertFalse(h.card.highCapacity());
        assertEquals(0xc0ffff00, h.acmd(41, 0x40ff8000L));
        assertTrue(h.card.highCapacity());
        h.cmd(2, 0);
        h.rca = h.r4(3, 0) >>> 16;
        assertEquals(16, h.cmd(9, (long) h.rca << 16));
        assertEquals(0x40, h.rsp[0] & 0xff);
        assertEquals(0x1fff, (h.rsp[7] & 0x3f) << 16 | (h.rsp[8] & 0xff) << 8 | h.rsp[9] & 0xff);
    }

    @Test
    void enquiryAcmd41PowersUpAfterHalfAMillisecondOfVirtualTime() {
        Clock clock = Clock.virtual();
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 2, clock));
        assertEquals(0x00ffff00, h.acmd(41, 0), "enquiry: not powered up yet");
        assertEquals(SdCard.STATE_IDLE, h.card.state());
        clock.warpTo(SdCard.OCR_POWER_DELAY_NS - 1);
        assertEquals(0x00ffff00, h.acmd(41, 0));
        clock.warpTo(SdCard.OCR_POWER_DELAY_NS);
        assertEquals(0x80ffff00, h.acmd(41, 0));
        assertEquals(SdCard.STATE_IDLE, h.card.state(), "an enquiry never leaves idle");
        h.acmd(41, 0x00300000);
        assertEquals(SdCard.STATE_READY, h.card.state());
    }

    @Test
    void cmd8WithoutExactlyOneVoltageBitIsNotAnswered() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 2));
        assertEquals(0, h.cmd(8, 0xaa));
        assertEquals(0, h.cmd(8, 0x3aa));
        assertEquals(4, h.cmd(8, 0x2aa));
        SdTestHost v1 = new SdTestHost(new SdCard(new NullBackend(MIB, true), 1));
        assertEquals(0, v1.cmd(8, 0x1aa));
        assertEquals(ST_IDLE | 0x20 | 0x400000, v1.r4(55, 0), "CMD8 is illegal for a v1.10 card");
    }

    @Test
    void singleBlockWriteReachesTheFileAndReadsBack() throws IOException {
        Path img = image(MIB);
        byte[] data = pattern(512, 5);
        try (RawFileBackend blk = RawFileBackend.open(img)) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            assertEquals(ST_TRAN, h.r4(24, 0x2000));
            assertTrue(h.card.receiveReady());
            h.write(data);
            assertFalse(h.card.receiveReady());
            assertEquals(SdCard.STATE_TRANSFER, h.card.state());
            blk.flush();
            assertArrayEquals(data, fileBytes(img, 0x2000, 512), "SDSC: the argument is a byte address");

            assertEquals(ST_TRAN, h.r4(17, 0x2000));
            assertTrue(h.card.dataReady());
            assertArrayEquals(data, h.read(512));
            assertFalse(h.card.dataReady());
        }
        try (RawFileBackend blk = RawFileBackend.open(img)) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            h.r4(17, 0x2000);
            assertArrayEquals(data, h.read(512), "data survives a restart");
        }
        assertArrayEquals(new byte[0x2000], fileBytes(img, 0, 0x2000), "nothing written before the block");
        assertArrayEquals(new byte[512], fileBytes(img, 0x2200, 512), "nothing written after the block");
    }

    @Test
    void multiBlockWriteAndReadEndWithCmd12() throws IOException {
        Path img = image(MIB);
        byte[] data = pattern(3 * 512, 11);
        try (RawFileBackend blk = RawFileBackend.open(img)) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            assertEquals(ST_TRAN, h.r4(25, 0x10000));
            h.write(data);
            assertTrue(h.card.receiveReady(), "CMD25 keeps receiving until CMD12");
            assertEquals(ST_RCV, h.r4(12, 0));
            assertEquals(SdCard.STATE_TRANSFER, h.card.state());
            blk.flush();
            assertArrayEquals(data, fileBytes(img, 0x10000, data.length));

            assertEquals(ST_TRAN, h.r4(18, 0x10000));
            assertArrayEquals(data, h.read(data.length));
            assertTrue(h.card.dataReady());
            assertEquals(ST_DATA, h.r4(12, 0));
            assertEquals(ST_TRAN, h.r4(13, 0x4567L << 16));
        }
    }

    @Test
    void cmd23BlockCountEndsMultiBlockTransfersWithoutCmd12() throws IOException {
        try (RawFileBackend blk = RawFileBackend.open(image(MIB))) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 3));
            h.initialise();
            h.r4(23, 2);
            h.r4(25, 0);
            h.write(pattern(1024, 1));
            assertEquals(SdCard.STATE_TRANSFER, h.card.state());
            h.r4(23, 2);
            h.r4(18, 0);
            assertArrayEquals(pattern(1024, 1), h.read(1024));
            assertEquals(SdCard.STATE_TRANSFER, h.card.state());
            h.acmd(22, 0);
            assertEquals(2, readWrittenBlocks(h), "ACMD22 counts the blocks of the last write");
        }
    }

    private static int readWrittenBlocks(SdTestHost h) {
        byte[] b = h.read(4);
        // QEMU stores the count in host order: least significant byte first on x86.
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    @Test
    void sdhcAddressesAreBlockNumbers() throws IOException {
        Path img = image(4L << 30);
        byte[] data = pattern(512, 77);
        try (RawFileBackend blk = RawFileBackend.open(img)) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            assertTrue(h.card.highCapacity());
            h.r4(16, 64);
            h.r4(24, 3);
            h.write(Arrays.copyOf(data, 64));
            assertEquals(SdCard.STATE_TRANSFER, h.card.state(), "the write block is blk_len (64) bytes");
            h.r4(17, 3);
            byte[] back = h.read(512);
            assertEquals(SdCard.STATE_TRANSFER, h.card.state(), "an SDHC read is always 512 bytes");
            assertArrayEquals(Arrays.copyOf(data, 64), Arrays.copyOf(back, 64));
            blk.flush();
            assertArrayEquals(Arrays.copyOf(data, 64), fileBytes(img, 3 * 512, 64));
        }
    }

    @Test
    void blockPastTheCardGivesAddressErrorInTheSameR1() throws IOException {
        try (RawFileBackend blk = RawFileBackend.open(image(MIB))) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            assertEquals(0x40000000 | ST_TRAN, h.r4(17, MIB));
            assertEquals(SdCard.STATE_TRANSFER, h.card.state());
            assertFalse(h.card.dataReady());
            assertEquals(ST_TRAN, h.r4(13, 0x4567L << 16), "ADDRESS_ERROR is cleared once read");
            assertEquals(0x40000000 | ST_TRAN, h.r4(24, MIB - 256));
            assertFalse(h.card.receiveReady());
        }
    }

    @Test
    void multiBlockReadRunningOffTheCardStopsWithAddressErrorAtCmd12() throws IOException {
        Path img = image(MIB);
        try (RawFileBackend blk = RawFileBackend.open(img)) {
            blk.write(MIB - 512, pattern(512, 9));
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            assertEquals(ST_TRAN, h.r4(18, MIB - 512));
            assertArrayEquals(pattern(512, 9), h.read(512));
            assertArrayEquals(new byte[4096], h.read(4096), "past the end: zeros, no exception");
            assertEquals(0x40000000 | ST_DATA, h.r4(12, 0));
            assertEquals(ST_TRAN, h.r4(13, 0x4567L << 16));
        }
    }

    @Test
    void multiBlockWriteRunningOffTheCardDoesNotTouchTheImageBeyondIt() throws IOException {
        Path img = image(MIB);
        try (RawFileBackend blk = RawFileBackend.open(img)) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            h.r4(25, MIB - 1024);
            h.write(pattern(8 * 512, 4));
            assertEquals(0x40000000 | ST_RCV, h.r4(12, 0));
            blk.flush();
            assertArrayEquals(Arrays.copyOf(pattern(8 * 512, 4), 1024), fileBytes(img, MIB - 1024, 1024));
            assertArrayEquals(new byte[MIB - 1024], fileBytes(img, 0, MIB - 1024));
        }
        assertEquals(MIB, Files.size(img), "the image did not grow");
    }

    @Test
    void illegalCommandIsNotAnsweredAndShowsInTheNextR1() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 2));
        h.initialise();
        assertEquals(0, h.cmd(2, 0), "CMD2 is illegal in transfer state");
        assertEquals(0, h.cmd(41, 0), "ACMD41 without CMD55 is an unknown CMD41");
        assertEquals(0, h.cmd(58, 0), "CMD58 (READ_OCR) is SPI only");
        assertEquals(0x00400000 | ST_TRAN, h.r4(13, 0x4567L << 16));
        assertEquals(ST_TRAN, h.r4(13, 0x4567L << 16), "reported once");
        assertEquals(0x20000000 | ST_TRAN, h.r4(16, 513), "BLOCK_LEN_ERROR");
    }

    @Test
    void acmdDataRegistersReadAsQemuFillsThem() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 3));
        h.initialise();
        assertEquals(ST_TRAN | 0x20, h.acmd(51, 0), "ACMD R1 carries APP_CMD");
        assertArrayEquals(new byte[] {0x02, 0x25, (byte) 0x80, 0, 0, 0, 0, 0}, h.read(8));
        h.acmd(6, 2);
        h.acmd(13, 0);
        byte[] sdStatus = h.read(64);
        assertEquals(0x80, sdStatus[0] & 0xff, "DAT_BUS_WIDTH = 4 bits");
        assertEquals(SdCard.STATE_TRANSFER, h.card.state());

        // Group nibbles from group 1 up: 1, f, f, f, 0, f; the status echoes them in bytes 16 (groups 1-2) to 14.
        h.r4(6, 0x00f0fff1);
        byte[] sw = h.read(64);
        byte[] head = {0x00, 0x01, (byte) 0x80, 0x01, (byte) 0x80, 0x01, (byte) 0x80, 0x01, (byte) 0x80, 0x01,
            (byte) 0x80, 0x43, (byte) 0x80, 0x03, (byte) 0xf0, (byte) 0xff, (byte) 0xf1};
        assertArrayEquals(head, Arrays.copyOf(sw, 17));
        assertEquals(SdCard.STATE_TRANSFER, h.card.state());
    }

    @Test
    void eraseWritesOnesOverTheRange() throws IOException {
        Path img = image(MIB);
        try (RawFileBackend blk = RawFileBackend.open(img)) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            h.r4(32, 1024);
            h.r4(33, 1536);
            assertEquals(ST_TRAN, h.r4(38, 0));
            blk.flush();
            byte[] ones = new byte[1024];
            Arrays.fill(ones, (byte) 0xff);
            assertArrayEquals(ones, fileBytes(img, 1024, 1024));
            assertArrayEquals(new byte[1024], fileBytes(img, 0, 1024));
            // The error is set while CMD38 runs, so its own R1b reports it (and clears it).
            assertEquals(0x10000000 | ST_TRAN, h.r4(38, 0), "ERASE_SEQ_ERROR without a range");
            assertEquals(ST_TRAN, h.r4(13, 0x4567L << 16));
            h.r4(32, 0);
            h.r4(33, 2 * MIB);
            assertEquals(0x80000000 | ST_TRAN, h.r4(38, 0), "OUT_OF_RANGE for an erase past the card");
            blk.flush();
            assertArrayEquals(new byte[1024], fileBytes(img, 0, 1024), "a refused erase writes nothing");
        }
    }

    @Test
    void readOnlyDriveIsReportedAndNeverWritten() throws IOException {
        Path img = image(MIB);
        try (RawFileBackend blk = RawFileBackend.open(img, true, false)) {
            assertEquals("Cannot use read-only drive as SD card", SdCard.checkDrive(blk));
            SdCard card = new SdCard(blk, 2);
            SdSlot slot = new SdSlot();
            slot.attach(card);
            assertTrue(slot.readOnly());
            SdTestHost h = new SdTestHost(card);
            h.initialise();
            h.r4(24, 0);
            h.write(pattern(512, 1));
            assertEquals(SdCard.STATE_TRANSFER, card.state());
        }
        assertArrayEquals(new byte[512], fileBytes(img, 0, 512));
    }

    @Test
    void emptySlotAnswersNothing() {
        SdCard card = new SdCard(null, 2);
        assertFalse(card.inserted());
        assertEquals(0, card.doCommand(0, 0, new byte[16]));
        assertEquals(0, card.doCommand(8, 0x1aa, new byte[16]));
        assertEquals(0, card.readByte());
        assertNull(SdCard.checkDrive(null));
    }

    @Test
    void checkDriveRefusesSizesThatAreNotPowersOfTwo() {
        assertEquals(null, SdCard.checkDrive(new NullBackend(MIB, true)));
        assertTrue(SdCard.checkDrive(new NullBackend(MIB + 512, true)).startsWith("Invalid SD card size"));
        // Debian's QEMU 7.2 on a 1000000-byte image
        assertEquals("Invalid SD card size: 977 KiB\nSD card size has to be a power of 2, e.g. 1 MiB.",
                SdCard.checkDrive(new NullBackend(1_000_000, true)));
    }

    @Test
    void resetReturnsTheCardToIdleWithoutAnAddress() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 2));
        h.initialise();
        h.card.reset();
        assertEquals(SdCard.STATE_IDLE, h.card.state());
        assertEquals(0, h.card.rca());
        assertEquals(0x00ffff00, h.card.ocr());
        assertEquals(0, h.cmd(2, 0), "CMD2 is illegal until ACMD41");
    }
}
