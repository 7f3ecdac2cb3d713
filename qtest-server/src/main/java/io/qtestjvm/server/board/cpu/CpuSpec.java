package io.qtestjvm.server.board.cpu;

import io.qtestjvm.core.PropertyException;
import io.qtestjvm.core.PropertyType;
import io.qtestjvm.server.cli.StartupException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -cpu MODEL[,prop=value...]}: the model's QOM type and the property values every CPU of the machine gets.
 * QEMU turns the properties into global properties of the type and applies them when each CPU is created; an
 * unknown property or a bad value fails start-up with {@code can't apply global T.P=V: ...} (Debian's 7.2 texts,
 * pinned in {@code CpuModelTest}). x86 also takes the legacy {@code +flag}/{@code -flag} and a bare {@code flag}
 * (on); {@code -flag} wins over {@code +flag}, both over {@code flag=on|off}. Elsewhere an option without {@code =}
 * is refused ("Expected key=value format").
 */
public record CpuSpec(String model, String type, Map<String, Object> values) {

    /**
     * The x86 feature flags of our list that TCG cannot provide (those the {@code max} model lacks), each with
     * where CPUID reports it (Intel SDM vol. 2A, CPUID, Tables 3-10, 3-11 and the extended leaf 80000001H), in
     * QEMU's order of feature words: requested, such a flag reads off and QEMU warns.
     */
    private static final List<CpuidBit> TCG_UNSUPPORTED = List.of(
            new CpuidBit("vme", "01H:EDX", 1), new CpuidBit("ht", "01H:EDX", 28),
            new CpuidBit("vmx", "01H:ECX", 5), new CpuidBit("x2apic", "01H:ECX", 21),
            new CpuidBit("syscall", "80000001H:EDX", 11), new CpuidBit("lm", "80000001H:EDX", 29));

    /** A feature flag and where CPUID reports it. */
    private record CpuidBit(String flag, String register, int bit) {
    }

    /** As {@link #parse(CpuCatalog, String, List)}, dropping warnings. */
    public static CpuSpec parse(CpuCatalog catalog, String arg) throws StartupException {
        return parse(catalog, arg, new ArrayList<>());
    }

    /**
     * Parses {@code arg} for the binary whose models are {@code catalog}; the model must be known. A requested x86
     * feature the accelerator cannot provide is turned off with QEMU's warning added to {@code warnings}.
     */
    public static CpuSpec parse(CpuCatalog catalog, String arg, List<String> warnings) throws StartupException {
        String[] parts = arg.split(",", -1);
        CpuCatalog.Definition d = catalog.find(parts[0]);
        if (d == null) {
            throw new StartupException("unable to find CPU model '" + parts[0] + "'");
        }
        String type = catalog.typeOf(d);
        boolean x86 = catalog.target().equals("x86_64") || catalog.target().equals("i386");
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> plus = new ArrayList<>();
        List<String> minus = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String opt = parts[i];
            if (opt.isEmpty()) {
                continue;
            }
            int eq = opt.indexOf('=');
            if (eq < 0 && x86 && (opt.startsWith("+") || opt.startsWith("-"))) {
                String flag = opt.substring(1);
                if (catalog.property(flag) == null) {
                    throw new StartupException("Property '" + type + "." + flag + "' not found");
                }
                (opt.startsWith("+") ? plus : minus).add(flag);
                continue;
            }
            if (eq < 0 && !x86) {
                throw new StartupException("Expected key=value format, found " + opt + ".");
            }
            String key = eq < 0 ? opt : opt.substring(0, eq);
            String text = eq < 0 ? "on" : opt.substring(eq + 1);
            values.put(key, parseValue(catalog, type, key, text));
        }
        for (String f : plus) {
            values.put(f, Boolean.TRUE);
        }
        for (String f : minus) {
            values.put(f, Boolean.FALSE);
        }
        if (x86) {
            Map<String, Object> max = catalog.initialValues("max-" + catalog.target() + "-cpu");
            for (CpuidBit f : TCG_UNSUPPORTED) {
                if (Boolean.TRUE.equals(values.get(f.flag())) && !Boolean.TRUE.equals(max.get(f.flag()))) {
                    values.put(f.flag(), Boolean.FALSE);
                    warnings.add("warning: TCG doesn't support requested feature: CPUID." + f.register() + "."
                            + f.flag() + " [bit " + f.bit() + "]");
                }
            }
        }
        return new CpuSpec(d.name(), type, values);
    }

    private static Object parseValue(CpuCatalog catalog, String type, String key, String text)
            throws StartupException {
        String where = "can't apply global " + type + "." + key + "=" + text + ": ";
        CpuCatalog.Property p = catalog.property(key);
        if (p == null) {
            throw new StartupException(where + "Property '" + type + "." + key + "' not found");
        }
        PropertyType t = p.descriptor().type();
        Object v;
        try {
            v = t.parse(key, text);
        } catch (PropertyException e) {
            String msg = e.getMessage();
            if (msg.endsWith("expects integer")) {
                // the string input visitor reads every integer as a 64-bit one first
                msg = "Parameter '" + key + "' expects " + (t == PropertyType.INT32 || t == PropertyType.INT64
                        ? "int64" : "uint64");
            }
            throw new StartupException(where + msg);
        }
        if (v instanceof Long l) {
            String range = X86Properties.rangeError(key, l);
            if (range != null) {
                throw new StartupException(where + range);
            }
        }
        if (key.equals("vendor") && text.length() != 12) {
            // the CPUID vendor string is 12 characters (EBX, EDX, ECX of leaf 0)
            throw new StartupException(where + "Property '.vendor' doesn't take value '" + text + "'");
        }
        return v;
    }

    /** Whether the command line set {@code name}. */
    public boolean sets(String name) {
        return values.containsKey(name);
    }
}
