package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the QOM composition tree: a type name and named children, so that {@code /machine/...} paths
 * resolve as in QEMU 7.2 (checked with {@code qom-list}/{@code qom-get} over QMP). Properties shown by
 * {@code qom-list}/{@code qom-get} are the children plus what a subclass adds in {@link #properties()}.
 */
public class QomObject {
    private final String typeName;
    private QomObject parent;
    private String name;
    private final LinkedHashMap<String, QomObject> children = new LinkedHashMap<>();
    private final Map<String, Integer> nextIndex = new HashMap<>();

    public QomObject(String typeName) {
        this.typeName = typeName;
    }

    public final String typeName() {
        return typeName;
    }

    public final QomObject parent() {
        return parent;
    }

    public final String name() {
        return name;
    }

    public final Map<String, QomObject> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Adds a child under {@code childName} (a {@code child<type>} property). */
    public final <T extends QomObject> T addChild(String childName, T child) {
        if (children.containsKey(childName)) {
            throw new IllegalArgumentException("duplicate child '" + childName + "' under " + path());
        }
        QomObject c = child;
        if (c.parent != null) {
            throw new IllegalArgumentException("'" + c.path() + "' already has a parent");
        }
        c.parent = this;
        c.name = childName;
        children.put(childName, c);
        return child;
    }

    /**
     * Adds a child as {@code prefix[N]}, N counting up per prefix as QEMU's {@code device[N]} slots
     * (qdev_set_id, device_set_realized): a slot freed by an unplug is not handed out again.
     */
    public final <T extends QomObject> T addChildIndexed(String prefix, T child) {
        int i = nextIndex.getOrDefault(prefix, 0);
        while (children.containsKey(prefix + "[" + i + "]")) {
            i++;
        }
        T added = addChild(prefix + "[" + i + "]", child);
        nextIndex.put(prefix, i + 1);
        return added;
    }

    public final void removeChild(QomObject child) {
        if (child.parent == this && children.remove(child.name, child)) {
            child.parent = null;
        }
    }

    public final QomObject child(String childName) {
        return children.get(childName);
    }

    public final QomObject root() {
        QomObject o = this;
        while (o.parent != null) {
            o = o.parent;
        }
        return o;
    }

    /** The canonical path; the root is {@code /}. */
    public final String path() {
        if (parent == null) {
            return "/";
        }
        String p = parent.path();
        return (p.equals("/") ? "" : p) + "/" + name;
    }

    /** Extra read-only properties beyond the children ({@code type} is always there). */
    public Map<String, String> properties() {
        return Map.of();
    }

    /** Every object below this one, depth first, this one first. */
    public final List<QomObject> descendants() {
        List<QomObject> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(QomObject o, List<QomObject> out) {
        out.add(o);
        for (QomObject c : o.children.values()) {
            collect(c, out);
        }
    }

    public final Collection<QomObject> childObjects() {
        return children.values();
    }

    @Override
    public String toString() {
        return typeName + "@" + path();
    }
}
