package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;

/**
 * SDMA (SD Host Controller Simplified Specification 3.00 §3.7.2.2): the controller moves blocks between the
 * card and guest memory at the SDMA System Address (§2.2.1), pausing at each SDMA Buffer Boundary (§2.2.2) with a
 * DMA Interrupt until the guest writes the next address. Data moves a block (or the part of a block up to the
 * boundary) per memory access.
 *
 * <p>QEMU 7.2 facts kept (each pinned by the named test):
 * <ul>
 *   <li>The transfer pauses at a boundary only when it started on one; a transfer that starts between two
 *       boundaries runs to its end ({@code SdmaEngineTest.unalignedStartDoesNotPauseAtTheBoundary},
 *       {@code SdhciQemuFactsTest.sdmaFromAnUnalignedAddressRunsThroughTheBoundary}).</li>
 *   <li>A single-block transfer (Block Count 1, or Multi Block Select clear) leaves the SDMA System Address where it
 *       was and decrements Block Count even when Block Count Enable is clear
 *       ({@code SdmaEngineTest.singleBlockLeavesTheAddressAndCountsTheBlock},
 *       {@code SdhciQemuFactsTest.sdmaSingleBlockLeavesTheSystemAddress},
 *       {@code SdhciQemuFactsTest.sdmaSingleBlockCountsDownFromZero}).</li>
 *   <li>A multi-block transfer without Block Count Enable, or with a Block Count of 0, moves nothing and reports
 *       nothing ({@code SdmaEngineTest.multiBlockWithoutBlockCountDoesNothing}).</li>
 *   <li>The SDMA System Address cannot be written while a transfer is active; writing its top byte with a Block
 *       Count left and SDMA selected restarts the transfer, whatever DMA Enable says
 *       ({@code SdhciDataPathTest.sdmaMultiBlockStopsAtBoundaryWithDmaInterrupt}).</li>
 *   <li>Memory where nothing is mapped takes the data without an error
 *       ({@code SdhciDataPathTest.sdmaAtTheEndOfRamDropsWritesWithoutError}).</li>
 *   <li>So does an access the IOMMU refuses ({@link DmaMemory} answers false): the specification has no SDMA
 *       error status (§2.2.19 lists ADMA Error only) and QEMU 7.2 does not look at the outcome; the transfer goes on
 *       and completes ({@code SmmuBusMastersTest.sdmaToAnUnmappedIovaCompletesAndRecordsAnEvent}, qos-client).</li>
 * </ul>
 */
final class SdmaEngine {
    private final SdhcRegisterFile regs;
    private final DataTransfer data;
    private final DmaMemory memory;

    SdmaEngine(SdhcRegisterFile regs, DataTransfer data, DmaMemory memory) {
        this.regs = regs;
        this.data = data;
        this.memory = memory;
    }

    /** Starts or resumes the transfer the Transfer Mode describes. */
    void run() {
        if (data.multiBlock() && regs.blockCount() != 1) {
            multiBlock();
        } else {
            singleBlock();
        }
    }

    /**
     * Resumes after the guest wrote the top byte of the SDMA System Address: by Multi Block Select alone (a Block
     * Count of 1 still takes the multi-block path here).
     */
    void resume() {
        if (data.multiBlock()) {
            multiBlock();
        } else {
            singleBlock();
        }
    }

    private void singleBlock() {
        int size = data.blockSize();
        byte[] buf = data.buffer();
        long address = regs.sdmaAddress();
        if (data.reading()) {
            data.receive(0, size);
            memory.write(address, buf, 0, size);
        } else {
            memory.read(address, buf, 0, size);
            data.send(0, size);
        }
        regs.setBlockCount(regs.blockCount() - 1);
        data.complete();
    }

    private void multiBlock() {
        if (!data.counted() || regs.blockCount() == 0) {
            return;
        }
        int size = data.blockSize();
        byte[] buf = data.buffer();
        long boundary = regs.sdmaBufferBoundary();
        long address = regs.sdmaAddress();
        boolean pauses = address % boundary == 0;
        long toBoundary = boundary - address % boundary;
        boolean read = data.reading();
        regs.setPresentState(PS_COMMAND_INHIBIT_DAT | PS_DAT_LINE_ACTIVE
                | (read ? PS_READ_TRANSFER_ACTIVE : PS_WRITE_TRANSFER_ACTIVE));
        while (regs.blockCount() != 0) {
            int begin = data.position();
            if (read && begin == 0) {
                data.receive(0, size);
            }
            int end;
            if (pauses && toBoundary + begin < size) {
                end = begin + (int) toBoundary;
                toBoundary = 0;
            } else {
                end = size;
                toBoundary -= size - begin;
            }
            if (read) {
                memory.write(address, buf, begin, end - begin);
            } else {
                memory.read(address, buf, begin, end - begin);
            }
            address = (address + end - begin) & 0xffff_ffffL;
            if (end == size) {
                if (!read) {
                    data.send(0, size);
                }
                data.setPosition(0);
                regs.setBlockCount(regs.blockCount() - 1);
            } else {
                data.setPosition(end);
            }
            if (pauses && toBoundary == 0) {
                break;
            }
        }
        regs.setSdmaAddress(address);
        if (regs.blockCount() == 0) {
            data.complete();
        } else {
            regs.raiseNormal(NI_DMA_INTERRUPT);
        }
    }
}
