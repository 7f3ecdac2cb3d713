package io.qtestjvm.devices.sd;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;

/**
 * The engines without a device: a register file, a {@link FakeCard} in a slot, and guest memory as a plain array
 * (addresses past its end read as zeros and drop writes, as the controller's DMA path does).
 */
final class EngineBench {
    static final int MEMORY = 1 << 20;
    final byte[] ram = new byte[MEMORY];
    final SdhcRegisterFile regs = new SdhcRegisterFile();
    final SdSlot slot = new SdSlot();
    final FakeCard card = new FakeCard(64);
    final DataTransfer data = new DataTransfer(regs, slot);
    /** Accesses touching {@code [refusedFrom, refusedTo)} are refused by the system bus (an IOMMU fault). */
    long refusedFrom = -1;
    long refusedTo = -1;
    final DmaMemory memory = new DmaMemory() {
        @Override
        public boolean read(long address, byte[] dst, int offset, int length) {
            for (int i = 0; i < length; i++) {
                long a = address + i;
                dst[offset + i] = a >= 0 && a < MEMORY && !refused(a) ? ram[(int) a] : 0;
            }
            return !refused(address, length);
        }

        @Override
        public boolean write(long address, byte[] src, int offset, int length) {
            for (int i = 0; i < length; i++) {
                long a = address + i;
                if (a >= 0 && a < MEMORY && !refused(a)) {
                    ram[(int) a] = src[offset + i];
                }
            }
            return !refused(address, length);
        }
    };
    final SdmaEngine sdma = new SdmaEngine(regs, data, memory);
    final AdmaEngine adma = new AdmaEngine(regs, data, memory);

    private boolean refused(long a) {
        return a >= refusedFrom && a < refusedTo;
    }

    private boolean refused(long address, int length) {
        return length > 0 && address < refusedTo && address + length > refusedFrom;
    }

    EngineBench() {
        slot.attach(card);
        regs.put16(NORMAL_INT_STATUS_ENABLE, 0xffff);
        regs.put16(ERROR_INT_STATUS_ENABLE, 0xffff);
    }

    /** Block size, count and transfer mode as a driver sets them, and the card positioned at {@code block}. */
    EngineBench transfer(int blockSize, int boundaryField, int count, int mode, int cardCommand, int block) {
        regs.put16(BLOCK_SIZE, boundaryField << BLOCK_SIZE_BOUNDARY_SHIFT | blockSize);
        regs.setBlockCount(count);
        regs.put16(TRANSFER_MODE, mode);
        card.doCommand(cardCommand, block, new byte[16]);
        return this;
    }

    void line(long at, int attr, int length, long address) {
        ram[(int) at] = (byte) attr;
        ram[(int) at + 1] = 0;
        ram[(int) at + 2] = (byte) length;
        ram[(int) at + 3] = (byte) (length >>> 8);
        for (int i = 0; i < 4; i++) {
            ram[(int) at + 4 + i] = (byte) (address >>> (8 * i));
        }
    }

    byte[] ram(long at, int len) {
        byte[] b = new byte[len];
        System.arraycopy(ram, (int) at, b, 0, len);
        return b;
    }

    byte[] image(int block, int len) {
        byte[] b = new byte[len];
        System.arraycopy(card.image, block * FakeCard.BLOCK, b, 0, len);
        return b;
    }

    int normalStatus() {
        return regs.u16(NORMAL_INT_STATUS);
    }
}
