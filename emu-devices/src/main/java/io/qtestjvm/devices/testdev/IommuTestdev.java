package io.qtestjvm.devices.testdev;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;
import io.qtestjvm.pci.DmaStatus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;

import static io.qtestjvm.devices.testdev.IommuTestdevRegisters.*;

/**
 * QOM type {@code iommu-testdev}: QEMU's DMA engine for IOMMU tests without a guest (docs/specs/iommu-testdev.rst).
 * A conventional PCI function 1b36:0005 revision 0, class 0xff00, no interrupt pin; BAR0 is a 4 KiB 32-bit memory
 * BAR of 32-bit little-endian registers ({@link IommuTestdevRegisters}) where only 4-byte accesses are valid.
 *
 * <p>Protocol: the test programs the IOVA, the length, the attributes and the physical address to check, writes 1
 * to DOORBELL (armed, RESULT = BUSY), then reads TRIGGERING. The read runs the request to completion before it
 * returns 0 and disarms the engine whatever the outcome; unarmed, it only sets RESULT = 0xdead0005. The run: length
 * 0 is 0xdead0001; attributes whose valid space (Secure or Non-secure) disagrees with the secure bit are
 * 0xdead0006; then LEN bytes of the pattern (0x12345678 little-endian, repeated) are written at the IOVA through
 * the bus's IOMMU (any failure 0xdead0002), LEN bytes are read at the physical address from system memory (an
 * address nothing decodes: 0xdead0003) and compared (0xdead0004); RESULT = 0 when all match. Registers sample at
 * trigger time: arming latches nothing. RESULT is writable. Reset: addresses and length 0, RESULT IDLE, unarmed,
 * ATTRS = Non-secure space (0x2).
 *
 * <p>Facts of QEMU's model kept here: the DMA uses the IOMMU address space directly, so Command's Bus Master bit
 * does not gate it; the readback bypasses the IOMMU. Our IOMMU hook carries no security attributes, so a Secure
 * request is translated as any other (there is no Secure stream world here). The length is the full 32 bits; the
 * engine streams the transfer through a 4 KiB scratch page instead of buffering it.
 */
public final class IommuTestdev extends PciDevice {
    public static final String TYPE = "iommu-testdev";
    private static final int PAGE = 4096;

    private final MemoryRegion bar0;
    /** One page of the pattern; every piece of a transfer starts at a multiple of 4 into it. */
    private final byte[] pattern = new byte[PAGE];
    private final byte[] readback = new byte[PAGE];
    private long iova;
    private long gpa;
    private int len;
    private int result;
    private int attrs;
    private boolean armed;

    public IommuTestdev() {
        super(TYPE, VENDOR_ID, DEVICE_ID, 0, CLASS_OTHER);
        for (int i = 0; i < PAGE; i++) {
            pattern[i] = (byte) (PATTERN >>> ((i & 3) * 8));
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

    public MemoryRegion bar0() {
        return bar0;
    }

    @Override
    protected void deviceReset() {
        iova = 0;
        gpa = 0;
        len = 0;
        result = RESULT_IDLE;
        attrs = ATTRS_RESET;
        armed = false;
    }

    private int readRegister(int offset) {
        return switch (offset) {
            case TRIGGERING -> {
                trigger();
                yield 0;
            }
            case IOVA_LO -> (int) iova;
            case IOVA_HI -> (int) (iova >>> 32);
            case GPA_LO -> (int) gpa;
            case GPA_HI -> (int) (gpa >>> 32);
            case LEN -> len;
            case RESULT -> result;
            case ATTRS -> attrs;
            default -> 0;
        };
    }

    private void writeRegister(int offset, int value) {
        long v = value & 0xffff_ffffL;
        switch (offset) {
            case IOVA_LO -> iova = iova & ~0xffff_ffffL | v;
            case IOVA_HI -> iova = iova & 0xffff_ffffL | v << 32;
            case GPA_LO -> gpa = gpa & ~0xffff_ffffL | v;
            case GPA_HI -> gpa = gpa & 0xffff_ffffL | v << 32;
            case LEN -> len = value;
            case RESULT -> result = value;
            case DOORBELL -> {
                armed = (value & DOORBELL_ARM) != 0;
                result = armed ? RESULT_BUSY : RESULT_IDLE;
            }
            case ATTRS -> attrs = value;
            default -> {
            }
        }
    }

    private void trigger() {
        if (!armed) {
            result = ERR_NOT_ARMED;
            return;
        }
        armed = false;
        result = run();
    }

    private int run() {
        if (len == 0) {
            return ERR_BAD_LEN;
        }
        if (attributesDisagree(attrs)) {
            return ERR_BAD_ATTRS;
        }
        long total = len & 0xffff_ffffL;
        if (!writePattern(total)) {
            return ERR_TX_FAIL;
        }
        return checkReadback(total);
    }

    /** A valid space that is Secure or Non-secure must agree with the secure bit; other spaces are not checked. */
    static boolean attributesDisagree(int attrs) {
        if ((attrs & ATTRS_SPACE_VALID) == 0) {
            return false;
        }
        int space = attrs >>> ATTRS_SPACE_SHIFT & ATTRS_SPACE_MASK;
        boolean secure = (attrs & ATTRS_SECURE) != 0;
        if (space == SPACE_SECURE || space == SPACE_NON_SECURE) {
            return secure != (space == SPACE_SECURE);
        }
        return false;
    }

    /** Writes the pattern; a refused translation ends the write, an undecoded address fails it at the end. */
    private boolean writePattern(long total) {
        boolean ok = true;
        for (long done = 0; done < total; done += PAGE) {
            int n = (int) Math.min(PAGE, total - done);
            int status = iommuWriteStatus(iova + done, pattern, 0, n);
            if (status == DmaStatus.TRANSLATION_FAULT || status == DmaStatus.MASTER_ABORT) {
                return false;
            }
            ok &= status == DmaStatus.OK;
        }
        return ok;
    }

    /** Reads the whole range back from system memory first (a read failure wins), then reports any mismatch. */
    private int checkReadback(long total) {
        AddressSpace memory = bus().dmaSpace();
        boolean readable = true;
        boolean match = true;
        for (long done = 0; done < total; done += PAGE) {
            int n = (int) Math.min(PAGE, total - done);
            long at = gpa + done;
            readable &= memory.isAssigned(at, n);
            memory.read(at, readback, 0, n);
            match &= java.util.Arrays.equals(readback, 0, n, pattern, 0, n);
        }
        if (!readable) {
            return ERR_RD_FAIL;
        }
        return match ? RESULT_OK : ERR_MISMATCH;
    }
}
