package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the emulator says about one QOM type, as QEMU reports it through QMP and {@code -device help}: the name,
 * parent, abstract flag and interfaces {@code qom-list-types} reports; whether qos-test may see it listed; for devices
 * whether a user may create it, whether it may be hot-plugged, the bus it plugs into, the help category and properties
 * {@code -device X,help} prints (with their parsers), the properties {@code qom-list} and {@code qom-get} show, and the
 * factory {@code -device}/{@code device_add} build it with. One descriptor per type, built with {@link #builder}; a
 * {@link TypeRegistry} holds those of one emulated binary.
 *
 * @param <C> what the machine hands device factories
 */
public final class TypeDescriptor<C> {
    private final String name;
    private final String parent;
    private final boolean isAbstract;
    private final List<String> interfaces;
    private final boolean listed;
    private final boolean userCreatable;
    private final boolean hotpluggable;
    private final String bus;
    private final String category;
    private final String description;
    private final List<PropertyDescriptor> properties;
    private final List<QomPropertyDescriptor> qomProperties;
    private final java.util.function.Function<QomObject, List<QomPropertyDescriptor>> qomDynamic;
    private final DeviceFactory<C> factory;
    private final QtreeLines qtree;
    private final String innerDevice;

    private TypeDescriptor(Builder<C> b) {
        this.name = b.name;
        this.parent = b.parent;
        this.isAbstract = b.isAbstract;
        this.interfaces = List.copyOf(b.interfaces);
        this.listed = b.listed;
        this.userCreatable = b.userCreatable;
        this.hotpluggable = b.hotpluggable;
        this.bus = b.bus;
        this.category = b.category;
        this.description = b.description;
        this.properties = List.copyOf(b.properties);
        this.qomProperties = List.copyOf(b.qomProperties);
        this.qomDynamic = b.qomDynamic;
        this.factory = b.factory;
        this.qtree = b.qtree;
        this.innerDevice = b.innerDevice;
    }

    /**
     * For a proxy device (a virtio-pci device), the type of the device it creates inside itself and whose
     * properties it shows as its own ({@code virtio-blk-device} in {@code virtio-blk-pci}); null for other types.
     * Globals aimed at that type apply to it.
     */
    public String innerDevice() {
        return innerDevice;
    }

    public static <C> Builder<C> builder(String name, String parent) {
        return new Builder<>(name, parent);
    }

    public String name() {
        return name;
    }

    /** The parent type, or null for a root ({@code object}, {@code interface}). */
    public String parent() {
        return parent;
    }

    public boolean isAbstract() {
        return isAbstract;
    }

    public List<String> interfaces() {
        return interfaces;
    }

    /**
     * Whether {@code qom-list-types} reports it. qos-test marks a driver available when its type is listed and then
     * starts it with {@code -device}, so a device QEMU has and our boards cannot plug stays unlisted.
     */
    public boolean listed() {
        return listed;
    }

    /** Whether a user may create it: false for board-internal devices ("expects a pluggable device type"). */
    public boolean userCreatable() {
        return userCreatable;
    }

    /** {@code DeviceClass.hotpluggable}. */
    public boolean hotpluggable() {
        return hotpluggable;
    }

    /** The bus type it plugs into ({@code PCI}, {@code sd-bus}), or null (system bus or none). */
    public String bus() {
        return bus;
    }

    /** The {@code -device help} heading it is listed under ({@code Misc devices}), or null. */
    public String category() {
        return category;
    }

    /** The {@code desc} {@code -device help} prints, or null. */
    public String description() {
        return description;
    }

    /** The qdev properties of the type itself and the ones it inherits that the help prints (sorted by name). */
    public List<PropertyDescriptor> properties() {
        return properties;
    }

    /** The property named {@code n}, or null. */
    public PropertyDescriptor property(String n) {
        for (PropertyDescriptor p : properties) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        return null;
    }

    /** The QOM properties this type adds to its parent's (its parent's come first). */
    public List<QomPropertyDescriptor> qomProperties() {
        return qomProperties;
    }

    /**
     * The QOM properties of {@code obj} whose set depends on the object itself (a bus's {@code child[N]} links),
     * after the declared ones; empty for most types.
     */
    public List<QomPropertyDescriptor> qomDynamicProperties(QomObject obj) {
        return qomDynamic == null ? List.of() : qomDynamic.apply(obj);
    }

    /** How {@code -device} builds it, or null when our boards cannot create it from the command line. */
    /** What {@code info qtree} adds for objects of this exact type (its subtypes inherit it), or null. */
    public QtreeLines qtree() {
        return qtree;
    }

    public DeviceFactory<C> factory() {
        return factory;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link TypeDescriptor}; defaults: concrete, listed, user-creatable, hot-pluggable, no bus. */
    public static final class Builder<C> {
        private final String name;
        private final String parent;
        private boolean isAbstract;
        private final List<String> interfaces = new ArrayList<>();
        private boolean listed = true;
        private boolean userCreatable = true;
        private boolean hotpluggable = true;
        private String bus;
        private String category;
        private String description;
        private final List<PropertyDescriptor> properties = new ArrayList<>();
        private final List<QomPropertyDescriptor> qomProperties = new ArrayList<>();
        private java.util.function.Function<QomObject, List<QomPropertyDescriptor>> qomDynamic;
        private DeviceFactory<C> factory;
        private QtreeLines qtree;
        private String innerDevice;

        private Builder(String name, String parent) {
            this.name = name;
            this.parent = parent;
        }

        public Builder<C> abstractType() {
            this.isAbstract = true;
            return this;
        }

        public Builder<C> interfaces(String... names) {
            interfaces.addAll(List.of(names));
            return this;
        }

        /** Known (for {@code isA} and {@code info qtree}) but not reported by {@code qom-list-types}. */
        public Builder<C> unlisted() {
            this.listed = false;
            return this;
        }

        public Builder<C> listed(boolean l) {
            this.listed = l;
            return this;
        }

        public Builder<C> notUserCreatable() {
            this.userCreatable = false;
            return this;
        }

        public Builder<C> notHotpluggable() {
            this.hotpluggable = false;
            return this;
        }

        public Builder<C> bus(String busType) {
            this.bus = busType;
            return this;
        }

        public Builder<C> category(String c) {
            this.category = c;
            return this;
        }

        public Builder<C> description(String d) {
            this.description = d;
            return this;
        }

        /** Adds properties; the help lists them sorted by name, as QEMU does. */
        public Builder<C> properties(List<PropertyDescriptor> ps) {
            properties.addAll(ps);
            properties.sort(PropertyDescriptor.BY_NAME);
            return this;
        }

        public Builder<C> properties(PropertyDescriptor... ps) {
            return properties(List.of(ps));
        }

        public Builder<C> qom(String propName, String qomType, java.util.function.Function<QomObject, Object> get) {
            qomProperties.add(new QomPropertyDescriptor(propName, qomType, get));
            return this;
        }

        /** QOM properties that depend on the object (a bus's {@code child[N]} links to its devices). */
        public Builder<C> qomDynamic(java.util.function.Function<QomObject, List<QomPropertyDescriptor>> f) {
            this.qomDynamic = f;
            return this;
        }

        public Builder<C> factory(DeviceFactory<C> f) {
            this.factory = f;
            return this;
        }

        /** The lines {@code info qtree} adds for this type's objects; see {@link QtreeLines}. */
        public Builder<C> qtree(QtreeLines lines) {
            this.qtree = lines;
            return this;
        }

        /** The device a proxy type creates inside itself; see {@link TypeDescriptor#innerDevice()}. */
        public Builder<C> innerDevice(String type) {
            this.innerDevice = type;
            return this;
        }

        public TypeDescriptor<C> build() {
            return new TypeDescriptor<>(this);
        }
    }
}
