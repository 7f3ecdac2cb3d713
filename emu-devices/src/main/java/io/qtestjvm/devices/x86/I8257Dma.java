package io.qtestjvm.devices.x86;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The ISA DMA controller's register file (QEMU hw/dma/i8257.c), without transfers (no ISA device here does DMA):
 * per channel a 16-bit base address and count written and read a byte at a time through the shared flip-flop,
 * the control ports (status, mask, mode, clear flip-flop, master clear) and the page registers. The PC has two: at
 * 0x00 (8-bit channels) and at 0xc0 with every port on even addresses (16-bit channels, {@code dshift} 1). libqtest
 * reads port 0 on every {@code qtest_get_irq} to flush IRQ lines: QEMU answers 0 there, from this device.
 */
public final class I8257Dma extends Device {
    public static final String TYPE = "i8257";
    private static final int ADDR = 0;
    private static final int COUNT = 1;
    /** Page register port (low 3 bits) to channel, -1 where the port has no channel (i8257.c's table). */
    private static final int[] PAGE_CHANNEL = {-1, 2, 3, 1, -1, -1, -1, 0};

    private final int dshift;
    private final int[][] base = new int[4][2];
    private final int[][] now = new int[4][2];
    private final int[] mode = new int[4];
    private final int[] page = new int[4];
    private final int[] pageHigh = new int[4];
    private int status;
    private int command;
    private int mask;
    private int flipFlop;
    private final MemoryRegion channels;
    private final MemoryRegion control;
    private final MemoryRegion pages;

    /** @param dshift 0 for the 8-bit controller at 0x00, 1 for the 16-bit one at 0xc0 */
    public I8257Dma(int dshift) {
        super(TYPE);
        this.dshift = dshift;
        AccessRules byteRules = AccessRules.sizes(1, 1, Endianness.LITTLE);
        channels = MemoryRegion.io("dma-chan", 8L << dshift, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readChannel((int) offset);
            }

            @Override
            public void write(long offset, long value, int size) {
                writeChannel((int) offset, (int) value);
            }
        }, byteRules);
        control = MemoryRegion.io("dma-cont", 8L << dshift, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readControl((int) offset);
            }

            @Override
            public void write(long offset, long value, int size) {
                writeControl((int) offset, (int) value);
            }
        }, byteRules);
        pages = MemoryRegion.io("dma-page", 8, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                int ch = PAGE_CHANNEL[(int) offset & 7];
                return ch < 0 ? 0 : page[ch];
            }

            @Override
            public void write(long offset, long value, int size) {
                int ch = PAGE_CHANNEL[(int) offset & 7];
                if (ch >= 0) {
                    page[ch] = (int) value & 0xff;
                }
            }
        }, byteRules);
    }

    /** The channel address/count ports (0x00 or 0xc0). */
    public MemoryRegion channelRegion() {
        return channels;
    }

    /** The control ports (0x08 or 0xd0). */
    public MemoryRegion controlRegion() {
        return control;
    }

    /** The page registers (0x80 or 0x88). */
    public MemoryRegion pageRegion() {
        return pages;
    }

    private int readChannel(int offset) {
        int iport = (offset >> dshift) & 0x0f;
        int ch = iport >> 1;
        int reg = iport & 1;
        int dir = ((mode[ch] >> 5) & 1) != 0 ? -1 : 1;
        int ff = flipFlop;
        int val = reg == COUNT ? (base[ch][COUNT] << dshift) - now[ch][COUNT] : now[ch][ADDR] + now[ch][COUNT] * dir;
        flipFlop = ff ^ 1;
        return (val >> (dshift + (ff << 3))) & 0xff;
    }

    private void writeChannel(int offset, int data) {
        int iport = (offset >> dshift) & 0x0f;
        int ch = iport >> 1;
        int reg = iport & 1;
        int ff = flipFlop;
        flipFlop = ff ^ 1;
        if (ff != 0) {
            base[ch][reg] = (base[ch][reg] & 0xff) | ((data << 8) & 0xff00);
            now[ch][ADDR] = base[ch][ADDR] << dshift;
            now[ch][COUNT] = 0;
        } else {
            base[ch][reg] = (base[ch][reg] & 0xff00) | (data & 0xff);
        }
    }

    private int readControl(int offset) {
        int iport = (offset >> dshift) & 0x0f;
        return switch (iport) {
            case 0 -> {
                int v = status;
                status &= 0xf0;
                yield v;
            }
            case 1 -> mask;
            default -> 0;
        };
    }

    private void writeControl(int offset, int data) {
        int iport = (offset >> dshift) & 0x0f;
        switch (iport) {
            case 0 -> command = data; // command register
            case 1 -> { // request register
                int ch = data & 3;
                if ((data & 4) != 0) {
                    status |= 1 << (ch + 4);
                } else {
                    status &= ~(1 << (ch + 4));
                }
                status &= ~(1 << ch);
            }
            case 2 -> { // single mask
                if ((data & 4) != 0) {
                    mask |= 1 << (data & 3);
                } else {
                    mask &= ~(1 << (data & 3));
                }
            }
            case 3 -> mode[data & 3] = data; // mode
            case 4 -> flipFlop = 0; // clear flip-flop
            case 5 -> resetState(); // master clear
            case 6 -> mask = 0; // clear mask
            case 7 -> mask = data; // write all mask bits
            default -> {
            }
        }
    }

    private void resetState() {
        flipFlop = 0;
        mask = ~0 & 0xff;
        status = 0;
        command = 0;
    }

    @Override
    public void reset() {
        resetState();
        for (int ch = 0; ch < 4; ch++) {
            base[ch][ADDR] = 0;
            base[ch][COUNT] = 0;
            now[ch][ADDR] = 0;
            now[ch][COUNT] = 0;
            mode[ch] = 0;
            page[ch] = 0;
            pageHigh[ch] = 0;
        }
    }

    int command() {
        return command;
    }
}
