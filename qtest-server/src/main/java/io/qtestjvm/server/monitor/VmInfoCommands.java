package io.qtestjvm.server.monitor;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.cpu.CpuCatalog;
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
 * <li>{@code query-cpus-fast}: the board's CPUs in index order ({@link Board#cpus}): index, QOM path, the topology
 * IDs of the CPU's slot ({@code props}, absent on machines without CPU slots: none, raspi2b) and the binary's target.
 * No CPU runs in its own host thread here, so every CPU's {@code thread-id} is the process id (QEMU gives each
 * vCPU thread's id)</li>
 * <li>{@code query-chardev}: the command line's character devices ({@link io.qtestjvm.server.cli.ChardevList})</li>
 * <li>{@code query-cpu-definitions}: the models {@code -cpu} accepts, as Debian's 7.2 reports them
 * ({@link CpuCatalog})</li>
 * <li>{@code query-hotpluggable-cpus}: machines without CPU hotplug answer "The feature 'query-hotpluggable-cpus' is
 * not enabled" (preconfig allowed); pc and isapc list CPU slots, pseries core slots</li>
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
            return cpusFast(board);
        });
        registry.register("query-chardev", (args, s) -> {
            args.end();
            JsonArray out = new JsonArray();
            for (io.qtestjvm.server.cli.ChardevList.Info c : board.config().chardevs()) {
                out.add(new JsonObject().put("label", c.label()).put("filename", c.filename())
                        .put("frontend-open", c.frontendOpen()));
            }
            return out;
        });
        registry.register("query-cpu-definitions", (args, s) -> {
            args.end();
            return cpuDefinitions(board.config().cpuCatalog());
        });
        boolean hotplug = board.config().machine().hotpluggableCpus();
        boolean x86 = kvmPresent(board.config().arch());
        boolean ppc = board.config().arch().equals("ppc64");
        if (!hotplug || x86 || ppc) {
            registry.registerPreconfig("query-hotpluggable-cpus", (args, s) -> {
                args.end();
                if (!hotplug) {
                    throw QmpError.generic("The feature 'query-hotpluggable-cpus' is not enabled");
                }
                return x86 ? x86Slots(board) : coreSlots(board);
            });
        }
    }

    /** CpuInfoFast per CPU, members in QAPI schema order. */
    private static JsonArray cpusFast(Board board) {
        JsonArray out = new JsonArray();
        long threadId = ProcessHandle.current().pid();
        String target = board.config().cpuCatalog().target();
        for (Board.CpuSlot slot : board.cpus()) {
            JsonObject o = new JsonObject().put("cpu-index", slot.cpu().index()).put("qom-path", slot.cpu().path())
                    .put("thread-id", threadId);
            if (slot.props() != null) {
                o.put("props", slot.props());
            }
            out.add(o.put("target", target));
        }
        return out;
    }

    /** CpuDefinitionInfo per accepted model, members in QAPI schema order. */
    private static JsonArray cpuDefinitions(CpuCatalog catalog) {
        JsonArray out = new JsonArray();
        for (CpuCatalog.Definition d : catalog.definitions()) {
            JsonObject o = new JsonObject().put("name", d.name());
            if (d.reportsUnavailable()) {
                o.put("migration-safe", d.migrationSafe());
            }
            o.put("static", d.isStatic());
            if (d.reportsUnavailable()) {
                JsonArray u = new JsonArray();
                for (String f : d.unavailableFeatures()) {
                    u.add(new io.qtestjvm.server.qmp.JsonString(f));
                }
                o.put("unavailable-features", u);
            }
            o.put("typename", d.typeName() == null ? "" : d.typeName());
            if (d.aliasOf() != null) {
                o.put("alias-of", d.aliasOf());
            }
            out.add(o.put("deprecated", d.deprecated()));
        }
        return out;
    }

    /**
     * The x86 CPU slots, last first as QEMU lists them: one per possible CPU ({@code maxcpus}), each addressed by
     * socket, core and thread (the APIC ID decomposition of the Intel SDM vol. 3A 8.9.1, dies omitted when the
     * machine has one per socket), with the QOM path of the CPU plugged into the slot.
     */
    private static JsonArray x86Slots(Board board) {
        io.qtestjvm.server.cli.SmpSpec.Topology t = board.config().topology();
        String type = board.config().cpuSpec() == null ? board.config().machine().defaultCpuType()
                : board.config().cpuSpec().type();
        JsonArray out = new JsonArray();
        for (int i = t.maxCpus() - 1; i >= 0; i--) {
            int thread = i % t.threads();
            int core = (i / t.threads()) % t.cores();
            int socket = i / (t.threads() * t.cores() * t.dies());
            JsonObject props = new JsonObject().put("core-id", core).put("thread-id", thread)
                    .put("socket-id", socket);
            JsonObject slot = new JsonObject().put("props", props).put("vcpus-count", 1);
            if (i < board.cpus().size()) {
                slot.put("qom-path", board.cpus().get(i).cpu().path());
            }
            out.add(slot.put("type", type));
        }
        return out;
    }

    /**
     * pseries' slots are cores (PAPR's unit of CPU reconfiguration), last first: {@code core-id} the core's first
     * thread, node 0, {@code vcpus-count} the threads per core, the core's QOM path when it is plugged (Debian's
     * 7.2 answer for {@code -smp 2,maxcpus=4}).
     */
    private static JsonArray coreSlots(Board board) {
        io.qtestjvm.server.cli.SmpSpec.Topology t = board.config().topology();
        String cpuType = board.config().cpuSpec() == null ? board.config().machine().defaultCpuType()
                : board.config().cpuSpec().type();
        String type = cpuType.substring(0, cpuType.length() - "-powerpc64-cpu".length()) + "-spapr-cpu-core";
        JsonArray out = new JsonArray();
        for (int core = t.maxCpus() / t.threads() - 1; core >= 0; core--) {
            JsonObject slot = new JsonObject().put("props", new JsonObject().put("core-id", core * t.threads())
                    .put("node-id", 0)).put("vcpus-count", t.threads());
            int first = core * t.threads();
            if (first < board.cpus().size()) {
                slot.put("qom-path", board.cpus().get(first).cpu().parent().path());
            }
            out.add(slot.put("type", type));
        }
        return out;
    }

    /** KVM is compiled into the binaries whose target matches the x86-64 build host. */
    static boolean kvmPresent(String arch) {
        return arch.equals("x86_64") || arch.equals("i386");
    }
}
