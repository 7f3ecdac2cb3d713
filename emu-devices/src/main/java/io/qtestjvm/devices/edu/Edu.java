package io.qtestjvm.devices.edu;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;

/**
 * QEMU's educational PCI device ({@code edu}, specified in QEMU's docs/specs/edu.rst): 1234:11e8 revision 0x10, class
 * "other" (0x00ff), interrupt pin A, an MSI capability (1 vector, 64-bit), and BAR0: 1 MiB of registers in the
 * target's byte order (little on x86/arm, big on ppc64) taking 4- and 8-byte
 * accesses; below 0x80 only 4-byte accesses do anything. Reads of unimplemented registers return all-ones.
 *
 * <p>Deviations from QEMU, all invisible to a guest that polls the status as the spec asks:
 * <ul>
 * <li>The factorial is computed at once when 0x08 is written, where QEMU hands it to a thread: the "computing"
 *     status bit is never seen set, and the factorial interrupt (status bit 7) is raised during the write.</li>
 * <li>A DMA whose buffer range leaves the 4 KiB window at 0x40000 makes QEMU 7.2 abort ({@code hw_error}); here
 *     that transfer is dropped (no data moves, no interrupt), the "running" bit clears and one line goes to
 *     stderr. The range check is QEMU's current one (a transfer may end exactly at 0x41000; 0 bytes is valid).</li>
 * </ul>
 * Reset is QEMU's: edu has no reset handler of its own, so only the generic PCI reset applies and the edu
 * registers, the DMA buffer and a pending DMA survive it.
 */
public final class Edu extends PciDevice {
    public static final String TYPE = "edu";
    public static final long MMIO_SIZE = 1 << 20;

    static final int REG_ID = 0x00;
    static final int REG_LIVENESS = 0x04;
    static final int REG_FACTORIAL = 0x08;
    static final int REG_STATUS = 0x20;
    static final int REG_IRQ_STATUS = 0x24;
    static final int REG_IRQ_RAISE = 0x60;
    static final int REG_IRQ_ACK = 0x64;
    static final int REG_DMA_SRC = 0x80;
    static final int REG_DMA_DST = 0x88;
    static final int REG_DMA_COUNT = 0x90;
    static final int REG_DMA_CMD = 0x98;

    static final int ID_VALUE = 0x010000ed;
    static final int STATUS_COMPUTING = 0x01;
    static final int STATUS_IRQFACT = 0x80;
    static final int FACT_IRQ = 0x001;
    static final int DMA_IRQ = 0x100;
    static final long DMA_RUN = 0x1;
    static final long DMA_TO_PCI = 0x2;
    static final long DMA_IRQ_ENABLE = 0x4;
    static final long DMA_START = 0x40000;
    static final int DMA_SIZE = 4096;
    static final long DMA_DELAY_MS = 100;

    private final Clock clock;
    private final Timer dmaTimer;
    private final MemoryRegion mmio;
    private final byte[] dmaBuf = new byte[DMA_SIZE];
    private int addr4;
    private int fact;
    private int status;
    private int irqStatus;
    private long dmaSrc;
    private long dmaDst;
    private long dmaCount;
    private long dmaCmd;
    private long dmaMask = (1L << 28) - 1;

    /** @param virtualClock the clock of the DMA timer (the guest's virtual clock) */
    public Edu(Clock virtualClock) {
        super(TYPE, 0x1234, 0x11e8, 0x10, 0x00ff);
        this.clock = virtualClock;
        setInterruptPin(1);
        msiInit(0, 1, true, false);
        this.dmaTimer = virtualClock.newTimer(this::dmaTimerFired);
        this.mmio = MemoryRegion.io("edu-mmio", MMIO_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return mmioRead(offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                mmioWrite(offset, value, size);
            }
        }, AccessRules.sizes(4, 8, Endianness.NATIVE));
        registerBar(0, PciRegs.BAR_MEM_TYPE_32, mmio);
    }

    /** The {@code dma_mask} property: DMA addresses are ANDed with it (28 bits by default). */
    public void setDmaMask(long mask) {
        this.dmaMask = mask;
    }

    public long dmaMask() {
        return dmaMask;
    }

    /** The BAR0 register region, e.g. for diagnostics. */
    public MemoryRegion mmio() {
        return mmio;
    }

    @Override
    public void unrealize() {
        dmaTimer.del();
    }

    // ---------------------------------------------------------------------------------------------------------
    // registers

    private long mmioRead(long addr, int size) {
        if (addr < 0x80 ? size != 4 : size != 4 && size != 8) {
            return -1L;
        }
        return switch ((int) addr) {
            case REG_ID -> ID_VALUE;
            case REG_LIVENESS -> addr4 & 0xffff_ffffL;
            case REG_FACTORIAL -> fact & 0xffff_ffffL;
            case REG_STATUS -> status & 0xffff_ffffL;
            case REG_IRQ_STATUS -> irqStatus & 0xffff_ffffL;
            case REG_DMA_SRC -> dmaSrc;
            case REG_DMA_DST -> dmaDst;
            case REG_DMA_COUNT -> dmaCount;
            case REG_DMA_CMD -> dmaCmd;
            default -> -1L;
        };
    }

    private void mmioWrite(long addr, long val, int size) {
        if (addr < 0x80 ? size != 4 : size != 4 && size != 8) {
            return;
        }
        boolean dmaBusy = (dmaCmd & DMA_RUN) != 0;
        switch ((int) addr) {
            case REG_LIVENESS -> addr4 = ~(int) val;
            case REG_FACTORIAL -> computeFactorial((int) val);
            case REG_STATUS -> status = (val & STATUS_IRQFACT) != 0 ? status | STATUS_IRQFACT
                    : status & ~STATUS_IRQFACT;
            case REG_IRQ_RAISE -> raiseIrq((int) val);
            case REG_IRQ_ACK -> lowerIrq((int) val);
            case REG_DMA_SRC -> dmaSrc = dmaBusy ? dmaSrc : val;
            case REG_DMA_DST -> dmaDst = dmaBusy ? dmaDst : val;
            case REG_DMA_COUNT -> dmaCount = dmaBusy ? dmaCount : val;
            case REG_DMA_CMD -> {
                if ((val & DMA_RUN) != 0 && !dmaBusy) {
                    dmaCmd = val;
                    // 100 ms after now, on whole milliseconds of the virtual clock (QEMU 7.2 truncates now to ms)
                    dmaTimer.modScaled(clock.now() / 1_000_000L + DMA_DELAY_MS, 1_000_000L);
                }
            }
            default -> {
            }
        }
    }

    /** What QEMU's factorial thread does, done at once; 32-bit arithmetic as QEMU's. */
    private void computeFactorial(int n) {
        if ((status & STATUS_COMPUTING) != 0) {
            return;
        }
        int ret = 1;
        if (Integer.compareUnsigned(n, 34) >= 0) {
            ret = 0; // 34! holds 2^32, so every larger factorial is 0 modulo 2^32: skip billions of multiplications
        } else {
            for (int v = n; v > 0; v--) {
                ret *= v;
            }
        }
        fact = ret;
        if ((status & STATUS_IRQFACT) != 0) {
            raiseIrq(FACT_IRQ);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // interrupts

    private void raiseIrq(int val) {
        irqStatus |= val;
        if (irqStatus != 0) {
            if (msiEnabled()) {
                msiNotify(0);
            } else {
                setIrqLevel(1);
            }
        }
    }

    private void lowerIrq(int val) {
        irqStatus &= ~val;
        if (irqStatus == 0 && !msiEnabled()) {
            setIrqLevel(0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // DMA

    private void dmaTimerFired() {
        if ((dmaCmd & DMA_RUN) == 0) {
            return;
        }
        boolean toPci = (dmaCmd & DMA_TO_PCI) != 0;
        long bufAddr = toPci ? dmaSrc : dmaDst;
        if (!withinBuffer(bufAddr, dmaCount)) {
            System.err.printf("edu: DMA range 0x%016x-0x%016x out of bounds (0x%016x-0x%016x), transfer dropped%n",
                    bufAddr, bufAddr + dmaCount - 1, DMA_START, DMA_START + DMA_SIZE - 1);
            dmaCmd &= ~DMA_RUN;
            return;
        }
        int bufOff = (int) (bufAddr - DMA_START);
        int len = (int) dmaCount;
        if (toPci) {
            dmaWrite(dmaDst & dmaMask, dmaBuf, bufOff, len);
        } else {
            dmaRead(dmaSrc & dmaMask, dmaBuf, bufOff, len);
        }
        dmaCmd &= ~DMA_RUN;
        if ((dmaCmd & DMA_IRQ_ENABLE) != 0) {
            raiseIrq(DMA_IRQ);
        }
    }

    /** No wrap-around and the whole transfer inside the buffer window. */
    private static boolean withinBuffer(long start, long size) {
        long end = start + size;
        long bufEnd = DMA_START + DMA_SIZE;
        return Long.compareUnsigned(end, start) >= 0 && Long.compareUnsigned(start, DMA_START) >= 0
                && Long.compareUnsigned(end, bufEnd) <= 0;
    }
}
