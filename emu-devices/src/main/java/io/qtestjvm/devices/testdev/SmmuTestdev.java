package io.qtestjvm.devices.testdev;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;
import io.qtestjvm.pci.DmaStatus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;

import static io.qtestjvm.devices.testdev.SmmuTestdevRegisters.*;

/**
 * QOM type {@code smmu-testdev}: the SMMUv3 test DMA engine of the September 2025 RFC (never merged; upstream's
 * successor is {@link IommuTestdev}). A conventional PCI function 1b36:0005 revision 0, class 0xff00; BAR0 is 4 KiB
 * of 32-bit little-endian registers ({@link SmmuTestdevRegisters}), 4-byte accesses only.
 *
 * <p>StreamID: properties {@code device} (default 0) and {@code function} (default 1) give the requester id the
 * device's DMA carries ({@code device << 3 | function}, bus 0), whatever slot it is plugged in; configuration space
 * stays at the slot it was plugged at. That is how the RFC's device behaves in QEMU and why its test uses StreamID 1.
 *
 * <p>DMA: DOORBELL bit 0 makes a request pending (RESULT = BUSY; 0 cancels it, RESULT = IDLE); reading ID runs a
 * pending request (nothing otherwise: no "not armed" code) and returns "STMM". A length of 0 or above 64 KiB is
 * 0xdead0001. Device to host writes {@code 0xa0 + (i & 0x1f)} at the IOVA, host to device reads there; any failure
 * is 0xdead0002, success 0. In DMA_MODE 0 the request takes the bus-master path (Command's Bus Master bit gates it);
 * in mode 1 it goes to the IOMMU directly, or, with DMA_ATTRS bit 3 ("unspecified"), straight to system memory.
 *
 * <p>Translation builder: TRANS_DBELL bit 0 writes {@link SmmuTestdevTables}' structures for TRANS_MODE into system
 * memory (only the Non-secure space exists: another S1_SPACE/S2_SPACE where the mode uses it is 0xdead3001);
 * TRANS_CLEAR zeroes them and, with SMMU_BASE set, queues CFGI_STE, CFGI_CD and TLBI_NSNH_ALL (IHI 0070 4.3.1,
 * 4.3.2, 4.4.3) for its StreamID in the SMMU's command queue, reading CMDQ_BASE and CMDQ_PROD (IHI 0070 6.3.25,
 * 6.3.26) through system memory and advancing PROD once per command.
 *
 * <p>Reset: SMMU base, IOVA, length, direction, mode and attributes 0, RESULT IDLE, nothing pending, TRANS_MODE
 * stage 2 only, both spaces Non-secure, TRANS_STATUS 0; the StreamID properties stay.
 */
public final class SmmuTestdev extends PciDevice {
    public static final String TYPE = "smmu-testdev";
    private static final int CMDQ_BASE = 0x90;
    private static final int CMDQ_PROD = 0x98;
    private static final int CMD_CFGI_STE = 0x03;
    private static final int CMD_CFGI_CD = 0x05;
    private static final int CMD_TLBI_NSNH_ALL = 0x30;
    private static final int CMD_BYTES = 16;

    private final MemoryRegion bar0;
    private final int streamId;
    private final byte[] buffer = new byte[MAX_LEN];
    private final byte[] fill = new byte[MAX_LEN];
    private final byte[] command = new byte[CMD_BYTES];
    private final SmmuTestdevTables.Memory system = new SmmuTestdevTables.Memory() {
        @Override
        public boolean write64(long address, long value) {
            return store(address, 8, value);
        }

        @Override
        public boolean write32(long address, int value) {
            return store(address, 4, value & 0xffff_ffffL);
        }
    };
    private long smmuBase;
    private long iova;
    private int len;
    private int dir;
    private int result;
    private boolean pending;
    private int mode;
    private int attrs;
    private int transMode;
    private int s1Space;
    private int s2Space;
    private int transStatus;

    /**
     * @param device   the {@code device} property (its low 5 bits are used)
     * @param function the {@code function} property (its low 3 bits are used)
     */
    public SmmuTestdev(long device, long function) {
        super(TYPE, IommuTestdevRegisters.VENDOR_ID, IommuTestdevRegisters.DEVICE_ID, 0,
                IommuTestdevRegisters.CLASS_OTHER);
        this.streamId = (int) (device & 0x1f) << 3 | (int) (function & 0x7);
        for (int i = 0; i < MAX_LEN; i++) {
            fill[i] = (byte) (FILL_BASE + (i & 0x1f));
        }
        this.bar0 = MemoryRegion.io(TYPE + ".bar0", BAR0_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readRegister((int) offset) & 0xffff_ffffL;
            }

            @Override
            public void write(long offset, long value, int size) {
                writeRegister((int) offset, (int) value);
            }
        }, AccessRules.sizes(4, 4, Endianness.LITTLE));
        registerBar(0, PciRegs.BAR_MEM_TYPE_32, bar0);
        deviceReset();
    }

    /** The StreamID the DMA carries: bus 0, the properties' device and function. */
    @Override
    public int requesterId() {
        return streamId;
    }

    @Override
    protected void deviceReset() {
        smmuBase = 0;
        iova = 0;
        len = 0;
        dir = DIR_DEVICE_TO_HOST;
        result = RESULT_IDLE;
        pending = false;
        mode = 0;
        attrs = 0;
        transMode = MODE_S2;
        s1Space = SPACE_NON_SECURE;
        s2Space = SPACE_NON_SECURE;
        transStatus = 0;
    }

    private int readRegister(int offset) {
        return switch (offset) {
            case ID -> {
                runPending();
                yield ID_VALUE;
            }
            case ATTR_NS -> SPACE_NON_SECURE << ATTRS_SPACE_SHIFT;
            case SMMU_BASE_LO -> (int) smmuBase;
            case SMMU_BASE_HI -> (int) (smmuBase >>> 32);
            case DMA_IOVA_LO -> (int) iova;
            case DMA_IOVA_HI -> (int) (iova >>> 32);
            case DMA_LEN -> len;
            case DMA_DIR -> dir;
            case DMA_RESULT -> result;
            case DMA_MODE -> mode;
            case DMA_ATTRS -> attrs;
            case TRANS_MODE -> transMode;
            case S1_SPACE -> s1Space;
            case S2_SPACE -> s2Space;
            case TRANS_STATUS -> transStatus;
            default -> 0;
        };
    }

    private void writeRegister(int offset, int value) {
        long v = value & 0xffff_ffffL;
        switch (offset) {
            case SMMU_BASE_LO -> smmuBase = smmuBase & ~0xffff_ffffL | v;
            case SMMU_BASE_HI -> smmuBase = smmuBase & 0xffff_ffffL | v << 32;
            case DMA_IOVA_LO -> iova = iova & ~0xffff_ffffL | v;
            case DMA_IOVA_HI -> iova = iova & 0xffff_ffffL | v << 32;
            case DMA_LEN -> len = value;
            case DMA_DIR -> dir = value != 0 ? DIR_HOST_TO_DEVICE : DIR_DEVICE_TO_HOST;
            case DMA_RESULT -> result = value;
            case DMA_DOORBELL -> {
                pending = (value & DOORBELL_RUN) != 0;
                result = pending ? RESULT_BUSY : RESULT_IDLE;
            }
            case DMA_MODE -> mode = value & 1;
            case DMA_ATTRS -> attrs = value;
            case TRANS_MODE -> transMode = value & 3;
            case S1_SPACE -> s1Space = value & 3;
            case S2_SPACE -> s2Space = value & 3;
            case TRANS_DBELL -> {
                if ((value & TRANS_DBELL_CLEAR_STATUS) != 0) {
                    transStatus = 0;
                }
                if ((value & TRANS_DBELL_BUILD) != 0) {
                    build();
                }
            }
            case TRANS_CLEAR -> clear();
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // DMA

    private void runPending() {
        if (!pending) {
            return;
        }
        pending = false;
        if (len == 0 || Integer.compareUnsigned(len, MAX_LEN) > 0) {
            result = ERR_BAD_LEN;
            return;
        }
        boolean toDevice = dir == DIR_HOST_TO_DEVICE;
        int status;
        if (mode == 0) {
            status = toDevice ? dmaReadStatus(iova, buffer, 0, len) : dmaWriteStatus(iova, fill, 0, len);
        } else if ((attrs & ATTRS_UNSPECIFIED) != 0) {
            status = systemAccess(toDevice);
        } else {
            status = toDevice ? iommuReadStatus(iova, buffer, 0, len) : iommuWriteStatus(iova, fill, 0, len);
        }
        result = status == DmaStatus.OK ? RESULT_OK : ERR_TX_FAIL;
    }

    /** The attributes path with "unspecified": system memory, no IOMMU. */
    private int systemAccess(boolean toDevice) {
        AddressSpace memory = bus().dmaSpace();
        int status = memory.isAssigned(iova, len) ? DmaStatus.OK : DmaStatus.DECODE_ERROR;
        if (toDevice) {
            memory.read(iova, buffer, 0, len);
        } else {
            memory.write(iova, fill, 0, len);
        }
        return status;
    }

    // ---------------------------------------------------------------------------------------------------------
    // translation builder

    private void build() {
        int space = transMode == MODE_S1 ? s1Space : s2Space;
        if (space != SPACE_NON_SECURE || transMode != MODE_S2 && s1Space != SPACE_NON_SECURE) {
            transStatus = ERR_SPACE;
            return;
        }
        int status = SmmuTestdevTables.build(system, transMode);
        if (status != Integer.MIN_VALUE) {
            transStatus = status;
        }
    }

    private void clear() {
        SmmuTestdevTables.clear(system);
        if (smmuBase != 0) {
            queueCommand(CMD_CFGI_STE);
            queueCommand(CMD_CFGI_CD);
            queueCommand(CMD_TLBI_NSNH_ALL);
        }
    }

    /** Writes one command (opcode in word 0, StreamID in word 1) at CMDQ_PROD's slot and advances PROD with wrap. */
    private void queueCommand(int opcode) {
        AddressSpace memory = bus().dmaSpace();
        long base = memory.load(smmuBase + CMDQ_BASE, 4, false)
                | memory.load(smmuBase + CMDQ_BASE + 4, 4, false) << 32;
        int log2size = (int) base & 0x1f;
        long queue = base & 0xf_ffff_ffff_ffc0L;
        long prod = memory.load(smmuBase + CMDQ_PROD, 4, false);
        long slot = prod & ((1L << log2size) - 1);
        java.util.Arrays.fill(command, (byte) 0);
        putLe32(command, 0, opcode);
        putLe32(command, 4, streamId);
        memory.write(queue + slot * CMD_BYTES, command, 0, CMD_BYTES);
        memory.store(smmuBase + CMDQ_PROD, 4, (prod + 1) & ((1L << (log2size + 1)) - 1), false);
    }

    private static void putLe32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private boolean store(long address, int size, long value) {
        AddressSpace memory = bus().dmaSpace();
        boolean ok = memory.isAssigned(address, size);
        memory.store(address, size, value, false);
        return ok;
    }
}
