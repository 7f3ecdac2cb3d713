package io.qtestjvm.qos.robustness;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of qtest lines for the robustness fuzz test: valid commands of every kind the qtest protocol
 * has (system/qtest.c, reference 1.3) with plausible {@code pc} arguments, mutated at the word and the character
 * level, plus lines of random bytes. A line never contains {@code '\n'}; characters are bytes 0-255 (ISO-8859-1).
 * The same seed gives the same lines.
 */
final class LineFuzzer {
    /** Words a numeric argument is replaced with: huge, negative, overlong, empty, odd bases. */
    private static final String[] ODD_NUMBERS = {"-1", "0xffffffffffffffff", "18446744073709551615",
        "18446744073709551616", "0x10000000000000000", "-9223372036854775808", "9223372036854775807",
        "0x000000000000000000000000000000000000001", "0x" + "f".repeat(40), "", "0x", "0", "-0x10", "+5", "010",
        "09", "0x1g", " 0x10", "\t1", "1e3", "0X10", "0xFFFFFFFF", "4294967296", "-4294967296", "0x7fffffff",
        "0x80000000", "65535", "65536", "0x10000", "0x8000000", "0x1000001", "268435456", "0x10000000000"};
    private static final String[] COMMANDS = {"outb", "outw", "outl", "inb", "inw", "inl", "readb", "readw", "readl",
        "readq", "writeb", "writew", "writel", "writeq", "read", "write", "b64read", "b64write", "memset",
        "clock_step", "clock_set", "irq_intercept_in", "irq_intercept_out", "set_irq_in", "endianness",
        "module_load", "rtas"};
    private static final int[] PORTS = {0x20, 0x21, 0x40, 0x41, 0x42, 0x43, 0x60, 0x61, 0x64, 0x70, 0x71, 0x80,
        0x92, 0xa0, 0xa1, 0x170, 0x1f0, 0x1f7, 0x376, 0x3c0, 0x3d4, 0x3f6, 0x3f8, 0x4d0, 0x510, 0x511, 0x514,
        0x518, 0xb000, 0xc000, 0xc040, 0xcf8, 0xcf9, 0xcfa, 0xcfc, 0xcfd, 0xcfe, 0xcff, 0xffff};
    private static final long[] READ_ADDRS = {0x0, 0x1000, 0xa0000, 0xc0000, 0xf0000, 0xfffff, 0xe0000000L,
        0xfebf0000L, 0xfec00000L, 0xfec00010L, 0xfed00000L, 0xfee00000L, 0xfffffff0L, 0xffffffffL, 0x100000000L,
        0xfffffffffffffff8L, 0x7ffffff0L};
    private static final String[] QOM_PATHS = {"ioapic", "/machine/ioapic", "/machine/i440fx", "/machine/unattached",
        "/machine/unattached/device[0]", "/machine/unattached/device[3]", "/machine", "/", "", "pic", "rtc",
        "/machine/peripheral-anon/device[0]", "nonexistent", "//", "/machine/../machine"};
    private static final String[] GPIO_NAMES = {"unnamed-gpio-in", "unnamed-gpio-out", "a20", "", "x"};
    private static final char[] INSERTS = {' ', '\t', '\r', '\0', '\u00ff', '\u0080', '\u00e9', '\u000b', '\f'};

    private final SplittableRandom rnd;

    LineFuzzer(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** The next line: about a fifth random bytes, a fifth valid commands, the rest mutated commands. */
    String next() {
        int kind = rnd.nextInt(10);
        if (kind < 2) {
            return randomBytes();
        }
        String valid = validCommand();
        if (kind < 4) {
            return valid;
        }
        return mutate(valid);
    }

    String validCommand() {
        String cmd = COMMANDS[rnd.nextInt(COMMANDS.length)];
        return switch (cmd) {
            case "outb", "outw", "outl" -> cmd + " " + hex(port()) + " " + hex(rnd.nextLong() >>> rnd.nextInt(64));
            case "inb", "inw", "inl" -> cmd + " " + hex(port());
            case "readb", "readw", "readl", "readq" -> cmd + " " + hex(readAddr());
            case "writeb", "writew", "writel", "writeq" ->
                    cmd + " " + hex(writeAddr()) + " " + hex(rnd.nextLong() >>> rnd.nextInt(64));
            case "read", "b64read" -> cmd + " " + hex(readAddr()) + " " + hex(1 + rnd.nextInt(64));
            case "write" -> {
                int n = 1 + rnd.nextInt(32);
                StringBuilder sb = new StringBuilder("0x");
                int digits = rnd.nextInt(4) == 0 ? rnd.nextInt(2 * n + 4) : 2 * n;
                for (int i = 0; i < digits; i++) {
                    sb.append(Character.forDigit(rnd.nextInt(16), 16));
                }
                yield "write " + hex(writeAddr()) + " " + hex(n) + " " + sb;
            }
            case "b64write" -> {
                byte[] b = new byte[1 + rnd.nextInt(32)];
                rnd.nextBytes(b);
                int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(40) : b.length;
                yield "b64write " + hex(writeAddr()) + " " + hex(n) + " " + Base64.getEncoder().encodeToString(b);
            }
            case "memset" -> "memset " + hex(writeAddr()) + " " + hex(rnd.nextInt(0x1000)) + " "
                    + hex(rnd.nextInt(0x100));
            case "clock_step" -> rnd.nextBoolean() ? "clock_step" : "clock_step " + rnd.nextLong(2_000_000L);
            case "clock_set" -> "clock_set " + rnd.nextLong(100_000_000_000L);
            case "irq_intercept_in", "irq_intercept_out" -> cmd + " " + pick(QOM_PATHS)
                    + (rnd.nextInt(4) == 0 ? " " + pick(GPIO_NAMES) : "");
            case "set_irq_in" -> "set_irq_in " + pick(QOM_PATHS) + " " + pick(GPIO_NAMES) + " " + rnd.nextInt(30)
                    + " " + (rnd.nextInt(3) - 1);
            case "module_load" -> "module_load block- curl";
            case "rtas" -> "rtas get-time-of-day 0 0x1000 8 0x1100";
            default -> "endianness";
        };
    }

    /** One to three mutations of a valid line. */
    String mutate(String line) {
        String s = line;
        for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
            s = mutateOnce(s);
        }
        return s;
    }

    private String mutateOnce(String line) {
        List<String> w = new ArrayList<>(QtestWords.split(line));
        switch (rnd.nextInt(10)) {
            case 0 -> { // drop a word
                if (!w.isEmpty()) {
                    w.remove(rnd.nextInt(w.size()));
                }
            }
            case 1 -> { // duplicate a word
                if (!w.isEmpty()) {
                    int i = rnd.nextInt(w.size());
                    w.add(i, w.get(i));
                }
            }
            case 2 -> { // swap two words
                if (w.size() > 1) {
                    int i = rnd.nextInt(w.size());
                    int j = rnd.nextInt(w.size());
                    String t = w.get(i);
                    w.set(i, w.get(j));
                    w.set(j, t);
                }
            }
            case 3, 4 -> { // an argument becomes huge, negative, overlong or empty
                if (w.size() > 1) {
                    w.set(1 + rnd.nextInt(w.size() - 1), pick(ODD_NUMBERS));
                } else {
                    w.add(pick(ODD_NUMBERS));
                }
            }
            case 5 -> { // flip a character
                if (!line.isEmpty()) {
                    char[] c = line.toCharArray();
                    int i = rnd.nextInt(c.length);
                    c[i] = rnd.nextBoolean() ? (char) (c[i] ^ (1 << rnd.nextInt(8))) : randomByte();
                    return new String(c);
                }
            }
            case 6 -> { // insert a space, tab, CR, NUL or high byte
                int i = line.isEmpty() ? 0 : rnd.nextInt(line.length() + 1);
                return line.substring(0, i) + INSERTS[rnd.nextInt(INSERTS.length)] + line.substring(i);
            }
            case 7 -> { // truncate
                return line.isEmpty() ? line : line.substring(0, rnd.nextInt(line.length()));
            }
            case 8 -> { // a command name on someone else's arguments
                if (w.isEmpty()) {
                    w.add(pick(COMMANDS));
                } else {
                    w.set(0, pick(COMMANDS));
                }
            }
            default -> w.add(rnd.nextBoolean() ? pick(ODD_NUMBERS) : "extra"); // an extra word
        }
        return String.join(" ", w);
    }

    String randomBytes() {
        int n = rnd.nextInt(4) == 0 ? rnd.nextInt(400) : rnd.nextInt(40);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = randomByte();
        }
        return new String(c);
    }

    private char randomByte() {
        char c;
        do {
            c = (char) rnd.nextInt(256);
        } while (c == '\n');
        return c;
    }

    private int port() {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(0x10000) : PORTS[rnd.nextInt(PORTS.length)] + rnd.nextInt(4) % 2;
    }

    private long readAddr() {
        return rnd.nextBoolean() ? rnd.nextLong(FuzzGuard.PROTECTED_END + 0x1000) : READ_ADDRS[rnd.nextInt(
                READ_ADDRS.length)];
    }

    /** Writes stay below the protected window, where the sentinel lives. */
    private long writeAddr() {
        return rnd.nextInt(8) == 0 ? rnd.nextLong(0x100) : rnd.nextLong(FuzzGuard.PROTECTED_START - 0x1000);
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** A line made printable for messages: bytes outside 0x20-0x7e as \xNN. */
    static String printable(String line) {
        StringBuilder sb = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }
}
