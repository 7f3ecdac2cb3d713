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
 * [roundTrips] [pc|pseries]}; the stand-in is {@code bin/qemu-jvm-system-x86_64} (or {@code -ppc64} for pseries,
 * whose second command is an RTAS configuration read) under the working directory.
 */
public final class ProcessComparison {
    private ProcessComparison() {
    }

    private record Backend(String name, String binary, String accel) {
    }

    public static void main(String[] args) throws IOException {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        // the third argument names the machine: pc (x86_64, the default) or pseries (ppc64)
        boolean pseries = args.length > 2 && args[2].equals("pseries");
        String arch = pseries ? "ppc64" : "x86_64";
        String stand = Path.of("bin/qemu-jvm-system-" + arch).toAbsolutePath().toString();
        List<Backend> backends = List.of(new Backend("jvm-process", stand, "qtest"),
                new Backend("qemu", "qemu-system-" + arch, "tcg -S"));
        String machine = pseries ? "-machine pseries" : "-machine pc";
        // pseries: the second command is an RTAS configuration read of 00.0's IDs (cells at 0x10000/0x10100)
        String[] setup = pseries ? new String[] {"writel 0x10000 0x0", "writel 0x10004 0x8000000",
            "writel 0x10008 0x20000000", "writel 0x1000c 0x4"} : new String[] {"outl 0xcf8 0x80000000"};
        String[] commands = pseries ? new String[] {"readl 0x1000", "rtas ibm,read-pci-config 4 0x10000 2 0x10100"}
                : new String[] {"readl 0x1000", "inl 0xcfc"};
        System.out.printf("%-12s %10s %10s %10s%n", "backend", "median ms", "p90 ms", "VmHWM MB");
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
                ProcessTransport t = ProcessTransport.start(be.binary, machine, be.accel, be.name, 50_000, Map.of());
                times.get(b).add((System.nanoTime() - t0) / 1e6);
                rss.set(b, Math.max(rss.get(b), peakRssMb(t.pid())));
                t.terminate();
            }
        }
        for (int b = 0; b < backends.size(); b++) {
            List<Double> ts = times.get(b);
            Collections.sort(ts);
            System.out.printf("%-12s %10.1f %10.1f %10.1f%n", backends.get(b).name, ts.get(ts.size() / 2),
                    ts.get((int) Math.min(ts.size() - 1, Math.round(ts.size() * 0.9))), rss.get(b));
        }
        System.out.println();
        System.out.printf("%-12s %-14s %12s%n", "backend", "command", "round trips/s");
        for (String cmd : commands) {
            for (Backend be : backends) {
                try (ProcessTransport t = ProcessTransport.start(be.binary, machine, be.accel, be.name, 50_000,
                        Map.of())) {
                    for (String line : setup) {
                        t.qtest(line);
                    }
                    for (int i = 0; i < trips / 5; i++) {
                        t.qtest(cmd); // warm-up
                    }
                    long t0 = System.nanoTime();
                    for (int i = 0; i < trips; i++) {
                        t.qtest(cmd);
                    }
                    double perSec = trips / ((System.nanoTime() - t0) / 1e9);
                    System.out.printf("%-12s %-14s %12.0f%n", be.name, cmd, perSec);
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
