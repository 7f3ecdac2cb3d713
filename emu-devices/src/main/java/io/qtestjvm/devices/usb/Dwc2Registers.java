package io.qtestjvm.devices.usb;

/**
 * The register layout of the Synopsys DesignWare Hi-Speed USB 2.0 On-The-Go core (DWC_otg, "DWC2") as the BCM2835
 * carries it, named after the Synopsys databook: the core global registers (0x000-0x0ff), the host periodic
 * transmit FIFO size (0x100), the host mode registers (0x400-0x4ff) with eight host channels of eight words each
 * (0x500-0x5ff), and the power and clock gating control (0xe00). Each word has a reset value and a write rule:
 * the bits a write stores, the bits that always read as set, or write-1-to-clear.
 *
 * <p>The values are those Debian's QEMU 7.2 shows on raspi2b after reset, read by observation
 * ({@code Dwc2OtgTest} pins them): a host-mode core (GINTSTS.CurMod), snps id 4.294a, host port powered.
 */
final class Dwc2Registers {
    /** Words in the register window (0x1000 bytes). */
    static final int WORDS = 0x400;

    // core global registers
    static final int GOTGCTL = 0x000;
    static final int GOTGINT = 0x004;
    static final int GAHBCFG = 0x008;
    static final int GUSBCFG = 0x00c;
    static final int GRSTCTL = 0x010;
    static final int GINTSTS = 0x014;
    static final int GINTMSK = 0x018;
    static final int GRXFSIZ = 0x024;
    static final int GNPTXFSIZ = 0x028;
    static final int GNPTXSTS = 0x02c;
    static final int GI2CCTL = 0x030;
    static final int GSNPSID = 0x040;
    static final int GHWCFG2 = 0x048;
    static final int GHWCFG3 = 0x04c;
    static final int GPWRDN = 0x058;
    /** The last global word (GINTSTS2); the words from GOTGINT to here store what is written. */
    static final int GINTSTS2 = 0x06c;
    static final int HPTXFSIZ = 0x100;

    // host mode registers
    static final int HCFG = 0x400;
    static final int HFIR = 0x404;
    static final int HFNUM = 0x408;
    static final int HPTXSTS = 0x410;
    static final int HAINT = 0x414;
    static final int HAINTMSK = 0x418;
    static final int HPRT0 = 0x440;
    static final int HC_BASE = 0x500;
    static final int HC_STRIDE = 0x20;
    static final int HOST_CHANNELS = 8;
    // per host channel
    static final int HCCHAR = 0x00;
    static final int HCSPLT = 0x04;
    static final int HCINT = 0x08;
    static final int HCINTMSK = 0x0c;
    static final int HCTSIZ = 0x10;
    static final int HCDMA = 0x14;
    static final int HCDMAB = 0x18;

    static final int PCGCCTL = 0xe00;
    static final int PCGCCTL1 = 0xe04;

    // GINTSTS status bits that writes do not clear: current mode host, non-periodic and periodic TxFIFO empty
    static final int GINTSTS_CURMOD = 1;
    static final int GINTSTS_NPTXFEMP = 1 << 5;
    static final int GINTSTS_PTXFEMP = 1 << 26;
    static final int GINTSTS_CONIDSTSCHNG = 1 << 28;
    static final int GINTSTS_READ_ONLY = GINTSTS_CURMOD | GINTSTS_NPTXFEMP | GINTSTS_PTXFEMP;
    // GRSTCTL: AHB master idle always reads set; the reset request bits (0-5) and DMA request (30) never stay set
    static final int GRSTCTL_AHBIDLE = 1 << 31;
    static final int GRSTCTL_STORED = 0x3fff_ffc0;
    // GOTGCTL: session/connector status bits that read set whatever is written, and the bits writes keep
    static final int GOTGCTL_STATUS = 0x000d_0000;
    static final int GOTGCTL_STORED = 0xf830_fefe;
    // HPRT0: port connect detected (1), enable (2), enable changed (3), overcurrent changed (5) are not stored
    static final int HPRT0_STORED = 0xffff_ffd1;
    // HPRT0 status bits (connect status, overcurrent active, resume, suspend, line status, speed): a write of 1 sets
    // them, a write of 0 leaves them
    static final int HPRT0_STICKY = 0x0006_0cd1;
    static final int HPRT0_PRTPWR = 1 << 12;
    // HCCHAR: channel enable / disable (31, 30) do not stay set; HCINTMSK has 14 interrupt bits; HAINTMSK 16
    static final int HCCHAR_STORED = 0x3fff_ffff;
    static final int HCINTMSK_STORED = 0x3fff;
    static final int HAINTMSK_STORED = 0xffff;

    /** How a write changes a word. */
    enum Rule {
        /** Reads its reset value until reset; writes change nothing. */
        FIXED,
        /** Stores the written bits in {@code mask}, keeps the old bits in {@code keep}, ORs {@code set} over them. */
        STORE,
        /** Clears the written 1 bits that are in {@code mask}. */
        WRITE_ONE_TO_CLEAR
    }

    private final int[] reset = new int[WORDS];
    private final Rule[] rule = new Rule[WORDS];
    private final int[] mask = new int[WORDS];
    private final int[] set = new int[WORDS];
    private final int[] keep = new int[WORDS];

    Dwc2Registers() {
        java.util.Arrays.fill(rule, Rule.FIXED);
        for (int off = GOTGINT; off <= GINTSTS2; off += 4) {
            store(off, 0, -1);
        }
        define(GOTGCTL, GOTGCTL_STATUS, Rule.STORE, GOTGCTL_STORED, GOTGCTL_STATUS);
        resetValue(GUSBCFG, 0x0000_1400);
        define(GRSTCTL, GRSTCTL_AHBIDLE, Rule.STORE, GRSTCTL_STORED, GRSTCTL_AHBIDLE);
        define(GINTSTS, GINTSTS_READ_ONLY | GINTSTS_CONIDSTSCHNG, Rule.WRITE_ONE_TO_CLEAR, ~GINTSTS_READ_ONLY, 0);
        resetValue(GRXFSIZ, 0x0000_0400);
        resetValue(GNPTXFSIZ, 0x0400_0000);
        resetValue(GNPTXSTS, 0x0004_0400);
        resetValue(GI2CCTL, 0x1100_0000);
        resetValue(GSNPSID, 0x4f54_294a);
        resetValue(GHWCFG2, 0x250d_c016);
        resetValue(GHWCFG3, 0x1000_0044);
        resetValue(GPWRDN, 0x0000_0010);
        store(HPTXFSIZ, 0x01f4_0000, -1);

        store(HCFG, 0x0000_0200, -1);
        store(HFIR, 0x0000_ea60, -1);
        reset[HFNUM >> 2] = 0x2edf_3fff; // frame time remaining 0x2edf, frame number 0x3fff: the frame timer is idle
        store(0x40c, 0, -1);
        reset[HPTXSTS >> 2] = 0x0010_8000;
        store(HAINTMSK, 0, HAINTMSK_STORED);
        for (int off = 0x41c; off <= 0x43c; off += 4) {
            store(off, 0, -1);
        }
        store(HPRT0, HPRT0_PRTPWR, HPRT0_STORED);
        keep[HPRT0 >> 2] = HPRT0_STICKY;
        for (int ch = 0; ch < HOST_CHANNELS; ch++) {
            int base = HC_BASE + ch * HC_STRIDE;
            store(base + HCCHAR, 0, HCCHAR_STORED);
            store(base + HCSPLT, 0, -1);
            define(base + HCINT, 0, Rule.WRITE_ONE_TO_CLEAR, -1, 0);
            store(base + HCINTMSK, 0, HCINTMSK_STORED);
            store(base + HCTSIZ, 0, -1);
            store(base + HCDMA, 0, -1);
            store(base + HCDMAB, 0, -1);
        }
        store(PCGCCTL, 0, -1);
        store(PCGCCTL1, 0, -1);
    }

    private void define(int offset, int resetValue, Rule r, int m, int s) {
        int w = offset >> 2;
        reset[w] = resetValue;
        rule[w] = r;
        mask[w] = m;
        set[w] = s;
    }

    private void store(int offset, int resetValue, int m) {
        define(offset, resetValue, Rule.STORE, m, 0);
    }

    private void resetValue(int offset, int value) {
        reset[offset >> 2] = value;
    }

    int resetValue(int word) {
        return reset[word];
    }

    /** The value of word {@code word} after {@code value} is written over {@code old}. */
    int written(int word, int old, int value) {
        return switch (rule[word]) {
            case FIXED -> old;
            case STORE -> (old & keep[word]) | (value & mask[word]) | set[word];
            case WRITE_ONE_TO_CLEAR -> old & ~(value & mask[word]);
        };
    }
}
