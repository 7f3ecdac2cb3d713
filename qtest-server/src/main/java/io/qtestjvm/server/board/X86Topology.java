package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.SmpSpec;

/**
 * x86 APIC IDs of a {@code -smp} topology (Intel SDM Vol. 3A 8.9.1, "Hierarchical Mapping of Shared Resources"):
 * the ID packs thread, core, die and package numbers into bit fields each just wide enough for its count, so IDs
 * are not contiguous when a count is not a power of two. CPU index i runs threads fastest, then cores, dies and
 * sockets (QEMU's order of {@code -smp}); clusters do not exist on x86.
 */
final class X86Topology {
    private X86Topology() {
    }

    /** Bits for {@code count} values: 0 for one, else ceil(log2(count)). */
    static int width(int count) {
        return count <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(count - 1);
    }

    /** {socket, die, core, thread} of CPU index {@code cpu}. */
    static int[] position(SmpSpec.Topology t, int cpu) {
        int threads = Math.max(t.threads(), 1);
        int cores = Math.max(t.cores(), 1);
        int dies = Math.max(t.dies(), 1);
        return new int[] {cpu / (threads * cores * dies), cpu / (threads * cores) % dies, cpu / threads % cores,
            cpu % threads};
    }

    static int apicId(SmpSpec.Topology t, int cpu) {
        int[] p = position(t, cpu);
        int threadBits = width(t.threads());
        int coreBits = width(t.cores());
        int dieBits = width(t.dies());
        return p[0] << (dieBits + coreBits + threadBits) | p[1] << (coreBits + threadBits) | p[2] << threadBits
                | p[3];
    }

    /** One more than the highest APIC ID of any possible CPU: the size of tables indexed by APIC ID. */
    static int apicIdLimit(SmpSpec.Topology t) {
        return apicId(t, t.maxCpus() - 1) + 1;
    }
}
