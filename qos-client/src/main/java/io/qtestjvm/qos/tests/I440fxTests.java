package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The checks of QEMU's i440fx-test (tests/qtest/i440fx-test.c) as plain per-arch tests on the x86 {@code pc}:
 * the 82441FX's register defaults, the PAM segments switched between DRAM and PCI, the firmware image below 4 GiB
 * and in the ISA BIOS window ({@code -bios} and {@code -drive if=pflash}); then facts of QEMU 7.2 the program does
 * not check but the stand-in pins (PAM directions, the PCI hole under a PAM segment, the SMRAM window and lock).
 * Register numbers and section numbers are the Intel 82441FX data sheet's.
 */
public final class I440fxTests {
    private static final int PMC = 0;
    private static final int PAM0 = 0x59;
    private static final int SMRAM = 0x72;
    private static final int RE = 1;
    private static final int WE = 2;
    /** The firmware image the firmware tests load: 64 KiB whose byte i is {@code (byte) i}. */
    private static final int IMAGE_SIZE = 65536;
    /** How much of the firmware's top also shows below 1 MiB. */
    private static final int ISA_BIOS_WINDOW = 128 * 1024;
    /** 3.2.18: PAM0[7:4] maps the 64 KiB BIOS area at 0xf0000; PAM1-PAM6 two 16 KiB segments each from 0xc0000. */
    private static final long[][] PAM_SEGMENTS = pamSegments();

    private I440fxTests() {
    }

    /** Inclusive {start, end} of each segment, in attribute-field order: the BIOS area, then 0xc0000 upwards. */
    private static long[][] pamSegments() {
        long[][] out = new long[13][];
        out[0] = new long[] {0xf0000, 0xfffff};
        for (int i = 1; i < out.length; i++) {
            long start = 0xc0000 + (i - 1) * 0x4000L;
            out[i] = new long[] {start, start + 0x3fff};
        }
        return out;
    }

    public static void register(QtestFunctions reg) {
        if (!reg.arch().equals("x86_64") && !reg.arch().equals("i386")) {
            return;
        }
        reg.add("i440fx/defaults", l -> defaults(l, 1));
        reg.add("i440fx/defaults_smp2", l -> defaults(l, 2));
        reg.add("i440fx/pam", I440fxTests::pam);
        reg.add("i440fx/firmware/bios", l -> firmware(l, true));
        reg.add("i440fx/firmware/pflash", l -> firmware(l, false));
        reg.add("i440fx/pam_directions", I440fxTests::pamDirections);
        reg.add("i440fx/pam_pci_hole", I440fxTests::pamPciHole);
        reg.add("i440fx/smram_window", I440fxTests::smramWindow);
        reg.add("i440fx/smram_lock", I440fxTests::smramLock);
        reg.add("i440fx/registers_after_reset", I440fxTests::registersAfterReset);
    }

    /** 3.2: the registers the test program checks after start-up (those it marks broken in QEMU stay out). */
    private static void defaults(QtestFunctions.Launcher l, int cpus) {
        try (QTestState qts = l.init("-machine pc -smp " + cpus)) {
            PciBusPc bus = new PciBusPc(qts);
            Check.equal(0x8086, bus.configReadw(PMC, 0x00), "3.2.2 VID");
            Check.equal(0x1237, bus.configReadw(PMC, 0x02), "3.2.3 DID");
            Check.equal(0x00, bus.configReadb(PMC, 0x09), "3.2.7 programming interface");
            Check.equal(0x0600, bus.configReadw(PMC, 0x0a), "3.2.7 class code");
            Check.equal(0x00, bus.configReadb(PMC, 0x0d), "3.2.8 latency timer");
            Check.equal(0x00, bus.configReadb(PMC, 0x0e), "3.2.9 header type");
            Check.equal(0x00, bus.configReadb(PMC, 0x0f), "3.2.10 BIST");
            int pmccfg = bus.configReadw(PMC, 0x50);
            // the test program runs with one CPU and wants WPE clear; QEMU 7.2 leaves it clear with -smp 2 too
            Check.isTrue((pmccfg & 1 << 15) == 0, "3.2.11 PMCCFG WPE clear with " + cpus + " CPUs (0x"
                    + Integer.toHexString(pmccfg) + ")");
            Check.isTrue((pmccfg & 1 << 6) == 0, "3.2.11 PMCCFG EPTE clear");
            Check.equal(0x00, bus.configReadb(PMC, 0x52), "3.2.12 DETURBO");
            Check.equal(0x00, bus.configReadb(PMC, 0x54), "3.2.14 AXC");
            Check.equal(0x0000, bus.configReadw(PMC, 0x55), "3.2.15 DRT");
            for (int r = 0; r < 7; r++) {
                Check.equal(0x00, bus.configReadb(PMC, PAM0 + r), "3.2.18 PAM" + r);
            }
            Check.equal(0x00, bus.configReadb(PMC, 0x68), "3.2.20 FDHC");
            Check.equal(0x00, bus.configReadb(PMC, 0x70), "3.2.21 MTT");
            Check.equal(0x02, bus.configReadb(PMC, SMRAM), "3.2.23 SMRAM");
            Check.equal(0x00, bus.configReadb(PMC, 0x90), "3.2.24 ERRCMD");
            Check.equal(0x00, bus.configReadb(PMC, 0x91), "3.2.25 ERRSTS");
            Check.equal(0x00, bus.configReadb(PMC, 0x93), "3.2.26 TRC");
        }
    }

    /** Sets the attribute field of segment {@code index} (0: BIOS area, PAM0[7:4]) and keeps the other nibble. */
    private static void setAttributes(PciBusPc bus, int index, int flags) {
        int reg = PAM0 + (index + 1) / 2;
        int value = bus.configReadb(PMC, reg);
        value = (index & 1) == 0 ? (value & 0x0f) | flags << 4 : (value & 0xf0) | flags;
        bus.configWriteb(PMC, reg, value);
    }

    private static boolean holds(QTestState qts, long[] seg, int value) {
        byte[] data = qts.memread(seg[0], (int) (seg[1] - seg[0] + 1));
        for (byte b : data) {
            if ((b & 0xff) != value) {
                return false;
            }
        }
        return true;
    }

    private static void writePattern(QTestState qts, long[] seg, int value) {
        byte[] data = new byte[(int) (seg[1] - seg[0] + 1)];
        Arrays.fill(data, (byte) value);
        qts.memwrite(seg[0], data);
    }

    /** The PAM sequence of the test program, per segment: RE shows zeroed DRAM, RE|WE keeps writes, 0 leaves DRAM. */
    private static void pam(QtestFunctions.Launcher l) {
        try (QTestState qts = l.init("-machine pc -smp 1")) {
            PciBusPc bus = new PciBusPc(qts);
            for (int i = 0; i < PAM_SEGMENTS.length; i++) {
                long[] seg = PAM_SEGMENTS[i];
                String name = String.format("segment 0x%05x-0x%05x", seg[0], seg[1]);
                setAttributes(bus, i, RE);
                Check.isTrue(holds(qts, seg, 0), name + " with RE reads zeroed DRAM");
                setAttributes(bus, i, RE | WE);
                writePattern(qts, seg, 0x42);
                Check.isTrue(holds(qts, seg, 0x42), name + " with RE|WE reads what was written");
                writePattern(qts, seg, 0x82);
                Check.isTrue(holds(qts, seg, 0x82), name + " with RE|WE reads the second pattern");
                setAttributes(bus, i, 0);
                Check.isTrue(!holds(qts, seg, 0x82), name + " with neither bit no longer reads DRAM");
            }
        }
    }

    /** Writes the firmware image to a temporary file. */
    private static Path firmwareImage() {
        try {
            Path f = Files.createTempFile("firmware-", ".bin");
            byte[] b = new byte[IMAGE_SIZE];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) i;
            }
            Files.write(f, b);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The firmware ends at 4 GiB and its last 128 KiB (here all 64 KiB) also end at 1 MiB. */
    private static void firmware(QtestFunctions.Launcher l, boolean bios) {
        Path f = firmwareImage();
        try (QTestState qts = l.init("-machine pc -S " + (bios ? "-bios " : "-drive if=pflash,format=raw,file=")
                + f)) {
            byte[] top = qts.memread((1L << 32) - IMAGE_SIZE, IMAGE_SIZE);
            for (int i = 0; i < IMAGE_SIZE; i++) {
                Check.equal(i & 0xff, top[i] & 0xff, "firmware byte " + i + " below 4 GiB");
            }
            int isaSize = Math.min(ISA_BIOS_WINDOW, IMAGE_SIZE);
            byte[] isa = qts.memread(0x100000 - isaSize, isaSize);
            for (int i = 0; i < isaSize; i++) {
                Check.equal((IMAGE_SIZE - isaSize + i) & 0xff, isa[i] & 0xff, "ISA BIOS byte " + i);
            }
        } finally {
            delete(f);
        }
    }

    /**
     * QEMU 7.2 decodes a PAM field as DRAM-or-PCI, not per direction: RE alone also takes writes into DRAM, WE
     * alone also reads DRAM; with neither, reads show the firmware and writes are dropped.
     */
    private static void pamDirections(QtestFunctions.Launcher l) {
        Path f = firmwareImage();
        try (QTestState qts = l.init("-machine pc -bios " + f)) {
            PciBusPc bus = new PciBusPc(qts);
            long bios = 0xf0000;
            Check.equal(0x03020100, qts.readl(bios), "PAM 0: the BIOS area shows the firmware");
            qts.writel(bios, 0x11111111);
            Check.equal(0x03020100, qts.readl(bios), "PAM 0: a write to the BIOS area is dropped");
            setAttributes(bus, 0, RE);
            Check.equal(0, qts.readl(bios), "RE: zeroed DRAM");
            qts.writel(bios, 0x22222222);
            Check.equal(0x22222222, qts.readl(bios), "RE alone: the write reached DRAM (QEMU 7.2)");
            setAttributes(bus, 0, WE);
            Check.equal(0x22222222, qts.readl(bios), "WE alone: reads come from DRAM (QEMU 7.2)");
            qts.writel(bios, 0x33333333);
            setAttributes(bus, 0, RE | WE);
            Check.equal(0x33333333, qts.readl(bios), "WE alone: the write reached DRAM");
            setAttributes(bus, 0, 0);
            Check.equal(0x03020100, qts.readl(bios), "PAM 0 again: the firmware");
            setAttributes(bus, 2, RE); // 0xc4000: an expansion segment, under pc.rom
            qts.writel(0xc4000, 0x44444444);
            setAttributes(bus, 2, 0);
            Check.equal(0, qts.readl(0xc4000), "PAM 0 at 0xc4000: the empty expansion ROM window reads 0");
            qts.writel(0xc4000, 0x55555555);
            setAttributes(bus, 2, RE | WE);
            Check.equal(0x44444444, qts.readl(0xc4000), "PAM 0 at 0xc4000: the write was dropped, DRAM kept");
        } finally {
            delete(f);
        }
    }

    /**
     * With a 64 KiB firmware the ISA BIOS window covers only 0xf0000-0xfffff: under a PAM segment at 0xe0000 set to
     * PCI nothing in the PCI space answers, and the DRAM below shows through for reads and writes alike.
     */
    private static void pamPciHole(QtestFunctions.Launcher l) {
        Path f = firmwareImage();
        try (QTestState qts = l.init("-machine pc -bios " + f)) {
            PciBusPc bus = new PciBusPc(qts);
            setAttributes(bus, 9, RE | WE);
            qts.writel(0xe0000, 0x11223344);
            setAttributes(bus, 9, 0);
            Check.equal(0x11223344, qts.readl(0xe0000), "PCI hole at 0xe0000: DRAM shows through");
            qts.writel(0xe0000, 0x55667788);
            Check.equal(0x55667788, qts.readl(0xe0000), "PCI hole at 0xe0000: writes reach DRAM");
        } finally {
            delete(f);
        }
    }

    /**
     * 3.2.23 SMRAM: D_OPEN alone decides whether 0xa0000-0xbffff shows DRAM or the PCI space; D_CLS and G_SMRAME
     * change nothing for ordinary accesses (QEMU 7.2). A PCI device's BAR placed at 0xa0000 stands for the VGA frame
     * buffer: sdhci-pci's capabilities register (offset 0x40) is not zero.
     */
    private static void smramWindow(QtestFunctions.Launcher l) {
        try (QTestState qts = l.init("-machine pc -nodefaults -device sdhci-pci,addr=04.0")) {
            PciBusPc bus = new PciBusPc(qts);
            int sdhci = 4 << 3;
            bus.configWritel(sdhci, 0x10, 0xa0000);
            bus.configWritew(sdhci, 0x04, 0x0006);
            long caps = qts.readl(0xa0040) & 0xffffffffL;
            Check.isTrue(caps != 0, "D_OPEN clear: 0xa0000 shows the PCI space (the BAR)");
            bus.configWriteb(PMC, SMRAM, 0x4a);
            Check.equal(0, qts.readl(0xa0040), "D_OPEN: zeroed DRAM");
            qts.writel(0xa0040, 0x12345678);
            Check.equal(0x12345678, qts.readl(0xa0040), "D_OPEN: DRAM takes writes");
            bus.configWriteb(PMC, SMRAM, 0x0a);
            Check.equal(caps, qts.readl(0xa0040) & 0xffffffffL, "G_SMRAME without D_OPEN: the PCI space again");
            bus.configWriteb(PMC, SMRAM, 0x42);
            Check.equal(0x12345678, qts.readl(0xa0040), "D_OPEN without G_SMRAME: DRAM");
            bus.configWriteb(PMC, SMRAM, 0x6a);
            Check.equal(0x12345678, qts.readl(0xa0040), "D_OPEN with D_CLS: still DRAM for ordinary accesses");
            bus.configWriteb(PMC, SMRAM, 0x02);
            Check.equal(caps, qts.readl(0xa0040) & 0xffffffffL, "back to the reset value: the PCI space");
        }
    }

    /** QEMU 7.2 leaves every SMRAM bit writable: D_LCK locks nothing (the data sheet would lock D_OPEN). */
    private static void smramLock(QtestFunctions.Launcher l) {
        try (QTestState qts = l.init("-machine pc")) {
            PciBusPc bus = new PciBusPc(qts);
            bus.configWriteb(PMC, SMRAM, 0x1a);
            Check.equal(0x1a, bus.configReadb(PMC, SMRAM), "D_LCK|G_SMRAME|C_BASE_SEG written");
            bus.configWriteb(PMC, SMRAM, 0x4a);
            Check.equal(0x4a, bus.configReadb(PMC, SMRAM), "D_OPEN set after D_LCK, D_LCK cleared by software");
            bus.configWriteb(PMC, SMRAM, 0xff);
            Check.equal(0xff, bus.configReadb(PMC, SMRAM), "every bit writable");
            bus.configWriteb(PMC, SMRAM, 0x00);
            Check.equal(0x00, bus.configReadb(PMC, SMRAM), "C_BASE_SEG writable too");
        }
    }

    /**
     * QEMU 7.2's system_reset leaves the device-specific registers of the 82441FX alone (the data sheet resets PAM
     * to 0 and SMRAM to 0x02): PAM, SMRAM and the DRAM they show survive it.
     */
    private static void registersAfterReset(QtestFunctions.Launcher l) {
        try (QTestState qts = l.init("-machine pc")) {
            PciBusPc bus = new PciBusPc(qts);
            setAttributes(bus, 0, RE | WE);
            bus.configWriteb(PMC, SMRAM, 0x4a);
            qts.writel(0xf0000, 0x12345678);
            qts.qmp("{'execute': 'system_reset'}");
            qts.eventWait("RESET");
            Check.equal(0x30, bus.configReadb(PMC, PAM0), "PAM0 after system_reset");
            Check.equal(0x4a, bus.configReadb(PMC, SMRAM), "SMRAM after system_reset");
            Check.equal(0x12345678, qts.readl(0xf0000), "the BIOS area still shows DRAM after system_reset");
        }
    }
}
