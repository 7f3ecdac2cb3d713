package io.qtestjvm.server.board;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.cli.NumaSpec;
import io.qtestjvm.server.cli.ObjectSpec;
import io.qtestjvm.server.cli.SmpSpec;
import io.qtestjvm.server.cli.StartupException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The NUMA nodes of {@code -numa node} options on pc: each node's memory (from its {@code memdev=} backend; pc
 * 7.2 refuses the legacy {@code mem=}), and the node of each possible CPU: as its {@code cpus=} range says, or, when
 * no node names CPUs, socket number modulo the node count. Checks and texts are Debian's QEMU 7.2's
 * ({@code CommandLineErrorTest}); a CPU left out of explicit ranges stays on node 0 with QEMU's two warnings.
 * Without {@code -numa} there are no nodes, unless memory hot-plug slots exist ({@link #single}).
 */
public final class NumaConfig {
    private final long[] nodeMemory;
    private final int[] cpuNode;

    private NumaConfig(long[] nodeMemory, int[] cpuNode) {
        this.nodeMemory = nodeMemory;
        this.cpuNode = cpuNode;
    }

    /** No nodes. */
    static NumaConfig none(int maxCpus) {
        return new NumaConfig(new long[0], new int[maxCpus]);
    }

    /**
     * The node QEMU 7.2 makes by itself on pc when memory hot-plug is enabled ({@code -m ...,slots=N}) and no
     * {@code -numa} option is given: node 0 with all RAM and every CPU.
     */
    static NumaConfig single(long ramSize, int maxCpus) {
        return new NumaConfig(new long[] {ramSize}, new int[maxCpus]);
    }

    public int nodes() {
        return nodeMemory.length;
    }

    public long nodeMemory(int node) {
        return nodeMemory[node];
    }

    /** The node of CPU index {@code cpu}. */
    public int nodeOf(int cpu) {
        return cpuNode[cpu];
    }

    static NumaConfig resolve(List<NumaSpec> specs, List<ObjectSpec> objects, SmpSpec.Topology topo, long ramSize,
                              List<String> warnings) throws StartupException {
        if (specs.isEmpty()) {
            return none(topo.maxCpus());
        }
        int n = specs.size();
        int[] ids = new int[n];
        Set<Integer> seen = new HashSet<>();
        boolean explicitCpus = false;
        for (int i = 0; i < n; i++) {
            NumaSpec s = specs.get(i);
            ids[i] = s.nodeId() < 0 ? i : s.nodeId();
            if (!seen.add(ids[i])) {
                throw StartupException.at("numa", s.arg(), "Duplicate NUMA nodeid: " + ids[i]);
            }
            if (s.mem() != null) {
                throw StartupException.at("numa", s.arg(), "Parameter -numa node,mem is not supported by this "
                        + "machine type");
            }
            if (s.memdev() != null && backend(objects, s.memdev()) == null) {
                throw StartupException.at("numa", s.arg(), "memdev=" + s.memdev() + " is ambiguous");
            }
            if (s.cpuFirst() >= 0) {
                explicitCpus = true;
                for (int c = s.cpuFirst(); c <= s.cpuLast(); c++) {
                    if (c >= topo.maxCpus()) {
                        throw StartupException.at("numa", s.arg(), "CPU index (" + c + ") should be smaller than "
                                + "maxcpus (" + topo.maxCpus() + ")");
                    }
                }
            }
        }
        for (int id = 0; id < n; id++) {
            if (!seen.contains(id)) {
                throw new StartupException("numa: Node ID missing: " + id);
            }
        }
        long[] memory = new long[n];
        Set<String> used = new HashSet<>();
        long total = 0;
        for (int i = 0; i < n; i++) {
            String memdev = specs.get(i).memdev();
            if (memdev != null) {
                if (!used.add(memdev)) {
                    throw new StartupException("memory backend " + memdev + " can't be used multiple times.");
                }
                memory[ids[i]] = backendSize(backend(objects, memdev));
                total += memory[ids[i]];
            }
        }
        if (total != ramSize) {
            throw new StartupException("total memory for NUMA nodes (0x" + Long.toHexString(total)
                    + ") should equal RAM size (0x" + Long.toHexString(ramSize) + ")");
        }
        int[] cpuNode = new int[topo.maxCpus()];
        if (explicitCpus) {
            boolean[] named = new boolean[topo.maxCpus()];
            for (int i = 0; i < n; i++) {
                NumaSpec s = specs.get(i);
                for (int c = Math.max(s.cpuFirst(), 0); s.cpuFirst() >= 0 && c <= s.cpuLast(); c++) {
                    cpuNode[c] = ids[i];
                    named[c] = true;
                }
            }
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < named.length; c++) {
                if (!named[c]) {
                    int[] p = X86Topology.position(topo, c);
                    missing.add("CPU " + c + " [socket-id: " + p[0] + ", core-id: " + p[2] + ", thread-id: " + p[3]
                            + "]");
                }
            }
            if (!missing.isEmpty()) {
                warnings.add("warning: CPU(s) not present in any NUMA nodes: " + String.join(", ", missing));
                warnings.add("warning: All CPU(s) up to maxcpus should be described in NUMA config, ability to start "
                        + "up with partial NUMA mappings is obsoleted and will be removed in future");
            }
        } else {
            for (int c = 0; c < cpuNode.length; c++) {
                cpuNode[c] = X86Topology.position(topo, c)[0] % n;
            }
        }
        return new NumaConfig(memory, cpuNode);
    }

    private static ObjectSpec backend(List<ObjectSpec> objects, String id) {
        for (ObjectSpec o : objects) {
            if (o.id().equals(id) && o.qomType().startsWith("memory-backend-")) {
                return o;
            }
        }
        return null;
    }

    private static long backendSize(ObjectSpec o) throws StartupException {
        String size = o.props().get("size");
        try {
            return size == null ? 0 : QemuOpts.parseSize(size, 'B');
        } catch (IllegalArgumentException e) {
            throw new StartupException("memory backend " + o.id() + ": " + e.getMessage());
        }
    }
}
