package io.qtestjvm.bench;

import io.qtestjvm.qos.libqtest.ProcessTransport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Whole-process comparison of the stand-in with Debian's QEMU in one run, with the same client (qos-client's
 * libqtest launch): start-up (spawn to the reply to {@code endianness} after the QMP handshake, as libqtest
 * measures it), sequential qtest round trips per second over the unix socket, and peak RSS (VmHWM).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.qtestjvm.bench.ProcessComparison [starts]
 * [roundTrips] [arch machineOptions]...}, by default {@code 20 50000 x86_64 "-machine pc"}; for each pair the
 * stand-in is {@code bin/qemu-jvm-system-<arch>} under the working directory, QEMU {@code qemu-system-<arch>}, and
 * all of them take turns, start by start, so that load changes hit every machine alike. A round-trip count of 0
 * measures start-up and RSS only; the {@code inl 0xcfc} round trips are measured on x86 only.
 */
public final class ProcessComparison {
    private ProcessComparison() {
    }

    private record Backend(String name, String binary, String accel, String arch, String machine) {
    }

    public static void main(String[] args) throws IOException {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        List<Backend> backends = new ArrayList<>();
        for (int i = 2; i + 1 < args.length || i == 2; i += 2) {
            String arch = args.length > i ? args[i] : "x86_64";
            String machine = args.length > i + 1 ? args[i + 1] : "-machine pc";
            String stand = Path.of("bin/qemu-jvm-system-" + arch).toAbsolutePath().toString();
            backends.add(new Backend("jvm-process", stand, "qtest", arch, machine));
            backends.add(new Backend("qemu", "qemu-system-" + arch, "tcg -S", arch, machine));
        }
        System.out.printf("%-12s %-24s %10s %10s %10s%n", "backend", "machine", "median ms", "p90 ms",
                "VmHWM MB");
        List<List<Double>> times = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int b = 0; b < backends.size(); b++) {
            times.add(new ArrayList<>());
            rss.add(0.0);
        }
        for (int i = 0; i < starts; i++) {
            for (int b = 0; b < backends.size(); b++) { // alternate, so load changes hit both alike
                Backend be = backends.get(b);
                long t0 = System.nanoTime();
                ProcessTransport t = ProcessTransport.start(be.binary, be.machine, be.accel, be.name, 50_000,
                        Map.of());
                times.get(b).add((System.nanoTime() - t0) / 1e6);
                rss.set(b, Math.max(rss.get(b), peakRssMb(t.pid())));
                t.terminate();
            }
        }
        for (int b = 0; b < backends.size(); b++) {
            List<Double> ts = times.get(b);
            Collections.sort(ts);
            System.out.printf("%-12s %-24s %10.1f %10.1f %10.1f%n", backends.get(b).name,
                    backends.get(b).arch + " " + backends.get(b).machine, ts.get(ts.size() / 2),
                    ts.get((int) Math.min(ts.size() - 1, Math.round(ts.size() * 0.9))), rss.get(b));
        }
        if (trips == 0) {
            return;
        }
        System.out.println();
        System.out.printf("%-12s %-24s %-14s %12s%n", "backend", "machine", "command", "round trips/s");
        for (String cmd : new String[] {"readl 0x1000", "inl 0xcfc"}) {
            for (Backend be : backends) {
                boolean x86 = be.arch.equals("x86_64") || be.arch.equals("i386");
                if (!x86 && cmd.startsWith("inl")) {
                    continue;
                }
                try (ProcessTransport t = ProcessTransport.start(be.binary, be.machine, be.accel, be.name, 50_000,
                        Map.of())) {
                    if (x86) {
                        t.qtest("outl 0xcf8 0x80000000");
                    }
                    for (int i = 0; i < trips / 5; i++) {
                        t.qtest(cmd); // warm-up
                    }
                    long t0 = System.nanoTime();
                    for (int i = 0; i < trips; i++) {
                        t.qtest(cmd);
                    }
                    double perSec = trips / ((System.nanoTime() - t0) / 1e9);
                    System.out.printf("%-12s %-24s %-14s %12.0f%n", be.name, be.arch + " " + be.machine, cmd,
                            perSec);
                }
            }
        }
    }

    private static double peakRssMb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
