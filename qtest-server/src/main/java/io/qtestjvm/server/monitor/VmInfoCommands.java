package io.qtestjvm.server.monitor;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qmp.JsonArray;
import io.qtestjvm.server.qmp.JsonBool;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpError;

/**
 * The {@code query-*} commands that describe the VM rather than its devices, with the answers of Debian's QEMU 7.2
 * ({@code VmInfoCommandsTest}):
 * <ul>
 * <li>{@code query-name}: {@code {"name": N}} with {@code -name}, else {@code {}} (preconfig allowed)</li>
 * <li>{@code query-kvm}: never enabled (we are the qtest accelerator); present on the x86 binaries only, the ones
 * Debian builds with KVM for an x86 host</li>
 * <li>{@code query-iothreads}: no {@code iothread} objects exist, so {@code []} (preconfig allowed)</li>
 * <li>{@code query-cpus-fast}: boards here do not model CPUs as QOM objects yet, so the list is empty, which is
 * QEMU's answer on {@code none} without {@code -cpu}; a CPU list for the other boards waits for CPU objects</li>
 * <li>{@code query-hotpluggable-cpus}: machines without CPU hotplug answer "The feature 'query-hotpluggable-cpus' is
 * not enabled" (preconfig allowed)</li>
 * </ul>
 */
final class VmInfoCommands {
    private VmInfoCommands() {
    }

    static void register(QmpCommandRegistry registry, Board board) {
        String name = board.config().vmName();
        registry.registerPreconfig("query-name", (args, s) -> {
            args.end();
            JsonObject o = new JsonObject();
            return name == null ? o : o.put("name", name);
        });
        boolean kvmPresent = kvmPresent(board.config().arch());
        registry.register("query-kvm", (args, s) -> {
            args.end();
            return new JsonObject().put("enabled", JsonBool.of(false)).put("present", JsonBool.of(kvmPresent));
        });
        registry.registerPreconfig("query-iothreads", (args, s) -> {
            args.end();
            return new JsonArray();
        });
        registry.register("query-cpus-fast", (args, s) -> {
            args.end();
            return new JsonArray();
        });
        boolean hotplug = board.config().machine().hotpluggableCpus();
        boolean x86 = kvmPresent(board.config().arch());
        if (!hotplug || x86) {
            registry.registerPreconfig("query-hotpluggable-cpus", (args, s) -> {
                args.end();
                if (!hotplug) {
                    throw QmpError.generic("The feature 'query-hotpluggable-cpus' is not enabled");
                }
                return x86Slots(board);
            });
        }
    }

    /**
     * The x86 CPU slots, last first as QEMU lists them: one per possible CPU ({@code maxcpus}), each addressed by
     * socket, core and thread (the APIC ID decomposition of the Intel SDM vol. 3A 8.9.1, dies omitted when the
     * machine has one per socket). {@code qom-path} is left out because no CPU object exists here yet; QEMU gives
     * it for the plugged ones.
     */
    private static JsonArray x86Slots(Board board) {
        io.qtestjvm.server.cli.SmpSpec.Topology t = board.config().topology();
        String type = board.config().cpu() == null ? board.config().machine().defaultCpuType()
                : board.config().cpu() + "-" + board.config().arch() + "-cpu";
        JsonArray out = new JsonArray();
        for (int i = t.maxCpus() - 1; i >= 0; i--) {
            int thread = i % t.threads();
            int core = (i / t.threads()) % t.cores();
            int socket = i / (t.threads() * t.cores() * t.dies());
            JsonObject props = new JsonObject().put("core-id", core).put("thread-id", thread)
                    .put("socket-id", socket);
            out.add(new JsonObject().put("props", props).put("vcpus-count", 1).put("type", type));
        }
        return out;
    }

    /** KVM is compiled into the binaries whose target matches the x86-64 build host. */
    static boolean kvmPresent(String arch) {
        return arch.equals("x86_64") || arch.equals("i386");
    }
}
