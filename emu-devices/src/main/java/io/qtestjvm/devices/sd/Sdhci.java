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

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;

/**
 * One slot of an SD Host Controller (SD Host Controller Simplified Specification 3.00) as QEMU 7.2 models it: the
 * register window (§2.1, little endian, 1-4 byte accesses) over an {@link SdhcRegisterFile}, command issue (§3.7.1),
 * data transfers through {@link DataTransfer} (Buffer Data Port), {@link SdmaEngine} and {@link AdmaEngine},
 * card detection (§2.2.9, §3.1), Software Reset (§2.2.16), the interrupt status / enable / signal registers
 * (§2.2.17 - §2.2.22) and the slot's interrupt line, and two timers on the virtual clock (card re-insertion and the
 * next ADMA round). {@link GenericSdhci} and {@link SdhciPci} wrap it as QOM devices.
 *
 * <p>Where QEMU 7.2 departs from the specification, this model follows QEMU (each fact pinned by the named test):
 * <ul>
 *   <li>Commands complete at once: Command Inhibit (CMD) is never set; a command is issued when the upper byte of
 *       the Command register is written, the internal and SD clocks are on, and (for a command using the DAT line,
 *       other than an abort) no data transfer holds Command Inhibit (DAT) and no block gap stop is pending
 *       ({@code SdhciDataPathTest.commandIsNotSentWhileClockIsOff}).</li>
 *   <li>Every command clears the Error Interrupt and Auto CMD Error Status first but leaves the Error Interrupt bit of
 *       the Normal Interrupt Status ({@code SdhciDataPathTest.unansweredCommandSetsCommandTimeoutError},
 *       {@code SdhciQemuFactsTest.aCommandClearsTheErrorStatusButNotTheErrorSummary}).</li>
 *   <li>A command with a response type whose card does not answer sets Command Timeout Error and no data transfer
 *       starts; an R1b response also sets Transfer Complete
 *       ({@code SdhciDataPathTest.busyResponseAlsoRaisesTransferComplete}).</li>
 *   <li>Transfer Mode loses DMA Enable when the capabilities offer no SDMA, and Auto CMD23 always
 *       ({@code SdhciDataPathTest.sdmaWithoutSdmaCapabilityIgnoresTheDmaBit},
 *       {@code SdhciQemuFactsTest.autoCmd23IsNotWritable}, {@code SdhciQemuFactsTest.raspberryPiRegisterRules}).</li>
 *   <li>Block Size and Block Count cannot be written while a transfer is active; Transfer Mode, which the
 *       specification also write-protects while Command Inhibit (DAT) is set, then takes the bits written as 1
 *       and keeps the others (it can be set, not cleared); a Transfer Block Size above the buffer (Max Block Length)
 *       is cut to it ({@code SdhciQemuFactsTest.registersDuringAPioRead},
 *       {@code SdhciRegistersTest.blockSizeKeepsBoundaryBitsAndIsLimitedToFifo}).</li>
 *   <li>Software Reset acts only on a value of exactly 01h, 02h or 04h; a combination resets nothing. The CMD and DAT
 *       resets clear their status bits without re-evaluating the interrupt line; the DAT reset leaves a pending
 *       ADMA round armed ({@code SdhciQemuFactsTest.combinedSoftwareResetBitsResetNothing},
 *       {@code SdhciQemuFactsTest.commandLineResetLeavesTheInterruptAsserted},
 *       {@code SdhciRegisterRulesTest.datLineResetLeavesAPendingAdmaRoundArmed}).</li>
 *   <li>Card insertion and removal rewrite the whole Present State register (a transfer's bits included); removal
 *       also turns off SD Bus Power and SD Clock Enable; an insertion while Card Removal is still set waits on
 *       the virtual clock, one second at a time, until the guest clears it
 *       ({@code SdhciRegistersTest.reinsertionAfterRemovalWaitsOneSecondOfVirtualTime}).</li>
 *   <li>Raspberry Pi quirk ({@code pending-insert-quirk}): after a power-on reset, the first write to the Normal
 *       Interrupt Status Enable that enables Card Insertion sets Card Insertion, card or no card
 *       ({@code SdhciRegistersTest.raspberryPiPendingInsertAppearsWhenInsertInterruptIsFirstEnabled},
 *       {@code SdhciQemuFactsTest.raspberryPiPendingInsertAppearsWithoutACard}).</li>
 *   <li>Auto CMD Error Status is writable; Host Control 2 is writable only with the {@code uhs} property set;
 *       Force Event for Auto CMD Error Status sets Auto CMD Error whatever its Status Enable says
 *       ({@code SdhciRegistersTest.hostControl2IsWritableOnlyWithUhs},
 *       {@code SdhciQemuFactsTest.autoCmdErrorStatusHostControl2AndPower},
 *       {@code SdhciQemuFactsTest.forceEventForAutoCmdErrorIgnoresTheStatusEnable}).</li>
 *   <li>SD Bus Power stays off without a card or with a voltage the capabilities lack
 *       ({@code SdhciRegistersTest.powerStaysOffWithoutCardOrUnsupportedVoltage},
 *       {@code SdhciQemuFactsTest.raspberryPiRegisterRules}).</li>
 *   <li>A DMA Select naming an ADMA the capabilities lack (64-bit ADMA2 without 64-bit System Bus Support, for
 *       one) moves nothing and reports nothing
 *       ({@code SdhciQemuFactsTest.adma2SixtyFourWithoutTheCapabilityMovesNothing}).</li>
 *   <li>Register reads never resume an ADMA transfer; only its timer does
 *       ({@code SdhciDataPathTest.adma2RoundsOfFiveDescriptorsContinueOnTheVirtualClock}; Debian's QEMU 7.2 with its
 *       clock stopped never finishes a long ADMA2 read, docs/performance.md).</li>
 * </ul>
 */
public final class Sdhci {
    /** QEMU's default {@code capareg}: 3.3 V and 1.8 V, SDMA, ADMA1, ADMA2, high speed, 512-byte blocks. */
    public static final long DEFAULT_CAPAREG = 0x057834b4L;
    /** How long an insertion waits while Card Removal is still reported. */
    static final long REINSERTION_DELAY_NS = 1_000_000_000L;
    private static final int TRANSFER_MODE_WRITABLE = TM_DMA_ENABLE | TM_BLOCK_COUNT_ENABLE | TM_AUTO_CMD12
            | TM_READ | TM_MULTI_BLOCK;

    private final Clock clock;
    private final IntConsumer irq;
    private final SdhcRegisterFile regs = new SdhcRegisterFile();
    private final SdSlot slot = new SdSlot();
    private final DataTransfer data = new DataTransfer(regs, slot);
    private final SdmaEngine sdma;
    private final AdmaEngine adma;
    private final Timer insertTimer;
    private final Timer admaTimer;
    private final MemoryRegion region;
    private final byte[] response = new byte[16];

    // properties
    private int specVersion = 2;
    private long capabilities = DEFAULT_CAPAREG;
    private int uhs;
    private long maxCurrent;
    private boolean pendingInsertQuirk;

    private boolean pendingInsert;
    private int irqLevel = -1;

    /**
     * @param virtualClock the clock of the re-insertion and ADMA timers
     * @param memory       the bus-master path for SDMA and ADMA
     * @param irq          the slot's interrupt line, told each new level
     */
    Sdhci(Clock virtualClock, DmaMemory memory, IntConsumer irq) {
        this.clock = virtualClock;
        this.irq = irq;
        this.sdma = new SdmaEngine(regs, data, memory);
        this.adma = new AdmaEngine(regs, data, memory);
        this.insertTimer = virtualClock.newTimer(this::reinsertionDue);
        this.admaTimer = virtualClock.newTimer(this::admaRoundDue);
        this.region = MemoryRegion.io("sdhci", WINDOW_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return Sdhci.this.read((int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                Sdhci.this.write((int) offset, value, size);
            }
        }, new AccessRules(1, 4, false, 1, 4, Endianness.LITTLE));
        slot.setListener(new SdSlot.Listener() {
            @Override
            public void insertedChanged(boolean inserted) {
                cardDetectChanged(inserted);
            }

            @Override
            public void readOnlyChanged(boolean readOnly) {
                writeProtectChanged(readOnly);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // properties and life cycle

    void setSpecVersion(int version) {
        this.specVersion = version;
    }

    void setCapareg(long value) {
        this.capabilities = value;
    }

    void setUhs(int mode) {
        this.uhs = mode;
    }

    void setMaxcurr(long value) {
        this.maxCurrent = value;
    }

    void setPendingInsertQuirk(boolean on) {
        this.pendingInsertQuirk = on;
    }

    /** Checks the properties and fixes the read-only registers (§2.2.25, §2.2.26, §2.2.34). */
    void realize() {
        SdhcCapabilities.check(specVersion, capabilities);
        regs.put64(CAPABILITIES, capabilities);
        regs.put64(MAXIMUM_CURRENT, maxCurrent);
        regs.put16(HOST_CONTROLLER_VERSION, SdhcCapabilities.hostControllerVersion(specVersion));
        data.setBufferSize(SdhcCapabilities.maxBlockLength(capabilities));
    }

    /** Properties as {@code info qtree} prints them: integers as "N (0xN)", where 0 prints as "0 (0)". */
    List<String[]> qtreeProperties(boolean sysbus) {
        List<String[]> list = new ArrayList<>();
        list.add(new String[] {"sd-spec-version", qtreeNumber(specVersion)});
        list.add(new String[] {"uhs", qtreeNumber(uhs)});
        list.add(new String[] {"capareg", qtreeNumber(capabilities)});
        list.add(new String[] {"maxcurr", qtreeNumber(maxCurrent)});
        if (sysbus) {
            list.add(new String[] {"pending-insert-quirk", String.valueOf(pendingInsertQuirk)});
        }
        return list;
    }

    private static String qtreeNumber(long v) {
        String hex = v == 0 ? "0" : "0x" + Long.toHexString(v);
        return Long.toUnsignedString(v) + " (" + hex + ")";
    }

    MemoryRegion region() {
        return region;
    }

    SdSlot slot() {
        return slot;
    }

    void stopTimers() {
        insertTimer.del();
        admaTimer.del();
    }

    /** Power-on reset: Software Reset for All, and the Raspberry Pi's pending insertion when the quirk is on. */
    void powerOnReset() {
        resetAll();
        pendingInsert = pendingInsertQuirk;
    }

    // ---------------------------------------------------------------------------------------------------------
    // §2.2.16 Software Reset

    private void softwareReset(int value) {
        switch (value) {
            case SR_RESET_ALL -> resetAll();
            case SR_RESET_CMD -> {
                regs.clearPresentState(PS_COMMAND_INHIBIT_CMD);
                regs.clearNormal(NI_COMMAND_COMPLETE);
            }
            case SR_RESET_DAT -> {
                data.reset();
                regs.clearPresentState(PS_TRANSFER_BITS);
                regs.put8(BLOCK_GAP_CONTROL, regs.u8(BLOCK_GAP_CONTROL) & ~(BG_STOP_AT_BLOCK_GAP | BG_CONTINUE));
                regs.clearNormal(NI_DATA_EVENTS);
            }
            default -> {
                // QEMU 7.2 acts on a single reset bit only
            }
        }
    }

    /** Every register but the capabilities and version to 0, then the slot's card state again. */
    private void resetAll() {
        insertTimer.del();
        admaTimer.del();
        regs.clear(0, RESET_ALL_LOW_END);
        regs.clear(RESET_ALL_ADMA_START, RESET_ALL_ADMA_END);
        cardDetectChanged(slot.inserted());
        writeProtectChanged(slot.readOnly());
        data.reset();
        pendingInsert = false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // §2.2.9 card detection and write protect, §2.2.17 insertion / removal status

    private void cardDetectChanged(boolean inserted) {
        if (inserted && (regs.u16(NORMAL_INT_STATUS) & NI_CARD_REMOVAL) != 0) {
            insertTimer.modIn(REINSERTION_DELAY_NS);
            return;
        }
        if (inserted) {
            cardInserted();
        } else {
            regs.put32(PRESENT_STATE, PS_EMPTY_SLOT);
            regs.put8(POWER_CONTROL, regs.u8(POWER_CONTROL) & ~PC_SD_BUS_POWER);
            regs.put16(CLOCK_CONTROL, regs.u16(CLOCK_CONTROL) & ~CC_SD_CLOCK_ENABLE);
            regs.raiseNormal(NI_CARD_REMOVAL);
            updateInterruptLine();
        }
    }

    private void cardInserted() {
        regs.put32(PRESENT_STATE, PS_CARD_SLOT);
        regs.raiseNormal(NI_CARD_INSERTION);
        updateInterruptLine();
    }

    private void reinsertionDue() {
        if ((regs.u16(NORMAL_INT_STATUS) & NI_CARD_REMOVAL) != 0) {
            insertTimer.modIn(REINSERTION_DELAY_NS);
        } else {
            cardInserted();
        }
    }

    private void writeProtectChanged(boolean readOnly) {
        if (readOnly) {
            regs.clearPresentState(PS_WRITE_PROTECT_PIN_LEVEL);
        } else {
            regs.setPresentState(PS_WRITE_PROTECT_PIN_LEVEL);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // §2.2.17 - §2.2.22, §2.2.33: the slot's interrupt

    /** The slot's interrupt signal (§2.2.33 bit 0): a signalled status bit, or a wakeup event that is enabled. */
    private boolean slotInterrupt() {
        int normal = regs.u16(NORMAL_INT_STATUS);
        int wakeup = regs.u8(WAKEUP_CONTROL);
        return (normal & regs.u16(NORMAL_INT_SIGNAL_ENABLE)) != 0
                || (regs.u16(ERROR_INT_STATUS) & regs.u16(ERROR_INT_SIGNAL_ENABLE)) != 0
                || (normal & NI_CARD_INSERTION) != 0 && (wakeup & WU_ON_CARD_INSERTION) != 0
                || (normal & NI_CARD_REMOVAL) != 0 && (wakeup & WU_ON_CARD_REMOVAL) != 0;
    }

    private void updateInterruptLine() {
        int level = slotInterrupt() ? 1 : 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.accept(level);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // §3.7.1 command issue

    private boolean commandAllowed() {
        int clocks = CC_INTERNAL_CLOCK_ENABLE | CC_INTERNAL_CLOCK_STABLE | CC_SD_CLOCK_ENABLE;
        if ((regs.u16(CLOCK_CONTROL) & clocks) != clocks) {
            return false;
        }
        int cmd = regs.command();
        boolean abort = (cmd >>> CMD_TYPE_SHIFT & 3) == CMD_TYPE_ABORT;
        boolean usesDat = (cmd & CMD_DATA_PRESENT) != 0
                || (cmd & CMD_RESPONSE_TYPE_MASK) == CMD_RESPONSE_48_BUSY && !abort;
        boolean datBusy = regs.presentState(PS_COMMAND_INHIBIT_DAT) || data.gapState() != DataTransfer.GAP_NONE;
        return !(usesDat && datBusy);
    }

    private void issueCommand() {
        regs.put16(ERROR_INT_STATUS, 0);
        regs.put16(AUTO_CMD_ERROR_STATUS, 0);
        int cmd = regs.command();
        long argument = regs.u32(ARGUMENT) & 0xffff_ffffL;
        byte[] r = response;
        int length = slot.doCommand(cmd >>> CMD_INDEX_SHIFT & CMD_INDEX_MASK, argument, r);
        int type = cmd & CMD_RESPONSE_TYPE_MASK;
        boolean answered = true;
        if (type != CMD_RESPONSE_NONE) {
            if (length == 4 || length == 16) {
                storeResponse(r, length == 4 ? 4 : 15);
            } else {
                answered = false;
                regs.raiseError(EI_COMMAND_TIMEOUT);
            }
            if (type == CMD_RESPONSE_48_BUSY) {
                regs.raiseNormal(NI_TRANSFER_COMPLETE);
            }
        }
        regs.raiseNormal(NI_COMMAND_COMPLETE);
        updateInterruptLine();
        if (answered && regs.u16(BLOCK_SIZE) != 0 && (cmd & CMD_DATA_PRESENT) != 0) {
            data.setPosition(0);
            adma.reset();
            runDataTransfer();
        }
    }

    /**
     * The Response register (§2.2.7, Table 2-11) holds the response without its start bits and CRC: R1 / R6 / R7
     * (the card's 4 status bytes) in REP[31:0], R2 (the card's bytes less the CRC byte) in REP[119:0]. The bytes
     * arrive most significant first; the register is little endian.
     */
    private void storeResponse(byte[] r, int bytes) {
        regs.clear(RESPONSE, RESPONSE + 16);
        for (int k = 0; k < bytes; k++) {
            regs.put8(RESPONSE + k, r[bytes - 1 - k]);
        }
    }

    /** Starts (or, from the ADMA timer, continues) the data transfer the Transfer Mode and DMA Select describe. */
    private void runDataTransfer() {
        if (!regs.transferMode(TM_DMA_ENABLE)) {
            data.startPio();
        } else {
            int select = regs.dmaSelect();
            if (select == DMA_SDMA) {
                sdma.run();
            } else if (SdhcCapabilities.supportsAdma(capabilities, select) && adma.round(select)) {
                admaTimer.modIn(AdmaEngine.ROUND_DELAY_NS);
            }
        }
        updateInterruptLine();
    }

    private void admaRoundDue() {
        runDataTransfer();
    }

    // ---------------------------------------------------------------------------------------------------------
    // register window

    long read(int offset, int size) {
        int lane = offset & 3;
        int dword = offset & ~3;
        int value;
        switch (dword) {
            case BUFFER_DATA_PORT -> {
                if (!data.inOrder(lane)) {
                    return 0;
                }
                int v = data.readPort(size);
                if (data.position() == 0) { // a block boundary: the only place the status changes
                    updateInterruptLine();
                }
                return v & 0xffff_ffffL;
            }
            case SLOT_INTERRUPT_STATUS -> value = regs.u16(HOST_CONTROLLER_VERSION) << 16 | (slotInterrupt() ? 1 : 0);
            default -> value = regs.u32(dword);
        }
        long v = (value & 0xffff_ffffL) >>> (8 * lane);
        return size == 4 ? v : v & ((1L << (8 * size)) - 1);
    }

    void write(int offset, long value, int size) {
        int lane = offset & 3;
        int dword = offset & ~3;
        int shift = 8 * lane;
        int lanes = (int) (((1L << (8 * size)) - 1) << shift);
        int v = (int) (value << shift) & lanes;
        switch (dword) {
            case SDMA_SYSTEM_ADDRESS -> writeSdmaAddress(v, lanes);
            case BLOCK_SIZE -> writeBlockSizeAndCount(v, lanes);
            case ARGUMENT -> regs.put32(ARGUMENT, merge(regs.u32(ARGUMENT), v, lanes));
            case TRANSFER_MODE -> writeTransferModeAndCommand(v, lanes);
            case BUFFER_DATA_PORT -> {
                if (data.inOrder(lane)) {
                    data.writePort((int) value, size);
                    if (data.position() == 0) {
                        updateInterruptLine();
                    }
                }
            }
            case HOST_CONTROL_1 -> writeHostControl(v, lanes);
            case CLOCK_CONTROL -> writeClockAndReset(v, lanes);
            case NORMAL_INT_STATUS -> writeInterruptStatus(v);
            case NORMAL_INT_STATUS_ENABLE -> writeStatusEnables(v, lanes);
            case NORMAL_INT_SIGNAL_ENABLE -> {
                regs.put32(NORMAL_INT_SIGNAL_ENABLE, merge(regs.u32(NORMAL_INT_SIGNAL_ENABLE), v, lanes));
                updateInterruptLine();
            }
            case AUTO_CMD_ERROR_STATUS -> writeAutoCmdErrorAndHostControl2(v, lanes);
            case FORCE_EVENT_AUTO_CMD -> forceEvents(v);
            case ADMA_ERROR_STATUS -> regs.put8(ADMA_ERROR_STATUS, merge(regs.u32(ADMA_ERROR_STATUS), v, lanes));
            case ADMA_SYSTEM_ADDRESS, ADMA_SYSTEM_ADDRESS + 4 -> regs.put32(dword, merge(regs.u32(dword), v, lanes));
            default -> {
                // read-only (responses, present state, capabilities, slot status, version) or not implemented
            }
        }
    }

    private static int merge(int old, int v, int lanes) {
        return old & ~lanes | v;
    }

    private boolean transferActive() {
        return regs.presentState(PS_READ_TRANSFER_ACTIVE | PS_WRITE_TRANSFER_ACTIVE);
    }

    /** §2.2.1: writing the top byte resumes a paused SDMA transfer. */
    private void writeSdmaAddress(int v, int lanes) {
        if (transferActive()) {
            return;
        }
        regs.put32(SDMA_SYSTEM_ADDRESS, merge(regs.u32(SDMA_SYSTEM_ADDRESS), v, lanes));
        if ((lanes & 0xff00_0000) != 0 && regs.blockCount() != 0 && regs.u16(BLOCK_SIZE) != 0
                && regs.dmaSelect() == DMA_SDMA) {
            sdma.resume();
            updateInterruptLine();
        }
    }

    /** §2.2.2, §2.2.3. */
    private void writeBlockSizeAndCount(int v, int lanes) {
        if (transferActive()) {
            return;
        }
        int merged = merge(regs.u32(BLOCK_SIZE), v, lanes);
        int oldSize = regs.u16(BLOCK_SIZE);
        int size = merged & BLOCK_SIZE_WRITABLE;
        int limit = data.buffer().length;
        if ((size & BLOCK_SIZE_TRANSFER_MASK) > limit) {
            size = size & ~BLOCK_SIZE_TRANSFER_MASK | limit;
        }
        regs.put16(BLOCK_SIZE, size);
        regs.put16(BLOCK_COUNT, merged >>> 16);
        if (size != oldSize) {
            data.setPosition(0);
        }
    }

    /** §2.2.5, §2.2.6: the upper byte of the Command register issues the command. */
    private void writeTransferModeAndCommand(int v, int lanes) {
        int merged = merge(regs.u32(TRANSFER_MODE), v, lanes);
        int written = v & lanes & TRANSFER_MODE_WRITABLE;
        if ((capabilities & SdhcCapabilities.SDMA_SUPPORT) == 0) {
            written &= ~TM_DMA_ENABLE;
        }
        int kept = regs.presentState(PS_COMMAND_INHIBIT_DAT) ? regs.transferMode() : regs.transferMode() & ~lanes;
        regs.put16(TRANSFER_MODE, kept | written);
        regs.put16(COMMAND, merged >>> 16);
        if ((lanes & 0xff00_0000) != 0 && commandAllowed()) {
            issueCommand();
        }
    }

    /** §2.2.10 - §2.2.13. */
    private void writeHostControl(int v, int lanes) {
        if ((lanes & 0x00ff_0000) != 0) {
            data.blockGapControl(v >>> 16 & 0xff);
        }
        int merged = merge(regs.u32(HOST_CONTROL_1), v, lanes);
        regs.put8(HOST_CONTROL_1, merged);
        regs.put8(POWER_CONTROL, merged >>> 8);
        regs.put8(WAKEUP_CONTROL, merged >>> 24);
        int power = regs.u8(POWER_CONTROL);
        int voltage = power >>> PC_VOLTAGE_SHIFT & PC_VOLTAGE_MASK;
        if (!regs.presentState(PS_CARD_INSERTED) || !SdhcCapabilities.supportsVoltage(capabilities, voltage)) {
            regs.put8(POWER_CONTROL, power & ~PC_SD_BUS_POWER);
        }
    }

    /** §2.2.14 - §2.2.16: the reset acts first, then the clock and timeout bytes written with it. */
    private void writeClockAndReset(int v, int lanes) {
        if ((lanes & 0xff00_0000) != 0) {
            softwareReset(v >>> 24);
        }
        int merged = merge(regs.u32(CLOCK_CONTROL), v, lanes & 0x00ff_ffff);
        int clockControl = merged & 0xffff;
        if ((clockControl & CC_INTERNAL_CLOCK_ENABLE) != 0) {
            clockControl |= CC_INTERNAL_CLOCK_STABLE;
        } else {
            clockControl &= ~CC_INTERNAL_CLOCK_STABLE;
        }
        regs.put16(CLOCK_CONTROL, clockControl);
        regs.put8(TIMEOUT_CONTROL, merged >>> 16);
    }

    /** §2.2.17, §2.2.18: write 1 to clear; Card Interrupt cannot be cleared while its status is enabled. */
    private void writeInterruptStatus(int v) {
        int clearNormal = v & 0xffff;
        if ((regs.u16(NORMAL_INT_STATUS_ENABLE) & NI_CARD_INTERRUPT) != 0) {
            clearNormal &= ~NI_CARD_INTERRUPT;
        }
        regs.put16(NORMAL_INT_STATUS, regs.u16(NORMAL_INT_STATUS) & ~clearNormal);
        regs.put16(ERROR_INT_STATUS, regs.u16(ERROR_INT_STATUS) & ~(v >>> 16));
        regs.summariseErrors();
        updateInterruptLine();
    }

    /** §2.2.19, §2.2.20: a status whose enable is cleared reads 0. */
    private void writeStatusEnables(int v, int lanes) {
        regs.put32(NORMAL_INT_STATUS_ENABLE, merge(regs.u32(NORMAL_INT_STATUS_ENABLE), v, lanes));
        int normalEnable = regs.u16(NORMAL_INT_STATUS_ENABLE);
        regs.put16(NORMAL_INT_STATUS, regs.u16(NORMAL_INT_STATUS) & normalEnable);
        regs.put16(ERROR_INT_STATUS, regs.u16(ERROR_INT_STATUS) & regs.u16(ERROR_INT_STATUS_ENABLE));
        regs.summariseErrors();
        if (pendingInsert && (normalEnable & NI_CARD_INSERTION) != 0) {
            regs.put16(NORMAL_INT_STATUS, regs.u16(NORMAL_INT_STATUS) | NI_CARD_INSERTION);
            pendingInsert = false;
        }
        updateInterruptLine();
    }

    /** §2.2.23, §2.2.24. */
    private void writeAutoCmdErrorAndHostControl2(int v, int lanes) {
        int merged = merge(regs.u32(AUTO_CMD_ERROR_STATUS), v, lanes);
        regs.put16(AUTO_CMD_ERROR_STATUS, merged);
        if (uhs >= 1) {
            regs.put16(HOST_CONTROL_2, merged >>> 16);
        }
    }

    /** §2.2.27, §2.2.28: set status bits as if the events had happened. */
    private void forceEvents(int v) {
        int autoCmd = regs.u16(AUTO_CMD_ERROR_STATUS) | v & 0xffff;
        regs.put16(AUTO_CMD_ERROR_STATUS, autoCmd);
        int error = regs.u16(ERROR_INT_STATUS) | (v >>> 16) & regs.u16(ERROR_INT_STATUS_ENABLE);
        if (autoCmd != 0) {
            error |= EI_AUTO_CMD;
        }
        regs.put16(ERROR_INT_STATUS, error);
        if (error != 0) {
            regs.put16(NORMAL_INT_STATUS, regs.u16(NORMAL_INT_STATUS) | NI_ERROR_INTERRUPT);
        }
        updateInterruptLine();
    }
}
