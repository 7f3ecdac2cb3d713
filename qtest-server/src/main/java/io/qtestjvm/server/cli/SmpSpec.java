package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.List;

/**
 * {@code -smp [cpus=]N[,sockets=S][,dies=D][,clusters=C][,cores=C][,threads=T][,maxcpus=M]} as QEMU 7.2
 * documents and computes it: omitted values are derived, cores preferred
 * over sockets (machines since 6.2), zero values are deprecated and treated as omitted, then the product of the
 * hierarchy must equal maxcpus, maxcpus must cover cpus, and the machine's CPU limit applies.
 */
public record SmpSpec(long cpus, long sockets, long dies, long clusters, long cores, long threads, long maxCpus,
                      boolean zeroGiven) {
    private static final List<String> KEYS = List.of("cpus", "sockets", "dies", "clusters", "cores", "threads",
            "maxcpus");
    /** The warning QEMU 7.2 prints for an explicit 0. */
    public static final String ZERO_WARNING = "Deprecated CPU topology (considered invalid): CPU topology "
            + "parameters must be greater than zero";

    /** Parses the option (the QAPI visitor's checks); -1 marks an omitted value. */
    public static SmpSpec parse(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "cpus");
        long[] v = new long[KEYS.size()];
        java.util.Arrays.fill(v, -1);
        for (String k : o.keys()) {
            int i = KEYS.indexOf(k);
            if (i < 0) {
                throw new StartupException("Parameter 'smp." + k + "' is unexpected");
            }
            try {
                v[i] = Long.parseLong(o.get(k));
            } catch (NumberFormatException e) {
                throw new StartupException("Parameter 'smp." + k + "' expects integer");
            }
        }
        boolean zero = false;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) {
                zero = true;
                v[i] = -1;
            }
        }
        return new SmpSpec(v[0], v[1], v[2], v[3], v[4], v[5], v[6], zero);
    }

    /** The default: one CPU. */
    public static SmpSpec single() {
        return new SmpSpec(-1, -1, -1, -1, -1, -1, -1, false);
    }

    /**
     * The topology the machine gets, or QEMU's error for it; {@code machineName} as QEMU names it in the message,
     * {@code diesSupported}/{@code clustersSupported} as the machine class declares.
     */
    public Topology resolve(String machineName, int maxCpusOfMachine, boolean diesSupported,
                            boolean clustersSupported) throws StartupException {
        if (dies > 1 && !diesSupported) {
            throw new StartupException("dies not supported by this machine's CPU topology");
        }
        if (clusters > 1 && !clustersSupported) {
            throw new StartupException("clusters not supported by this machine's CPU topology");
        }
        for (long x : new long[] {cpus, sockets, dies, clusters, cores, threads, maxCpus}) {
            if (x < -1) {
                throw new StartupException("Invalid SMP CPUs " + x + ". The max CPUs supported by machine '"
                        + machineName + "' is " + maxCpusOfMachine);
            }
        }
        long c = cpus < 0 ? 0 : cpus;
        long s = sockets < 0 ? 0 : sockets;
        long d = dies < 0 ? 1 : dies;
        long cl = clusters < 0 ? 1 : clusters;
        long co = cores < 0 ? 0 : cores;
        long t = threads < 0 ? 0 : threads;
        long m = maxCpus < 0 ? 0 : maxCpus;
        if (c == 0 && m == 0) {
            s = s > 0 ? s : 1;
            co = co > 0 ? co : 1;
            t = t > 0 ? t : 1;
        } else {
            m = m > 0 ? m : c;
            if (co == 0) {
                s = s > 0 ? s : 1;
                t = t > 0 ? t : 1;
                co = m / (s * d * cl * t);
            } else if (s == 0) {
                t = t > 0 ? t : 1;
                s = m / (d * cl * co * t);
            }
            if (t == 0) {
                t = m / (s * d * cl * co);
            }
        }
        m = m > 0 ? m : s * d * cl * co * t;
        c = c > 0 ? c : m;
        String hierarchy = "sockets (" + s + ")" + (diesSupported ? " * dies (" + d + ")" : "")
                + (clustersSupported ? " * clusters (" + cl + ")" : "") + " * cores (" + co + ") * threads ("
                + t + ")";
        if (s * d * cl * co * t != m) {
            throw new StartupException("Invalid CPU topology: product of the hierarchy must match maxcpus: "
                    + hierarchy + " != maxcpus (" + m + ")");
        }
        if (m < c) {
            throw new StartupException("Invalid CPU topology: maxcpus must be equal to or greater than smp: "
                    + hierarchy + " == maxcpus (" + m + ") < smp_cpus (" + c + ")");
        }
        if (m > maxCpusOfMachine) {
            throw new StartupException("Invalid SMP CPUs " + m + ". The max CPUs supported by machine '"
                    + machineName + "' is " + maxCpusOfMachine);
        }
        return new Topology((int) c, (int) s, (int) d, (int) cl, (int) co, (int) t, (int) m);
    }

    /** The computed topology (MachineState.smp). */
    public record Topology(int cpus, int sockets, int dies, int clusters, int cores, int threads, int maxCpus) {
    }
}
