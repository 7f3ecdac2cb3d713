package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Device;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The GICv3 Interrupt Translation Service ({@code arm-gicv3-its}) as a register file (Arm IHI 0069 12.19): the
 * control frame (64 KiB, {@code control}: GITS_CTLR, IIDR, TYPER, CBASER, CWRITER, CREADR, BASER0-7, the ID
 * registers) and the translation frame (64 KiB, {@code translation}: GITS_TRANSLATER at 0x40).
 *
 * <p>Reset values observed on Debian's QEMU 7.2 (pinned by {@code VirtBoardTest} and the {@code gicv3} recording):
 * GITS_CTLR 0x80000000 (Quiescent, which stays set when enabled: 0x80000001), GITS_IIDR 0x43b, GITS_TYPER
 * 0x0000001f0001efb1, GITS_BASER0 0x0107000000000200 (device table, 8-byte entries, 64 KiB pages), GITS_BASER1
 * 0x0407000000000200 (collection table), GITS_PIDR2 0x3b.
 *
 * <p>CBASER and BASERn ignore writes while the ITS is enabled. Not modelled: the command queue is not processed
 * (CREADR follows CWRITER when the ITS is enabled with a valid CBASER, as if every command completed), so no
 * device/event mapping exists and a GITS_TRANSLATER doorbell write raises nothing. LPIs are not delivered anyway
 * (see {@link Gicv3}).
 */
public final class Gicv3Its extends Device {
    public static final String TYPE = "arm-gicv3-its";
    public static final long FRAME_SIZE = 0x1_0000;
    static final long CTLR_QUIESCENT = 0x8000_0000L;
    static final long TYPER = 0x0000_001f_0001_efb1L;
    /** GICv4: Virtual (bit 1) and a wider field in bits 39:32, as QEMU 7.2 shows with {@code gic-version=4}. */
    static final long TYPER_V4 = 0x0000_003f_0001_efb3L;
    static final long[] BASER_RESET = {0x0107_0000_0000_0200L, 0x0407_0000_0000_0200L, 0, 0, 0, 0, 0, 0};
    /** BASER fields software may set: Valid, Cache, Physical address, Shareability, Size (Type and Entry fixed). */
    static final long BASER_WRITABLE = ~0x071f_0000_0000_0000L;

    private final long typer;
    private final MemoryRegion control;
    private final MemoryRegion translation;
    private boolean enabled;
    private long cbaser;
    private long cwriter;
    private long creadr;
    private final long[] baser = new long[8];

    /** @param revision the GIC's architecture revision, 3 or 4 */
    public Gicv3Its(int revision) {
        super(TYPE);
        this.typer = revision == 4 ? TYPER_V4 : TYPER;
        AccessRules rules = new AccessRules(1, 8, false, 1, 8, Endianness.LITTLE);
        this.control = MemoryRegion.io("control", FRAME_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                long reg = register((int) offset & ~7);
                long v = reg >>> (8 * (offset & 7));
                return size == 8 ? v : v & ((1L << (8 * size)) - 1);
            }

            @Override
            public void write(long offset, long value, int size) {
                store((int) offset, value, size);
            }
        }, rules);
        this.translation = MemoryRegion.io("translation", FRAME_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return 0;
            }

            @Override
            public void write(long offset, long value, int size) {
                // GITS_TRANSLATER: no mapping exists (the command queue is not processed), so nothing to raise
            }
        }, rules);
    }

    public MemoryRegion controlFrame() {
        return control;
    }

    public MemoryRegion translationFrame() {
        return translation;
    }

    @Override
    public void reset() {
        enabled = false;
        cbaser = 0;
        cwriter = 0;
        creadr = 0;
        System.arraycopy(BASER_RESET, 0, baser, 0, baser.length);
    }

    /** Commands are taken as completed at once, when there is a valid queue (CBASER.Valid) and the ITS is on. */
    private void drain() {
        if (enabled && cbaser < 0) {
            creadr = cwriter;
        }
    }

    private long register(int off) {
        if (off >= 0x100 && off < 0x140) {
            return baser[(off - 0x100) >> 3];
        }
        return switch (off) {
            case 0x00 -> (enabled ? 1 : 0) | CTLR_QUIESCENT | (long) 0x43b << 32; // GITS_CTLR, GITS_IIDR
            case 0x08 -> typer;
            case 0x80 -> cbaser;
            case 0x88 -> cwriter;
            case 0x90 -> creadr;
            case 0xffe8 -> 0x3b;
            default -> 0;
        };
    }

    private void store(int off, long value, int size) {
        int reg = off & ~7;
        int shift = 8 * (off & 7);
        long mask = (size == 8 ? -1L : (1L << (8 * size)) - 1) << shift;
        long v = (value << shift) & mask;
        if (reg >= 0x100 && reg < 0x140) {
            if (enabled) {
                return; // 12.19.1: BASERn are read-only while the ITS is enabled
            }
            int n = (reg - 0x100) >> 3;
            long w = mask & BASER_WRITABLE;
            baser[n] = (baser[n] & ~w) | (v & w);
            return;
        }
        switch (reg) {
            case 0x00 -> {
                if (off == 0) {
                    enabled = (value & 1) != 0;
                    drain();
                }
            }
            case 0x80 -> {
                if (!enabled) { // GITS_CBASER is read-only while enabled
                    cbaser = (cbaser & ~mask) | v;
                    creadr = 0;
                }
            }
            case 0x88 -> {
                cwriter = ((cwriter & ~mask) | v) & 0xf_ffe0L;
                drain();
            }
            default -> {
            }
        }
    }
}
