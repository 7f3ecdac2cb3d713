package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The QOM types one emulated binary knows, one {@link TypeDescriptor} each, in registration order (the order
 * {@code qom-list-types} reports them). Every entry point that asks what a type is reads it: {@code -device},
 * {@code device_add}, {@code -device help}, {@code qom-list-types}, {@code qom-list}/{@code qom-get},
 * {@code info qtree}.
 *
 * @param <C> what the machine hands device factories
 */
public final class TypeRegistry<C> {
    private final Map<String, TypeDescriptor<C>> types = new LinkedHashMap<>();

    /** Registers {@code t}; its parent must be registered first. */
    public TypeRegistry<C> register(TypeDescriptor<C> t) {
        if (t.parent() != null && !types.containsKey(t.parent())) {
            throw new IllegalStateException("type " + t.name() + " names parent " + t.parent()
                    + " before it is known");
        }
        if (types.putIfAbsent(t.name(), t) != null) {
            throw new IllegalStateException("type " + t.name() + " is registered twice");
        }
        return this;
    }

    public TypeDescriptor<C> get(String name) {
        return types.get(name);
    }

    public boolean contains(String name) {
        return types.containsKey(name);
    }

    /** Every registered type, in registration order. */
    public List<TypeDescriptor<C>> all() {
        return Collections.unmodifiableList(new ArrayList<>(types.values()));
    }

    /** {@code t} and its ancestors, root first. */
    public List<TypeDescriptor<C>> lineage(String name) {
        List<TypeDescriptor<C>> out = new ArrayList<>();
        for (TypeDescriptor<C> t = types.get(name); t != null; t = t.parent() == null ? null : types.get(t.parent())) {
            out.addFirst(t);
        }
        return out;
    }

    /** True when {@code name} is {@code ancestor}, derives from it, or implements it (through any interface). */
    public boolean isA(String name, String ancestor) {
        return derivesOrImplements(name, ancestor);
    }

    private boolean derivesOrImplements(String name, String ancestor) {
        for (String cur = name; cur != null; ) {
            if (cur.equals(ancestor)) {
                return true;
            }
            TypeDescriptor<C> t = types.get(cur);
            if (t == null) {
                return false;
            }
            for (String i : t.interfaces()) {
                if (derivesOrImplements(i, ancestor)) {
                    return true;
                }
            }
            cur = t.parent();
        }
        return false;
    }

    /**
     * Whether a {@code type} is a {@code target} as QOM answers it: true when {@code target} is the type or one of its
     * ancestors; otherwise when exactly one of the interfaces the type and its ancestors implement is (or derives
     * from) {@code target}. Two matching interfaces make QEMU's cast ambiguous, and it fails: this is why
     * {@code device} (vmstate-if and resettable) is not listed for {@code implements=interface} while {@code bus}
     * is.
     */
    public boolean dynamicCast(String name, String target) {
        for (String cur = name; cur != null; ) {
            if (cur.equals(target)) {
                return true;
            }
            TypeDescriptor<C> t = types.get(cur);
            cur = t == null ? null : t.parent();
        }
        int matches = 0;
        Set<String> seen = new HashSet<>();
        for (String cur = name; cur != null; ) {
            TypeDescriptor<C> t = types.get(cur);
            if (t == null) {
                break;
            }
            for (String i : t.interfaces()) {
                if (seen.add(i) && derivesOrImplements(i, target)) {
                    matches++;
                }
            }
            cur = t.parent();
        }
        return matches == 1;
    }

    /** {@code qom-list-types}: the listed types implementing {@code implementsType} (null: all). */
    public List<TypeDescriptor<C>> list(String implementsType, boolean includeAbstract) {
        List<TypeDescriptor<C>> out = new ArrayList<>();
        for (TypeDescriptor<C> t : types.values()) {
            if (!t.listed() || (!includeAbstract && t.isAbstract())) {
                continue;
            }
            if (implementsType != null && !dynamicCast(t.name(), implementsType)) {
                continue;
            }
            out.add(t);
        }
        return Collections.unmodifiableList(out);
    }

    /** The declared QOM properties of objects of type {@code name}: its ancestors' first, then its own. */
    public List<QomPropertyDescriptor> qomProperties(String name) {
        List<QomPropertyDescriptor> out = new ArrayList<>();
        for (TypeDescriptor<C> t : lineage(name)) {
            out.addAll(t.qomProperties());
        }
        return out;
    }

    /**
     * The QOM properties {@code obj} has: for each type from the root down, the declared ones, then those that
     * depend on the object; properties an object lacks (a getter answering null) are left out.
     */
    public List<QomPropertyDescriptor> qomPropertiesOf(QomObject obj) {
        List<QomPropertyDescriptor> out = new ArrayList<>();
        for (TypeDescriptor<C> t : lineage(obj.typeName())) {
            for (QomPropertyDescriptor d : t.qomProperties()) {
                if (d.getter().apply(obj) != null) {
                    out.add(d);
                }
            }
            out.addAll(t.qomDynamicProperties(obj));
        }
        return out;
    }
}
