package io.qtestjvm.qos.libqos.sdhci;

import static io.qtestjvm.qos.libqos.sdhci.SdhciRegs.*;

import io.qtestjvm.qos.libqtest.QTestState;

/**
 * A minimal SD host driver over {@link QSdhci}, as a guest would drive the controller (SD Host Controller Simplified
 * Specification 3.00, 3.7 "SD transaction generation"; SD Physical Layer Simplified Specification 4.2 card
 * initialisation): commands through the argument, transfer-mode and command registers, PIO through the buffer data
 * port, SDMA and ADMA2. Every step is synchronous in QEMU 7.2 except ADMA beyond five descriptors (then
 * {@link #waitTransferComplete} steps the virtual clock). Assumes an SDSC card (byte addresses), as the tests' images
 * are small. Not thread-safe; no allocation concerns (test code).
 */
public final class SdHost {
    public static final int BLOCK = 512;
    /** R1 card status bits (Physical Layer 4.10.1). */
    public static final int R1_ADDRESS_ERROR = 1 << 30;
    public static final int R1_STATE_SHIFT = 9;
    public static final int STATE_TRANSFER = 4;
    /** SDMA boundary 512 KiB (block size bits 14:12 = 7), so a test's buffer never stops at a boundary. */
    private static final int SDMA_BOUNDARY_512K = 7 << 12;

    private final QSdhci s;
    private int rca;

    public SdHost(QSdhci sdhci) {
        this.s = sdhci;
    }

    public QSdhci sdhci() {
        return s;
    }

    public int rca() {
        return rca;
    }

    /** Power, clocks, every interrupt status bit enabled (statuses latch only when enabled, 2.2.21). */
    public void powerUp() {
        s.writeb(PWRCON, 0x0f); // 3.3 V, bus power on
        s.writew(CLKCON, CLOCK_INT_EN);
        s.writew(CLKCON, CLOCK_INT_EN | CLOCK_SDCLK_EN);
        s.writew(NORINTSTSEN, 0x003f); // command to buffer-read-ready; not insert/remove, which would stay latched
        s.writew(ERRINTSTSEN, 0x03ff);
        clearInterrupts();
    }

    public void clearInterrupts() {
        s.writel(NORINTSTS, 0xffff_ffff);
    }

    /** Normal (bits 15:0) and error (31:16) interrupt status. */
    public int interrupts() {
        return s.readl(NORINTSTS);
    }

    /**
     * Issues command {@code index} with {@code arg}, {@code flags} (response type, data present) and transfer mode
     * {@code trnmod} in one 32-bit write (the command byte triggers it); returns the normal/error status after it.
     */
    public int command(int index, int arg, int flags, int trnmod) {
        s.writel(ARGUMENT, arg);
        s.writel(TRNMOD, (index << 8 | flags) << 16 | trnmod);
        return interrupts();
    }

    /** A command without data; checks it completed and returns RSPREG0. */
    public int simple(int index, int arg, int flags) {
        int st = command(index, arg, flags, 0);
        clearInterrupts();
        if ((st & NIS_CMDCMP) == 0 || (st & NIS_ERR) != 0) {
            throw new AssertionError("CMD" + index + " arg 0x" + Integer.toHexString(arg) + ": interrupt status 0x"
                    + Integer.toHexString(st) + ", expected command complete without error");
        }
        return s.readl(RSPREG0);
    }

    /** Reads the 120 bits of an R2 (CID or CSD without CRC) back into the card's 15 bytes, MSB first. */
    public byte[] r2() {
        byte[] b = new byte[15];
        for (int i = 0; i < 4; i++) {
            int w = s.readl(RSPREG0 + 4 * i);
            for (int k = 0; k < 4; k++) {
                int pos = 4 * i + k; // byte pos of the register file = response byte 14 - pos
                if (pos < 15) {
                    b[14 - pos] = (byte) (w >>> (8 * k));
                }
            }
        }
        return b;
    }

    /** Card identification to transfer state (Physical Layer 4.2, Figure 4-2); returns {CID, CSD}. */
    public byte[][] initCard() {
        powerUp();
        simple(0, 0, CMD_RSP_NONE);
        int r7 = simple(8, 0x1aa, CMD_RSP_48);
        check(r7 == 0x1aa, "CMD8 echoes 0x1aa, got 0x" + Integer.toHexString(r7));
        int ocr = 0;
        for (int i = 0; i < 10 && ocr >= 0; i++) {
            simple(55, 0, CMD_RSP_48);
            ocr = simple(41, 0x40ff_8000, CMD_RSP_48_NO_CHECK);
        }
        check(ocr < 0, "ACMD41 reports power-up done, OCR 0x" + Integer.toHexString(ocr));
        simple(2, 0, CMD_RSP_136);
        byte[] cid = r2();
        rca = simple(3, 0, CMD_RSP_48) >>> 16;
        check(rca != 0, "CMD3 publishes a non-zero RCA");
        simple(9, rca << 16, CMD_RSP_136);
        byte[] csd = r2();
        simple(7, rca << 16, CMD_RSP_48_BUSY);
        clearInterrupts();
        return new byte[][] {cid, csd};
    }

    /** CMD13: the card's R1 status (CURRENT_STATE in bits 12:9). */
    public int status() {
        return simple(13, rca << 16, CMD_RSP_48);
    }

    private void setupBlocks(int count) {
        s.writew(BLKSIZE, SDMA_BOUNDARY_512K | BLOCK);
        s.writew(BLKCNT, count);
    }

    private static int multiMode(int count) {
        return count > 1 ? TRNS_MULTI | TRNS_BLK_CNT_EN | TRNS_ACMD12 : 0;
    }

    /**
     * PIO read of {@code count} blocks from block {@code lba} (CMD17/CMD18 with auto CMD12): each block when the
     * buffer-read-ready status says so, 128 reads of the data port. Returns the data; the status after is in
     * {@link #interrupts()} (not cleared).
     */
    public byte[] pioRead(int lba, int count) {
        setupBlocks(count);
        byte[] out = new byte[count * BLOCK];
        int st = command(count > 1 ? 18 : 17, lba * BLOCK, CMD_RSP_48 | CMD_DATA_PRESENT,
                TRNS_READ | multiMode(count));
        for (int b = 0; b < count; b++) {
            st = interrupts();
            check((st & NIS_RBUFRDY) != 0, "block " + b + ": buffer read ready, status 0x"
                    + Integer.toHexString(st));
            s.writel(NORINTSTS, NIS_RBUFRDY);
            for (int i = 0; i < BLOCK; i += 4) {
                int w = s.readl(BDATA);
                int o = b * BLOCK + i;
                out[o] = (byte) w;
                out[o + 1] = (byte) (w >>> 8);
                out[o + 2] = (byte) (w >>> 16);
                out[o + 3] = (byte) (w >>> 24);
            }
        }
        return out;
    }

    /** PIO write of {@code data} (whole blocks) at block {@code lba} (CMD24/CMD25 with auto CMD12). */
    public void pioWrite(int lba, byte[] data) {
        int count = data.length / BLOCK;
        setupBlocks(count);
        command(count > 1 ? 25 : 24, lba * BLOCK, CMD_RSP_48 | CMD_DATA_PRESENT, multiMode(count));
        for (int b = 0; b < count; b++) {
            int st = interrupts();
            check((st & NIS_WBUFRDY) != 0, "block " + b + ": buffer write ready, status 0x"
                    + Integer.toHexString(st));
            s.writel(NORINTSTS, NIS_WBUFRDY);
            for (int i = 0; i < BLOCK; i += 4) {
                int o = b * BLOCK + i;
                s.writel(BDATA, (data[o] & 0xff) | (data[o + 1] & 0xff) << 8 | (data[o + 2] & 0xff) << 16
                        | (data[o + 3] & 0xff) << 24);
            }
        }
    }

    /**
     * SDMA transfer of {@code count} blocks at block {@code lba} to or from guest address {@code addr}. The block
     * count is zeroed before the system address is written: QEMU starts an SDMA transfer on a write of the address
     * register whenever block size and count are set (hw/sd/sdhci.c, SDHC_SYSAD).
     */
    public void sdma(boolean read, int lba, int count, long addr) {
        s.writeb(HOSTCTL, s.readb(HOSTCTL) & ~HOSTCTL_DMA_MASK | HOSTCTL_SDMA);
        s.writew(BLKCNT, 0);
        s.writel(SYSAD, (int) addr);
        setupBlocks(count);
        command(read ? (count > 1 ? 18 : 17) : (count > 1 ? 25 : 24), lba * BLOCK,
                CMD_RSP_48 | CMD_DATA_PRESENT, TRNS_DMA | (read ? TRNS_READ : 0) | multiMode(count));
    }

    /**
     * ADMA2 (32-bit descriptors) transfer of {@code count} blocks at {@code lba} with the descriptor table at
     * {@code table}, already written by the caller ({@link #admaDescriptor}).
     */
    public void adma2(boolean read, int lba, int count, long table) {
        s.writeb(HOSTCTL, s.readb(HOSTCTL) & ~HOSTCTL_DMA_MASK | HOSTCTL_ADMA2_32);
        s.writel(ADMASYSADDR, (int) table);
        s.writel(ADMASYSADDR + 4, 0);
        setupBlocks(count);
        command(read ? (count > 1 ? 18 : 17) : (count > 1 ? 25 : 24), lba * BLOCK,
                CMD_RSP_48 | CMD_DATA_PRESENT, TRNS_DMA | (read ? TRNS_READ : 0) | multiMode(count));
    }

    /** One ADMA2 32-bit descriptor (1.13.4): attribute, length (0 = 64 KiB), address; little-endian. */
    public static byte[] admaDescriptor(int attr, int length, long addr) {
        return new byte[] {(byte) attr, (byte) (attr >>> 8), (byte) length, (byte) (length >>> 8), (byte) addr,
            (byte) (addr >>> 8), (byte) (addr >>> 16), (byte) (addr >>> 24)};
    }

    /**
     * Waits for transfer complete or an error, stepping the virtual clock when {@code stepClock} (QEMU's ADMA runs
     * five descriptors per 100 ns round of its transfer timer) at most {@code maxSteps} times; returns the status.
     */
    public int waitTransferComplete(boolean stepClock, int maxSteps) {
        QTestState qts = s.qts();
        int st = interrupts();
        for (int i = 0; stepClock && i < maxSteps && (st & (NIS_TRSCMP | NIS_ERR)) == 0; i++) {
            qts.clockStepNext();
            st = interrupts();
        }
        return st;
    }

    /** Software reset of the CMD and DAT lines (2.2.17), as a driver recovers after an error. */
    public void resetLines() {
        s.writeb(SWRST, RESET_CMD | RESET_DATA);
        clearInterrupts();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
