package io.qtestjvm.server.board.cpu;

import io.qtestjvm.server.cli.SmpSpec;
import io.qtestjvm.server.qmp.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where CPU {@code index} sits in the {@code -smp} topology, CPUs numbered threads first, then cores, clusters (or
 * dies), sockets (QEMU's manual for {@code -smp}), and the IDs each architecture derives from it.
 */
public record CpuTopology(int socket, int die, int cluster, int core, int thread) {

    /** The position of CPU {@code index} in {@code t}. */
    public static CpuTopology of(SmpSpec.Topology t, int index) {
        int thread = index % t.threads();
        int core = (index / t.threads()) % t.cores();
        int middle = index / (t.threads() * t.cores());
        int die = middle % t.dies();
        int cluster = middle % t.clusters();
        int socket = middle / (t.dies() * t.clusters());
        return new CpuTopology(socket, die, cluster, core, thread);
    }

    /**
     * The x86 initial APIC ID (Intel SDM vol. 3A 8.9.1, "Hierarchical Mapping of Shared Resources"): thread, core,
     * die and socket numbers packed into fields just wide enough for the counts of {@code t}.
     */
    public long x86ApicId(SmpSpec.Topology t) {
        int threadBits = bitsFor(t.threads());
        int coreBits = bitsFor(t.cores());
        int dieBits = bitsFor(t.dies());
        return ((long) socket << (dieBits + coreBits + threadBits)) | ((long) die << (coreBits + threadBits))
                | ((long) core << threadBits) | thread;
    }

    private static int bitsFor(int count) {
        return count <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(count - 1);
    }

    /** The x86 CPU's topology properties; {@code die-id} only where the machine has more than one die. */
    public Map<String, Object> x86Properties(SmpSpec.Topology t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apic-id", x86ApicId(t));
        out.put("socket-id", (long) socket);
        if (t.dies() > 1) {
            out.put("die-id", (long) die);
        }
        out.put("core-id", (long) core);
        out.put("thread-id", (long) thread);
        return out;
    }

    /** {@code CpuInstanceProperties} of a pc slot: socket, die (only with dies), core, thread. */
    public JsonObject x86Props(SmpSpec.Topology t) {
        JsonObject o = new JsonObject().put("core-id", core).put("thread-id", thread).put("socket-id", socket);
        if (t.dies() > 1) {
            o.put("die-id", die);
        }
        return o;
    }

    /** {@code CpuInstanceProperties} of a virt slot: socket, cluster, core, thread. */
    public JsonObject armProps() {
        return new JsonObject().put("core-id", core).put("thread-id", thread).put("socket-id", socket)
                .put("cluster-id", cluster);
    }
}
