package io.qtestjvm.core;

import java.util.List;

/**
 * Where a type's {@link QtreeLines} write what {@code info qtree} shows for one of its objects: lines at the
 * object's indentation, and buses whose devices the printer then walks one level deeper.
 */
public interface QtreeSink {
    /** One line at the current indentation. */
    void line(String text);

    /** A bus below the current device: its name, its type as printed, its devices in the order they are printed. */
    void bus(String name, String type, List<? extends Device> devices);

    /** The machine's devices of a QOM kind (e.g. {@code isa-device}) that sit on no PCI bus, newest first. */
    List<Device> devicesOf(String kind);
}
