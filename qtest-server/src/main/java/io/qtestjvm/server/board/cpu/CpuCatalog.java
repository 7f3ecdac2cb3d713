package io.qtestjvm.server.board.cpu;

import io.qtestjvm.core.PropertyDescriptor;
import io.qtestjvm.core.PropertyType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The CPU models of one emulated binary: what {@code query-cpu-definitions} reports for the {@code -cpu} names we
 * accept, which QOM type each name makes, that type's parent, the properties a {@code -cpu MODEL,prop=val} may set
 * and each model's property values. The facts are data observed from Debian's QEMU 7.2 (the tables of {@link CpuModelTables}
 * class say how each was taken); the 10.2 compat uses the same models.
 *
 * <p>Naming: x86 types are {@code <model>-<arch>-cpu} (versioned models {@code NAME-vN} are types of their own, the
 * plain name an alias of a version); arm types are {@code <model>-arm-cpu}; ppc64 names are case-insensitive, a
 * family name ({@code power9}) is an alias of one revision's type ({@code power9_v2.0-powerpc64-cpu}) and the revision
 * names report an empty {@code typename} in 7.2's {@code query-cpu-definitions}, a QEMU quirk kept as data.
 */
public final class CpuCatalog {
    /** x86 model ranges the family/model/stepping setters enforce (CPUID leaf 1 EAX with the extended fields). */
    static final long X86_FAMILY_MAX = 0xff + 0xf;
    static final long X86_MODEL_MAX = 0xff;
    static final long X86_STEPPING_MAX = 0xf;

    /**
     * One {@code CpuDefinitionInfo}. {@code flags} holds the table's letters ({@code s} static, {@code m}
     * migration-safe, {@code d} deprecated) and {@code unavailable} its comma list ({@code -}: none), split only
     * when {@code query-cpu-definitions} asks.
     */
    public record Definition(String name, String typeName, String flags, String aliasOf, String unavailable,
                             boolean reportsUnavailable) {
        public boolean isStatic() {
            return flags.indexOf('s') >= 0;
        }

        public boolean migrationSafe() {
            return flags.indexOf('m') >= 0;
        }

        public boolean deprecated() {
            return flags.indexOf('d') >= 0;
        }

        public List<String> unavailableFeatures() {
            return unavailable.equals("-") ? List.of() : List.of(unavailable.split(","));
        }
    }

    /** A property of a CPU type: how {@code -cpu} parses it and the type {@code qom-list} shows. */
    public record Property(PropertyDescriptor descriptor, String qomType) {
        public String name() {
            return descriptor.name();
        }
    }

    private final String arch;
    private final List<Definition> definitions;
    private final List<Property> properties;
    /** Each model's row of the values table, unparsed: a machine reads the values of one or two models only. */
    private final Map<String, String> rowsByModel;
    private final Function<String, Map<String, Object>> rowValues;

    private CpuCatalog(String arch, List<Definition> definitions, List<Property> properties,
                       Map<String, String> rowsByModel, Function<String, Map<String, Object>> rowValues) {
        this.arch = arch;
        this.definitions = definitions;
        this.properties = properties;
        this.rowsByModel = rowsByModel;
        this.rowValues = rowValues;
    }

    /**
     * The models of {@code qemu-system-<arch>} (empty for a binary without CPU models here). The catalog is
     * immutable and read from its tables once per arch, on first use (a machine's type list and its CPUs share
     * it): start-up reads only what a machine needs.
     */
    public static CpuCatalog forArch(String arch) {
        return switch (arch) {
            case "x86_64" -> X86_64.CATALOG;
            case "i386" -> I386.CATALOG;
            case "arm" -> Arm.CATALOG;
            case "aarch64" -> Aarch64.CATALOG;
            case "ppc64" -> Ppc64.CATALOG;
            default -> new CpuCatalog(arch, List.of(), List.of(), Map.of(), row -> Map.of());
        };
    }

    private static CpuCatalog load(String arch) {
        List<String> defLines = lines("cpu-definitions-" + arch);
        List<Definition> defs = new ArrayList<>(defLines.size());
        for (String l : defLines) {
            defs.add(definition(l));
        }
        defs = Collections.unmodifiableList(defs);
        return switch (arch) {
            case "x86_64", "i386" -> {
                List<String> text = read("x86-models-" + arch);
                List<String> flags = X86Properties.flags(header(text));
                yield new CpuCatalog(arch, defs, X86Properties.all(flags), rowsByModel(rows(text)),
                        row -> X86Properties.values(row, flags));
            }
            case "arm", "aarch64" -> new CpuCatalog(arch, defs, ArmProperties.all(),
                    rowsByModel(lines("arm-models-" + arch)), ArmProperties::values);
            default -> new CpuCatalog(arch, defs, PPC_PROPERTIES, Map.of(), row -> Map.of());
        };
    }

    private static Map<String, String> rowsByModel(List<String> rows) {
        Map<String, String> out = new HashMap<>(rows.size() * 2);
        for (String row : rows) {
            out.put(row.substring(0, row.indexOf('\t')), row);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The values the table gives {@code model}, or null when it has no row. */
    private Map<String, Object> valuesOf(String model) {
        String row = rowsByModel.get(model);
        return row == null ? null : rowValues.apply(row);
    }

    // one holder per arch: the JVM reads each catalog once, when a machine of that arch first asks
    private static final class X86_64 {
        static final CpuCatalog CATALOG = load("x86_64");
    }

    private static final class I386 {
        static final CpuCatalog CATALOG = load("i386");
    }

    private static final class Arm {
        static final CpuCatalog CATALOG = load("arm");
    }

    private static final class Aarch64 {
        static final CpuCatalog CATALOG = load("aarch64");
    }

    private static final class Ppc64 {
        static final CpuCatalog CATALOG = load("ppc64");
    }

    /** The POWER CPU's own properties (Debian's 7.2 {@code qom-list} of a POWER9 thread). */
    private static final List<Property> PPC_PROPERTIES = List.of(
            bool("pre-3.0-migration", false), bool("pre-2.8-migration", false), bool("pre-2.10-migration", false),
            bool("start-powered-off", false));

    static Property bool(String name, boolean dflt) {
        return new Property(PropertyDescriptor.of(name, PropertyType.BOOL, null, Boolean.toString(dflt)), "bool");
    }

    /** {@code query-cpus-fast}'s {@code target} (the SysEmuTarget of the binary). */
    public String target() {
        return arch;
    }

    public List<Definition> definitions() {
        return definitions;
    }

    /** The definition {@code -cpu name} selects, or null ({@code host} is refused by the caller first). */
    public Definition find(String name) {
        String wanted = arch.equals("ppc64") ? name.toLowerCase(Locale.ROOT) : name;
        for (Definition d : definitions) {
            if (d.name().equals(wanted)) {
                return d;
            }
        }
        return null;
    }

    /** The QOM type a definition instantiates. */
    public String typeOf(Definition d) {
        if (d.typeName() != null) {
            return d.typeName();
        }
        return d.name() + "-powerpc64-cpu"; // a ppc revision: its own type
    }

    /** Every concrete CPU type of the binary that an accepted model instantiates, in definition order. */
    public List<String> concreteTypes() {
        Set<String> out = new LinkedHashSet<>();
        for (Definition d : definitions) {
            out.add(typeOf(d));
        }
        return new ArrayList<>(out);
    }

    /** The abstract base every CPU type of the binary derives from ({@code x86_64-cpu}, {@code arm-cpu}, ...). */
    public String baseType() {
        return switch (arch) {
            case "x86_64", "i386" -> arch + "-cpu";
            case "arm", "aarch64" -> "arm-cpu";
            case "ppc64" -> "powerpc64-cpu";
            default -> "cpu";
        };
    }

    /**
     * The parent type of {@code type} (Debian's 7.2 {@code qom-list-types}): x86 {@code host} derives from
     * {@code max}; aarch64's 64-bit models and its {@code max} from {@code aarch64-cpu}; POWER revisions from their
     * family's abstract type ({@link #ppcFamily}).
     */
    public String parentOf(String type) {
        switch (arch) {
            case "x86_64", "i386" -> {
                return type.equals("host-" + arch + "-cpu") ? "max-" + arch + "-cpu" : baseType();
            }
            case "aarch64" -> {
                Map<String, Object> v = valuesOf(type.substring(0, type.length() - "-arm-cpu".length()));
                return v != null && v.get("aarch64") != null ? "aarch64-cpu" : "arm-cpu";
            }
            case "ppc64" -> {
                return ppcFamily(type) + "-family-powerpc64-cpu";
            }
            default -> {
                return baseType();
            }
        }
    }

    /** The abstract family types of the POWER models we accept (the name QEMU gives each family). */
    public List<String> abstractFamilies() {
        List<String> out = new ArrayList<>();
        if (arch.equals("ppc64")) {
            for (String t : concreteTypes()) {
                String f = ppcFamily(t) + "-family-powerpc64-cpu";
                if (!out.contains(f)) {
                    out.add(f);
                }
            }
        } else if (arch.equals("aarch64")) {
            out.add("aarch64-cpu");
        }
        return out;
    }

    private static String ppcFamily(String type) {
        String model = type.substring(0, type.indexOf('-'));
        String base = model.contains("_") ? model.substring(0, model.indexOf('_')) : model;
        return switch (base) {
            case "power5+" -> "POWER5P";
            case "power7+" -> "POWER7";
            case "power8e", "power8nvl" -> "POWER8";
            case "970fx", "970mp" -> "970";
            default -> base.startsWith("power") ? base.toUpperCase(Locale.ROOT) : base;
        };
    }

    /** The properties {@code -cpu} may set and {@code qom-get} reads. */
    public List<Property> properties() {
        return properties;
    }

    public Property property(String name) {
        for (Property p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The property values an object of {@code type} starts with: every property's default, then what the model's
     * data says (a property the data marks absent is left out; {@code qom-get} reports it not found).
     */
    public Map<String, Object> initialValues(String type) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Property p : properties) {
            String d = p.descriptor().defaultFor(7, 2);
            if (d != null) {
                out.put(p.name(), p.descriptor().type() == PropertyType.BOOL ? (Object) Boolean.valueOf(d)
                        : p.descriptor().type() == PropertyType.STRING ? d : Long.decode(d));
            }
        }
        String model = modelOfType(type);
        Map<String, Object> data = valuesOf(model);
        if (data != null) {
            for (Map.Entry<String, Object> e : data.entrySet()) {
                if (e.getValue() == null) {
                    out.remove(e.getKey());
                } else {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    private String modelOfType(String type) {
        for (Definition d : definitions) {
            if (typeOf(d).equals(type) && d.aliasOf() == null) {
                return d.name();
            }
        }
        int cut = type.lastIndexOf('-', type.length() - "-cpu".length() - 1);
        return cut < 0 ? type : type.substring(0, cut);
    }

    // ---------------------------------------------------------------------------------------------------------
    // tables

    private static Definition definition(String line) {
        String[] f = line.split("\t", -1);
        return new Definition(f[0], f[1].equals("-") ? null : f[1], f[2], f[3].equals("-") ? null : f[3], f[4],
                f[5].equals("u"));
    }

    static List<String> lines(String table) {
        return rows(read(table));
    }

    /** The data lines of a table's text (comments and blank lines left out). */
    private static List<String> rows(List<String> text) {
        List<String> out = new ArrayList<>();
        for (String l : text) {
            if (!l.startsWith("#") && !l.isBlank()) {
                out.add(l);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The last comment line of a table (its column list). */
    static String header(String table) {
        return header(read(table));
    }

    private static String header(List<String> text) {
        String last = "";
        for (String l : text) {
            if (l.startsWith("#")) {
                last = l.substring(1).trim();
            }
        }
        return last;
    }

    private static List<String> read(String table) {
        String text = CpuModelTables.table(table);
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int at = 0; at < text.length(); ) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = text.length();
            }
            out.add(text.substring(at, end));
            at = end + 1;
        }
        return out;
    }
}
