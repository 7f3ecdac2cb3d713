package io.qtestjvm.qos.libqos.edu;

/** Register layout of QEMU's {@code edu} device (docs/specs/edu.rst, hw/misc/edu.c): BAR0 offsets and bits. */
public final class EduRegs {
    public static final int VENDOR_ID = 0x1234;
    public static final int DEVICE_ID = 0x11e8;
    public static final int REVISION = 0x10;
    /** Class code 0x00ff ("unclassified, other"). */
    public static final int CLASS = 0x00ff;
    /** BAR0 is 1 MiB of 32-bit non-prefetchable memory. */
    public static final long BAR0_SIZE = 0x10_0000;

    public static final int ID = 0x00;
    /** 0x010000ed: major 1, minor 0, 0xed. */
    public static final int ID_VALUE = 0x0100_00ed;
    public static final int LIVENESS = 0x04;
    public static final int FACTORIAL = 0x08;
    public static final int STATUS = 0x20;
    public static final int IRQ_STATUS = 0x24;
    public static final int IRQ_RAISE = 0x60;
    public static final int IRQ_ACK = 0x64;
    public static final int DMA_SRC = 0x80;
    public static final int DMA_DST = 0x88;
    public static final int DMA_COUNT = 0x90;
    public static final int DMA_CMD = 0x98;

    public static final int STATUS_COMPUTING = 0x01;
    /** Raise {@link #FACT_IRQ} when a factorial is done. */
    public static final int STATUS_IRQFACT = 0x80;
    public static final int FACT_IRQ = 0x001;
    public static final int DMA_IRQ = 0x100;

    public static final int DMA_CMD_START = 0x1;
    public static final int DMA_CMD_TO_RAM = 0x2;
    public static final int DMA_CMD_IRQ = 0x4;
    /** The device-side DMA buffer: 4 KiB at this bus address. */
    public static final long DMA_BUFFER = 0x40000;
    public static final int DMA_BUFFER_SIZE = 4096;
    /** The DMA engine runs on a virtual-clock timer this long after the command. */
    public static final long DMA_DELAY_NS = 100_000_000L;

    private EduRegs() {
    }
}
