package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.List;

/**
 * {@code -smp [cpus=]N[,sockets=S][,dies=D][,clusters=C][,cores=C][,threads=T][,maxcpus=M]} as QEMU's manual
 * describes it and QEMU 7.2 applies it: omitted values are derived (see {@link #resolve}), zero values are
 * deprecated and treated as omitted, then the product of the hierarchy must equal maxcpus, maxcpus must cover
 * cpus, and the machine's CPU limit applies.
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
     *
     * <p>The rule of QEMU's manual for {@code -smp}, as QEMU 7.2 applies it (pinned in
     * {@code CommandLineAcceptTest.smpDerivesOmittedValuesAsQemu72} and {@code CommandLineErrorTest}): with neither
     * cpus nor maxcpus given, omitted levels are 1 and both counts are the product of the levels. Otherwise maxcpus
     * defaults to cpus; of the omitted levels, the first in the order cores, sockets, threads is derived as maxcpus
     * divided by the product of the others, the rest are 1 (dies and clusters are always 1 when omitted); cpus
     * defaults to maxcpus.
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
                throw tooManyCpus(x, machineName, maxCpusOfMachine);
            }
        }
        // Levels from the outside in; OMITTED where the command line did not say.
        long[] level = {sockets, orOne(dies), orOne(clusters), cores, threads};
        long max;
        long online;
        if (cpus == OMITTED && maxCpus == OMITTED) {
            for (int i = 0; i < level.length; i++) {
                level[i] = orOne(level[i]);
            }
            max = product(level);
            online = max;
        } else {
            max = maxCpus != OMITTED ? maxCpus : cpus;
            int derived = derivedLevel(level);
            for (int i = 0; i < level.length; i++) {
                if (i != derived) {
                    level[i] = orOne(level[i]);
                }
            }
            if (derived >= 0) {
                level[derived] = 1;
                level[derived] = max / product(level);
            }
            online = cpus != OMITTED ? cpus : max;
        }
        long s = level[SOCKETS];
        long d = level[DIES];
        long cl = level[CLUSTERS];
        long co = level[CORES];
        long t = level[THREADS];
        String hierarchy = "sockets (" + s + ")" + (diesSupported ? " * dies (" + d + ")" : "")
                + (clustersSupported ? " * clusters (" + cl + ")" : "") + " * cores (" + co + ") * threads ("
                + t + ")";
        if (product(level) != max) {
            throw new StartupException("Invalid CPU topology: product of the hierarchy must match maxcpus: "
                    + hierarchy + " != maxcpus (" + max + ")");
        }
        if (max < online) {
            throw new StartupException("Invalid CPU topology: maxcpus must be equal to or greater than smp: "
                    + hierarchy + " == maxcpus (" + max + ") < smp_cpus (" + online + ")");
        }
        if (max > maxCpusOfMachine) {
            throw tooManyCpus(max, machineName, maxCpusOfMachine);
        }
        return new Topology((int) online, (int) s, (int) d, (int) cl, (int) co, (int) t, (int) max);
    }

    private static final long OMITTED = -1;
    private static final int SOCKETS = 0;
    private static final int DIES = 1;
    private static final int CLUSTERS = 2;
    private static final int CORES = 3;
    private static final int THREADS = 4;

    /** The omitted level that is computed: cores over sockets over threads (QEMU's manual, machines since 6.2). */
    private static int derivedLevel(long[] level) {
        if (level[CORES] == OMITTED) {
            return CORES;
        }
        if (level[SOCKETS] == OMITTED) {
            return SOCKETS;
        }
        return level[THREADS] == OMITTED ? THREADS : -1;
    }

    private static long orOne(long v) {
        return v == OMITTED ? 1 : v;
    }

    private static long product(long[] levels) {
        long p = 1;
        for (long v : levels) {
            p *= v;
        }
        return p;
    }

    private static StartupException tooManyCpus(long n, String machineName, int maxCpusOfMachine) {
        return new StartupException("Invalid SMP CPUs " + n + ". The max CPUs supported by machine '" + machineName
                + "' is " + maxCpusOfMachine);
    }

    /** The computed topology (MachineState.smp). */
    public record Topology(int cpus, int sockets, int dies, int clusters, int cores, int threads, int maxCpus) {
    }
}
