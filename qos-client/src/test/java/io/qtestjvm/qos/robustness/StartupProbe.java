package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.ProcessTransport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up measurement for docs/performance.md (not a test): starts {@code [jvm-process]} and Debian's QEMU
 * ({@code -M pc -accel tcg -S}) N times each, alternately, with the same libqtest-style client, and reports the
 * median and p90 of the time from spawn to the reply to an {@code endianness} sent after the QMP handshake, and the
 * peak RSS ({@code VmHWM} of /proc/PID/status just before SIGTERM).
 *
 * <pre>java -cp TEST_CLASSPATH -Dqtestjvm.root=REPO io.qtestjvm.qos.robustness.StartupProbe [N]</pre>
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Backend[] backends = {Backend.JVM_PROCESS, Backend.QEMU};
        Map<Backend, List<Double>> ms = new EnumMap<>(Backend.class);
        Map<Backend, List<Long>> rssKb = new EnumMap<>(Backend.class);
        for (Backend b : backends) {
            ms.put(b, new ArrayList<>());
            rssKb.put(b, new ArrayList<>());
        }
        for (int i = 0; i < n + 1; i++) {
            for (Backend b : backends) {
                long t0 = System.nanoTime();
                ProcessTransport t = (ProcessTransport) b.start("x86_64", "-M pc", "7.2");
                String reply = t.qtest("endianness").getLast();
                long t1 = System.nanoTime();
                if (!reply.equals("OK little")) {
                    throw new IllegalStateException(b + ": endianness answered " + reply);
                }
                long hwm = vmHwmKb(t.pid());
                int status = t.terminate();
                if (status != 0) {
                    throw new IllegalStateException(b + ": exit status " + status);
                }
                if (i > 0) { // the first round warms the page cache and this JVM
                    ms.get(b).add((t1 - t0) / 1e6);
                    rssKb.get(b).add(hwm);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d starts each (after one warm-up round), spawn -> endianness reply after "
                + "the QMP handshake%n", n);
        for (Backend b : backends) {
            List<Double> t = ms.get(b);
            List<Long> r = rssKb.get(b);
            Collections.sort(t);
            Collections.sort(r);
            System.out.printf(Locale.ROOT, "%-12s median %6.1f ms  p90 %6.1f ms  min %6.1f ms  max %6.1f ms  "
                    + "peak RSS median %5.1f MB  max %5.1f MB%n", "[" + b + "]", pct(t, 50), pct(t, 90), t.getFirst(),
                    t.getLast(), r.get(r.size() / 2) / 1024.0, r.getLast() / 1024.0);
        }
    }

    /** Nearest-rank percentile. */
    private static double pct(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static long vmHwmKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmHWM for pid " + pid);
    }
}
