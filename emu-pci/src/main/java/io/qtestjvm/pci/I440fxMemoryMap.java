package io.qtestjvm.pci;

import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.SparseRam;

/**
 * How the 82441FX PMC steers the legacy memory holes below 1 MiB (Intel 82441FX data sheet, 3.2.18 "PAM -
 * Programmable Attribute Map Registers" and 3.2.23 "SMRAM - System Management RAM Control Register").
 *
 * <p>PAM: seven registers at 0x59-0x5f hold a 4-bit attribute field per segment of 0xc0000-0xfffff (RE, bit 0:
 * reads go to DRAM; WE, bit 1: writes go to DRAM; otherwise the cycle goes to PCI). PAM0 bits 7:4 cover the
 * 64 KiB BIOS area 0xf0000-0xfffff (its bits 3:0 are reserved); PAM1-PAM6 each cover two 16 KiB segments from
 * 0xc0000 upwards, the low nibble the lower one. Each segment is shown by one of two windows laid over the RAM
 * below 4 GiB: a view of DRAM, or a view of the PCI memory space (whose expansion-ROM and BIOS ROM windows sit
 * there).
 *
 * <p>QEMU 7.2 departs from the data sheet (observed through qtest on Debian's binary, {@code I440fxTests
 * i440fx/pam_directions}): a segment whose RE and WE are both clear is PCI in both directions, and a segment with
 * either bit set is DRAM in both directions (RE alone still takes writes into DRAM, WE alone still reads DRAM).
 * The stand-in reproduces that: the field decides between the two windows as a whole.
 *
 * <p>SMRAM (0x72): D_OPEN (bit 6) makes the DRAM under the 0xa0000-0xbffff window visible to ordinary accesses;
 * with it clear the window shows the PCI memory space (the VGA frame buffer), where the PCI space has nothing
 * there DRAM shows through. QEMU 7.2 departs from the data sheet here too ({@code i440fx/smram_window}): D_CLS
 * (bit 5) and G_SMRAME (bit 3) do not change what ordinary accesses see, and D_LCK (bit 4) locks nothing: all
 * eight bits stay writable and D_OPEN can still be set after D_LCK. The compatible SMRAM that G_SMRAME enables
 * is seen only by System Management Mode accesses, which qtest never makes. A system reset keeps PAM and SMRAM as
 * they are in QEMU 7.2 ({@code i440fx/registers_after_reset}), where the data sheet returns them to their defaults.
 */
public final class I440fxMemoryMap {
    public static final int PAM0 = 0x59;
    public static final int PAM_REGISTERS = 7;
    public static final int SMRAM = 0x72;
    public static final int PAM_RE = 0x1;
    public static final int PAM_WE = 0x2;
    public static final int SMRAM_D_OPEN = 0x40;
    public static final int SMRAM_D_CLS = 0x20;
    public static final int SMRAM_D_LCK = 0x10;
    public static final int SMRAM_G_SMRAME = 0x08;
    /** C_BASE_SEG reads 010: the compatible SMRAM is the 0xa0000 window. */
    public static final int SMRAM_C_BASE_SEG = 0x02;

    /** 3.2.18: the BIOS area of PAM0[7:4]. */
    static final long BIOS_AREA = 0xf_0000L;
    static final long BIOS_AREA_SIZE = 0x1_0000L;
    /** 3.2.18: the first of the twelve 16 KiB segments of PAM1-PAM6. */
    static final long EXPANSION_AREA = 0xc_0000L;
    static final long EXPANSION_SEGMENT_SIZE = 0x4000L;
    static final int SEGMENTS = 1 + 2 * (PAM_REGISTERS - 1);
    /** 3.2.23: the compatible SMRAM / VGA window. */
    public static final long SMRAM_WINDOW = 0xa_0000L;
    public static final long SMRAM_WINDOW_SIZE = 0x2_0000L;
    /** The windows lie over the board's RAM (priority 0) and under nothing else. */
    static final int WINDOW_PRIORITY = 1;

    private final MemoryRegion[] dram = new MemoryRegion[SEGMENTS];
    private final MemoryRegion[] pci = new MemoryRegion[SEGMENTS];
    private final MemoryRegion smramWindow;

    /**
     * Lays the windows into {@code system}, over the board's RAM.
     *
     * @param system    the CPU's memory space
     * @param ram       the guest DRAM (offset 0 is physical address 0)
     * @param pciMemory the PCI memory space
     */
    public I440fxMemoryMap(MemoryRegion system, SparseRam ram, MemoryRegion pciMemory) {
        for (int s = 0; s < SEGMENTS; s++) {
            long start = segmentStart(s);
            long size = segmentSize(s);
            dram[s] = MemoryRegion.ramView("pam-ram", ram, start, size);
            pci[s] = MemoryRegion.alias("pam-pci", pciMemory, start, size);
            system.addSubregionOverlap(start, dram[s], WINDOW_PRIORITY);
            system.addSubregionOverlap(start, pci[s], WINDOW_PRIORITY);
        }
        smramWindow = MemoryRegion.alias("smram-region", pciMemory, SMRAM_WINDOW, SMRAM_WINDOW_SIZE);
        system.addSubregionOverlap(SMRAM_WINDOW, smramWindow, WINDOW_PRIORITY);
    }

    /** Segment 0 is the BIOS area; segments 1-12 the 16 KiB segments from 0xc0000. */
    static long segmentStart(int segment) {
        return segment == 0 ? BIOS_AREA : EXPANSION_AREA + (segment - 1) * EXPANSION_SEGMENT_SIZE;
    }

    static long segmentSize(int segment) {
        return segment == 0 ? BIOS_AREA_SIZE : EXPANSION_SEGMENT_SIZE;
    }

    /** The attribute field (RE, WE) of {@code segment} in the configuration space of {@code pmc}. */
    static int attributes(int segment, PciDevice pmc) {
        if (segment == 0) {
            return pmc.configByte(PAM0) >>> 4 & (PAM_RE | PAM_WE);
        }
        int register = pmc.configByte(PAM0 + 1 + (segment - 1) / 2);
        return ((segment - 1) & 1) == 0 ? register & (PAM_RE | PAM_WE) : register >>> 4 & (PAM_RE | PAM_WE);
    }

    /** Applies the PAM registers and the SMRAM control register of {@code pmc}. */
    public void update(PciDevice pmc) {
        int smram = pmc.configByte(SMRAM);
        for (int s = 0; s < SEGMENTS; s++) {
            boolean toDram = attributes(s, pmc) != 0;
            dram[s].setEnabled(toDram);
            pci[s].setEnabled(!toDram);
        }
        smramWindow.setEnabled((smram & SMRAM_D_OPEN) == 0);
    }
}
