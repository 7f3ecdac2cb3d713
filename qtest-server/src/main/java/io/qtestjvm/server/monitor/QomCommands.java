package io.qtestjvm.server.monitor;

import io.qtestjvm.core.QomPropertyDescriptor;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.QomPath;
import io.qtestjvm.server.board.QomTypes;
import io.qtestjvm.server.qmp.JsonArray;
import io.qtestjvm.server.qmp.JsonBool;
import io.qtestjvm.server.qmp.JsonNumber;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qmp.JsonString;
import io.qtestjvm.server.qmp.JsonValue;
import io.qtestjvm.server.qmp.QmpArgs;
import io.qtestjvm.server.qmp.QmpError;
import io.qtestjvm.server.qmp.QmpErrorClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code qom-list}, {@code qom-get} and {@code qom-set} : the properties of an object of the composition tree.
 * We expose {@code type}, the children ({@code child<T>}, whose value is the child's canonical path), a bus's
 * devices ({@code child[N]} links), and the device properties our models have: {@code realized}, and for PCI
 * functions {@code parent_bus}, {@code addr} (the devfn), {@code multifunction}; edu's {@code dma_mask}.
 * QEMU lists many more (e.g. the machine's {@code kernel} or {@code smp}); those are absent here.
 */
final class QomCommands {
    private final QomObject root;
    private final QomTypes types;

    QomCommands(QomObject root, QomTypes types) {
        this.root = root;
        this.types = types;
    }

    /** ObjectPropertyInfo list: {@code name} and {@code type} only, as 7.2 and 10.2 fill it for qom-list. */
    JsonValue qomList(QmpArgs args) {
        String path = args.requiredString("path");
        args.end();
        QomObject obj = resolve(path, true);
        JsonArray out = new JsonArray();
        for (QomProperty p : properties(obj, types)) {
            out.add(new JsonObject().put("name", p.name()).put("type", p.type()));
        }
        return out;
    }

    JsonValue qomGet(QmpArgs args) {
        String path = args.requiredString("path");
        String property = args.requiredString("property");
        args.end();
        QomObject obj = resolve(path, false);
        for (QomProperty p : properties(obj, types)) {
            if (p.name().equals(property)) {
                return p.value().get();
            }
        }
        throw QmpError.generic("Property '" + obj.typeName() + "." + property + "' not found");
    }

    /**
     * {@code qom-set}: arguments checked in schema order (path, property, value; a missing {@code value} is
     * "Parameter 'value' is missing"), then the object and the property as qom-get finds them. The properties here
     * are read-only views of the models, so an existing one answers "Property 'T.P' is not writable", QEMU's answer
     * for {@code type} and {@code child<>} properties; QEMU has setters for some device properties (e.g.
     * {@code realized}) that are not modelled.
     */
    JsonValue qomSet(QmpArgs args) {
        String path = args.requiredString("path");
        String property = args.requiredString("property");
        args.requiredAny("value");
        args.end();
        QomObject obj = resolve(path, false);
        for (QomProperty p : properties(obj, types)) {
            if (p.name().equals(property)) {
                throw QmpError.generic("Property '" + obj.typeName() + "." + property + "' is not writable");
            }
        }
        throw QmpError.generic("Property '" + obj.typeName() + "." + property + "' not found");
    }

    /**
     * object_resolve_path: qom-list reports an ambiguous partial path as such, qom-get (which passes no
     * {@code ambiguous} pointer) as not found.
     */
    private QomObject resolve(String path, boolean reportAmbiguous) {
        QomObject obj = QomPath.resolve(root, path);
        if (obj != null) {
            return obj;
        }
        if (reportAmbiguous && isAmbiguous(path)) {
            throw QmpError.generic("Path '" + path + "' is ambiguous");
        }
        throw new QmpError(QmpErrorClass.DeviceNotFound, "Device '" + path + "' not found");
    }

    private boolean isAmbiguous(String path) {
        if (path.isEmpty()) {
            return true; // QEMU 7.2: the empty partial path matches every object
        }
        if (path.startsWith("/")) {
            return false;
        }
        String[] parts = path.split("/", -1);
        int matches = 0;
        for (QomObject o : root.descendants()) {
            QomObject cur = o;
            boolean match = true;
            for (int i = parts.length - 1; i >= 0 && match; i--) {
                match = cur != null && cur.parent() != null && parts[i].equals(cur.name());
                cur = cur == null ? null : cur.parent();
            }
            if (match) {
                matches++;
            }
        }
        return matches > 1;
    }

    /**
     * The properties of {@code obj}: {@code type} first, then the ones its type's descriptor and its ancestors'
     * declare ({@link QomPropertyDescriptor}; those an object lacks read null and are left out; a bus's
     * {@code child[N]} links come from its descriptor too), the object's own string properties, then the children.
     */
    static List<QomProperty> properties(QomObject obj, QomTypes types) {
        List<QomProperty> out = new ArrayList<>();
        out.add(new QomProperty("type", "string", () -> new JsonString(obj.typeName())));
        for (QomPropertyDescriptor d : types.registry().qomPropertiesOf(obj)) {
            out.add(new QomProperty(d.name(), d.qomType(), () -> json(d.qomType(), d.getter().apply(obj))));
        }
        for (Map.Entry<String, String> e : obj.properties().entrySet()) {
            String v = e.getValue();
            out.add(new QomProperty(e.getKey(), "string", () -> new JsonString(v)));
        }
        for (QomObject c : obj.childObjects()) {
            out.add(new QomProperty(c.name(), "child<" + c.typeName() + ">", () -> new JsonString(c.path())));
        }
        return out;
    }

    /** A descriptor's value as qom-get returns it: bools, unsigned {@code uint*}, signed integers, strings. */
    private static JsonValue json(String qomType, Object v) {
        if (v instanceof Boolean b) {
            return JsonBool.of(b);
        }
        if (v instanceof Long l) {
            return qomType.startsWith("uint") ? JsonNumber.ofUnsigned(l) : JsonNumber.ofLong(l);
        }
        return new JsonString(String.valueOf(v));
    }
}
