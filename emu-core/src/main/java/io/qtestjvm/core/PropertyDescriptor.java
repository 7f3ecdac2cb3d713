package io.qtestjvm.core;

import java.util.List;

/**
 * One qdev property of a device type: its name, value type, the description {@code -device X,help} prints, its
 * default (which may differ between the emulated QEMU releases), and whether {@code -device}/{@code device_add} may
 * set it here ({@code settable}); a property QEMU has and our model does not implement is listed in the help and
 * refused as {@code Property 'T.N' not found}, as before it was described.
 *
 * @param name        the property name
 * @param type        the value type, whose parser reads the text
 * @param description the help text after {@code - }, or null when QEMU prints none (then no default either)
 * @param defaults    the default as printed, per release ({@link VersionedValue}); empty when QEMU prints none
 * @param settable    whether a user may set it on our model
 */
public record PropertyDescriptor(String name, PropertyType type, String description, List<VersionedValue> defaults,
                                 boolean settable) {
    /**
     * Orders properties by name, as QEMU's help lists them. Our own lambda rather than
     * {@code Comparator.comparing(PropertyDescriptor::name)}: the JDK's {@code comparing} returns a serializable
     * lambda of {@code java.util.Comparator}, whose class the AOT cache does not hold and the JDK makes at run time
     * (bytecode generation, ~3 ms of a cold start); the same holds for {@code comparingInt} and {@code thenComparing}.
     */
    public static final java.util.Comparator<PropertyDescriptor> BY_NAME = (a, b) -> a.name().compareTo(b.name());

    /**
     * A value that holds from release {@code major.minor} on (until a later entry takes over).
     *
     * @param major the first QEMU major version with this value
     * @param minor its minor version
     * @param value the value as QEMU prints it
     */
    public record VersionedValue(int major, int minor, String value) {
    }

    public PropertyDescriptor {
        defaults = List.copyOf(defaults);
    }

    /** A settable property with a description and one default for every release. */
    public static PropertyDescriptor of(String name, PropertyType type, String description, String dflt) {
        return new PropertyDescriptor(name, type, description,
                dflt == null ? List.of() : List.of(new VersionedValue(0, 0, dflt)), true);
    }

    /** The same property, listed in the help but not settable on our model. */
    public PropertyDescriptor helpOnly() {
        return new PropertyDescriptor(name, type, description, defaults, false);
    }

    /** The same property with a different default from release {@code major.minor} on. */
    public PropertyDescriptor since(int major, int minor, String value) {
        List<VersionedValue> d = new java.util.ArrayList<>(defaults);
        d.add(new VersionedValue(major, minor, value));
        d.sort((a, b) -> a.major() != b.major() ? Integer.compare(a.major(), b.major())
                : Integer.compare(a.minor(), b.minor()));
        return new PropertyDescriptor(name, type, description, d, settable);
    }

    /** The default under release {@code major.minor}, or null when QEMU prints none. */
    public String defaultFor(int major, int minor) {
        String v = null;
        for (VersionedValue d : defaults) {
            if (d.major() < major || (d.major() == major && d.minor() <= minor)) {
                v = d.value();
            }
        }
        return v;
    }

    /**
     * The line {@code -device X,help} prints for this property under release {@code major.minor}
     * (as QEMU 7.2 prints it: the name and type padded to 22 columns after two spaces, {@code " - "}, the
     * description and {@code " (default: ...)"}; or just the name and type without a description).
     */
    public String helpLine(int major, int minor) {
        String head = name + "=<" + type.helpName() + ">";
        if (description == null) {
            return "  " + head;
        }
        String dflt = defaultFor(major, minor);
        return String.format("  %-22s - %s%s", head, description, dflt == null ? "" : " (default: " + dflt + ")");
    }
}
