package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -object TYPE,id=ID,...} (the QAPI schema's ObjectOptions): the user-creatable types we recognise with
 * their properties; an unknown type, a missing id, an unknown property or a missing required one fails with
 * QEMU's text.
 *
 * @param qomType the type
 * @param id      the object id
 * @param props   the properties (without qom-type and id)
 */
public record ObjectSpec(String qomType, String id, Map<String, String> props) {
    private static final Set<String> MEMORY_BACKEND = Set.of("size", "share", "merge", "dump", "prealloc",
            "prealloc-threads", "host-nodes", "policy", "x-use-canonical-path-for-ramblock-id", "reserve");
    private static final Map<String, Set<String>> TYPES = Map.ofEntries(
            Map.entry("memory-backend-ram", MEMORY_BACKEND),
            Map.entry("memory-backend-file", union(MEMORY_BACKEND, Set.of("mem-path", "align", "discard-data",
                    "pmem", "readonly"))),
            Map.entry("memory-backend-memfd", union(MEMORY_BACKEND, Set.of("hugetlb", "hugetlbsize", "seal"))),
            Map.entry("iothread", Set.of("poll-max-ns", "poll-grow", "poll-shrink", "aio-max-batch",
                    "thread-pool-min", "thread-pool-max")),
            Map.entry("rng-random", Set.of("filename", "opened")),
            Map.entry("rng-builtin", Set.of("opened")),
            Map.entry("rng-egd", Set.of("chardev", "opened")),
            Map.entry("secret", Set.of("data", "file", "format", "keyid", "iv", "loaded")),
            Map.entry("authz-simple", Set.of("identity")),
            Map.entry("can-bus", Set.of()),
            Map.entry("cryptodev-backend-builtin", Set.of("queues")),
            Map.entry("input-linux", Set.of("evdev", "grab_all", "repeat", "grab-toggle")));

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    /** Parses one {@code -object}; {@code ids} are the object ids taken so far. */
    public static ObjectSpec parse(String arg, List<String> ids) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "qom-type");
        String type = OptionSupport.required("object", arg, o, "qom-type");
        Set<String> props = TYPES.get(type);
        if (props == null) {
            throw StartupException.at("object", arg, "Parameter 'qom-type' does not accept value '" + type + "'");
        }
        String id = OptionSupport.required("object", arg, o, "id");
        for (String k : o.keys()) {
            if (!k.equals("qom-type") && !k.equals("id") && !props.contains(k)) {
                throw StartupException.at("object", arg, "Invalid parameter '" + k + "'");
            }
        }
        if (type.startsWith("memory-backend-")) {
            OptionSupport.required("object", arg, o, "size");
            OptionSupport.size("object", arg, "size", o.get("size"), 'B');
            if (type.equals("memory-backend-file")) {
                OptionSupport.required("object", arg, o, "mem-path");
            }
        }
        if (ids.contains(id)) {
            throw StartupException.at("object", arg, "Duplicate ID '" + id + "' for object");
        }
        ids.add(id);
        java.util.LinkedHashMap<String, String> p = new java.util.LinkedHashMap<>(o.asMap());
        p.remove("qom-type");
        p.remove("id");
        return new ObjectSpec(type, id, java.util.Collections.unmodifiableMap(p));
    }
}
