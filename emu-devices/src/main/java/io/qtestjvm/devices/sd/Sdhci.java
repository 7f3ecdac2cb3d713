package io.qtestjvm.devices.sd;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import static io.qtestjvm.devices.sd.SdhciRegs.*;

/**
 * The SD host controller core shared by {@link GenericSdhci} and {@link SdhciPci}: the register file, command
 * issue over the {@link SdSlot}, PIO through the buffer data port, SDMA and ADMA1/ADMA2, interrupts and the two
 * virtual-clock timers, as QEMU 7.2 hw/sd/sdhci.c models the SD Host Controller Simplified Specification 3.00.
 *
 * <p>QEMU 7.2 behaviour reproduced on purpose (see also the package's tests):
 * <ul>
 * <li>Registers are accessed 1, 2 or 4 bytes, little-endian, aligned; wider accesses are split by the memory
 *     core, so an 8-byte read of CAPAB answers {@code capareg} low word | high word &lt;&lt; 32.</li>
 * <li>Sending a command clears the whole Error Interrupt Status but leaves Normal Interrupt Status.ERR set.</li>
 * <li>A PIO read command while the card has no data takes the write path (Buffer Write Ready).</li>
 * <li>SYSAD, Block Size/Count and Transfer Mode writes are ignored while a transfer is in progress (the
 *     CVE-2021-3409 fixes of QEMU 6.0): after an SDMA boundary stop the host must reset the DAT line before a
 *     SYSAD write restarts the transfer with the remaining blocks.</li>
 * <li>Block Size keeps bits 14:0 (SDMA buffer boundary and size), limited to the FIFO length.</li>
 * <li>ADMA runs at most 5 descriptors per round; the next round is 100 ns of virtual time later.</li>
 * <li>Card insertion while a removal is still flagged is delayed one second of virtual time; the Raspberry Pi
 *     {@code pending-insert-quirk} raises Card Insertion when that interrupt is first enabled after power-on.</li>
 * </ul>
 * Hang guards this model adds (QEMU would spin or run forever): an ADMA table that walks more than
 * {@link #ADMA_IDLE_DESCRIPTOR_LIMIT} link/no-op descriptors without moving data ends with an ADMA error in the
 * fetch state; a transfer round with a zero block size does nothing.
 */
public final class Sdhci implements SdSlot.Listener {
    /** Link or no-op descriptors walked without transferring data before the walk is declared a loop. */
    public static final int ADMA_IDLE_DESCRIPTOR_LIMIT = 4096;
    public static final long DEFAULT_CAPAREG = 0x057834b4L;

    private final Clock clock;
    private final SdhciDma dma;
    private final IntConsumer irq;
    private final SdSlot slot = new SdSlot();
    private final MemoryRegion region;
    private final Timer insertTimer;
    private final Timer transferTimer;
    private final byte[] response = new byte[16];
    private final AdmaDescriptor dscr = new AdmaDescriptor();
    private byte[] fifo = new byte[512];

    // properties
    private int specVersion = 2;
    private int uhsMode;
    private long capareg = DEFAULT_CAPAREG;
    private long maxcurr;
    private boolean pendingInsertQuirk;
    private int version = SdhciCapabilities.hostVersion(2);
    private int bufMaxSize = 512;

    // registers (cleared by sdhci_reset)
    private int sdmasysad;
    private int blksize;
    private int blkcnt;
    private int argument;
    private int trnmod;
    private int cmdreg;
    private final int[] rspreg = new int[4];
    private int prnsts;
    private int hostctl1;
    private int pwrcon;
    private int blkgap;
    private int wakcon;
    private int hostctl2;
    private int clkcon;
    private int timeoutcon;
    private int admaerr;
    private int norintsts;
    private int errintsts;
    private int norintstsen;
    private int errintstsen;
    private int norintsigen;
    private int errintsigen;
    private int acmd12errsts;
    private long admasysaddr;

    // internal state
    private int dataCount;
    /** 0 not stopped, 1 stopped at a block gap while reading, 2 while writing. */
    private int stoppedState;
    private boolean pendingInsertState;
    private int admaIdleDescriptors;
    private int irqLevel = -1;

    Sdhci(Clock virtualClock, SdhciDma dma, IntConsumer irq) {
        this.clock = virtualClock;
        this.dma = dma;
        this.irq = irq;
        this.insertTimer = virtualClock.newTimer(this::raiseInsertionIrq);
        this.transferTimer = virtualClock.newTimer(this::dataTransfer);
        this.region = MemoryRegion.io("sdhci", REGISTERS_MAP_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return Sdhci.this.read((int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                Sdhci.this.write((int) offset, value, size);
            }
        }, new AccessRules(1, 4, false, 1, 4, Endianness.LITTLE)); // sdhci_mmio_ops
        slot.setListener(this);
    }

    // ---------------------------------------------------------------------------------------------------------
    // configuration

    void setSpecVersion(int v) {
        specVersion = v;
    }

    void setUhs(int mode) {
        uhsMode = mode;
    }

    void setCapareg(long v) {
        capareg = v;
    }

    void setMaxcurr(long v) {
        maxcurr = v;
    }

    void setPendingInsertQuirk(boolean on) {
        pendingInsertQuirk = on;
    }

    int specVersion() {
        return specVersion;
    }

    long capareg() {
        return capareg;
    }

    int uhs() {
        return uhsMode;
    }

    long maxcurr() {
        return maxcurr;
    }

    boolean pendingInsertQuirk() {
        return pendingInsertQuirk;
    }

    /** {@code sdhci_common_realize}: checks the properties and sizes the FIFO. */
    void realize() {
        SdhciCapabilities.check(specVersion, capareg);
        version = SdhciCapabilities.hostVersion(specVersion);
        bufMaxSize = SdhciCapabilities.fifoLength(capareg);
        fifo = new byte[bufMaxSize];
    }

    /** Properties as {@code info qtree} prints them (uint as "N (0xN)", %#x printing 0 as "0"). */
    List<String[]> qtreeProperties(boolean sysbus) {
        List<String[]> p = new ArrayList<>();
        p.add(new String[] {"sd-spec-version", qtreeInt(specVersion)});
        p.add(new String[] {"uhs", qtreeInt(uhsMode)});
        p.add(new String[] {"capareg", qtreeInt(capareg)});
        p.add(new String[] {"maxcurr", qtreeInt(maxcurr)});
        if (sysbus) {
            p.add(new String[] {"pending-insert-quirk", Boolean.toString(pendingInsertQuirk)});
        }
        return p;
    }

    private static String qtreeInt(long v) {
        return Long.toUnsignedString(v) + " (" + (v == 0 ? "0" : "0x" + Long.toHexString(v)) + ")";
    }

    MemoryRegion region() {
        return region;
    }

    SdSlot slot() {
        return slot;
    }

    void stopTimers() {
        insertTimer.del();
        transferTimer.del();
    }

    // ---------------------------------------------------------------------------------------------------------
    // reset, card detect, interrupts

    /** {@code sdhci_reset}: everything from SYSAD to ADMA system address cleared, card state re-read. */
    private void reset() {
        insertTimer.del();
        transferTimer.del();
        sdmasysad = 0;
        blksize = 0;
        blkcnt = 0;
        argument = 0;
        trnmod = 0;
        cmdreg = 0;
        rspreg[0] = rspreg[1] = rspreg[2] = rspreg[3] = 0;
        prnsts = 0;
        hostctl1 = 0;
        pwrcon = 0;
        blkgap = 0;
        wakcon = 0;
        hostctl2 = 0;
        clkcon = 0;
        timeoutcon = 0;
        admaerr = 0;
        norintsts = 0;
        errintsts = 0;
        norintstsen = 0;
        errintstsen = 0;
        norintsigen = 0;
        errintsigen = 0;
        acmd12errsts = 0;
        admasysaddr = 0;
        insertedChanged(slot.inserted());
        readOnlyChanged(slot.readOnly());
        dataCount = 0;
        stoppedState = 0;
        pendingInsertState = false;
        admaIdleDescriptors = 0;
    }

    /** {@code sdhci_poweron_reset}: the device reset, plus the pending-insert quirk. */
    void powerOnReset() {
        reset();
        if (pendingInsertQuirk) {
            pendingInsertState = true;
        }
    }

    private int slotInt() {
        boolean on = (norintsts & norintsigen) != 0 || (errintsts & errintsigen) != 0
                || ((norintsts & NIS_INSERT) != 0 && (wakcon & WKUP_ON_INS) != 0)
                || ((norintsts & NIS_REMOVE) != 0 && (wakcon & WKUP_ON_RMV) != 0);
        return on ? 1 : 0;
    }

    private void updateIrq() {
        int level = slotInt();
        irqLevel = level;
        irq.accept(level);
    }

    /** The level last driven on the interrupt line. */
    int irqLevel() {
        return irqLevel;
    }

    private void raiseInsertionIrq() {
        if ((norintsts & NIS_REMOVE) != 0) {
            insertTimer.modIn(INSERTION_DELAY_NS);
        } else {
            prnsts = PRNSTS_INSERTED;
            if ((norintstsen & NIS_INSERT) != 0) {
                norintsts |= NIS_INSERT;
            }
            updateIrq();
        }
    }

    /** {@code sdhci_set_inserted}. */
    @Override
    public void insertedChanged(boolean inserted) {
        if ((norintsts & NIS_REMOVE) != 0 && inserted) {
            insertTimer.modIn(INSERTION_DELAY_NS); // give the guest time to notice the ejection
            return;
        }
        if (inserted) {
            prnsts = PRNSTS_INSERTED;
            if ((norintstsen & NIS_INSERT) != 0) {
                norintsts |= NIS_INSERT;
            }
        } else {
            prnsts = PRNSTS_EMPTY;
            pwrcon &= ~POWER_ON;
            clkcon &= ~CLOCK_SDCLK_EN;
            if ((norintstsen & NIS_REMOVE) != 0) {
                norintsts |= NIS_REMOVE;
            }
        }
        updateIrq();
    }

    /** {@code sdhci_set_readonly}: Present State bit 19 is the write-protect pin, 1 = writable. */
    @Override
    public void readOnlyChanged(boolean readOnly) {
        if (readOnly) {
            prnsts &= ~WRITE_PROTECT;
        } else {
            prnsts |= WRITE_PROTECT;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // commands

    private boolean canIssueCommand() {
        boolean clockOn = (clkcon & CLOCK_CHK_MASK) == CLOCK_CHK_MASK;
        boolean dataBusy = (prnsts & DATA_INHIBIT) != 0 || stoppedState != 0;
        boolean usesData = (cmdreg & CMD_DATA_PRESENT) != 0
                || ((cmdreg & CMD_RESPONSE) == CMD_RSP_WITH_BUSY && (cmdreg & CMD_TYPE_MASK) != CMD_ABORT);
        return clockOn && !(dataBusy && usesData);
    }

    /** {@code sdhci_send_command}; responses packed as QEMU does (R2 without its CRC byte, shifted by 8). */
    private void sendCommand() {
        errintsts = 0;
        acmd12errsts = 0;
        int rlen = slot.doCommand((cmdreg >>> 8) & 0x3f, argument & 0xffff_ffffL, response);
        boolean timeout = false;
        if ((cmdreg & CMD_RESPONSE) != 0) {
            if (rlen == 4) {
                rspreg[0] = be(0);
                rspreg[1] = rspreg[2] = rspreg[3] = 0;
            } else if (rlen == 16) {
                rspreg[0] = be(11);
                rspreg[1] = be(7);
                rspreg[2] = be(3);
                rspreg[3] = ((response[0] & 0xff) << 16) | ((response[1] & 0xff) << 8) | (response[2] & 0xff);
            } else {
                timeout = true;
                if ((errintstsen & EIS_CMDTIMEOUT) != 0) {
                    errintsts |= EIS_CMDTIMEOUT;
                    norintsts |= NIS_ERR;
                }
            }
            if ((norintstsen & NIS_TRSCMP) != 0 && (cmdreg & CMD_RESPONSE) == CMD_RSP_WITH_BUSY) {
                norintsts |= NIS_TRSCMP;
            }
        }
        if ((norintstsen & NIS_CMDCMP) != 0) {
            norintsts |= NIS_CMDCMP;
        }
        updateIrq();
        if (!timeout && (blksize & BLOCK_SIZE_MASK) != 0 && (cmdreg & CMD_DATA_PRESENT) != 0) {
            dataCount = 0;
            dataTransfer();
        }
    }

    private int be(int off) {
        return ((response[off] & 0xff) << 24) | ((response[off + 1] & 0xff) << 16)
                | ((response[off + 2] & 0xff) << 8) | (response[off + 3] & 0xff);
    }

    /** {@code sdhci_end_transfer}: auto CMD12 (its R1b in RSPREG3), lines released, Transfer Complete. */
    private void endTransfer() {
        if ((trnmod & TRNS_ACMD12) != 0) {
            java.util.Arrays.fill(response, (byte) 0);
            slot.doCommand(12, 0, response);
            rspreg[3] = be(0);
        }
        prnsts &= ~(DOING_READ | DOING_WRITE | DAT_LINE_ACTIVE | DATA_INHIBIT | SPACE_AVAILABLE | DATA_AVAILABLE);
        if ((norintstsen & NIS_TRSCMP) != 0) {
            norintsts |= NIS_TRSCMP;
        }
        updateIrq();
    }

    // ---------------------------------------------------------------------------------------------------------
    // data transfer

    /** {@code sdhci_data_transfer}; also the transfer timer's callback (the next ADMA round). */
    private void dataTransfer() {
        if ((trnmod & TRNS_DMA) != 0) {
            switch (hostctl1 & CTRL_DMA_MASK) {
                case CTRL_SDMA -> {
                    if (blkcnt == 1 || (trnmod & TRNS_MULTI) == 0) {
                        sdmaSingleBlock();
                    } else {
                        sdmaMultiBlocks();
                    }
                }
                case CTRL_ADMA1_32 -> {
                    if ((capareg & CAPAB_ADMA1) != 0) {
                        doAdma();
                    }
                }
                case CTRL_ADMA2_32 -> {
                    if ((capareg & CAPAB_ADMA2) != 0) {
                        doAdma();
                    }
                }
                default -> {
                    if ((capareg & CAPAB_ADMA2) != 0 && (capareg & CAPAB_BUS64BIT) != 0) {
                        doAdma();
                    }
                }
            }
        } else if ((trnmod & TRNS_READ) != 0 && slot.dataReady()) {
            prnsts |= DOING_READ | DATA_INHIBIT | DAT_LINE_ACTIVE;
            readBlockFromCard();
        } else {
            prnsts |= DOING_WRITE | DAT_LINE_ACTIVE | SPACE_AVAILABLE | DATA_INHIBIT;
            writeBlockToCard();
        }
    }

    private int blockSize() {
        return blksize & BLOCK_SIZE_MASK;
    }

    private void readCard(int n) {
        for (int i = 0; i < n; i++) {
            fifo[i] = slot.readByte();
        }
    }

    private void writeCard(int n) {
        for (int i = 0; i < n; i++) {
            slot.writeByte(fifo[i]);
        }
    }

    /** {@code sdhci_read_block_from_card}: fills the buffer, Buffer Read Ready. */
    private void readBlockFromCard() {
        int n = blockSize();
        if ((trnmod & TRNS_MULTI) != 0 && (trnmod & TRNS_BLK_CNT_EN) != 0 && blkcnt == 0) {
            return;
        }
        if ((hostctl2 & HOSTCTL2_EXECUTE_TUNING) != 0) {
            for (int i = 0; i < n; i++) {
                slot.readByte(); // the tuning block is consumed, not buffered
            }
            hostctl2 &= ~HOSTCTL2_EXECUTE_TUNING;
            hostctl2 |= HOSTCTL2_SAMPLING_CLKSEL;
            prnsts &= ~(DAT_LINE_ACTIVE | DOING_READ | DATA_INHIBIT);
            updateIrq();
            return;
        }
        readCard(n);
        prnsts |= DATA_AVAILABLE;
        if ((norintstsen & NIS_RBUFRDY) != 0) {
            norintsts |= NIS_RBUFRDY;
        }
        if ((trnmod & TRNS_MULTI) == 0 || blkcnt == 1) {
            prnsts &= ~DAT_LINE_ACTIVE;
        }
        if (stoppedState == 1 && (trnmod & TRNS_MULTI) != 0 && blkcnt != 1) {
            prnsts &= ~DAT_LINE_ACTIVE;
            if ((norintstsen & EIS_BLKGAP) != 0) { // QEMU tests the error bit in the normal enable: same value
                norintsts |= EIS_BLKGAP;
            }
        }
        updateIrq();
    }

    /** {@code sdhci_read_dataport}. */
    private int readDataPort(int size) {
        if ((prnsts & DATA_AVAILABLE) == 0) {
            return 0; // read from empty buffer
        }
        int value = 0;
        for (int i = 0; i < size; i++) {
            value |= (fifo[dataCount] & 0xff) << (i * 8);
            dataCount++;
            if (dataCount >= blockSize()) {
                prnsts &= ~DATA_AVAILABLE;
                dataCount = 0;
                if ((trnmod & TRNS_BLK_CNT_EN) != 0) {
                    blkcnt = (blkcnt - 1) & 0xffff;
                }
                if ((trnmod & TRNS_MULTI) == 0 || ((trnmod & TRNS_BLK_CNT_EN) != 0 && blkcnt == 0)
                        || (stoppedState == 1 && (prnsts & DAT_LINE_ACTIVE) == 0)) {
                    endTransfer();
                } else {
                    readBlockFromCard();
                }
                break;
            }
        }
        return value;
    }

    /** {@code sdhci_write_block_to_card}. */
    private void writeBlockToCard() {
        if ((prnsts & SPACE_AVAILABLE) != 0) {
            if ((norintstsen & NIS_WBUFRDY) != 0) {
                norintsts |= NIS_WBUFRDY;
            }
            updateIrq();
            return;
        }
        if ((trnmod & TRNS_BLK_CNT_EN) != 0) {
            if (blkcnt == 0) {
                return;
            }
            blkcnt--;
        }
        writeCard(blockSize());
        prnsts |= SPACE_AVAILABLE;
        if ((trnmod & TRNS_MULTI) == 0 || ((trnmod & TRNS_BLK_CNT_EN) != 0 && blkcnt == 0)) {
            endTransfer();
        } else if ((norintstsen & NIS_WBUFRDY) != 0) {
            norintsts |= NIS_WBUFRDY;
        }
        if (stoppedState == 2 && (trnmod & TRNS_MULTI) != 0 && blkcnt > 0) {
            prnsts &= ~DOING_WRITE;
            if ((norintstsen & EIS_BLKGAP) != 0) {
                norintsts |= EIS_BLKGAP;
            }
            endTransfer();
        }
        updateIrq();
    }

    /** {@code sdhci_write_dataport}. */
    private void writeDataPort(int value, int size) {
        if ((prnsts & SPACE_AVAILABLE) == 0) {
            return; // buffer full
        }
        for (int i = 0; i < size; i++) {
            fifo[dataCount] = (byte) value;
            dataCount++;
            value >>>= 8;
            if (dataCount >= blockSize()) {
                dataCount = 0;
                prnsts &= ~SPACE_AVAILABLE;
                if ((prnsts & DOING_WRITE) != 0) {
                    writeBlockToCard();
                }
            }
        }
    }

    /** {@code sdhci_sdma_transfer_multi_blocks}: stops with DMA Interrupt at an SDMA buffer boundary. */
    private void sdmaMultiBlocks() {
        int blockSize = blockSize();
        long boundaryChk = 1L << (((blksize & ~BLOCK_SIZE_MASK) >>> 12) + 12);
        long sysad = sdmasysad & 0xffff_ffffL;
        long boundaryCount = boundaryChk - (sysad % boundaryChk);
        if ((trnmod & TRNS_BLK_CNT_EN) == 0 || blkcnt == 0 || blockSize == 0) {
            return; // infinite transfer is not supported
        }
        // u-boot-slp does not expect a stop at the boundary when it starts unaligned: no stop then
        boolean pageAligned = sysad % boundaryChk == 0;
        if (dataCount >= blockSize) {
            dataCount = 0;
        }
        prnsts |= DATA_INHIBIT | DAT_LINE_ACTIVE;
        boolean read = (trnmod & TRNS_READ) != 0;
        prnsts |= read ? DOING_READ : DOING_WRITE;
        while (blkcnt != 0) {
            if (read && dataCount == 0) {
                readCard(blockSize);
            }
            int begin = dataCount;
            if (boundaryCount + begin < blockSize && pageAligned) {
                dataCount = (int) (boundaryCount + begin);
                boundaryCount = 0;
            } else {
                dataCount = blockSize;
                boundaryCount -= blockSize - begin;
                if (read && (trnmod & TRNS_BLK_CNT_EN) != 0) {
                    blkcnt--;
                }
            }
            int n = dataCount - begin;
            if (read) {
                dma.write(sdmasysad & 0xffff_ffffL, fifo, begin, n);
            } else {
                dma.read(sdmasysad & 0xffff_ffffL, fifo, begin, n);
            }
            sdmasysad += n;
            if (dataCount == blockSize) {
                if (!read) {
                    writeCard(blockSize);
                    if ((trnmod & TRNS_BLK_CNT_EN) != 0) {
                        blkcnt--;
                    }
                }
                dataCount = 0;
            }
            if (pageAligned && boundaryCount == 0) {
                break;
            }
        }
        if (blkcnt == 0) {
            endTransfer();
        } else {
            if ((norintstsen & NIS_DMA) != 0) {
                norintsts |= NIS_DMA;
            }
            updateIrq();
        }
    }

    /** {@code sdhci_sdma_transfer_single_block}; Block Count is decremented even from 0 (wraps to 0xffff). */
    private void sdmaSingleBlock() {
        int n = blockSize();
        if ((trnmod & TRNS_READ) != 0) {
            readCard(n);
            dma.write(sdmasysad & 0xffff_ffffL, fifo, 0, n);
        } else {
            dma.read(sdmasysad & 0xffff_ffffL, fifo, 0, n);
            writeCard(n);
        }
        blkcnt = (blkcnt - 1) & 0xffff;
        endTransfer();
    }

    private void admaError(int state, boolean lengthMismatch) {
        admaerr &= ~ADMAERR_STATE_MASK;
        admaerr |= state | (lengthMismatch ? ADMAERR_LENGTH_MISMATCH : 0);
        if ((errintstsen & EIS_ADMAERR) != 0) {
            errintsts |= EIS_ADMAERR;
            norintsts |= NIS_ERR;
        }
        updateIrq();
    }

    /** {@code sdhci_do_adma}: one round of at most five descriptors, then the transfer timer continues. */
    private void doAdma() {
        int blockSize = blockSize();
        if (blockSize == 0) {
            return; // hang guard: QEMU would spin moving 0-byte pieces
        }
        if (dataCount >= blockSize) {
            dataCount = 0;
        }
        boolean read = (trnmod & TRNS_READ) != 0;
        for (int i = 0; i < ADMA_DESCS_PER_DELAY; i++) {
            admaerr &= ~ADMAERR_LENGTH_MISMATCH;
            dscr.fetch(dma, admasysaddr, hostctl1 & CTRL_DMA_MASK);
            if ((dscr.attr & ADMA_ATTR_VALID) == 0) {
                admaError(ADMAERR_STATE_ST_FDS, false);
                return;
            }
            long length = dscr.length != 0 ? dscr.length : 65536;
            long addr = dscr.addr;
            switch (dscr.attr & ADMA_ATTR_ACT_MASK) {
                case ADMA_ATTR_ACT_TRAN -> {
                    admaIdleDescriptors = 0;
                    prnsts |= DATA_INHIBIT | DAT_LINE_ACTIVE | (read ? DOING_READ : DOING_WRITE);
                    while (length != 0) {
                        if (read && dataCount == 0) {
                            readCard(blockSize);
                        }
                        int begin = dataCount;
                        if (length + begin < blockSize) {
                            dataCount = (int) (length + begin);
                            length = 0;
                        } else {
                            dataCount = blockSize;
                            length -= blockSize - begin;
                        }
                        int n = dataCount - begin;
                        if (read) {
                            dma.write(addr, fifo, begin, n);
                        } else {
                            dma.read(addr, fifo, begin, n);
                        }
                        addr += n;
                        if (dataCount == blockSize) {
                            if (!read) {
                                writeCard(blockSize);
                            }
                            dataCount = 0;
                            if ((trnmod & TRNS_BLK_CNT_EN) != 0) {
                                blkcnt = (blkcnt - 1) & 0xffff;
                                if (blkcnt == 0) {
                                    break;
                                }
                            }
                        }
                    }
                    admasysaddr += dscr.incr;
                }
                case ADMA_ATTR_ACT_LINK -> {
                    admasysaddr = dscr.addr;
                    admaIdleDescriptors++;
                }
                default -> {
                    admasysaddr += dscr.incr;
                    admaIdleDescriptors++;
                }
            }
            if ((dscr.attr & ADMA_ATTR_INT) != 0) {
                if ((norintstsen & NIS_DMA) != 0) {
                    norintsts |= NIS_DMA;
                }
                updateIrq();
            }
            boolean end = (dscr.attr & ADMA_ATTR_END) != 0;
            if (((trnmod & TRNS_BLK_CNT_EN) != 0 && blkcnt == 0) || end) {
                if (length != 0 || (end && (trnmod & TRNS_BLK_CNT_EN) != 0 && blkcnt != 0)) {
                    admaerr |= ADMAERR_LENGTH_MISMATCH | ADMAERR_STATE_ST_TFR;
                    if ((errintstsen & EIS_ADMAERR) != 0) {
                        errintsts |= EIS_ADMAERR;
                        norintsts |= NIS_ERR;
                    }
                    updateIrq();
                }
                endTransfer();
                return;
            }
            if (admaIdleDescriptors > ADMA_IDLE_DESCRIPTOR_LIMIT) {
                admaIdleDescriptors = 0;
                admaError(ADMAERR_STATE_ST_FDS, false); // hang guard: a descriptor loop that moves no data
                return;
            }
        }
        transferTimer.modIn(TRANSFER_DELAY_NS);
    }

    // ---------------------------------------------------------------------------------------------------------
    // register access (sdhci_read / sdhci_write)

    private boolean sequential(int byteNum) {
        return (dataCount & 3) == byteNum; // the buffer port must be accessed in order
    }

    long read(int offset, int size) {
        int ret = 0;
        switch (offset & ~3) {
            case SYSAD -> ret = sdmasysad;
            case BLKSIZE -> ret = blksize | (blkcnt << 16);
            case ARGUMENT -> ret = argument;
            case TRNMOD -> ret = trnmod | (cmdreg << 16);
            case RSPREG0, RSPREG0 + 4, RSPREG0 + 8, RSPREG3 -> ret = rspreg[((offset & ~3) - RSPREG0) >> 2];
            case BDATA -> {
                if (sequential(offset - BDATA)) {
                    return readDataPort(size) & 0xffff_ffffL;
                }
            }
            case PRNSTS -> ret = prnsts;
            case HOSTCTL -> ret = hostctl1 | (pwrcon << 8) | (blkgap << 16) | (wakcon << 24);
            case CLKCON -> ret = clkcon | (timeoutcon << 16);
            case NORINTSTS -> ret = norintsts | (errintsts << 16);
            case NORINTSTSEN -> ret = norintstsen | (errintstsen << 16);
            case NORINTSIGEN -> ret = norintsigen | (errintsigen << 16);
            case ACMD12ERRSTS -> ret = acmd12errsts | (hostctl2 << 16);
            case CAPAB -> ret = (int) capareg;
            case CAPAB + 4 -> ret = (int) (capareg >>> 32);
            case MAXCURR -> ret = (int) maxcurr;
            case MAXCURR + 4 -> ret = (int) (maxcurr >>> 32);
            case ADMAERR -> ret = admaerr;
            case ADMASYSADDR -> ret = (int) admasysaddr;
            case ADMASYSADDR + 4 -> ret = (int) (admasysaddr >>> 32);
            case SLOT_INT_STATUS -> ret = (version << 16) | slotInt();
            default -> {
            }
        }
        long v = (ret & 0xffff_ffffL) >>> ((offset & 3) * 8);
        return size >= 4 ? v : v & ((1L << (size * 8)) - 1);
    }

    void write(int offset, long val, int size) {
        int shift = 8 * (offset & 3);
        int mask = size >= 4 ? 0 : ~(((1 << (size * 8)) - 1) << shift);
        int value = (int) val << shift;
        switch (offset & ~3) {
            case SYSAD -> {
                if (!transferring()) {
                    sdmasysad = (sdmasysad & mask) | value;
                    // writing the last byte may start an SDMA transfer
                    if ((mask & 0xff00_0000) == 0 && blkcnt != 0 && blockSize() != 0
                            && (hostctl1 & CTRL_DMA_MASK) == CTRL_SDMA) {
                        if ((trnmod & TRNS_MULTI) != 0) {
                            sdmaMultiBlocks();
                        } else {
                            sdmaSingleBlock();
                        }
                    }
                }
            }
            case BLKSIZE -> {
                if (!transferring()) {
                    int old = blksize;
                    blksize = ((blksize & mask) | (value & 0x7fff)) & 0xffff;
                    blkcnt = ((blkcnt & (mask >>> 16)) | (value >>> 16)) & 0xffff;
                    if ((blksize & BLOCK_SIZE_MASK) > bufMaxSize) {
                        blksize = (blksize & ~BLOCK_SIZE_MASK) | bufMaxSize;
                    }
                    if (old != blksize) {
                        dataCount = 0;
                    }
                }
            }
            case ARGUMENT -> argument = (argument & mask) | value;
            case TRNMOD -> {
                if ((capareg & CAPAB_SDMA) == 0) {
                    value &= ~TRNS_DMA; // DMA only when the capabilities offer SDMA
                }
                int m = (prnsts & DATA_INHIBIT) != 0 ? mask | 0xffff : mask;
                trnmod = ((trnmod & m) | (value & TRNMOD_MASK)) & 0xffff;
                cmdreg = ((cmdreg & (mask >>> 16)) | (value >>> 16)) & 0xffff;
                if ((mask & 0xff00_0000) == 0 && canIssueCommand()) {
                    sendCommand(); // the upper byte of the command register starts the command
                }
            }
            case BDATA -> {
                if (sequential(offset - BDATA)) {
                    writeDataPort(value >>> shift, size);
                }
            }
            case HOSTCTL -> {
                if ((mask & 0xff_0000) == 0) {
                    blockGapWrite((value >>> 16) & 0xff);
                }
                hostctl1 = ((hostctl1 & mask) | value) & 0xff;
                pwrcon = ((pwrcon & (mask >> 8)) | (value >>> 8)) & 0xff;
                wakcon = ((wakcon & (mask >> 24)) | (value >>> 24)) & 0xff;
                int volts = (pwrcon >> 1) & 7;
                if ((prnsts & CARD_PRESENT) == 0 || volts < 5 || (capareg & (1L << (31 - volts))) == 0) {
                    pwrcon &= ~POWER_ON;
                }
            }
            case CLKCON -> {
                if ((mask & 0xff00_0000) == 0) {
                    resetWrite((value >>> 24) & 0xff);
                }
                clkcon = ((clkcon & mask) | value) & 0xffff;
                timeoutcon = ((timeoutcon & (mask >> 16)) | (value >>> 16)) & 0xff;
                if ((clkcon & CLOCK_INT_EN) != 0) {
                    clkcon |= CLOCK_INT_STABLE;
                } else {
                    clkcon &= ~CLOCK_INT_STABLE;
                }
            }
            case NORINTSTS -> {
                if ((norintstsen & NIS_CARDINT) != 0) {
                    value &= ~NIS_CARDINT;
                }
                norintsts &= mask | ~value;
                errintsts &= (mask >> 16) | ~(value >>> 16);
                norintsts = errintsts != 0 ? norintsts | NIS_ERR : norintsts & ~NIS_ERR;
                norintsts &= 0xffff;
                errintsts &= 0xffff;
                updateIrq();
            }
            case NORINTSTSEN -> {
                norintstsen = ((norintstsen & mask) | value) & 0xffff;
                errintstsen = ((errintstsen & (mask >> 16)) | (value >>> 16)) & 0xffff;
                norintsts &= norintstsen;
                errintsts &= errintstsen;
                norintsts = errintsts != 0 ? norintsts | NIS_ERR : norintsts & ~NIS_ERR;
                if ((norintstsen & NIS_INSERT) != 0 && pendingInsertState) {
                    norintsts |= NIS_INSERT; // Raspberry Pi: the insert seen at power-on appears when enabled
                    pendingInsertState = false;
                }
                updateIrq();
            }
            case NORINTSIGEN -> {
                norintsigen = ((norintsigen & mask) | value) & 0xffff;
                errintsigen = ((errintsigen & (mask >> 16)) | (value >>> 16)) & 0xffff;
                updateIrq();
            }
            case ADMAERR -> admaerr = ((admaerr & mask) | value) & 0xff;
            case ADMASYSADDR -> admasysaddr = (admasysaddr & (0xffff_ffff_0000_0000L | (mask & 0xffff_ffffL)))
                    | (value & 0xffff_ffffL);
            case ADMASYSADDR + 4 -> admasysaddr = (admasysaddr & (0xffff_ffffL | ((mask & 0xffff_ffffL) << 32)))
                    | ((value & 0xffff_ffffL) << 32);
            case FEAER -> {
                acmd12errsts = (acmd12errsts | value) & 0xffff;
                errintsts |= (value >>> 16) & errintstsen;
                if (acmd12errsts != 0) {
                    errintsts |= EIS_CMD12ERR;
                }
                if (errintsts != 0) {
                    norintsts |= NIS_ERR;
                }
                updateIrq();
            }
            case ACMD12ERRSTS -> {
                acmd12errsts = ((acmd12errsts & mask) | (value & 0xffff)) & 0xffff;
                if (uhsMode >= 1) {
                    hostctl2 = ((hostctl2 & (mask >> 16)) | (value >>> 16)) & 0xffff;
                }
            }
            default -> {
                // CAPAB and MAXCURR are read-only; other offsets are not implemented: writes are ignored
            }
        }
    }

    private boolean transferring() {
        return (prnsts & (DOING_READ | DOING_WRITE)) != 0;
    }

    /** {@code sdhci_blkgap_write}. */
    private void blockGapWrite(int value) {
        if ((value & STOP_AT_GAP_REQ) != 0 && (blkgap & STOP_AT_GAP_REQ) != 0) {
            return;
        }
        blkgap = value & STOP_AT_GAP_REQ;
        if ((value & CONTINUE_REQ) != 0 && stoppedState != 0 && (blkgap & STOP_AT_GAP_REQ) == 0) {
            if (stoppedState == 1) {
                prnsts |= DAT_LINE_ACTIVE | DOING_READ;
                readBlockFromCard();
            } else {
                prnsts |= DAT_LINE_ACTIVE | DOING_WRITE;
                writeBlockToCard();
            }
            stoppedState = 0;
        } else if (stoppedState == 0 && (value & STOP_AT_GAP_REQ) != 0) {
            if ((prnsts & DOING_READ) != 0) {
                stoppedState = 1;
            } else if ((prnsts & DOING_WRITE) != 0) {
                stoppedState = 2;
            }
        }
    }

    /** {@code sdhci_reset_write}: exactly one of the three bits, as QEMU's switch. */
    private void resetWrite(int value) {
        switch (value) {
            case RESET_ALL -> reset();
            case RESET_CMD -> {
                prnsts &= ~CMD_INHIBIT;
                norintsts &= ~NIS_CMDCMP;
            }
            case RESET_DATA -> {
                dataCount = 0;
                prnsts &= ~(SPACE_AVAILABLE | DATA_AVAILABLE | DOING_READ | DOING_WRITE | DATA_INHIBIT
                        | DAT_LINE_ACTIVE);
                blkgap &= ~(STOP_AT_GAP_REQ | CONTINUE_REQ);
                stoppedState = 0;
                norintsts &= ~(NIS_WBUFRDY | NIS_RBUFRDY | NIS_DMA | NIS_TRSCMP | NIS_BLKGAP);
                admaIdleDescriptors = 0;
            }
            default -> {
            }
        }
    }
}
