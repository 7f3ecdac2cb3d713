package io.qtestjvm.server.board.cpu;

import io.qtestjvm.core.PropertyDescriptor;
import io.qtestjvm.core.PropertyType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arm CPU properties we model (Arm ARM DDI 0487): {@code midr} (Main ID Register, G8.2.100), {@code mp-affinity}
 * (MPIDR's affinity fields, G8.2.102, set by the board), {@code cntfrq} (the generic timer's frequency, D11.1.2),
 * the optional features {@code pmu}, {@code has_el2}, {@code has_el3}, {@code vfp}, {@code neon}, {@code aarch64},
 * the reset configuration {@code cfgend} and {@code reset-hivecs}, and {@code node-id}, {@code start-powered-off}.
 * Which model has which (a model without a PMU has no {@code pmu} property) and the values are Debian's QEMU 7.2
 * answers ({@code arm-models-*} in {@link CpuModelTables}).
 */
final class ArmProperties {
    /** The table's columns after the model name. */
    private static final List<String> COLUMNS = List.of("midr", "pmu", "has_el2", "has_el3", "vfp", "neon",
            "aarch64", "cfgend", "reset-hivecs", "cntfrq");

    private ArmProperties() {
    }

    static List<CpuCatalog.Property> all() {
        return List.of(
                p("midr", PropertyType.UINT64, "uint64", "0"),
                p("mp-affinity", PropertyType.UINT64, "uint64", "0"),
                p("cntfrq", PropertyType.UINT64, "uint64", null),
                CpuCatalog.bool("pmu", false), CpuCatalog.bool("has_el2", false), CpuCatalog.bool("has_el3", false),
                CpuCatalog.bool("vfp", false), CpuCatalog.bool("neon", false), CpuCatalog.bool("aarch64", false),
                CpuCatalog.bool("cfgend", false), CpuCatalog.bool("reset-hivecs", false),
                p("node-id", PropertyType.INT32, "int32", "-1"),
                p("core-count", PropertyType.INT32, "int32", "-1"),
                CpuCatalog.bool("start-powered-off", false));
    }

    private static CpuCatalog.Property p(String name, PropertyType type, String qomType, String dflt) {
        return new CpuCatalog.Property(PropertyDescriptor.of(name, type, null, dflt), qomType);
    }

    /** One row of the table: JSON values, {@code null} for a property the model does not have. */
    static Map<String, Object> values(String row) {
        String[] f = row.split("\t", -1);
        Map<String, Object> v = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            String s = f[i + 1];
            v.put(COLUMNS.get(i), s.equals("null") ? null : s.equals("true") || s.equals("false")
                    ? (Object) Boolean.valueOf(s) : (Object) Long.parseLong(s));
        }
        return v;
    }
}
