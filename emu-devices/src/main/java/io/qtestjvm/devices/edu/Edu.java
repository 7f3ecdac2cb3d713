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
 * QEMU's educational PCI device {@code edu}, after its specification (QEMU docs/specs/edu.rst): "PCI specs"
 * (1234:11e8, region 0: 1 MiB of registers), "MMIO area spec" (the register map below), "IRQ controller" (INTx or
 * MSI, raised while the interrupt status is not 0), "DMA controller" (one 4096-byte buffer at 0x40000 of the
 * device) and the {@code dma_mask} switch (28 bits by default).
 *
 * <p>Facts the specification leaves open, as QEMU 7.2 shows them: revision 0x10, class 0x00ff, interrupt pin A, an
 * MSI capability with one vector and 64-bit addresses; registers in the target's byte order (little on x86/arm,
 * big on ppc64); accesses the map does not allow, reads of write-only or unassigned registers give all-ones and
 * writes there are ignored; the identification reads 0x010000ed (version 1.0); a transfer starts 100 ms of virtual
 * time (counted from the current whole millisecond) after the command is written; DMA registers and the command
 * ignore writes while a transfer runs, and a command without the start bit is ignored. Reset is the generic PCI
 * one only: registers, buffer and a pending transfer survive it.
 *
 * <p>Departures from QEMU, invisible to a guest that polls as the specification asks:
 * <ul>
 * <li>the factorial is computed when 0x08 is written (QEMU uses a thread), so "computing" is never seen set and the
 *     factorial interrupt is raised during the write;</li>
 * <li>a transfer whose buffer range is not inside 0x40000..0x40fff (it may end exactly at 0x41000; 0 bytes is
 *     valid) makes QEMU 7.2 abort; here it is dropped (no data, no interrupt), the start bit clears and one line
 *     goes to stderr.</li>
 * </ul>
 * Pinned by {@code EduTest}.
 *
 * <p>DMA goes through the bus-master path ({@link PciDevice#dmaRead}, {@link PciDevice#dmaWrite}), so behind the
 * bus's IOMMU (virt's SMMUv3) the RAM address, after the {@code dma_mask} AND, is an IOVA translated for edu's
 * requester id. A DMA the IOMMU refuses is not reported by edu: QEMU's edu never looks at the outcome of its DMA,
 * so the transfer ends as any other (start bit clear, interrupt 0x100 when asked). As measured with Debian's QEMU
 * 7.2 behind virt's SMMUv3: a refused page is retried in 4-byte pieces, each one an F_TRANSLATION record (64 for a
 * refused 256-byte transfer), its bytes read as zeros into the buffer or not written to RAM, and the transfer goes
 * on with the pages after it ({@link PciDevice#retryRefusedPagesInWords}). Pinned by {@code SmmuBusMastersTest}
 * and, against QEMU itself, {@code SmmuBusMastersOnRunningQemuTest} (qos-client).
 */
public final class Edu extends PciDevice {
    public static final String TYPE = "edu";
    public static final long MMIO_SIZE = 1 << 20;

    // "MMIO area spec": below 0x80 only 4-byte accesses, 4 or 8 bytes from 0x80 on
    static final int IDENTIFICATION = 0x00;
    static final int LIVENESS_CHECK = 0x04;
    static final int FACTORIAL = 0x08;
    static final int STATUS = 0x20;
    static final int INTERRUPT_STATUS = 0x24;
    static final int INTERRUPT_RAISE = 0x60;
    static final int INTERRUPT_ACKNOWLEDGE = 0x64;
    static final int DMA_SOURCE = 0x80;
    static final int DMA_DESTINATION = 0x88;
    static final int DMA_COUNT = 0x90;
    static final int DMA_COMMAND = 0x98;
    private static final int WIDE_REGISTERS_FROM = 0x80;

    /** 0xRRrr00ed with major version 1, minor 0. */
    static final int IDENTIFICATION_VALUE = 0x010000ed;
    static final int STATUS_COMPUTING = 0x01;
    static final int STATUS_RAISE_AFTER_FACTORIAL = 0x80;
    /** Interrupt status value raised after a factorial. */
    static final int FACT_IRQ = 0x001;
    /** Interrupt status value raised after a transfer with {@link #COMMAND_RAISE}. */
    static final int DMA_IRQ = 0x100;
    static final long COMMAND_START = 0x01;
    /** 0: from RAM to the device's buffer; 1: from the buffer to RAM. */
    static final long COMMAND_TO_RAM = 0x02;
    static final long COMMAND_RAISE = 0x04;
    static final long BUFFER_ADDRESS = 0x40000;
    static final int BUFFER_SIZE = 4096;
    static final long TRANSFER_DELAY_MS = 100;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long ALL_ONES = -1L;

    private final Clock clock;
    private final MemoryRegion mmio;
    // registers
    private int livenessInverted;
    private int factorial;
    private int status;
    private int interruptStatus;
    // DMA controller
    private final Timer transfer;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private long dmaSource;
    private long dmaDestination;
    private long dmaCount;
    private long dmaCommand;
    private long dmaMask = (1L << 28) - 1;

    /** @param virtualClock the guest's virtual clock, on which transfers take their time */
    public Edu(Clock virtualClock) {
        super(TYPE, 0x1234, 0x11e8, 0x10, 0x00ff);
        this.clock = virtualClock;
        setInterruptPin(1);
        msiInit(0, 1, true, false);
        retryRefusedPagesInWords(true);
        this.transfer = virtualClock.newTimer(this::runTransfer);
        this.mmio = MemoryRegion.io("edu-mmio", MMIO_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return allowed(offset, size) ? readRegister((int) offset) : ALL_ONES;
            }

            @Override
            public void write(long offset, long value, int size) {
                if (allowed(offset, size)) {
                    writeRegister((int) offset, value);
                }
            }
        }, AccessRules.sizes(4, 8, Endianness.NATIVE));
        registerBar(0, PciRegs.BAR_MEM_TYPE_32, mmio);
    }

    /** The {@code dma_mask} switch: DMA addresses in RAM are ANDed with it. */
    public void setDmaMask(long mask) {
        this.dmaMask = mask;
    }

    public long dmaMask() {
        return dmaMask;
    }

    /** The region 0 registers, e.g. for diagnostics. */
    public MemoryRegion mmio() {
        return mmio;
    }

    @Override
    public void unrealize() {
        transfer.del();
    }

    // ---------------------------------------------------------------------------------------------------------
    // MMIO area spec

    private static boolean allowed(long offset, int size) {
        return size == 4 || (size == 8 && offset >= WIDE_REGISTERS_FROM);
    }

    private long readRegister(int offset) {
        return switch (offset) {
            case IDENTIFICATION -> IDENTIFICATION_VALUE;
            case LIVENESS_CHECK -> Integer.toUnsignedLong(livenessInverted);
            case FACTORIAL -> Integer.toUnsignedLong(factorial);
            case STATUS -> Integer.toUnsignedLong(status);
            case INTERRUPT_STATUS -> Integer.toUnsignedLong(interruptStatus);
            case DMA_SOURCE -> dmaSource;
            case DMA_DESTINATION -> dmaDestination;
            case DMA_COUNT -> dmaCount;
            case DMA_COMMAND -> dmaCommand;
            default -> ALL_ONES;
        };
    }

    private void writeRegister(int offset, long value) {
        boolean transferRunning = (dmaCommand & COMMAND_START) != 0;
        switch (offset) {
            case LIVENESS_CHECK -> livenessInverted = ~(int) value;
            case FACTORIAL -> startFactorial((int) value);
            case STATUS -> status = (status & ~STATUS_RAISE_AFTER_FACTORIAL)
                    | ((int) value & STATUS_RAISE_AFTER_FACTORIAL);
            case INTERRUPT_RAISE -> raise((int) value);
            case INTERRUPT_ACKNOWLEDGE -> acknowledge((int) value);
            case DMA_SOURCE -> {
                if (!transferRunning) {
                    dmaSource = value;
                }
            }
            case DMA_DESTINATION -> {
                if (!transferRunning) {
                    dmaDestination = value;
                }
            }
            case DMA_COUNT -> {
                if (!transferRunning) {
                    dmaCount = value;
                }
            }
            case DMA_COMMAND -> {
                if (!transferRunning && (value & COMMAND_START) != 0) {
                    dmaCommand = value;
                    long nowMs = clock.now() / NS_PER_MS;
                    transfer.modScaled(nowMs + TRANSFER_DELAY_MS, NS_PER_MS);
                }
            }
            default -> {
            }
        }
    }

    /** The factorial of the value written, modulo 2^32; the interrupt follows if the status asks for it. */
    private void startFactorial(int n) {
        if ((status & STATUS_COMPUTING) != 0) {
            return;
        }
        factorial = factorialMod32(n);
        if ((status & STATUS_RAISE_AFTER_FACTORIAL) != 0) {
            raise(FACT_IRQ);
        }
    }

    /** n! modulo 2^32 for n taken unsigned; from 34 on the product has 32 factors of two, so it is 0. */
    static int factorialMod32(int n) {
        if (Integer.compareUnsigned(n, 34) >= 0) {
            return 0;
        }
        int product = 1;
        for (int k = 2; k <= n; k++) {
            product *= k;
        }
        return product;
    }

    // ---------------------------------------------------------------------------------------------------------
    // IRQ controller

    private void raise(int value) {
        interruptStatus |= value;
        if (interruptStatus == 0) {
            return;
        }
        if (msiEnabled()) {
            msiNotify(0);
        } else {
            setIrqLevel(1);
        }
    }

    private void acknowledge(int value) {
        interruptStatus &= ~value;
        if (interruptStatus == 0 && !msiEnabled()) {
            setIrqLevel(0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // DMA controller

    private void runTransfer() {
        if ((dmaCommand & COMMAND_START) == 0) {
            return;
        }
        boolean toRam = (dmaCommand & COMMAND_TO_RAM) != 0;
        long inBuffer = toRam ? dmaSource : dmaDestination;
        if (!insideBuffer(inBuffer, dmaCount)) {
            System.err.printf("edu: DMA range 0x%016x-0x%016x out of bounds (0x%016x-0x%016x), transfer dropped%n",
                    inBuffer, inBuffer + dmaCount - 1, BUFFER_ADDRESS, BUFFER_ADDRESS + BUFFER_SIZE - 1);
            dmaCommand &= ~COMMAND_START;
            return;
        }
        int at = (int) (inBuffer - BUFFER_ADDRESS);
        int length = (int) dmaCount;
        if (toRam) {
            dmaWrite(dmaDestination & dmaMask, buffer, at, length);
        } else {
            dmaRead(dmaSource & dmaMask, buffer, at, length);
        }
        dmaCommand &= ~COMMAND_START;
        if ((dmaCommand & COMMAND_RAISE) != 0) {
            raise(DMA_IRQ);
        }
    }

    /** Whether {@code [start, start + count)} lies inside the buffer, without wrapping past 2^64. */
    private static boolean insideBuffer(long start, long count) {
        long end = start + count;
        return Long.compareUnsigned(end, start) >= 0 && Long.compareUnsigned(start, BUFFER_ADDRESS) >= 0
                && Long.compareUnsigned(end, BUFFER_ADDRESS + BUFFER_SIZE) <= 0;
    }
}
