package io.qtestjvm.devices.x86;

import static io.qtestjvm.devices.x86.I8237Layout.ALL_MASKED;
import static io.qtestjvm.devices.x86.I8237Layout.CHANNELS;
import static io.qtestjvm.devices.x86.I8237Layout.CHANNEL_PORTS;
import static io.qtestjvm.devices.x86.I8237Layout.CLEAR_BYTE_POINTER;
import static io.qtestjvm.devices.x86.I8237Layout.CLEAR_MASK;
import static io.qtestjvm.devices.x86.I8237Layout.CONTROL_PORTS;
import static io.qtestjvm.devices.x86.I8237Layout.COUNT_PORT_BIT;
import static io.qtestjvm.devices.x86.I8237Layout.MODE;
import static io.qtestjvm.devices.x86.I8237Layout.PAGE_PORTS;
import static io.qtestjvm.devices.x86.I8237Layout.REQUEST;
import static io.qtestjvm.devices.x86.I8237Layout.SELECT_CHANNEL;
import static io.qtestjvm.devices.x86.I8237Layout.SET_BIT;
import static io.qtestjvm.devices.x86.I8237Layout.SINGLE_MASK;
import static io.qtestjvm.devices.x86.I8237Layout.STATUS_COMMAND;
import static io.qtestjvm.devices.x86.I8237Layout.STATUS_REQUEST_SHIFT;
import static io.qtestjvm.devices.x86.I8237Layout.STATUS_TC_MASK;
import static io.qtestjvm.devices.x86.I8237Layout.TEMPORARY_MASTER_CLEAR;
import static io.qtestjvm.devices.x86.I8237Layout.WRITE_ALL_MASK;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * One of the PC's two ISA DMA controllers ({@code i8257}), an Intel 8237A as its data sheet describes the registers
 * (layout in {@link I8237Layout}): per channel a base and a current address and word count, reached a byte at a
 * time through the byte pointer flip-flop; the command, mode, request, mask and status registers; and the page
 * registers. No ISA device here does DMA, so the current registers only move when software loads them. The PC has
 * one controller at 0x00 (8-bit channels 0-3) and one at 0xc0 with every port on even addresses (16-bit channels
 * 4-7). libqtest reads port 0 on every {@code qtest_get_irq} to flush IRQ lines: QEMU answers 0 there, from this
 * device ({@code I8257DmaTest.portZeroReadsZeroAfterReset}).
 *
 * <p>QEMU 7.2 departures reproduced: the current address and count are loaded from the base registers when a high
 * byte is written (the data sheet writes base and current together, byte by byte); port 9 reads the mask register
 * and the temporary register (port 0x0d) reads 0 ({@code I8257DmaTest.maskRegisterReadsBackThroughTheRequestPort}).
 */
public final class I8257Dma extends Device {
    public static final String TYPE = "i8257";

    /** 0 for the 8-bit controller, 1 for the 16-bit one whose ports sit on even addresses. */
    private final int portShift;
    private final int[] baseAddress = new int[CHANNELS];
    private final int[] baseCount = new int[CHANNELS];
    private final int[] currentAddress = new int[CHANNELS];
    private final int[] currentCount = new int[CHANNELS];
    private final int[] mode = new int[CHANNELS];
    private final int[] page = new int[CHANNELS];
    private int command;
    private int status;
    private int mask;
    /** The byte pointer flip-flop: false selects the low byte. */
    private boolean highByte;
    private final MemoryRegion channels;
    private final MemoryRegion control;
    private final MemoryRegion pages;

    /** @param dshift 0 for the 8-bit controller at 0x00, 1 for the 16-bit one at 0xc0 */
    public I8257Dma(int dshift) {
        super(TYPE);
        this.portShift = dshift;
        AccessRules bytes = AccessRules.sizes(1, 1, Endianness.LITTLE);
        channels = MemoryRegion.io("dma-chan", (long) CHANNEL_PORTS << dshift, new ChannelPorts(), bytes);
        control = MemoryRegion.io("dma-cont", (long) CONTROL_PORTS << dshift, new ControlPorts(), bytes);
        pages = MemoryRegion.io("dma-page", PAGE_PORTS, new PagePorts(), bytes);
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

    /** Data sheet "Master Clear": command, status and flip-flop cleared, every channel masked. */
    private void masterClear() {
        command = 0;
        status = 0;
        highByte = false;
        mask = ALL_MASKED;
    }

    @Override
    public void reset() {
        masterClear();
        for (int ch = 0; ch < CHANNELS; ch++) {
            baseAddress[ch] = 0;
            baseCount[ch] = 0;
            currentAddress[ch] = 0;
            currentCount[ch] = 0;
            mode[ch] = 0;
            page[ch] = 0;
        }
    }

    int command() {
        return command;
    }

    /** Flips the byte pointer and returns whether this access is to the high byte. */
    private boolean nextByteIsHigh() {
        boolean high = highByte;
        highByte = !highByte;
        return high;
    }

    private int readChannelPort(int port) {
        int ch = port >> 1;
        int value = (port & COUNT_PORT_BIT) != 0 ? currentCount[ch] : currentAddress[ch];
        return nextByteIsHigh() ? (value >> 8) & 0xff : value & 0xff;
    }

    private void writeChannelPort(int port, int data) {
        int ch = port >> 1;
        int[] base = (port & COUNT_PORT_BIT) != 0 ? baseCount : baseAddress;
        if (nextByteIsHigh()) {
            base[ch] = (base[ch] & 0x00ff) | (data << 8);
            currentAddress[ch] = baseAddress[ch];
            currentCount[ch] = baseCount[ch];
        } else {
            base[ch] = (base[ch] & 0xff00) | data;
        }
    }

    private int readControlPort(int port) {
        return switch (port) {
            case STATUS_COMMAND -> {
                int v = status;
                status &= ~STATUS_TC_MASK; // terminal count bits clear on each status read
                yield v;
            }
            case REQUEST -> mask;
            default -> 0;
        };
    }

    private void writeControlPort(int port, int data) {
        int ch = data & SELECT_CHANNEL;
        boolean set = (data & SET_BIT) != 0;
        switch (port) {
            case STATUS_COMMAND -> command = data;
            case REQUEST -> {
                int request = 1 << (STATUS_REQUEST_SHIFT + ch);
                status = set ? status | request : status & ~request;
                status &= ~(1 << ch);
            }
            case SINGLE_MASK -> mask = set ? mask | (1 << ch) : mask & ~(1 << ch);
            case MODE -> mode[ch] = data;
            case CLEAR_BYTE_POINTER -> highByte = false;
            case TEMPORARY_MASTER_CLEAR -> masterClear();
            case CLEAR_MASK -> mask = 0;
            case WRITE_ALL_MASK -> mask = data;
            default -> {
            }
        }
    }

    private final class ChannelPorts implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return readChannelPort((int) (offset >> portShift) & (CHANNEL_PORTS - 1));
        }

        @Override
        public void write(long offset, long value, int size) {
            writeChannelPort((int) (offset >> portShift) & (CHANNEL_PORTS - 1), (int) value & 0xff);
        }
    }

    private final class ControlPorts implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return readControlPort((int) (offset >> portShift) & (CONTROL_PORTS - 1));
        }

        @Override
        public void write(long offset, long value, int size) {
            writeControlPort((int) (offset >> portShift) & (CONTROL_PORTS - 1), (int) value & 0xff);
        }
    }

    private final class PagePorts implements MmioOps {
        @Override
        public long read(long offset, int size) {
            int ch = I8237Layout.pageChannel((int) offset);
            return ch < 0 ? 0 : page[ch];
        }

        @Override
        public void write(long offset, long value, int size) {
            int ch = I8237Layout.pageChannel((int) offset);
            if (ch >= 0) {
                page[ch] = (int) value & 0xff;
            }
        }
    }
}
