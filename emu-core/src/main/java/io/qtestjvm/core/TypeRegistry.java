package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QOM type names with their parents, abstract flags and interfaces, as {@code qom-list-types} reports them.
 * Holds names only: what a type builds is the business of whoever registered it.
 */
public final class TypeRegistry {
    /** One registered type. */
    public record TypeInfo(String name, String parent, boolean isAbstract, List<String> interfaces) {
    }

    private final Map<String, TypeInfo> types = new LinkedHashMap<>();

    public TypeRegistry register(String name, String parent, boolean isAbstract, String... interfaces) {
        types.put(name, new TypeInfo(name, parent, isAbstract, List.of(interfaces)));
        return this;
    }

    public TypeInfo get(String name) {
        return types.get(name);
    }

    public boolean contains(String name) {
        return types.containsKey(name);
    }

    /** True when {@code name} is {@code ancestor} or derives from it, or implements it as an interface. */
    public boolean isA(String name, String ancestor) {
        String cur = name;
        while (cur != null) {
            if (cur.equals(ancestor)) {
                return true;
            }
            TypeInfo t = types.get(cur);
            if (t == null) {
                return false;
            }
            for (String i : t.interfaces()) {
                if (isA(i, ancestor)) {
                    return true;
                }
            }
            cur = t.parent();
        }
        return false;
    }

    /** Types, optionally filtered like {@code qom-list-types implements=... abstract=...}. */
    public List<TypeInfo> list(String implementsType, boolean includeAbstract) {
        List<TypeInfo> out = new ArrayList<>();
        for (TypeInfo t : types.values()) {
            if (!includeAbstract && t.isAbstract()) {
                continue;
            }
            if (implementsType != null && !isA(t.name(), implementsType)) {
                continue;
            }
            out.add(t);
        }
        return Collections.unmodifiableList(out);
    }
}
