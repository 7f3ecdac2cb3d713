package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

/**
 * QEMU's endianness-test (tests/qtest/endianness-test.c), its x86 cases: the {@code pc-testdev} scratch register
 * written and read back at every width through the ISA I/O ports of {@code pc} (the program's x86_64 and i386
 * case) and of {@code isapc} (the older program's i386 case), directly at 0xe0 ({@code endianness/M}), written
 * through the byte-wise port 0xe8 and read at 0xe0 ({@code split}), and the other way ({@code combine}). x86 is
 * little-endian with port I/O, so no byte swap and no ISA window base are involved; the other arches' boards of the
 * program (mips, ppc's mac99/pseries with an i82378 super-I/O, sparc64, sh4) are not built here.
 */
public final class EndiannessTests {
    private EndiannessTests() {
    }

    public static void register(QtestFunctions reg) {
        if (!reg.arch().equals("x86_64") && !reg.arch().equals("i386")) {
            return;
        }
        for (String machine : new String[] {"pc", "isapc"}) {
            reg.add("endianness/" + machine, l -> {
                try (QTestState qts = l.init("-M " + machine + " -device pc-testdev")) {
                    whole(qts);
                }
            });
            reg.add("endianness/split/" + machine, l -> {
                try (QTestState qts = l.init("-M " + machine + " -device pc-testdev")) {
                    split(qts);
                }
            });
            reg.add("endianness/combine/" + machine, l -> {
                try (QTestState qts = l.init("-M " + machine + " -device pc-testdev")) {
                    combine(qts);
                }
            });
        }
    }

    private static void expect(QTestState qts, int port, int size, long value) {
        long got = switch (size) {
            case 1 -> qts.inb(port);
            case 2 -> qts.inw(port);
            default -> qts.inl(port) & 0xffff_ffffL;
        };
        Check.equal(value, got, "in" + (size == 1 ? "b" : size == 2 ? "w" : "l") + " 0x" + Integer.toHexString(port));
    }

    /** The register in all its widths at 0xe0: long, both words, the four bytes. */
    private static void all(QTestState qts, long v) {
        expect(qts, 0xe0, 4, v);
        expect(qts, 0xe2, 2, v >>> 16);
        expect(qts, 0xe0, 2, v & 0xffff);
        for (int i = 3; i >= 0; i--) {
            expect(qts, 0xe0 + i, 1, (v >>> (8 * i)) & 0xff);
        }
    }

    private static void whole(QTestState qts) {
        qts.outl(0xe0, 0x87654321);
        all(qts, 0x87654321L);
        qts.outw(0xe2, 0x8866);
        all(qts, 0x88664321L);
        qts.outw(0xe0, 0x4422);
        all(qts, 0x88664422L);
        qts.outb(0xe3, 0x87);
        all(qts, 0x87664422L);
        qts.outb(0xe2, 0x65);
        all(qts, 0x87654422L);
        qts.outb(0xe1, 0x43);
        all(qts, 0x87654322L);
        qts.outb(0xe0, 0x21);
        all(qts, 0x87654321L);
    }

    /** Written through the byte port 0xe8 at every width, read at 0xe0 (or the other way round). */
    private static void words(QTestState qts, int read, long v) {
        expect(qts, read, 4, v);
        expect(qts, read + 2, 2, v >>> 16);
        expect(qts, read, 2, v & 0xffff);
    }

    private static void pattern(QTestState qts, int write, int read) {
        qts.outl(write, 0x87654321);
        words(qts, read, 0x87654321L);
        qts.outw(write + 2, 0x8866);
        words(qts, read, 0x88664321L);
        qts.outw(write, 0x4422);
        words(qts, read, 0x88664422L);
        qts.outb(write + 3, 0x87);
        expect(qts, read, 4, 0x87664422L);
        expect(qts, read + 2, 2, 0x8766);
        qts.outb(write + 2, 0x65);
        words(qts, read, 0x87654422L);
        qts.outb(write + 1, 0x43);
        words(qts, read, 0x87654322L);
        qts.outb(write, 0x21);
        words(qts, read, 0x87654321L);
    }

    private static void split(QTestState qts) {
        pattern(qts, 0xe8, 0xe0);
    }

    private static void combine(QTestState qts) {
        pattern(qts, 0xe0, 0xe8);
    }
}
