package io.qtestjvm.server.qmp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The introspection answer of {@code query-qmp-schema} (docs/interop/qmp-intro and the SchemaInfo type of the
 * QMP reference manual): a flat list of entities, each with a {@code name} and a {@code meta-type} of builtin,
 * enum, array, object, command or event. Commands and events name their argument and return types; types refer
 * to each other by name. As QEMU does, every non-builtin type is published under an opaque name (a decimal
 * counter in order of first use) so that clients cannot depend on internal type names; arrays are named
 * {@code [ELEMENT]}. The empty object is always type "0".
 *
 * <p>Build with {@link #object}, {@link #enumeration}, {@link #array} (each returns the published name, reusing it
 * for an identical definition), then {@link #command}/{@link #event}; {@link #toJson()} lists the entities.
 */
public final class QmpSchema {
    /** The builtin JSON types used by the commands here, with their {@code json-type}. */
    private static final Map<String, String> BUILTINS = Map.of("str", "string", "int", "int", "bool", "boolean",
            "any", "value", "number", "number", "null", "null");

    private final Map<String, JsonObject> entities = new LinkedHashMap<>();
    /** Definition text to published name, so that identical types share one entity. */
    private final Map<String, String> byDefinition = new LinkedHashMap<>();
    private int next;

    public QmpSchema() {
        object(List.of());
    }

    /** An object member: {@code type} a builtin or published name; optional members carry {@code "default": null}. */
    public record Member(String name, String type, boolean optional, List<String> features) {
        public static Member required(String name, String type) {
            return new Member(name, type, false, List.of());
        }

        public static Member optional(String name, String type) {
            return new Member(name, type, true, List.of());
        }

        /** This member with schema features (e.g. "deprecated"). */
        public Member withFeatures(String... f) {
            return new Member(name, type, optional, List.of(f));
        }
    }

    /** A plain object type. */
    public String object(List<Member> members) {
        return union(members, null, Map.of());
    }

    /** A flat union: common members, the discriminator member {@code tag}, and a type per tag value. */
    public String union(List<Member> members, String tag, Map<String, String> variants) {
        JsonArray ms = new JsonArray();
        for (Member m : members) {
            JsonObject o = new JsonObject().put("name", m.name());
            if (m.optional()) {
                o.put("default", JsonNull.INSTANCE);
            }
            o.put("type", use(m.type()));
            features(o, m.features());
            ms.add(o);
        }
        JsonObject e = new JsonObject().put("members", ms).put("meta-type", "object");
        if (tag != null) {
            JsonArray vs = new JsonArray();
            for (Map.Entry<String, String> v : variants.entrySet()) {
                vs.add(new JsonObject().put("case", v.getKey()).put("type", use(v.getValue())));
            }
            e.put("tag", tag).put("variants", vs);
        }
        return define(e);
    }

    /** An enum: {@code members} (name each) and the older {@code values} list. */
    public String enumeration(List<String> values) {
        JsonArray ms = new JsonArray();
        JsonArray vs = new JsonArray();
        for (String v : values) {
            ms.add(new JsonObject().put("name", v));
            vs.add(v);
        }
        return define(new JsonObject().put("members", ms).put("meta-type", "enum").put("values", vs));
    }

    /** An array of {@code element}; its name is {@code [element]}. */
    public String array(String element) {
        String el = use(element);
        String name = "[" + el + "]";
        entities.putIfAbsent(name, new JsonObject().put("name", name).put("element-type", el)
                .put("meta-type", "array"));
        return name;
    }

    public void command(String name, String argType, String retType, boolean allowOob, List<String> features) {
        JsonObject e = new JsonObject().put("name", name).put("ret-type", use(retType));
        if (allowOob) {
            e.put("allow-oob", true);
        }
        e.put("meta-type", "command").put("arg-type", use(argType));
        features(e, features);
        entities.put(name, e);
    }

    public void event(String name, String argType) {
        entities.put(name, new JsonObject().put("name", name).put("meta-type", "event").put("arg-type", use(argType)));
    }

    /** The SchemaInfo list. */
    public JsonArray toJson() {
        JsonArray out = new JsonArray();
        for (JsonObject e : entities.values()) {
            out.add(e);
        }
        return out;
    }

    private static void features(JsonObject e, List<String> features) {
        if (!features.isEmpty()) {
            JsonArray fs = new JsonArray();
            features.forEach(fs::add);
            e.put("features", fs);
        }
    }

    /** A type reference: builtins are listed once, on first use. */
    private String use(String type) {
        String json = BUILTINS.get(type);
        if (json != null) {
            entities.putIfAbsent(type, new JsonObject().put("name", type).put("json-type", json)
                    .put("meta-type", "builtin"));
        } else if (!entities.containsKey(type)) {
            throw new IllegalArgumentException("schema type '" + type + "' used before it was defined");
        }
        return type;
    }

    private String define(JsonObject body) {
        String key = new String(JsonWriter.toWire(body), java.nio.charset.StandardCharsets.UTF_8);
        String known = byDefinition.get(key);
        if (known != null) {
            return known;
        }
        String name = Integer.toString(next++);
        JsonObject e = new JsonObject().put("name", name);
        for (JsonObject.Member m : body.members()) {
            e.put(m.key(), m.value());
        }
        entities.put(name, e);
        byDefinition.put(key, name);
        return name;
    }
}
