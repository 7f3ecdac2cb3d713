package io.qtestjvm.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A processor as QOM shows it ({@code TYPE_CPU}, a device of type {@code <model>-<target>-cpu}): its index in the
 * machine ({@code cpu-index} of {@code query-cpus-fast}), the topology position the board gave it, and the values of
 * its model's properties ({@code -cpu MODEL,prop=val} and the model's defaults), which {@code qom-get} reads through
 * the type's descriptor. Under qtest no processor executes, so this is all a CPU is here; subclasses add the inputs
 * an architecture's interrupt controllers drive.
 */
public abstract class CpuDevice extends Device {
    private final int index;
    private final Map<String, Object> values = new LinkedHashMap<>();

    protected CpuDevice(String typeName, int index) {
        super(typeName);
        this.index = index;
    }

    /** {@code cpu-index}: the order the board created the CPUs in, from 0. */
    public final int index() {
        return index;
    }

    /** A property value ({@link Boolean}, {@link Long}, {@link String}), or null when the model lacks it. */
    public final Object value(String name) {
        return values.get(name);
    }

    /** Sets a property value (the model's default, then the command line's, then the board's topology IDs). */
    public final void setValue(String name, Object value) {
        values.put(name, value);
    }

    /** A numeric property, or {@code fallback} when unset. */
    public final long longValue(String name, long fallback) {
        return values.get(name) instanceof Long l ? l : fallback;
    }
}
