package io.qtestjvm.server.monitor;

import io.qtestjvm.core.TypeDescriptor;
import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.Machines;
import io.qtestjvm.server.board.QomTypes;
import io.qtestjvm.server.qmp.JsonArray;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qmp.JsonValue;
import io.qtestjvm.server.qmp.QmpArgs;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qtest.Compat;

import java.util.List;

/**
 * What qos-test and libqtest ask a fresh QEMU before they start tests (reference 2.6, 3.1): {@code query-machines},
 * {@code qom-list-types}, plus the QOM tree commands of
 * {@link QomCommands} and {@code human-monitor-command} of {@link HmpCommands}. The replies follow the QAPI
 * schema of the emulated version exactly, since qos-test decodes them with generated visitors that abort on an
 * unknown or a missing member.
 */
public final class DiscoveryCommands {
    private final List<Machines.Machine> machines;
    private final QomTypes types;
    private final Compat compat;

    public DiscoveryCommands(List<Machines.Machine> machines, QomTypes types, Compat compat) {
        this.machines = machines;
        this.types = types;
        this.compat = compat;
    }

    /** Registers the discovery, QOM and HMP commands of {@code board}'s binary under {@code compat}. */
    public static void register(QmpCommandRegistry registry, Board board, Compat compat) {
        String arch = board.config().arch();
        QomTypes types = board.types();
        DiscoveryCommands d = new DiscoveryCommands(Machines.queryOrder(arch, compat), types, compat);
        registry.register("query-machines", (args, s) -> d.queryMachines(args));
        registry.registerPreconfig("qom-list-types", (args, s) -> d.qomListTypes(args));
        QomCommands qom = new QomCommands(board.qomRoot(), types);
        registry.registerPreconfig("qom-list", (args, s) -> qom.qomList(args));
        registry.registerPreconfig("qom-get", (args, s) -> qom.qomGet(args));
        registry.registerPreconfig("qom-set", (args, s) -> qom.qomSet(args));
        HmpCommands hmp = new HmpCommands(new QtreePrinter(board, types), board);
        registry.register("human-monitor-command", hmp::execute);
    }

    /**
     * MachineInfo members in schema order (the writer orders them as QEMU's QDict does). 7.2 has no argument and
     * no {@code acpi}; from 8.0 {@code acpi} is required; from 9.1 the optional argument {@code compat-props} asks
     * for the member of the same name, which is never sent unasked.
     */
    JsonValue queryMachines(QmpArgs args) {
        boolean compatProps = compat.atLeast(Compat.V10_2) && args.optionalBool("compat-props", false);
        args.end();
        JsonArray out = new JsonArray();
        for (Machines.Machine m : machines) {
            JsonObject o = new JsonObject().put("name", m.name());
            if (m.alias() != null) {
                o.put("alias", m.alias());
            }
            if (m.isDefault()) {
                o.put("is-default", true);
            }
            o.put("cpu-max", m.maxCpus())
                    .put("hotpluggable-cpus", m.hotpluggableCpus())
                    .put("numa-mem-supported", m.numaMemSupported())
                    .put("deprecated", m.deprecated());
            if (m.defaultCpuType() != null) {
                o.put("default-cpu-type", m.defaultCpuType());
            }
            if (m.defaultRamId() != null) {
                o.put("default-ram-id", m.defaultRamId());
            }
            if (compat.atLeast(Compat.V10_2)) {
                o.put("acpi", m.acpi());
            }
            if (compatProps) {
                // our machines are the newest of their family, which carry no compat properties
                o.put("compat-props", new JsonArray());
            }
            out.add(o);
        }
        return out;
    }

    /** ObjectTypeInfo: {@code name}, {@code abstract} only when true, {@code parent} when there is one. */
    JsonValue qomListTypes(QmpArgs args) {
        String implementsType = args.optionalString("implements");
        boolean includeAbstract = args.optionalBool("abstract", false);
        args.end();
        JsonArray out = new JsonArray();
        for (TypeDescriptor<?> t : types.registry().list(implementsType, includeAbstract)) {
            JsonObject o = new JsonObject().put("name", t.name());
            if (t.isAbstract()) {
                o.put("abstract", true);
            }
            if (t.parent() != null) {
                o.put("parent", t.parent());
            }
            out.add(o);
        }
        return out;
    }
}
