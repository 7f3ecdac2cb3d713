package io.qtestjvm.qos.cli;

import io.qtestjvm.qos.libqtest.ProcessTransport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code qos-test startup}: how long each binary takes from spawn to the reply to {@code endianness} after the QMP
 * handshake, as libqtest starts it ({@link ProcessTransport}); the binaries take turns, so that changes in machine
 * load hit all alike. Prints the minimum, median and 90th percentile of each.
 */
final class StartupCommand implements Callable<Integer> {
    static final String DESCRIPTION = "Time spawn-to-first-reply of binaries started as libqtest starts them.";
    private final int starts;
    private final String machine;
    private final List<String> binaries;

    static Options options() {
        return new Options("qos-test startup", DESCRIPTION)
                .value("starts", "N", "starts of each binary (default 20)", "-n", "--starts")
                .value("machine", "MACHINE", "the machine (default pc)", "-M", "--machine")
                .positionals("BIN[@ACCEL]", "binaries, each with its accelerator after '@' (default qtest), e.g. "
                        + "'qemu-system-x86_64@tcg -S'");
    }

    StartupCommand(Options.Parsed o) {
        starts = o.integer("starts", "--starts", 20);
        machine = o.value("machine", "pc");
        binaries = o.positionals();
    }

    @Override
    public Integer call() {
        if (starts < 1) {
            throw new QosTestCli.UsageError("-n " + starts + ": at least one start");
        }
        List<List<Double>> times = new ArrayList<>();
        for (String b : binaries) {
            times.add(new ArrayList<>());
            if (!b.substring(0, b.contains("@") ? b.indexOf('@') : b.length()).contains("-system-")) {
                throw new QosTestCli.UsageError("the binary must be named *-system-<arch>: " + b);
            }
        }
        for (int i = 0; i < starts; i++) {
            for (int j = 0; j < binaries.size(); j++) {
                String b = binaries.get(j);
                int at = b.indexOf('@');
                String bin = at < 0 ? b : b.substring(0, at);
                String accel = at < 0 ? "qtest" : b.substring(at + 1);
                long t0 = System.nanoTime();
                ProcessTransport t = ProcessTransport.start(bin, "-machine " + machine, accel, "startup", 50_000,
                        Map.of());
                times.get(j).add((System.nanoTime() - t0) / 1e6);
                t.terminate();
            }
        }
        for (int j = 0; j < binaries.size(); j++) {
            List<Double> ts = times.get(j);
            Collections.sort(ts);
            System.out.printf(Locale.ROOT, "%-50s min %7.1f ms  median %7.1f ms  p90 %7.1f ms%n", binaries.get(j),
                    ts.getFirst(), ts.get(ts.size() / 2), ts.get(Math.min(ts.size() - 1, (int) (ts.size() * 0.9))));
        }
        return 0;
    }
}
