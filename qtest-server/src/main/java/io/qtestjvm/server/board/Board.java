package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.DeviceCatalog;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.QtestTarget;

import io.qtestjvm.server.qmp.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    /** Work QEMU leaves to its main loop (bottom halves, RCU callbacks, reset requests), run by {@link #runDeferred}. */
    private final List<Runnable> deferred = new ArrayList<>();
    /** Devices a {@code device_del} asked to remove and the guest has not ejected yet ({@code pending_deleted_event}). */
    private final Set<Device> unplugPending = new HashSet<>();
    private boolean resetRequested;
    /** Images opened for devices, flushed on exit ({@link #flush}). */
    private final List<io.qtestjvm.devices.block.BlockBackend> blockBackends = new ArrayList<>();
    /** Ids of the drives a device took ({@code blk_attach_dev}: a drive backs one device). */
    private final Set<String> claimedDrives = new HashSet<>();

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

    /**
     * Forgets a device its bus has already unplugged and unrealized: out of the tree and of reset, then
     * {@code DEVICE_DELETED} ({@code "device"} only when it has an id, and its QOM path) from the main loop, as QEMU
     * sends it when the device is finalized after an RCU grace period (hw/core/qdev.c {@code device_finalize}).
     */
    protected final void forget(Device device) {
        String path = device.path();
        devices.remove(device);
        unplugPending.remove(device);
        if (device.parent() != null) {
            device.parent().removeChild(device);
        }
        JsonObject data = new JsonObject();
        if (device.id() != null) {
            data.put("device", device.id());
        }
        data.put("path", path);
        defer(() -> emitEvent("DEVICE_DELETED", data));
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

    /** The {@code -device ...: } prefix of a device error, the options as given ({@code ,} doubled in values). */
    protected static String deviceErrorPrefix(QemuOpts opts) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String k : opts.keys()) {
            parts.add(k.equals("driver") ? opts.get(k).replace(",", ",,") : k + "=" + opts.get(k));
        }
        return "-device " + String.join(",", parts) + ": ";
    }

    /**
     * qdev-monitor.c's first checks of a {@code -device}: a driver is named and is a device model we know; returns
     * its catalogue entry.
     */
    protected static DeviceCatalog.Entry knownDriver(QemuOpts opts, String where)
            throws StartupException {
        String driver = opts.get("driver");
        if (driver == null) {
            throw new StartupException(where + "Parameter 'driver' is missing");
        }
        DeviceCatalog.Entry e = DeviceCatalog.find(driver);
        if (e == null) {
            throw new StartupException(where + "'" + driver + "' is not a valid device model name");
        }
        return e;
    }

    /** A known driver whose bus this board does not have. */
    protected static StartupException noBus(String where, DeviceCatalog.Entry e,
                                            String driver) {
        return new StartupException(where + "No '" + e.bus() + "' bus found for device '" + driver + "'");
    }

    /** Creates and plugs one {@code -device} (or QMP {@code device_add}). */
    public abstract Device plug(QemuOpts opts) throws StartupException;

    /**
     * Creates and plugs a device for QMP {@code device_add} ({@code hotplugged}): the checks of {@link #plug}, with
     * QEMU's bare messages (no {@code -device ...:} prefix). Boards without a hotplug-capable bus refuse.
     */
    public Device hotplug(QemuOpts opts) throws StartupException {
        String driver = opts.get("driver");
        if (driver == null) {
            throw new StartupException("Parameter 'driver' is missing");
        }
        throw new StartupException("'" + driver + "' is not a valid device model name");
    }

    /**
     * {@code qdev_unplug}: asks the device's hotplug handler to remove {@code device}; the removal may complete
     * later (pc: when the guest ejects the slot). Throws with QEMU's message when the device or its bus cannot be
     * unplugged.
     */
    public void unplugRequest(Device device) throws StartupException {
        throw new StartupException("Device '" + device.typeName() + "' does not support hotplugging");
    }

    /** Marks {@code device} as being unplugged (a repeated {@code device_del} is refused until it is gone). */
    protected final void markUnplugPending(Device device) {
        unplugPending.add(device);
    }

    public final boolean unplugPending(Device device) {
        return unplugPending.contains(device);
    }

    /** {@code qemu_devices_reset}: every device back to its power-on state; RAM keeps its contents. */
    public void reset() {
        for (Device d : List.copyOf(devices)) {
            if (devices.contains(d)) { // a reset may remove devices (pending ACPI ejects)
                d.reset();
            }
        }
    }

    /**
     * {@code qemu_system_reset}: the device reset, then the {@code RESET} event
     * {@code {"guest": G, "reason": R}} (softmmu/runstate.c; qapi/run-state.json ShutdownCause).
     */
    public final void systemReset(boolean guest, String reason) {
        reset();
        emitEvent("RESET", new JsonObject().put("guest", guest).put("reason", reason));
    }

    /**
     * {@code qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET)}: a guest register write asks for a reset; QEMU
     * only records it and its main loop resets the machine once the current I/O handler returned, so a device is
     * never reset from inside its own register write.
     */
    public final void requestGuestReset() {
        if (!resetRequested) {
            resetRequested = true;
            defer(() -> {
                resetRequested = false;
                systemReset(true, "guest-reset");
            });
        }
    }

    /** Leaves {@code work} to the main loop ({@link #runDeferred}), after the command being executed. */
    protected final void defer(Runnable work) {
        deferred.add(work);
    }

    /**
     * Runs the work left to the main loop, in order, including work it leaves in turn. Called by the event loop
     * after each wake-up and by the in-JVM entry after each command.
     */
    public final void runDeferred() {
        while (!deferred.isEmpty()) {
            deferred.removeFirst().run();
        }
    }

    public final boolean hasDeferred() {
        return !deferred.isEmpty();
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

    /** Closes the machine (the in-JVM backend): images flushed, guest RAM unmapped. */
    public void close() {
        flush();
        systemMemory.releaseRam();
    }

    /** Flushes what must survive the process (the images of block devices) before exit. */
    public void flush() {
        for (io.qtestjvm.devices.block.BlockBackend b : blockBackends) {
            b.flush();
        }
    }

    /** Remembers an image a device uses, so that {@link #flush} reaches it ({@code null} is ignored). */
    protected final void keepBackend(io.qtestjvm.devices.block.BlockBackend backend) {
        if (backend != null) {
            blockBackends.add(backend);
        }
    }

    /** The ids of the drives devices have taken so far (a later device asking for one is refused). */
    protected final Set<String> claimedDrives() {
        return claimedDrives;
    }
}
