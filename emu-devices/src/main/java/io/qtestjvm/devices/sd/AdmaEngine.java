package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;

/**
 * ADMA (SD Host Controller Simplified Specification 3.00 §1.13, §3.7.2.3): the controller walks the descriptor
 * table at the ADMA System Address (§2.2.30), one {@link AdmaDescriptorLine} at a time, moving the data of Tran
 * lines between the card and guest memory, following Link lines, and stopping at an End line or when Block Count
 * runs out. Errors are reported in the ADMA Error Status (§2.2.29) with the ADMA Error interrupt (§2.2.18). Each
 * call of {@link #round()} handles a bounded number of lines; the device runs the next round on its timer.
 *
 * <p>QEMU 7.2 facts kept (each pinned by the named test):
 * <ul>
 *   <li>A round handles at most {@value #LINES_PER_ROUND} lines; the next round runs 100 ns of virtual time later
 *       ({@code SdhciDataPathTest.adma2RoundsOfFiveDescriptorsContinueOnTheVirtualClock}).</li>
 *   <li>The Int attribute raises DMA Interrupt and the walk goes on in the same round
 *       ({@code SdhciDataPathTest.adma2ReadWalksTableWithLinkAndInterruptDescriptor},
 *       {@code SdhciQemuFactsTest.adma2IntAttributeDoesNotPauseTheWalk}).</li>
 *   <li>An invalid line stops the walk with ADMA Error in state ST_FDS; nothing ends the transfer
 *       ({@code SdhciDataPathTest.invalidDescriptorGivesAdmaErrorInFetchState}).</li>
 *   <li>An End line reached with Block Count Enable set and blocks left is a length mismatch (state ST_TFR),
 *       and the transfer still completes ({@code SdhciDataPathTest.endBeforeBlockCountIsALengthMismatch}).</li>
 *   <li>A Tran line stops where Block Count reaches 0, the rest of its length unused
 *       ({@code AdmaEngineTest.tranLineStopsWhereBlockCountRunsOut}).</li>
 *   <li>Lines that are not a Tran, including the reserved Act 01b of ADMA2, are stepped over
 *       ({@code AdmaEngineTest.nopAndReservedLinesAreSteppedOver}).</li>
 * </ul>
 * Where this model departs from QEMU 7.2 on purpose: after {@value #IDLE_LINE_LIMIT} lines in a row that move no
 * data (a Link loop) the walk stops with ADMA Error in state ST_FDS, where QEMU would walk forever; and a Tran line
 * with a Transfer Block Size of 0 moves nothing, where QEMU would loop forever
 * ({@code SdhciDataPathTest.selfLinkingDescriptorLoopEndsWithAdmaError},
 * {@code AdmaEngineTest.zeroBlockSizeTranLineMovesNothing}).
 *
 * <p>A system bus error (the IOMMU refused the access, {@link DmaMemory}) follows §2.2.29: while fetching a
 * line it is an error in state ST_FDS with the ADMA System Address on that line (the refused fetch reads as zeros,
 * so the line is also invalid); while moving the data of a Tran line it is an error in state ST_TFR, the walk stops
 * with the data moved before the refused access, and the ADMA System Address points past the line ("the next of
 * the error descriptor"); the transfer does not complete (the driver resets the DAT line, §3.10)
 * ({@code AdmaEngineTest.refusedTranLineStopsTheWalkInTransferState},
 * {@code AdmaEngineTest.refusedDescriptorFetchIsAnErrorInFetchState}). Debian's QEMU 7.2 (measured behind virt's
 * SMMUv3, {@code SmmuBusMastersOnRunningQemuTest}) agrees on the fetch (ADMA Error, ST_FDS, the address on the
 * line) but on a refused data access raises ADMA Error leaving the state field and the ADMA System Address as they
 * were: a Tran line with End then completes the transfer (Transfer Complete), one without End is fetched and
 * refused again at every round until the driver resets the DAT line. Here the specification's ST_TFR is kept.
 */
final class AdmaEngine {
    static final int LINES_PER_ROUND = 5;
    static final long ROUND_DELAY_NS = 100;
    static final int IDLE_LINE_LIMIT = 4096;

    private final SdhcRegisterFile regs;
    private final DataTransfer data;
    private final DmaMemory memory;
    private final AdmaDescriptorLine line = new AdmaDescriptorLine();
    private int idleLines;

    AdmaEngine(SdhcRegisterFile regs, DataTransfer data, DmaMemory memory) {
        this.regs = regs;
        this.data = data;
        this.memory = memory;
    }

    /** Forgets the Link loop count (a new command). */
    void reset() {
        idleLines = 0;
    }

    /**
     * One round of the walk for table format {@code dmaSelect} (§2.2.10).
     *
     * @return true when the walk is not finished and the next round is due
     */
    boolean round(int dmaSelect) {
        if (data.counted() && regs.blockCount() == 0) {
            data.complete();
            return false;
        }
        for (int i = 0; i < LINES_PER_ROUND; i++) {
            regs.setAdmaErrorStatus(regs.admaErrorStatus() & ~AE_LENGTH_MISMATCH);
            fetch(dmaSelect);
            if (!line.valid()) {
                fail(AE_STATE_FETCH_DESCRIPTOR);
                return false;
            }
            if (line.action() == AdmaDescriptorLine.ACT_TRAN) {
                idleLines = 0;
                boolean moved = transfer();
                regs.setAdmaAddress(regs.admaAddress() + line.size());
                if (!moved) {
                    fail(AE_STATE_TRANSFER);
                    return false;
                }
            } else {
                idleLines++;
                regs.setAdmaAddress(line.action() == AdmaDescriptorLine.ACT_LINK ? line.address()
                        : regs.admaAddress() + line.size());
            }
            if (line.interrupt()) {
                regs.raiseNormal(NI_DMA_INTERRUPT);
            }
            boolean blocksDone = data.counted() && regs.blockCount() == 0;
            if (blocksDone || line.end()) {
                if (data.counted() && regs.blockCount() != 0) {
                    regs.setAdmaErrorStatus(regs.admaErrorStatus() | AE_LENGTH_MISMATCH);
                    fail(AE_STATE_TRANSFER);
                }
                data.complete();
                return false;
            }
            if (idleLines >= IDLE_LINE_LIMIT) {
                fail(AE_STATE_FETCH_DESCRIPTOR);
                return false;
            }
        }
        return true;
    }

    /** Reads the line at the ADMA System Address; a refused fetch leaves zeros (an invalid line). */
    private void fetch(int dmaSelect) {
        byte[] raw = line.bytes();
        int size = AdmaDescriptorLine.size(dmaSelect);
        if (!memory.read(regs.admaAddress(), raw, 0, size)) {
            java.util.Arrays.fill(raw, 0, size, (byte) 0);
        }
        line.wrap(dmaSelect);
    }

    private void fail(int state) {
        regs.setAdmaErrorStatus(regs.admaErrorStatus() & ~AE_STATE_MASK | state);
        regs.raiseError(EI_ADMA);
    }

    /**
     * Moves the data of a Tran line, a block (or the part of one the line covers) per memory access. Block Count
     * and the buffer position are kept in locals for the line and stored when it ends.
     *
     * @return false when the system bus refused an access (the line ends there)
     */
    private boolean transfer() {
        boolean read = data.reading();
        regs.setPresentState(PS_DAT_LINE_ACTIVE | (read ? PS_READ_TRANSFER_ACTIVE : PS_WRITE_TRANSFER_ACTIVE));
        int size = data.blockSize();
        if (size == 0) {
            return true;
        }
        boolean counted = data.counted();
        int count = regs.blockCount();
        int position = data.position();
        byte[] buf = data.buffer();
        long address = line.address();
        int left = line.length();
        boolean accepted = true;
        while (left > 0) {
            if (read && position == 0) {
                data.receive(0, size);
            }
            int n = Math.min(left, size - position);
            accepted = read ? memory.writeData(address, buf, position, n)
                    : memory.readData(address, buf, position, n);
            if (!accepted) {
                break;
            }
            address += n;
            left -= n;
            position += n;
            if (position < size) {
                continue;
            }
            if (!read) {
                data.send(0, size);
            }
            position = 0;
            if (counted) {
                count = (count - 1) & 0xffff;
                if (count == 0) {
                    break;
                }
            }
        }
        data.setPosition(position);
        regs.setBlockCount(count);
        return accepted;
    }
}
