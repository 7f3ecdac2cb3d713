package io.qtestjvm.server.board.cpu;

import io.qtestjvm.core.PropertyDescriptor;
import io.qtestjvm.core.PropertyType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The x86 CPU properties we model (Intel SDM vol. 2A, CPUID): the signature of leaf 1 EAX ({@code family},
 * {@code model}, {@code stepping}), the vendor string of leaf 0 and the brand string of leaves 0x80000002-4
 * ({@code model-id}), the highest basic and extended leaves ({@code level}, {@code xlevel}), the local APIC ID
 * ({@code apic-id}, vol. 3A 10.4.6) and its topology fields ({@code socket-id}, {@code die-id}, {@code core-id},
 * {@code thread-id}, vol. 3A 8.9.1), and the feature flags of the {@code x86-models-*} tables' header as bool
 * properties. The values per model are Debian's QEMU 7.2 answers (the tables); QEMU has more properties than
 * these (hyper-v enlightenments, VMX controls, cache info), which are absent here.
 */
final class X86Properties {
    private X86Properties() {
    }

    /** The feature flags a table's header lists ({@code flags: a b c}), in its order. */
    static List<String> flags(String header) {
        return List.of(header.substring(header.indexOf(':') + 1).trim().split(" "));
    }

    static List<CpuCatalog.Property> all(List<String> flags) {
        List<CpuCatalog.Property> out = new ArrayList<>(List.of(
                p("family", PropertyType.INT64, "int", "0"),
                p("model", PropertyType.INT64, "int", "0"),
                p("stepping", PropertyType.INT64, "int", "0"),
                p("vendor", PropertyType.STRING, "string", ""),
                p("model-id", PropertyType.STRING, "string", ""),
                p("level", PropertyType.UINT32, "uint32", "0"),
                p("xlevel", PropertyType.UINT32, "uint32", "0"),
                // UNASSIGNED_APIC_ID: the board assigns it, a machine without topology needs it set
                p("apic-id", PropertyType.UINT32, "uint32", "4294967295"),
                p("socket-id", PropertyType.INT32, "int32", "-1"),
                p("die-id", PropertyType.INT32, "int32", "-1"),
                p("core-id", PropertyType.INT32, "int32", "-1"),
                p("thread-id", PropertyType.INT32, "int32", "-1"),
                p("node-id", PropertyType.INT32, "int32", "-1"),
                CpuCatalog.bool("start-powered-off", false)));
        for (String f : flags) {
            out.add(CpuCatalog.bool(f, false));
        }
        return List.copyOf(out);
    }

    private static CpuCatalog.Property p(String name, PropertyType type, String qomType, String dflt) {
        return new CpuCatalog.Property(PropertyDescriptor.of(name, type, null, dflt), qomType);
    }

    /**
     * One row of the table: model, family, model, stepping, vendor, model-id, level, xlevel, the flags that are
     * on; every flag of {@code flags} gets its value.
     */
    static Map<String, Object> values(String row, List<String> flags) {
        String[] f = row.split("\t", -1);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("family", Long.parseLong(f[1]));
        v.put("model", Long.parseLong(f[2]));
        v.put("stepping", Long.parseLong(f[3]));
        v.put("vendor", f[4]);
        v.put("model-id", f[5].equals("-") ? "" : f[5]);
        v.put("level", Long.parseLong(f[6]));
        v.put("xlevel", Long.parseLong(f[7]));
        List<String> on = f[8].equals("-") ? List.of() : List.of(f[8].split(","));
        for (String flag : flags) {
            v.put(flag, on.contains(flag));
        }
        return v;
    }

    /**
     * The setters' range checks QEMU applies to the signature fields: family up to 0xff + 0xf (base plus extended
     * family), model up to 0xff, stepping up to 0xf; the message is QEMU 7.2's. Returns null when in range.
     */
    static String rangeError(String name, long value) {
        long max = switch (name) {
            case "family" -> CpuCatalog.X86_FAMILY_MAX;
            case "model" -> CpuCatalog.X86_MODEL_MAX;
            case "stepping" -> CpuCatalog.X86_STEPPING_MAX;
            default -> -1;
        };
        if (max < 0 || (value >= 0 && value <= max)) {
            return null;
        }
        return "Property ." + name + " doesn't take value " + value + " (minimum: 0, maximum: " + max + ")";
    }
}
