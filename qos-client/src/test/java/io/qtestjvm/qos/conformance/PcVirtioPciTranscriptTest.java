package io.qtestjvm.qos.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code virtio-blk-pci} and {@code virtio-rng-pci} on pc: the "# 07.0 virtio-blk" probe of
 * qemu-7.2-transcripts/x86_64-pc.txt replayed, then the transport facts observed on Debian's QEMU 7.2 (IDs, BARs,
 * the capability chain, legacy and modern feature words, legacy registers, device configuration, MSI-X table)
 * asserted on every backend, [qemu] included.
 */
class PcVirtioPciTranscriptTest {
    private static final String NAME = "x86_64-pc.txt";
    private static final Transcript T = Transcript.load(NAME);
    private static final String ARGS = "-machine pc -device sdhci-pci,addr=0x6 "
            + "-drive if=none,id=d0,file=null-co://,format=raw -device virtio-blk-pci,drive=d0,addr=0x7";

    /** A sparse 64 MiB raw image, as the dump on Debian's QEMU used. */
    private static String args64M() {
        try {
            java.nio.file.Path p = java.nio.file.Files.createTempFile("virtio-blk", ".img");
            p.toFile().deleteOnExit();
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(64L << 20);
            }
            return "-machine pc -drive if=none,id=d0,file=" + p + ",format=raw "
                    + "-device virtio-blk-pci,drive=d0,addr=0x4";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Transcript.Exchange> section(String from) {
        String[] lines = raw().split("\n", -1);
        int start = -1;
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (start < 0 && lines[i].startsWith(from)) {
                start = i + 1;
            } else if (start >= 0 && lines[i].startsWith("# ")) {
                end = i + 1;
                break;
            }
        }
        assertTrue(start > 0, "no section " + from + " in " + NAME);
        List<Transcript.Exchange> out = new ArrayList<>();
        for (Transcript.Exchange e : T.main) {
            if (e.channel() == Transcript.Channel.QTEST && e.lineNo() > start && e.lineNo() < end) {
                out.add(e);
            }
        }
        return out;
    }

    private static String raw() {
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + NAME)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void virtioBlkProbeRepliesMatchQemu72(Backend backend) {
        List<Transcript.Exchange> exchanges = section("# 07.0 virtio-blk");
        assertEquals(2, exchanges.size(), "exchanges taken from " + NAME);
        try (QtestTransport t = backend.start("x86_64", ARGS, "7.2")) {
            List<String> mismatches = new ArrayList<>();
            for (Transcript.Exchange e : exchanges) {
                List<String> got = t.qtest(e.request());
                if (!got.equals(e.expected())) {
                    mismatches.add(e + ": expected " + e.expected() + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches, "replies that differ from QEMU 7.2");
            InternalErrorCheck.assertNone(t);
        }
    }

    private static long cfg(QtestTransport t, int slot, int off, int size) {
        t.qtest(String.format("outl 0xcf8 0x%x", 0x80000000 | (slot << 11) | (off & ~3)));
        String op = size == 1 ? "inb" : size == 2 ? "inw" : "inl";
        return value(t.qtest(String.format("%s 0x%x", op, 0xcfc + (off & 3))));
    }

    private static void wcfg(QtestTransport t, int slot, int off, long v, int size) {
        t.qtest(String.format("outl 0xcf8 0x%x", 0x80000000 | (slot << 11) | (off & ~3)));
        String op = size == 1 ? "outb" : size == 2 ? "outw" : "outl";
        t.qtest(String.format("%s 0x%x 0x%x", op, 0xcfc + (off & 3), v));
    }

    private static long value(List<String> reply) {
        String s = reply.get(reply.size() - 1);
        assertTrue(s.startsWith("OK "), s);
        return Long.parseUnsignedLong(s.substring(5), 16);
    }

    private static String bytes(QtestTransport t, String op, long base, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", value(t.qtest(op + " 0x"
                    + Long.toHexString(base + i)))));
        }
        return sb.toString();
    }

    /** Config space dword by dword, the BAR size masks and the capability chain, as Debian's QEMU 7.2 shows them. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void virtioBlkPciConfigSpaceAndBarsMatchQemu72(Backend backend) {
        try (QtestTransport t = backend.start("x86_64", args64M(), "7.2")) {
            StringBuilder sb = new StringBuilder();
            for (int off = 0; off < 0xa4; off += 4) {
                sb.append(off == 0 ? "" : " ").append(String.format("%08x", cfg(t, 4, off, 4)));
            }
            assertEquals("10011af4 00100000 01000000 00000000 00000001 00000000 00000000 00000000 0000000c "
                    + "00000000 00000000 00021af4 00000000 00000098 00000000 00000100 01100009 00000004 "
                    + "00000000 00001000 03104009 00000004 00001000 00001000 04105009 00000004 00002000 "
                    + "00001000 02146009 00000004 00003000 00001000 00000004 05147009 00000000 00000000 "
                    + "00000000 00000000 00018411 00000001 00000801", sb.toString());
            long[] masks = {0xffffff81L, 0xfffff000L, 0, 0, 0xffffc00cL, 0xffffffffL};
            for (int b = 0; b < 6; b++) {
                int off = 0x10 + 4 * b;
                long orig = cfg(t, 4, off, 4);
                wcfg(t, 4, off, 0xffffffffL, 4);
                assertEquals(masks[b], cfg(t, 4, off, 4), "BAR" + b + " size mask");
                wcfg(t, 4, off, orig, 4);
            }
            // legacy BAR0 at 0xc000, MSI-X BAR1 at 0xfebf0000, modern BAR4 at 0xe0000000
            wcfg(t, 4, 0x10, 0xc001, 4);
            wcfg(t, 4, 0x14, 0xfebf0000L, 4);
            wcfg(t, 4, 0x20, 0xe0000000L, 4);
            wcfg(t, 4, 0x04, 7, 2);
            assertEquals("54 ff ff ff 00 ff ff ff 00 ff ff ff 00 ff 00 ff ff ff 00 00 00 00 02 00 00 00 00 00 "
                    + "00 00 00 00 fe 00 00 00 82 00 10 3f 00 02 00 00 00 00 00 00 00 00 00 00 01 00 01 00 ff "
                    + "ff 3f 00 01 00 00 00 01 00 00 00 ff ff 3f 00 01 00 00 00 01 ff ff ff",
                    bytes(t, "inb", 0xc000, 0x50), "legacy registers (byte reads) and device config at 0x14");
            assertEquals(0x79006e54L, value(t.qtest("inl 0xc000")), "legacy host features");
            t.qtest("writel 0xe0000000 0x0");
            assertEquals(0x30006e54L, value(t.qtest("readl 0xe0000004")), "modern device_feature[0]");
            t.qtest("writel 0xe0000000 0x1");
            assertEquals(0x101L, value(t.qtest("readl 0xe0000004")), "modern device_feature[1]");
            assertEquals("01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 ff 00 01 00 00 00 00 00 00 00 ff 00",
                    bytes(t, "readb", 0xe0000000L, 0x1c), "common configuration, byte reads");
            assertEquals(0x20000L, value(t.qtest("readl 0xe0002000")), "capacity through the device cap");
            assertEquals(0, value(t.qtest("readb 0xe0001000")), "ISR");
            wcfg(t, 4, 0x9a, 0x8001, 2);
            assertEquals("54 ff ff ff 00 ff ff ff 00 ff ff ff 00 ff 00 ff ff ff 00 00 ff ff ff ff 00 00 02 00",
                    bytes(t, "inb", 0xc000, 0x1c), "with MSI-X on: vectors at 0x14/0x16, config at 0x18");
            assertEquals(1, value(t.qtest("readl 0xfebf000c")), "MSI-X entry 0 masked after reset");
            assertEquals(1, value(t.qtest("readl 0xfebf001c")), "MSI-X entry 1 masked after reset");
            assertEquals(0, value(t.qtest("readl 0xfebf0800")), "PBA clear");
            InternalErrorCheck.assertNone(t);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void virtioRngAndNonTransitionalBlkIdsMatchQemu72(Backend backend) {
        try (QtestTransport t = backend.start("x86_64", "-machine pc -device virtio-rng-pci,addr=0x4 "
                + "-drive if=none,id=d0,file=null-co://,format=raw "
                + "-device virtio-blk-pci,drive=d0,addr=0x5,disable-legacy=on", "7.2")) {
            assertEquals(0x10051af4L, cfg(t, 4, 0, 4));
            assertEquals(0x00ff0000L, cfg(t, 4, 8, 4), "rng class 0x00ff rev 0");
            assertEquals(0x00041af4L, cfg(t, 4, 0x2c, 4));
            wcfg(t, 4, 0x10, 0xffffffffL, 4);
            assertEquals(0xffffffe1L, cfg(t, 4, 0x10, 4), "rng legacy BAR0 is 32 bytes");
            assertEquals(0x00018411L, cfg(t, 4, 0x98, 4), "two MSI-X vectors");
            wcfg(t, 4, 0x10, 0xc001, 4);
            wcfg(t, 4, 0x04, 1, 2);
            assertEquals(0x79000000L, value(t.qtest("inl 0xc000")), "rng legacy host features");
            assertEquals(8, value(t.qtest("inw 0xc00c")), "rng queue size");
            assertEquals(0x10421af4L, cfg(t, 5, 0, 4));
            assertEquals(0x01000001L, cfg(t, 5, 8, 4), "non-transitional: revision 1");
            assertEquals(0x11001af4L, cfg(t, 5, 0x2c, 4), "non-transitional subsystem 1af4:1100");
            wcfg(t, 5, 0x10, 0xffffffffL, 4);
            assertEquals(0, cfg(t, 5, 0x10, 4), "no legacy BAR0");
            InternalErrorCheck.assertNone(t);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void virtioNetPciIdsFeaturesAndConfigMatchQemu72(Backend backend) {
        try (QtestTransport t = backend.start("x86_64", "-machine pc -device virtio-net-pci,addr=0x4", "7.2")) {
            assertEquals(0x10001af4L, cfg(t, 4, 0, 4));
            assertEquals(0x02000000L, cfg(t, 4, 8, 4), "network class, revision 0");
            assertEquals(0x00011af4L, cfg(t, 4, 0x2c, 4));
            assertEquals(0x00038411L, cfg(t, 4, 0x98, 4), "four MSI-X vectors");
            wcfg(t, 4, 0x10, 0xffffffffL, 4);
            assertEquals(0xffffffe1L, cfg(t, 4, 0x10, 4), "legacy BAR0 is 32 bytes");
            wcfg(t, 4, 0x10, 0xc001, 4);
            wcfg(t, 4, 0x20, 0xe0000000L, 4);
            wcfg(t, 4, 0x04, 7, 2);
            assertEquals(0x79bf8064L, value(t.qtest("inl 0xc000")), "legacy host features");
            assertEquals("52 54 00 12 34 57 01 00 ff ff", bytes(t, "inb", 0xc014, 10),
                    "mac (:57 after the default e1000 took :56), status, end");
            t.qtest("writel 0xe0000000 0x0");
            assertEquals(0x30bf8024L, value(t.qtest("readl 0xe0000004")), "modern device_feature[0]");
            assertEquals(3, value(t.qtest("readw 0xe0000012")), "num_queues");
            t.qtest("writew 0xe0000016 0x2");
            assertEquals(64, value(t.qtest("readw 0xe0000018")), "control queue size");
            InternalErrorCheck.assertNone(t);
        }
    }
}
