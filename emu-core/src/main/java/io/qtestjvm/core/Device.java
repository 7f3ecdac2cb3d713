package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device ({@code DeviceState}): realize/reset life cycle and named GPIO lists. The unnamed lists are stored
 * under {@link #UNNAMED}; qtest's {@code set_irq_in} names the unnamed input list {@code unnamed-gpio-in}.
 */
public abstract class Device extends QomObject {
    /** Key of the unnamed GPIO lists (QOM shows them without a list name). */
    public static final String UNNAMED = "";

    private final Map<String, Irq[]> gpioIn = new LinkedHashMap<>();
    private final Map<String, GpioOut[]> gpioOut = new LinkedHashMap<>();
    private String id;
    private boolean realized;

    protected Device(String typeName) {
        super(typeName);
    }

    /** The user-given {@code id=} or null. */
    public final String id() {
        return id;
    }

    public final void setId(String id) {
        this.id = id;
    }

    public final boolean realized() {
        return realized;
    }

    /** Realizes the device once; subclasses build their regions and wiring in {@link #doRealize()}. */
    public final void realize() {
        if (!realized) {
            doRealize();
            realized = true;
            reset();
        }
    }

    protected void doRealize() {
    }

    /** Puts the device back in its power-on state (QMP {@code system_reset}); RAM is not a device. */
    public abstract void reset();

    /** Releases what the device holds (regions, backends) when it is unplugged. */
    public void unrealize() {
    }

    protected final Irq[] initGpioIn(String listName, IrqHandler handler, int count) {
        Irq[] existing = gpioIn.get(listName);
        int base = existing == null ? 0 : existing.length;
        Irq[] list = existing == null ? new Irq[count] : Arrays.copyOf(existing, base + count);
        for (int i = 0; i < count; i++) {
            list[base + i] = new Irq(handler, base + i); // a second list of the same name continues the numbering
        }
        gpioIn.put(listName, list);
        return list;
    }

    protected final GpioOut[] initGpioOut(String listName, int count) {
        GpioOut[] list = new GpioOut[count];
        for (int i = 0; i < count; i++) {
            list[i] = new GpioOut();
        }
        GpioOut[] existing = gpioOut.get(listName);
        if (existing != null) {
            GpioOut[] merged = Arrays.copyOf(existing, existing.length + count);
            System.arraycopy(list, 0, merged, existing.length, count);
            list = merged;
        }
        gpioOut.put(listName, list);
        return list;
    }

    /** The input line {@code n} of list {@code listName}, or null. */
    public final Irq gpioIn(String listName, int n) {
        Irq[] list = gpioIn.get(listName);
        return list == null || n < 0 || n >= list.length ? null : list[n];
    }

    public final GpioOut gpioOut(String listName, int n) {
        GpioOut[] list = gpioOut.get(listName);
        return list == null || n < 0 || n >= list.length ? null : list[n];
    }

    public final Map<String, Irq[]> gpioInLists() {
        return gpioIn;
    }

    public final Map<String, GpioOut[]> gpioOutLists() {
        return gpioOut;
    }

    /** Properties shown by {@code info qtree}: name to printed value. */
    public List<String[]> qtreeProperties() {
        return new ArrayList<>();
    }
}
