package io.qtestjvm.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.server.InJvmServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded, bounded QMP fuzzing (issue 10): random and mutated messages against every registered command and hostile
 * {@code device_add} properties on pc, raspi2b, virt and pseries. Every well-framed message gets exactly one
 * {@code return} or {@code error} with a QEMU error class, the monitor answers {@code query-status} after each batch,
 * a RAM sentinel survives, and no internal error is counted.
 */
class QmpFuzzTest {

    private static final Set<String> ERROR_CLASSES =
            Set.of("GenericError", "CommandNotFound", "DeviceNotActive", "DeviceNotFound", "KVMMissingCap");

    /** Commands that end the session or touch host files/sockets; fuzzing them proves nothing about the models. */
    private static final Set<String> SKIPPED = Set.of("quit", "pmemsave", "memsave", "dump-guest-memory",
            "screendump", "getfd", "add-fd", "closefd", "remove-fd", "migrate", "migrate-incoming", "human-monitor-command",
            "x-exit-preconfig");

    private static final long SENTINEL = 0x5a17e11a_c0ffee42L;
    private static final int MESSAGES_PER_SEED = 2500;
    private static final int BATCH = 250;

    static List<Arguments> machines() {
        List<Arguments> out = new ArrayList<>();
        for (long seed : new long[] {1, 0xdecafL, 424242}) {
            out.add(Arguments.of("x86_64", "pc", 0x100000L, seed));
            out.add(Arguments.of("arm", "raspi2b", 0x100000L, seed));
            out.add(Arguments.of("aarch64", "virt", 0x40100000L, seed));
            out.add(Arguments.of("ppc64", "pseries", 0x100000L, seed));
        }
        return out;
    }

    @ParameterizedTest(name = "{1} seed {3}")
    @MethodSource("machines")
    void randomAndMutatedQmpMessagesAreAnsweredAndLeaveTheMachineIntact(String arch, String machine, long ram,
            long seed) {
        try (InJvmServer s = InJvmServer.startAs("7.2", arch, "-machine", machine)) {
            assertReturns(s.qmp("{\"execute\": \"qmp_capabilities\"}"));
            String sentinelAddr = "0x" + Long.toHexString(ram);
            assertEquals("OK", s.qtest("writeq " + sentinelAddr + " 0x" + Long.toHexString(SENTINEL)).trim());
            List<String> commands = names(s.qmp("{\"execute\": \"query-commands\"}"));
            commands.removeAll(SKIPPED);
            assertTrue(commands.size() > 20, "query-commands lists the registered commands: " + commands);
            List<String> types = names(s.qmp("{\"execute\": \"qom-list-types\"}"));
            assertTrue(types.size() > 5, () -> "qom-list-types lists the type registry: " + types);
            Fuzzer f = new Fuzzer(new Random(seed), commands, types);
            long start = System.nanoTime();
            for (int sent = 0; sent < MESSAGES_PER_SEED; sent += BATCH) {
                for (int i = 0; i < BATCH; i++) {
                    int kind = f.rnd.nextInt(10);
                    if (kind < 3) {
                        String m = f.malformed();
                        String out = s.qmp(m);
                        assertOnlyQmpReplies(out, m);
                        resync(s, m);
                    } else {
                        String m = kind < 6 ? f.wellFormedCommand() : f.deviceAdd();
                        String out = s.qmp(m);
                        assertEquals(1, replies(out, m), () -> "one reply to " + clip(m) + "\n got: " + clip(out));
                    }
                }
                assertAlive(s, "after batch ending at message " + (sent + BATCH));
                assertEquals(-1, s.exitStatus(), "no fuzzed message ends the machine");
            }
            assertEquals("OK 0x" + Long.toHexString(SENTINEL), s.qtest("readq " + sentinelAddr).trim(),
                    "RAM sentinel unchanged");
            assertEquals(0, s.internalErrors(), "internal errors");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 30_000, "bounded: " + ms + " ms");
        }
    }

    private static final Pattern NAME = Pattern.compile("\"name\": \"([^\"]+)\"");
    private static final Pattern CLASS = Pattern.compile("\"error\": \\{\"class\": \"([^\"]+)\"");

    private static List<String> names(String reply) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(reply);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static void assertReturns(String out) {
        assertTrue(out.startsWith("{\"return\""), out);
    }

    /** Counts return/error lines, checking every line is a reply or an event and every error has a QEMU class. */
    private static int replies(String out, String msg) {
        int n = 0;
        for (String line : out.split("\r\n")) {
            if (line.isEmpty() || line.startsWith("{\"timestamp\"")) {
                assertTrue(line.isEmpty() || line.contains("\"event\": "), () -> "event: " + line);
                continue;
            }
            if (line.contains("\"return\": ") && !line.contains("\"error\": {\"class\"")) {
                n++;
                continue;
            }
            Matcher m = CLASS.matcher(line);
            assertTrue(m.find(), () -> "reply is return, error or event: " + clip(line) + "\n to " + clip(msg));
            assertTrue(ERROR_CLASSES.contains(m.group(1)), () -> "QEMU error class: " + line);
            n++;
        }
        return n;
    }

    private static void assertOnlyQmpReplies(String out, String msg) {
        replies(out, msg);
    }

    /**
     * A control character is a lexical error in and outside strings (RFC 8259 section 7), so QEMU's streamer resets
     * on it; a newline ends an unterminated string the same way.
     */
    private static void resync(InJvmServer s, String msg) {
        assertOnlyQmpReplies(s.qmp("\u0001\n"), msg);
    }

    private static void assertAlive(InJvmServer s, String where) {
        String out = s.qmp("{\"execute\": \"query-status\", \"id\": \"probe\"}");
        assertTrue(out.contains("\"status\"") && out.contains("\"probe\""), () -> "query-status answers " + where
                + ": " + clip(out));
    }

    private static String clip(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " chars)" : s;
    }

    /** The message generator; all choices come from one seeded {@link Random}. */
    private static final class Fuzzer {
        final Random rnd;
        final List<String> commands;
        final List<String> types;
        private static final String[] PROPS = {"id", "addr", "bus", "driver", "romfile", "multifunction", "x", "size",
            "chardev", "drive", "netdev", "", "iothread", "rombar", "failover_pair_id", "\u00e9\u0000"};

        Fuzzer(Random rnd, List<String> commands, List<String> types) {
            this.rnd = rnd;
            this.commands = commands;
            this.types = types;
        }

        String wellFormedCommand() {
            StringBuilder b = new StringBuilder("{\"execute\": ");
            str(b, rnd.nextInt(20) == 0 ? randomString(12) : pick(commands));
            int shape = rnd.nextInt(6);
            if (shape == 0) {
                b.append(", \"arguments\": ");
                value(b, 3); // possibly not an object: a wrong type for "arguments" itself
            } else if (shape < 5) {
                b.append(", \"arguments\": {");
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    str(b, rnd.nextBoolean() ? pick(PROPS) : randomString(6));
                    b.append(": ");
                    value(b, 3);
                }
                b.append('}');
            }
            if (rnd.nextInt(4) == 0) {
                b.append(", \"id\": ");
                value(b, 2);
            }
            if (rnd.nextInt(15) == 0) {
                b.append(", \"extra\": 1");
            }
            return b.append('}').toString();
        }

        String deviceAdd() {
            StringBuilder b = new StringBuilder("{\"execute\": \"device_add\", \"arguments\": {\"driver\": ");
            if (rnd.nextInt(10) == 0) {
                value(b, 1);
            } else {
                str(b, pick(types));
            }
            int n = rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                b.append(", ");
                String p = rnd.nextInt(3) == 0 ? randomString(8) : pick(PROPS);
                if (p.equals("driver")) {
                    p = "drv";
                }
                str(b, p);
                b.append(": ");
                switch (p) {
                    case "id" -> str(b, oddId());
                    case "addr" -> addr(b);
                    case "bus" -> str(b, rnd.nextBoolean() ? "pci.0" + randomString(2) : randomString(5));
                    default -> value(b, 2);
                }
            }
            return b.append("}}").toString();
        }

        private String oddId() {
            String[] ids = {"", "a b", "1x", "x/y", "..", "\u00fc\u4e2d", "-", "a\\u0000", "#", "x".repeat(300)};
            return rnd.nextBoolean() ? pick(ids) : randomString(10);
        }

        private void addr(StringBuilder b) {
            switch (rnd.nextInt(5)) {
                case 0 -> b.append(rnd.nextLong());
                case 1 -> str(b, Integer.toHexString(rnd.nextInt()) + "." + rnd.nextInt(40));
                case 2 -> str(b, "0x" + Long.toHexString(rnd.nextLong()));
                case 3 -> str(b, rnd.nextInt(32) + "." + (rnd.nextInt(12) - 2));
                default -> str(b, randomString(4));
            }
        }

        void value(StringBuilder b, int depth) {
            int k = rnd.nextInt(depth > 0 ? 13 : 10);
            switch (k) {
                case 0 -> b.append(rnd.nextInt());
                case 1 -> b.append(rnd.nextLong());
                case 2 -> b.append("18446744073709551616123456789");
                case 3 -> b.append(-rnd.nextInt(1000));
                case 4 -> b.append(rnd.nextDouble() * 1e300);
                case 5 -> b.append(rnd.nextBoolean());
                case 6 -> b.append("null");
                case 7 -> str(b, "");
                case 8 -> str(b, rnd.nextInt(8) == 0 ? "y".repeat(rnd.nextInt(20000)) : randomString(rnd.nextInt(20)));
                case 9 -> str(b, rnd.nextBoolean() ? pick(types) : pick(commands));
                case 10, 11 -> {
                    b.append('[');
                    int n = rnd.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        b.append(i > 0 ? ", " : "");
                        value(b, depth - 1);
                    }
                    b.append(']');
                }
                default -> {
                    b.append('{');
                    int n = rnd.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        b.append(i > 0 ? ", " : "");
                        str(b, randomString(3));
                        b.append(": ");
                        value(b, depth - 1);
                    }
                    b.append('}');
                }
            }
        }

        String malformed() {
            switch (rnd.nextInt(9)) {
                case 0: { // truncated
                    String m = wellFormedCommand();
                    return m.substring(0, rnd.nextInt(m.length()));
                }
                case 1: { // bad escapes
                    String[] esc = {"\\x41", "\\u12", "\\uZZZZ", "\\", "\\ud800", "\\udc00\\ud800", "\\q"};
                    return "{\"execute\": \"query-status" + pick(esc) + "\"}";
                }
                case 2: { // stray bytes and characters JSON does not have
                    String m = wellFormedCommand();
                    int at = rnd.nextInt(m.length() + 1);
                    String[] stray = {"\u0000", "\u007f", "'", "\u00ff", "@", "}", "]", ",", ":", "\uFFFD", "tru",
                        "nul", "1e", "-", "0x10", "\t\u001f"};
                    return m.substring(0, at) + pick(stray) + m.substring(at);
                }
                case 3: { // nesting beyond 1024
                    int d = 1000 + rnd.nextInt(3000);
                    String open = rnd.nextBoolean() ? "[" : "{\"a\":";
                    String close = open.equals("[") ? "]" : "}";
                    return "{\"execute\": \"query-status\", \"arguments\": {\"x\": " + open.repeat(d) + "1"
                            + close.repeat(rnd.nextInt(d + 1)) + "}}";
                }
                case 4: // huge string
                    return "{\"execute\": \"" + "q".repeat(60_000 + rnd.nextInt(80_000)) + "\"}";
                case 5: { // byte-level mutation of a good message
                    char[] c = wellFormedCommand().toCharArray();
                    for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
                        c[rnd.nextInt(c.length)] = (char) rnd.nextInt(256);
                    }
                    return new String(c);
                }
                case 6: // not an object at the top level
                    return pick(new String[] {"[]", "1", "\"x\"", "null", "[{\"execute\": \"query-status\"}]", "{}",
                        "{\"execute\": 1}", "{\"arguments\": {}}", "{\"execute\": \"query-status\", \"execute\": 2}"});
                case 7: // a lone surrogate, encoded as '?' or as UTF-8 of U+FFFD
                    return "{\"execute\": \"query-" + (char) (0xd800 + rnd.nextInt(0x800)) + "\"}";
                default: { // junk
                    StringBuilder b = new StringBuilder();
                    for (int i = rnd.nextInt(200); i > 0; i--) {
                        b.append((char) (rnd.nextInt(10) == 0 ? rnd.nextInt(0x3000) : rnd.nextInt(128)));
                    }
                    return b.toString();
                }
            }
        }

        private String randomString(int max) {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(max + 1); i > 0; i--) {
                b.append((char) (rnd.nextInt(6) == 0 ? 0x80 + rnd.nextInt(0x800) : 0x20 + rnd.nextInt(0x5f)));
            }
            return b.toString();
        }

        private void str(StringBuilder b, String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }

        private <T> T pick(List<T> l) {
            return l.get(rnd.nextInt(l.size()));
        }

        private <T> T pick(T[] a) {
            return a[rnd.nextInt(a.length)];
        }
    }
}
