package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdTestHost.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.devices.block.NullBackend;
import io.qtestjvm.devices.block.RawFileBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SD card's behaviour where QEMU 7.2 departs from the SD Physical Layer Simplified Specification, and spec
 * behaviour the older tests left implicit (see the class comments of {@link SdCard} and {@link SdCommands}).
 */
class SdCardDeparturesTest {
    private static final int MIB = 1 << 20;
    private static final int ILLEGAL_COMMAND = 1 << 22;
    private static final int ADDRESS_ERROR = 1 << 30;
    private static final int WP_VIOLATION = 1 << 26;
    private static final int CSD_OVERWRITE = 1 << 16;
    private static final int APP_CMD = 1 << 5;
    private static final int ST_IDLE = 0x100;
    private static final int ST_STBY = 0x100 | 3 << 9;
    private static final int ST_TRAN = 0x100 | 4 << 9;
    private static final int ST_DATA = 0x100 | 5 << 9;
    private static final int ST_RCV = 0x100 | 6 << 9;

    @TempDir
    Path dir;

    private RawFileBackend image(String name, long size) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return RawFileBackend.open(p);
    }

    private static SdTestHost card(long size, int version) {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(size, true), version));
        h.initialise();
        return h;
    }

    private static long rcaArg(SdTestHost h) {
        return (long) h.rca << 16;
    }

    @Test
    void readyForDataIsAlwaysSet() {
        SdCard fresh = new SdCard(new NullBackend(MIB, true), 2);
        assertEquals(ST_IDLE, fresh.cardStatus());
        SdTestHost h = card(MIB, 2);
        h.r4(25, 0);
        assertEquals(ST_RCV, h.r4(13, rcaArg(h)), "receiving a block, the buffer still reads as ready");
    }

    @Test
    void writeProtectCommandsPastTheCardGiveAddressError() {
        SdTestHost h = card(MIB, 2);
        assertEquals(ADDRESS_ERROR | ST_TRAN, h.r4(28, MIB), "CMD28 at the end of the card");
        assertEquals(ST_TRAN, h.r4(28, MIB - 1));
        assertEquals(ADDRESS_ERROR | ST_TRAN, h.r4(29, MIB));
        assertEquals(ADDRESS_ERROR | ST_TRAN, h.r4(30, MIB - 511), "CMD30 needs a whole block inside the card");
        assertEquals(SdCard.STATE_TRANSFER, h.card.state());
        assertEquals(ST_TRAN, h.r4(30, MIB - 512));
        assertEquals(SdCard.STATE_SENDING, h.card.state());
    }

    @Test
    void acmd41WithoutAMatchingVoltageStaysIdle() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 2));
        assertEquals(0x80ffff00, h.acmd(41, 0x80), "powered up by a non-enquiry argument");
        assertEquals(SdCard.STATE_IDLE, h.card.state(), "the spec's inactive state is not entered");
        assertEquals(0x80ffff00, h.acmd(41, 0x00100000));
        assertEquals(SdCard.STATE_READY, h.card.state());
    }

    @Test
    void cmd3AgainPublishesANewRca() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 2));
        h.acmd(41, 0x00ff8000);
        h.cmd(2, 0);
        assertEquals(0x4567, h.r4(3, 0) >>> 16);
        assertEquals(0x8ace, h.r4(3, 0) >>> 16, "stand-by: CMD3 is legal again and moves the RCA on");
        assertEquals(SdCard.STATE_STANDBY, h.card.state());
        assertEquals(0x8ace, h.card.rca());
    }

    @Test
    void r6CarriesIllegalCommandInBit14() {
        SdTestHost h = new SdTestHost(new SdCard(new NullBackend(MIB, true), 2));
        h.acmd(41, 0x00ff8000);
        h.cmd(2, 0);
        assertEquals(0, h.cmd(9, 0), "CMD9 is illegal in identification state");
        assertEquals(4, h.cmd(3, 0));
        assertArrayEquals(new byte[] {0x45, 0x67, 0x45, 0x00}, h.response(4), "4.9.5: bit 22 moves to bit 14");
    }

    @Test
    void sendStatusDuringAReadTurnsTheDataIntoSdStatus() {
        SdTestHost h = card(MIB, 2);
        h.acmd(6, 2);
        assertEquals(ST_TRAN, h.r4(17, 0));
        assertEquals(ST_DATA, h.r4(13, rcaArg(h)));
        byte[] data = h.read(64);
        assertEquals(0x80, data[0] & 0xff, "SD Status byte 0: DAT_BUS_WIDTH");
        assertArrayEquals(new byte[63], Arrays.copyOfRange(data, 1, 64));
        assertEquals(SdCard.STATE_TRANSFER, h.card.state(), "the transfer ends with the 64th SD Status byte");
    }

    @Test
    void writeSetsTheCopyBitWithoutANewCrc() {
        SdTestHost h = card(MIB, 2);
        assertEquals(ST_TRAN, h.r4(7, 0), "CMD7 to another card deselects this one");
        assertEquals(16, h.cmd(9, rcaArg(h)));
        byte[] before = h.response(16);
        assertEquals(0, before[14]);
        h.r4(7, rcaArg(h));
        h.r4(24, 0);
        h.write(pattern(512, 3));
        h.r4(7, 0);
        h.cmd(9, rcaArg(h));
        byte[] after = h.response(16);
        assertEquals(0x40, after[14], "COPY");
        assertEquals(before[15], after[15], "the CRC byte is not recomputed");
    }

    @Test
    void programCsdChangesOnlyTheProgrammableBits() {
        SdTestHost h = card(MIB, 2);
        h.r4(7, 0);
        h.cmd(9, rcaArg(h));
        byte[] csd = h.response(16);
        h.cmd(10, rcaArg(h));
        byte[] cid = h.response(16);
        h.r4(7, rcaArg(h));

        byte[] bad = csd.clone();
        bad[5] ^= 0x01; // READ_BL_LEN is read-only
        assertEquals(ST_TRAN, h.r4(27, 0));
        h.write(bad);
        assertEquals(CSD_OVERWRITE | ST_TRAN, h.r4(13, rcaArg(h)));

        byte[] otherCid = cid.clone();
        otherCid[3] = 'q';
        h.r4(26, 0);
        h.write(otherCid);
        assertEquals(CSD_OVERWRITE | ST_TRAN, h.r4(13, rcaArg(h)), "CMD26 never changes the CID");

        byte[] protect = csd.clone();
        protect[14] |= 0x10; // TMP_WRITE_PROTECT
        h.r4(27, 0);
        h.write(protect);
        assertEquals(ST_TRAN, h.r4(13, rcaArg(h)));
        assertEquals(WP_VIOLATION | ST_TRAN, h.r4(38, 0), "a write-protected card refuses to erase");
        h.r4(7, 0);
        h.cmd(9, rcaArg(h));
        assertArrayEquals(protect, h.response(16));
        h.cmd(10, rcaArg(h));
        assertArrayEquals(cid, h.response(16));
    }

    @Test
    void writeProtectedGroupRefusesMultiBlockWritesAndIsSkippedByErase() throws IOException {
        try (RawFileBackend blk = image("wp.img", 4 * MIB)) {
            SdTestHost h = new SdTestHost(new SdCard(blk, 2));
            h.initialise();
            assertEquals(ST_TRAN, h.r4(28, 2 * MIB), "protect group 1 (2-4 MiB)");
            assertEquals(ST_TRAN, h.r4(25, 2 * MIB - 512));
            h.write(pattern(1024, 8));
            assertEquals(WP_VIOLATION | ST_RCV, h.r4(12, 0), "the second block lies in the protected group");
            byte[] back = new byte[1024];
            blk.read(2 * MIB - 512, back);
            assertArrayEquals(Arrays.copyOf(pattern(1024, 8), 512), Arrays.copyOf(back, 512));
            assertArrayEquals(new byte[512], Arrays.copyOfRange(back, 512, 1024));

            h.r4(32, 2 * MIB - 512);
            h.r4(33, 2 * MIB);
            assertEquals(1 << 15 | ST_TRAN, h.r4(38, 0), "WP_ERASE_SKIP");
            blk.read(2 * MIB - 512, back);
            byte[] ones = new byte[512];
            Arrays.fill(ones, (byte) 0xff);
            assertArrayEquals(ones, Arrays.copyOf(back, 512));
            assertArrayEquals(new byte[512], Arrays.copyOfRange(back, 512, 1024));
        }
    }

    @Test
    void sendWriteProtReportsGroupsLsbFirst() {
        SdTestHost h = card(8 * MIB, 2);
        h.r4(28, 2 * MIB);
        h.r4(28, 6 * MIB + 100);
        assertEquals(ST_TRAN, h.r4(30, 0));
        assertArrayEquals(new byte[] {0x0a, 0, 0, 0}, h.read(4), "groups 1 and 3 of 4; none past the card");
        assertEquals(SdCard.STATE_TRANSFER, h.card.state());
        h.r4(29, 2 * MIB);
        h.r4(30, 2 * MIB);
        assertArrayEquals(new byte[] {0x04, 0, 0, 0}, h.read(4), "counted from the argument's group");
    }

    @Test
    void writeProtectGroupCommandsAreIllegalOnSdhc() {
        SdTestHost h = card(4L << 30, 2);
        assertEquals(0, h.cmd(28, 0));
        assertEquals(0, h.cmd(29, 0));
        assertEquals(0, h.cmd(30, 0));
        assertEquals(ILLEGAL_COMMAND | ST_TRAN, h.r4(13, rcaArg(h)));
    }

    @Test
    void tuningBlockIsTheSpecPatternWithQemusBytes4And5() {
        SdTestHost h = card(MIB, 3);
        assertEquals(ST_TRAN, h.r4(19, 0));
        byte[] b = h.read(64);
        assertArrayEquals(new byte[] {(byte) 0xff, 0x0f, (byte) 0xff, 0x00, 0x0f, (byte) 0xfc, (byte) 0xc3,
            (byte) 0xcc}, Arrays.copyOf(b, 8));
        assertEquals((byte) 0xde, b[63]);
        assertEquals(SdCard.STATE_TRANSFER, h.card.state());
        assertEquals(0, card(MIB, 2).cmd(19, 0), "CMD19 needs physical layer 3.0x");
    }

    @Test
    void switchFunctionIsAcceptedInStandBy() {
        SdTestHost h = card(MIB, 2);
        h.r4(7, 0);
        assertEquals(ST_STBY, h.r4(6, 0x00fffff1));
        assertEquals(SdCard.STATE_SENDING, h.card.state());
        h.read(64);
        assertEquals(SdCard.STATE_TRANSFER, h.card.state(), "and ends in transfer, not stand-by");
    }

    @Test
    void unimplementedCommandsAreIllegal() {
        SdTestHost h = card(MIB, 3);
        for (int cmd : new int[] {1, 4, 5, 11, 20, 31, 42, 52, 58, 59}) {
            assertEquals(0, h.cmd(cmd, rcaArg(h)), "CMD" + cmd);
            assertEquals(ILLEGAL_COMMAND | ST_TRAN, h.r4(13, rcaArg(h)), "CMD" + cmd);
        }
        assertEquals(ST_TRAN, h.r4(26, 0), "PROGRAM_CID is accepted");
        assertTrue(h.card.receiveReady());
    }

    @Test
    void applicationIndexWithoutAnAcmdIsTheStandardCommand() {
        SdTestHost h = card(MIB, 2);
        h.r4(55, rcaArg(h));
        assertEquals(ST_TRAN, h.r4(17, 0), "ACMD17 is CMD17: no APP_CMD in its R1");
        assertTrue(h.card.dataReady());
        h.read(512);
        h.r4(55, rcaArg(h));
        assertEquals(0, h.cmd(18, 0), "ACMD18 is reserved for security: illegal");
        assertEquals(ILLEGAL_COMMAND | ST_TRAN, h.r4(13, rcaArg(h)));
        assertEquals(ST_TRAN | APP_CMD, h.acmd(42, 1), "ACMD42 (card detect pull-up) is accepted");
    }

    @Test
    void setBlockCountAppliesOnlyToTheNextCommand() {
        SdTestHost h = card(MIB, 3);
        h.r4(23, 1);
        h.r4(13, rcaArg(h));
        h.r4(18, 0);
        h.read(512);
        assertEquals(SdCard.STATE_SENDING, h.card.state(), "CMD13 in between dropped the count: open-ended");
        h.r4(12, 0);
        h.r4(23, 1);
        h.r4(18, 0);
        h.read(512);
        assertEquals(SdCard.STATE_TRANSFER, h.card.state());
    }

    @Test
    void goInactiveStateIsFinal() {
        SdTestHost h = card(MIB, 2);
        assertEquals(0, h.cmd(15, rcaArg(h)));
        assertEquals(SdCard.STATE_INACTIVE, h.card.state());
        assertEquals(0, h.cmd(0, 0));
        assertEquals(SdCard.STATE_INACTIVE, h.card.state(), "CMD0 does not wake an inactive card");
        assertEquals(0, h.cmd(13, rcaArg(h)));
        h.card.reset();
        assertEquals(SdCard.STATE_IDLE, h.card.state(), "a power cycle does");
    }

    @Test
    void bulkDataPathMovesTheSameBytesAsTheByteInterface() throws IOException {
        byte[] data = pattern(5 * 512 + 100, 21);
        try (RawFileBackend a = image("a.img", MIB); RawFileBackend b = image("b.img", MIB)) {
            SdTestHost bytes = new SdTestHost(new SdCard(a, 2));
            SdTestHost bulk = new SdTestHost(new SdCard(b, 2));
            bytes.initialise();
            bulk.initialise();
            for (SdTestHost h : new SdTestHost[] {bytes, bulk}) {
                h.r4(16, 200);
                h.r4(25, 4096);
            }
            bytes.write(data);
            bulk.card.writeData(data, 0, data.length);
            assertEquals(bytes.r4(12, 0), bulk.r4(12, 0));
            byte[] fromA = new byte[data.length + 512];
            byte[] fromB = new byte[fromA.length];
            a.read(4096, fromA);
            b.read(4096, fromB);
            assertArrayEquals(fromA, fromB);

            for (SdTestHost h : new SdTestHost[] {bytes, bulk}) {
                h.r4(16, 512);
                h.r4(18, 4096 - 300);
            }
            byte[] viaBytes = bytes.read(data.length);
            byte[] viaBulk = new byte[data.length];
            bulk.card.readData(viaBulk, 0, 7);
            bulk.card.readData(viaBulk, 7, data.length - 7);
            assertArrayEquals(viaBytes, viaBulk);
            assertFalse(Arrays.equals(new byte[data.length], viaBulk));
        }
    }
}
