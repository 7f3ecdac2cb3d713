package io.qtestjvm.qos.robustness;

import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.qtest.QtestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What used to end the stand-in with an {@code OutOfMemoryError} (issue 10): guest RAM on the Java heap, unbounded
 * output queues and unbounded qtest lines. Each case runs in this JVM (where the heap growth is measured) and as a
 * process started by the launcher, whose heap is limited to 512 MiB ({@code -Xmx512m} in bin/qemu-jvm-launch):
 * there the process must answer, keep both sessions alive, and its RSS must follow the guest memory touched.
 */
class HostileLoadTest {
    private static final long MIB = 1 << 20;
    /** Every byte of raspi2b's 1 GiB below the peripherals laid over its top (0x3f000000). */
    private static final long RASPI_RAM_BELOW_PERIPHERALS = 0x3f00_0000L;
    private static final long STRIDE = 64 * 1024;

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ------------------------------------------------------------------------------------------------ in this JVM

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void memsetOfAllRaspi2bRamAnswersOkOffTheHeapInJvm() {
        long before = heapUsedAfterGc();
        try (InJvmServer s = InJvmServer.start("arm", "-machine", "raspi2b")) {
            assertEquals("OK\n", s.qtest("memset 0x0 0x20000000 0x1"), "the issue's 512 MiB memset");
            assertEquals("OK\n", s.qtest("memset 0x0 0x" + Long.toHexString(RASPI_RAM_BELOW_PERIPHERALS) + " 0x5a"));
            assertEquals("OK 0x000000005a5a5a5a\n", s.qtest("readl 0x3efffffc"));
            assertEquals("OK 0x000000000000005a\n", s.qtest("readb 0x0"));
            long grown = heapUsedAfterGc() - before;
            assertTrue(grown < 64 * MIB, "1008 MiB of guest RAM touched, the heap grew by " + grown / MIB + " MiB");
        }
    }

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stridedWritesOver600MibOfRaspi2bAnd2GibOfPcWorkInJvm() {
        long before = heapUsedAfterGc();
        try (InJvmServer s = InJvmServer.start("arm", "-machine", "raspi2b")) {
            stridedWrites(s, 0, 600 * MIB);
        }
        try (InJvmServer s = InJvmServer.start("x86_64", "-machine", "pc", "-m", "4G")) {
            stridedWrites(s, MIB, 2048 * MIB);
            long grown = heapUsedAfterGc() - before;
            assertTrue(grown < 64 * MIB, "strided writes over 2.6 GiB grew the heap by " + grown / MIB + " MiB");
        }
    }

    private static void stridedWrites(InJvmServer s, long from, long len) {
        for (long a = from; a < from + len; a += STRIDE) {
            assertEquals("OK\n", s.qtest("writeb 0x" + Long.toHexString(a) + " 0x" + Long.toHexString(value(a))));
        }
        for (long a = from; a < from + len; a += 97 * STRIDE) {
            assertEquals(String.format("OK 0x%016x\n", value(a)), s.qtest("readb 0x" + Long.toHexString(a)));
        }
    }

    private static int value(long addr) {
        return (int) ((addr >>> 16) * 31 + 7) & 0xff;
    }

    @Test
    void aHundredMibQtestLineFailsAndTheSessionGoesOnInJvm() {
        byte[] x = new byte[100 << 20];
        Arrays.fill(x, (byte) 'x');
        String line = new String(x, StandardCharsets.ISO_8859_1);
        x = null;
        try (InJvmServer s = InJvmServer.start("x86_64", "-machine", "pc")) {
            assertEquals("FAIL command line longer than " + QtestEngine.MAX_LINE + " bytes\n", s.qtest(line));
            assertEquals("OK little\n", s.qtest("endianness"));
        }
    }

    // ---------------------------------------------------------------------------------------------- as a process

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void memsetOfAllRaspi2bRamCostsItsSizeInRssAsAProcess() throws Exception {
        try (Launch l = Launch.start(Hostile.script("arm", "-machine raspi2b"))) {
            l.qtestSend("writeb 0x0 0x1"); // the first write maps the RAM
            assertEquals("OK", l.qtestLine());
            long pid = l.shell.pid();
            long baseline = Hostile.procStatus(pid, "VmRSS");
            l.qtestSend("memset 0x0 0x20000000 0x1");
            assertEquals("OK", l.qtestLine());
            l.qtestSend("memset 0x0 0x" + Long.toHexString(RASPI_RAM_BELOW_PERIPHERALS) + " 0x1");
            assertEquals("OK", l.qtestLine());
            l.qtestSend("readl 0x3efffffc");
            assertEquals("OK 0x0000000001010101", l.qtestLine());
            long peak = Hostile.procStatus(pid, "VmHWM");
            long expected = baseline + RASPI_RAM_BELOW_PERIPHERALS;
            String figures = "baseline " + baseline / MIB + " MiB, touched " + RASPI_RAM_BELOW_PERIPHERALS / MIB
                    + " MiB, peak " + peak / MIB + " MiB";
            assertTrue(Math.abs(peak - expected) <= expected / 20, "peak RSS within 5%: " + figures);
            Hostile.assertLive(l);
            assertEquals(0, l.terminate());
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pcWith4GibStartsWithTheRssOf128MibAsAProcess() throws Exception {
        long small = settledRss("-machine pc -m 128M");
        long large = settledRss("-machine pc -m 4G");
        assertTrue(Math.abs(large - small) < 8 * MIB,
                "-m 128M: " + small / 1024 + " KiB, -m 4G: " + large / 1024 + " KiB");
    }

    /** RSS after start-up, a first RAM write and a few commands. */
    private static long settledRss(String extra) throws Exception {
        try (Launch l = Launch.start(Hostile.script("x86_64", extra))) {
            for (String c : new String[] {"writel 0x1000 0x12345678", "readl 0x1000", "outl 0xcf8 0x80000000"}) {
                l.qtestSend(c);
                assertTrue(l.qtestLine().startsWith("OK"));
            }
            Hostile.assertLive(l);
            long rss = Hostile.procStatus(l.shell.pid(), "VmRSS");
            assertEquals(0, l.terminate());
            return rss;
        }
    }

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stridedWritesOver600MibOfRaspi2bAnd2GibOfPcWorkAsAProcess() throws Exception {
        try (Launch l = Launch.start(Hostile.script("arm", "-machine raspi2b"))) {
            pipelinedStridedWrites(l, 0, 600 * MIB);
            Hostile.assertLive(l);
            assertEquals(0, l.terminate());
        }
        try (Launch l = Launch.start(Hostile.script("x86_64", "-machine pc -m 4G"))) {
            pipelinedStridedWrites(l, MIB, 2048 * MIB);
            Hostile.assertLive(l);
            assertEquals(0, l.terminate());
        }
    }

    private static void pipelinedStridedWrites(Launch l, long from, long len) throws IOException {
        StringBuilder batch = new StringBuilder();
        int pending = 0;
        for (long a = from; a < from + len; a += STRIDE) {
            batch.append("writeb 0x").append(Long.toHexString(a)).append(" 0x")
                    .append(Integer.toHexString(value(a))).append('\n');
            if (++pending == 512 || a + STRIDE >= from + len) {
                l.qtestSendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < pending; i++) {
                    assertEquals("OK", l.qtestLine());
                }
                batch.setLength(0);
                pending = 0;
            }
        }
        for (long a = from; a < from + len; a += 97 * STRIDE) {
            l.qtestSend("readb 0x" + Long.toHexString(a));
            assertEquals(String.format("OK 0x%016x", value(a)), l.qtestLine());
        }
    }

    /**
     * Five pipelined 16 MiB reads (160 MiB of replies) left unread: the stand-in stops taking commands from that
     * client while 1 MiB of its replies waits, QMP stays served meanwhile, and every reply arrives once read.
     */
    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fivePipelinedHugeReadsLeftUnreadAreAllDeliveredAsAProcess() throws Exception {
        try (Launch l = Launch.start(Hostile.script("x86_64", "-machine pc"))) {
            int reads = 5;
            l.qtestSendRaw("read 0x0 16777216\n".repeat(reads).getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(1500);
            assertTrue(l.shell.isAlive(), () -> "the process died: " + l.stderr());
            Hostile.negotiate(l);
            l.qmpSend("{\"execute\":\"query-status\"}");
            assertTrue(l.qmpMessage().startsWith("{\"return\": {"), "QMP is served while qtest waits");
            for (int i = 0; i < reads; i++) {
                assertEquals(5 + 2 * (16 * MIB), l.qtestLongLine("OK 0x", (byte) '0'), "reply " + i);
            }
            l.qtestSend("endianness");
            assertEquals("OK little", l.qtestLine());
            assertTrue(l.stderr().isEmpty(), l.stderr());
            assertEquals(0, l.terminate());
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHundredMibQtestLineFailsAndTheSessionGoesOnAsAProcess() throws Exception {
        try (Launch l = Launch.start(Hostile.script("x86_64", "-machine pc"))) {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 100; i++) {
                l.qtestSendRaw(chunk);
            }
            l.qtestSendRaw("\nendianness\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("FAIL command line longer than " + QtestEngine.MAX_LINE + " bytes", l.qtestLine());
            assertEquals("OK little", l.qtestLine());
            Hostile.assertLive(l);
            assertTrue(l.stderr().isEmpty(), l.stderr());
            assertEquals(0, l.terminate());
        }
    }

    /**
     * The stdio transport: replies are written with blocking writes flushed every 1 MiB, so 160 MiB of unread
     * replies hold the machine thread (as QEMU's stdio chardev does) instead of filling the 512 MiB heap.
     */
    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fivePipelinedHugeReadsOverStdioAreAllDeliveredAsAProcess() throws Exception {
        String script = "exec " + io.qtestjvm.qos.backend.Backend.standIn("x86_64")
                + " -qtest stdio -qtest-log /dev/null -chardev socket,path={QMP},id=char0"
                + " -mon chardev=char0,mode=control -display none -machine pc -accel qtest";
        try (Launch l = Launch.start(script)) {
            int reads = 5;
            java.io.OutputStream in = l.shell.getOutputStream();
            in.write("read 0x0 16777216\n".repeat(reads).getBytes(StandardCharsets.US_ASCII));
            in.flush();
            Thread.sleep(1500);
            assertTrue(l.shell.isAlive(), () -> "the process died: " + l.stderr());
            java.io.InputStream out = new java.io.BufferedInputStream(l.shell.getInputStream(), 1 << 16);
            for (int i = 0; i < reads; i++) {
                long n = 0;
                int c;
                while ((c = out.read()) != '\n') {
                    assertTrue(c == (n < 5 ? "OK 0x".charAt((int) n) : '0'), "reply " + i + " byte " + n + ": " + c);
                    n++;
                }
                assertEquals(5 + 2 * (16 * MIB), n, "reply " + i);
            }
            in.write("endianness\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            StringBuilder line = new StringBuilder();
            for (int c; (c = out.read()) != '\n' && c >= 0; ) {
                line.append((char) c);
            }
            assertEquals("OK little", line.toString());
            Hostile.negotiate(l);
            l.qmpSend("{\"execute\":\"query-status\"}");
            assertTrue(l.qmpMessage().startsWith("{\"return\": {"));
            assertTrue(l.stderr().isEmpty(), l.stderr());
            assertEquals(0, l.terminate());
        }
    }

    /**
     * QMP output is bounded the same way: 2000 pipelined {@code qom-list-types} (tens of MiB of replies) left unread
     * stop that monitor's input while qtest stays served, and every reply arrives once read.
     */
    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pipelinedQmpCommandsLeftUnreadAreAllDeliveredAsAProcess() throws Exception {
        try (Launch l = Launch.start(Hostile.script("x86_64", "-machine pc"))) {
            Hostile.negotiate(l);
            int n = 2000;
            l.qmpSend("{\"execute\":\"qom-list-types\"}\n".repeat(n).strip());
            Thread.sleep(1500);
            l.qtestSend("endianness");
            assertEquals("OK little", l.qtestLine(), "qtest is served while QMP waits");
            for (int i = 0; i < n; i++) {
                String m = l.qmpMessage();
                assertTrue(m.startsWith("{\"return\": [{"), () -> "reply " + m.substring(0, Math.min(80, m.length())));
            }
            l.qmpSend("{\"execute\":\"query-status\"}");
            assertTrue(l.qmpMessage().startsWith("{\"return\": {"));
            assertEquals(0, l.terminate());
        }
    }
}
