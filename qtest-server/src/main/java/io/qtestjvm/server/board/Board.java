package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.QtestTarget;

import io.qtestjvm.server.qmp.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A machine (QEMU's {@code MachineState} and its board init): the QOM tree under {@code /machine}, system memory
 * and the I/O port space, the clocks, and the devices in creation order so that {@link #reset()} reaches all of
 * them. A board builds its fixed hardware in its constructor and plugs {@code -device}s in {@link #plug}.
 */
public abstract class Board implements QtestTarget {
    private final QomObject root = new QomObject("container");
    protected final QomObject machine;
    protected final QomObject peripheral;
    protected final QomObject peripheralAnon;
    protected final QomObject unattached;
    protected final Clock virtualClock = Clock.virtual();
    protected final Clock hostClock = Clock.host();
    protected final MemoryRegion systemMemory = MemoryRegion.containerOfWholeSpace("system");
    protected final MemoryRegion systemIo = MemoryRegion.container("io", 0x10000);
    protected final AddressSpace memory;
    protected final AddressSpace io;
    private final List<Device> devices = new ArrayList<>();
    protected final MachineConfig config;
    private BiConsumer<String, JsonObject> eventSink = (name, data) -> { };

    protected Board(String machineTypeName, MachineConfig config, boolean bigEndian) {
        this.config = config;
        this.machine = root.addChild("machine", new QomObject(machineTypeName));
        this.unattached = machine.addChild("unattached", new QomObject("container"));
        this.peripheral = machine.addChild("peripheral", new QomObject("container"));
        this.peripheralAnon = machine.addChild("peripheral-anon", new QomObject("container"));
        this.memory = AddressSpace.memory("memory", systemMemory, bigEndian);
        this.io = AddressSpace.io("I/O", systemIo, bigEndian);
    }

    @Override
    public final AddressSpace cpuMemory() {
        return memory;
    }

    @Override
    public final AddressSpace ioPorts() {
        return io;
    }

    @Override
    public final Clock virtualClock() {
        return virtualClock;
    }

    public final Clock hostClock() {
        return hostClock;
    }

    @Override
    public final QomObject qomRoot() {
        return root;
    }

    public final MachineConfig config() {
        return config;
    }

    /** Registers a board-internal device at {@code /machine/unattached/device[N]} unless it is placed elsewhere. */
    protected final <T extends Device> T internal(T device) {
        if (device.parent() == null) {
            unattached.addChildIndexed("device", device);
        }
        devices.add(device);
        device.realize();
        return device;
    }

    /** Registers a device placed by the board under a named parent (e.g. {@code /machine/i440fx/ioapic}). */
    protected final <T extends Device> T internal(QomObject parent, String name, T device) {
        parent.addChild(name, device);
        return internal(device);
    }

    /** Registers a user device ({@code -device}) under peripheral/ID or peripheral-anon/device[N]. */
    protected final <T extends Device> T user(String id, T device) {
        if (id != null) {
            device.setId(id);
            peripheral.addChild(id, device);
        } else {
            peripheralAnon.addChildIndexed("device", device);
        }
        devices.add(device);
        device.realize();
        return device;
    }

    /** Forgets an unplugged device: out of the tree and of reset. */
    protected final void forget(Device device) {
        devices.remove(device);
        if (device.parent() != null) {
            device.parent().removeChild(device);
        }
        device.unrealize();
    }

    public final List<Device> devices() {
        return Collections.unmodifiableList(devices);
    }

    /** Plugs every {@code -device} of the configuration, in order. */
    public final void plugConfiguredDevices() throws StartupException {
        for (QemuOpts d : config.devices()) {
            plug(d);
        }
    }

    /** Creates and plugs one {@code -device} (or QMP {@code device_add}). */
    public abstract Device plug(QemuOpts opts) throws StartupException;

    /** {@code qemu_system_reset}: every device back to its power-on state; RAM keeps its contents. */
    public void reset() {
        for (Device d : devices) {
            d.reset();
        }
    }

    /** Runs the timers of host-following clocks whose deadline has passed (called by the event loop). */
    public void runHostTimers() {
        hostClock.runExpired();
    }

    /** The earliest host-clock deadline, in host-clock nanoseconds, or -1 when none is armed. */
    public long nextHostDeadline() {
        return hostClock.nextDeadline();
    }

    /** Where the machine's QMP events go (the monitor's sessions). */
    public final void setEventSink(BiConsumer<String, JsonObject> sink) {
        this.eventSink = sink;
    }

    /** Emits a QMP event ({@code data} may be null for events without data). */
    protected final void emitEvent(String name, JsonObject data) {
        eventSink.accept(name, data);
    }

    /** Flushes what must survive the process (block backends) before exit. */
    public void flush() {
    }
}
