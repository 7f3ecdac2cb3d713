package io.qtestjvm.server.board;

import io.qtestjvm.core.CpuDevice;
import io.qtestjvm.server.board.cpu.CpuCatalog;
import io.qtestjvm.server.board.cpu.CpuSpec;
import java.util.Map;
import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.PropertyDescriptor;
import io.qtestjvm.core.PropertyException;
import io.qtestjvm.core.PropertyType;
import io.qtestjvm.core.PropertyValues;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.TypeDescriptor;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.devices.sd.SdhciPci;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.SparseRam;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.InternalErrors;
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
    private boolean netdevsOpen;
    protected final MachineConfig config;
    private final QomTypes types;
    private BiConsumer<String, JsonObject> eventSink = (name, data) -> { };
    /** Work QEMU leaves to its main loop (bottom halves, RCU callbacks, reset requests), run by {@link #runDeferred}. */
    private final List<Runnable> deferred = new ArrayList<>();
    private Runnable guestShutdownAction = () -> { };
    /** Devices a {@code device_del} asked to remove and the guest has not ejected yet ({@code pending_deleted_event}). */
    private final Set<Device> unplugPending = new HashSet<>();
    private boolean resetRequested;
    private final InternalErrors internalErrors = new InternalErrors(System.err);
    /** Images opened for devices, flushed on exit ({@link #flush}). */
    private final List<io.qtestjvm.devices.block.BlockBackend> blockBackends = new ArrayList<>();
    /** The {@code -netdev} back ends and the NICs joined to them. */
    private final io.qtestjvm.server.net.NetStack net = new io.qtestjvm.server.net.NetStack(hostClock);
    /** Ids of the drives a device took ({@code blk_attach_dev}: a drive backs one device). */
    private final Set<String> claimedDrives = new HashSet<>();
    /** The CPUs in creation order ({@code cpu-index}), each with its topology IDs. */
    private final List<CpuSlot> cpus = new ArrayList<>();

    /**
     * A CPU the board created and its position as {@code query-cpus-fast} reports it ({@code props}: the
     * topology IDs of the machine's possible-CPU slot, null on a machine without CPU slots).
     */
    public record CpuSlot(CpuDevice cpu, JsonObject props) {
    }
    /** The images of -drive and -blockdev as the QMP block commands see them. */
    private final BlockLayer blocks;

    protected Board(String machineTypeName, MachineConfig config, boolean bigEndian) {
        this.config = config;
        this.types = config.types();
        net.setDeviceIds(this::nicDeviceId);
        this.machine = root.addChild("machine", new QomObject(machineTypeName));
        this.unattached = machine.addChild("unattached", new QomObject("container"));
        this.peripheral = machine.addChild("peripheral", new QomObject("container"));
        this.peripheralAnon = machine.addChild("peripheral-anon", new QomObject("container"));
        this.memory = AddressSpace.memory("memory", systemMemory, bigEndian);
        this.io = AddressSpace.io("I/O", systemIo, bigEndian);
        this.blocks = new BlockLayer(config, claimedDrives, this::defer);
    }

    /** The machine's block layer (query-block, block_resize, devices' drive=). */
    public final BlockLayer blocks() {
        return blocks;
    }

    @Override
    public final AddressSpace cpuMemory() {
        return memory;
    }

    @Override
    public final AddressSpace ioPorts() {
        return io;
    }

    /** Block requests in flight complete before the clock moves (qtest {@code clock_step}/{@code clock_set}). */
    @Override
    public final void finishBlockIo() {
        blocks.drain();
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

    @Override
    public final InternalErrors internalErrors() {
        return internalErrors;
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

    /**
     * Registers a CPU the board builds: its model's property values, then {@code -cpu}'s (when it is of the
     * configured model), then {@code board} (the topology IDs the board assigns), placed under {@code parent} as
     * {@code name} (null: {@code /machine/unattached/device[N]}).
     */
    protected final <T extends CpuDevice> T cpu(T cpu, QomObject parent, String name,
            JsonObject props, Map<String, Object> board) {
        CpuCatalog catalog = config.cpuCatalog();
        for (Map.Entry<String, Object> e : catalog.initialValues(cpu.typeName()).entrySet()) {
            cpu.setValue(e.getKey(), e.getValue());
        }
        CpuSpec spec = config.cpuSpec();
        if (spec != null && spec.type().equals(cpu.typeName())) {
            for (Map.Entry<String, Object> e : spec.values().entrySet()) {
                cpu.setValue(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : board.entrySet()) {
            cpu.setValue(e.getKey(), e.getValue());
        }
        if (parent != null) {
            parent.addChild(name, cpu);
        }
        internal(cpu);
        cpus.add(new CpuSlot(cpu, props));
        return cpu;
    }

    /** The CPUs in {@code cpu-index} order. */
    public final List<CpuSlot> cpus() {
        return Collections.unmodifiableList(cpus);
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
     * sends it when the device is finalized after an RCU grace period.
     */
    protected final void forget(Device device) {
        String path = device.path();
        if (device instanceof io.qtestjvm.devices.virtio.VirtioPci p
                && p.device() instanceof io.qtestjvm.devices.virtio.VirtioNet nic) {
            net.detachNic(nic); // its back end may serve a new NIC
        }
        devices.remove(device);
        unplugPending.remove(device);
        blocks.deviceGone(device);
        if (device.parent() != null) {
            device.parent().removeChild(device);
        }
        List<JsonObject> deleted = new ArrayList<>();
        deletedEvents(device, path, deleted);
        defer(() -> deleted.forEach(data -> emitEvent("DEVICE_DELETED", data)));
    }

    /**
     * The {@code DEVICE_DELETED} data of {@code device} and of the devices among its QOM children (a virtio-pci
     * proxy's {@code virtio-backend}), children first, as Debian's QEMU 7.2 sends them (observed on device_del of
     * virtio-*-pci: the backend's event, path only, then the proxy's; {@code TraceDiffRunnerTest}).
     */
    private static void deletedEvents(QomObject obj, String path, List<JsonObject> out) {
        for (QomObject c : obj.childObjects()) {
            deletedEvents(c, path + "/" + c.name(), out);
        }
        if (obj instanceof Device d) {
            JsonObject data = new JsonObject();
            if (d.id() != null) {
                data.put("device", d.id());
            }
            data.put("path", path);
            out.add(data);
        }
    }

    public final List<Device> devices() {
        return Collections.unmodifiableList(devices);
    }

    /**
     * Makes the {@code -netdev} back ends (sockets connect or listen now), once: QEMU makes them before the board, so
     * their errors come before the board's own.
     */
    public final void openNetdevs() throws StartupException {
        if (!netdevsOpen) {
            netdevsOpen = true;
            net.open(config.netdevs());
        }
    }

    /** Plugs every {@code -device} of the configuration, in order (the back ends made first if they are not yet). */
    public final void plugConfiguredDevices() throws StartupException {
        openNetdevs();
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
     * QEMU's first checks of a {@code -device}: a driver is named and is a device model {@code -device}
     * offers on this binary; returns its descriptor.
     */
    protected final TypeDescriptor<DeviceContext> knownDriver(QemuOpts opts, String where)
            throws StartupException {
        String driver = opts.get("driver");
        if (driver == null) {
            throw new StartupException(where + "Parameter 'driver' is missing");
        }
        TypeDescriptor<DeviceContext> t = types.get(driver);
        if (t == null || t.factory() == null) {
            throw new StartupException(where + "'" + driver + "' is not a valid device model name");
        }
        return t;
    }

    /** A known driver whose bus this board does not have. */
    protected static StartupException noBus(String where, TypeDescriptor<?> t, String driver) {
        return new StartupException(where + "No '" + t.bus() + "' bus found for device '" + driver + "'");
    }

    /** The machine's QOM types, which {@code -device}, {@code device_add} and the monitor read. */
    public final QomTypes types() {
        return types;
    }

    /** Creates and plugs one {@code -device} (or QMP {@code device_add}). */
    public abstract Device plug(QemuOpts opts) throws StartupException;

    /**
     * {@code -device} through the type registry: QEMU's messages carry the option as prefix, e.g.
     * {@code -device edu,id=1x: ...}. Boards call it from {@link #plug}.
     */
    protected final Device plugUserDevice(QemuOpts opts) throws StartupException {
        if (opts.get("driver") == null && wellFormedOrAbsent(opts.get("id"))) {
            throw new StartupException("-device: Parameter 'driver' is missing");
        }
        String where = deviceErrorPrefix(opts);
        try {
            return createUserDevice(opts, false);
        } catch (StartupException e) {
            throw e.prefixed(where);
        }
    }

    /**
     * {@code qemu_opts_from_qdict} + {@code qdev_device_add_from_qdict} in QEMU's order, read from the driver's
     * {@link TypeDescriptor}: the id's syntax, the driver (known, pluggable, concrete, offered), its bus (found,
     * hot-pluggable for {@code device_add}), the id's uniqueness, the properties (each known, then each parsed in
     * command-line order by its type), the factory (realize's own checks), then the bus plugs it.
     */
    protected final Device createUserDevice(QemuOpts opts, boolean hot) throws StartupException {
        String id = opts.get("id");
        if (!wellFormedOrAbsent(id)) {
            throw new StartupException("Parameter 'id' expects an identifier" + (hot ? "" : "\n" + ID_HINT));
        }
        String driver = opts.get("driver");
        if (driver == null) {
            throw new StartupException("Parameter 'driver' is missing");
        }
        TypeDescriptor<DeviceContext> t = types.get(driver);
        if (t != null && types.registry().isA(driver, "device")) {
            if (!t.userCreatable()) {
                throw new StartupException("Parameter 'driver' expects a pluggable device type");
            }
            if (t.isAbstract()) {
                throw new StartupException("Parameter 'driver' expects a non-abstract device type");
            }
        }
        if (t == null || t.factory() == null) {
            throw new StartupException("'" + driver + "' is not a valid device model name");
        }
        Object bus = null;
        String busPath = opts.get("bus");
        if (busPath != null) {
            // bus= names the bus (qdev_device_add looks for it before the id and the properties)
            NamedBus named = busAt(busPath);
            if (t.bus() == null || !busTypeIs(named.type(), t.bus())) {
                throw new StartupException("Device '" + driver + "' can't go on " + named.type() + " bus");
            }
            bus = named.bus();
            if (hot && !t.hotpluggable()) {
                throw new StartupException("Bus '" + named.name() + "' does not support hotplugging");
            }
        } else if (t.bus() != null) {
            bus = findBus(t.bus());
            if (bus == null) {
                throw noBus("", t, driver);
            }
            String noHotplug = hot ? busWithoutHotplug(bus) : null;
            if (noHotplug != null) {
                throw new StartupException("Bus '" + noHotplug + "' does not support hotplugging");
            }
            if (hot && !t.hotpluggable()) {
                throw new StartupException("Bus '" + t.bus() + "' does not support hotplugging");
            }
        }
        if (id != null && peripheral.child(id) != null) {
            // 7.2 keeps command-line opts in the "device" QemuOpts list until created; QMP meets qdev_set_id
            throw new StartupException(hot ? "Duplicate device ID '" + id + "'" : "Duplicate ID '" + id
                    + "' for device");
        }
        for (String k : opts.keys()) {
            PropertyDescriptor p = t.property(k);
            if (!k.equals("driver") && !k.equals("id") && !k.equals("bus") && (p == null || !p.settable())) {
                throw new StartupException("Property '" + driver + "." + k + "' not found");
            }
        }
        PropertyValues values = new PropertyValues();
        Device dev;
        try {
            applyGlobals(t, driver, values, hot);
            for (String k : opts.keys()) {
                PropertyDescriptor p = t.property(k);
                if (p != null) {
                    values.put(k, p.type().parse(k, opts.get(k)));
                }
            }
            dev = t.factory().create(new DeviceContext(virtualClock, config, claimedDrives, this::keepBackend,
                    blocks, net), values);
        } catch (PropertyException e) {
            throw new StartupException(e.getMessage());
        }
        return plugIntoBus(bus, dev, opts, hot);
    }

    /**
     * {@code -global DRIVER.PROP=VALUE} as QEMU applies it to a device being created, before the device's own
     * properties (so those win): every global whose driver is the device's type or one of its ancestors, in
     * command-line order. At start-up a global the type does not have, or a value its property cannot take, ends
     * the start with QEMU's text ({@code can't apply global virtio-rng-pci.foo=1: Property 'virtio-rng-pci.foo' not
     * found}); for {@code device_add} QEMU only warns and goes on, so such a global is left out. Devices the board
     * creates itself take the globals they model where the board builds them (virt's {@code virtio-mmio}
     * transports). A proxy ({@code virtio-blk-pci}) takes first the globals of the device it creates inside itself
     * ({@code virtio-blk-device}, {@code virtio-device}), checked against that device's properties and named by
     * it in errors, then its own, as QEMU creates the inner device first (observed on Debian's QEMU 7.2:
     * {@code GlobalDevicePropertyTest}).
     */
    private void applyGlobals(TypeDescriptor<DeviceContext> t, String driver, PropertyValues values, boolean hot)
            throws StartupException, PropertyException {
        if (t.innerDevice() != null) {
            applyGlobalsOf(types.registry().get(t.innerDevice()), t.innerDevice(), values, hot);
        }
        applyGlobalsOf(t, driver, values, hot);
    }

    private void applyGlobalsOf(TypeDescriptor<DeviceContext> t, String driver, PropertyValues values, boolean hot)
            throws StartupException, PropertyException {
        for (io.qtestjvm.server.cli.GlobalProperty g : config.globals()) {
            if (!types.registry().isA(driver, g.driver())) {
                continue;
            }
            String what = "can't apply global " + g.driver() + "." + g.property() + "=" + g.value() + ": ";
            PropertyDescriptor p = t.property(g.property());
            if (p == null || !p.settable()) {
                if (hot) {
                    continue;
                }
                throw new StartupException(what + "Property '" + driver + "." + g.property() + "' not found");
            }
            try {
                values.put(g.property(), p.type().parse(g.property(), g.value()));
            } catch (PropertyException e) {
                if (!hot) {
                    throw new StartupException(what + globalParseMessage(p, e.getMessage()));
                }
            }
        }
    }

    /**
     * A global's value is parsed by QEMU's string visitor, not by {@code -device}'s option parser: a number it cannot
     * read "expects uint64" for every unsigned property (a uint16 too) and "expects int64" for a signed one, where
     * {@code -device} says "expects integer" (observed on Debian's QEMU 7.2: {@code BadCommandLineTest}).
     */
    private static String globalParseMessage(PropertyDescriptor p, String message) {
        if (!message.endsWith("expects integer")) {
            return message;
        }
        boolean unsigned = switch (p.type()) {
            case UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
        return message.substring(0, message.length() - "integer".length()) + (unsigned ? "uint64" : "int64");
    }

    /**
     * A bus of the board as {@code bus=} names it: its name ({@code pci.0}), its QOM type ({@code PCI}), and what
     * {@link #plugIntoBus} takes for it (null for a bus no user device of ours plugs into).
     */
    protected record NamedBus(String name, String type, Object bus) {
    }

    /** The main system bus, the root of every bus path. */
    protected static final NamedBus MAIN_SYSTEM_BUS = new NamedBus("main-system-bus", "System", null);

    /**
     * The board's buses by name, in the order a search of the bus tree from the main system bus meets them. Boards
     * with buses a user device may name override it.
     */
    protected List<NamedBus> namedBuses() {
        return List.of(MAIN_SYSTEM_BUS);
    }

    /**
     * The child buses of the device {@code name} (its id, else its type name) on {@code bus}, or null when no device
     * on that bus has the name. Boards override it for devices that own buses.
     */
    protected List<NamedBus> childBuses(NamedBus bus, String name) {
        return null;
    }

    /**
     * The bus at {@code path} as qdev's bus paths go: an absolute path starts at the main system bus, a relative one
     * at the bus its first element names; then device and bus names alternate, and a device named last stands for
     * its only child bus. Errors as QEMU 7.2 words them (an unknown device is {@code DeviceNotFound}).
     */
    private NamedBus busAt(String path) throws StartupException {
        String[] parts = path.split("/", -1);
        int i = 0;
        NamedBus bus;
        if (path.startsWith("/")) {
            bus = MAIN_SYSTEM_BUS;
        } else {
            bus = null;
            for (NamedBus b : namedBuses()) {
                if (b.name().equals(parts[0])) {
                    bus = b;
                    break;
                }
            }
            if (bus == null) {
                throw new StartupException("Bus '" + parts[0] + "' not found");
            }
            i = 1;
        }
        while (true) {
            while (i < parts.length && parts[i].isEmpty()) {
                i++;
            }
            if (i >= parts.length) {
                return bus;
            }
            String device = parts[i++];
            List<NamedBus> children = childBuses(bus, device);
            if (children == null) {
                throw StartupException.deviceNotFound(device);
            }
            while (i < parts.length && parts[i].isEmpty()) {
                i++;
            }
            if (i >= parts.length) {
                if (children.isEmpty()) {
                    throw new StartupException("Device '" + device + "' has no child bus");
                }
                if (children.size() > 1) {
                    throw new StartupException("Device '" + device + "' has multiple child buses");
                }
                return children.get(0);
            }
            String name = parts[i++];
            NamedBus next = null;
            for (NamedBus c : children) {
                if (c.name().equals(name)) {
                    next = c;
                }
            }
            if (next == null) {
                throw new StartupException("Bus '" + name + "' not found");
            }
            bus = next;
        }
    }

    /** Whether a bus of QOM type {@code type} is a {@code wanted} bus (an SDHCI's bus is an SD bus). */
    private static boolean busTypeIs(String type, String wanted) {
        return type.equals(wanted) || (type.equals("sdhci-bus") && wanted.equals("sd-bus"))
                || (type.equals("virtio-mmio-bus") && wanted.equals("virtio-bus"));
    }

    /**
     * The bus of type {@code busType} ({@code PCI}, {@code sd-bus}) a new device goes to
     * ({@code qbus_find_recursive}), or null when the board has none. Boards with buses a user device plugs into
     * override it.
     */
    protected Object findBus(String busType) {
        return null;
    }

    /**
     * The name of {@code bus} when it has no hotplug handler ({@code device_add} is refused with it before the id
     * and the properties are looked at), or null when it takes hot-plugged devices.
     */
    protected String busWithoutHotplug(Object bus) {
        return null;
    }

    /**
     * A configured PCI function onto {@code bus}, the same for every PCI host: {@code multifunction=} sets the
     * header type's multifunction bit (PCI 3.0 6.2.1) before the slot's function rules are checked; a hot-plugged
     * function other than 0 beside a present function 0 is refused (a guest that has scanned the slot would not see
     * it); then the slot ({@code addr=}, a taken one fails), the device's own realize (which may refuse its
     * properties: the function leaves the bus again), and the tree ({@link #user}).
     */
    protected final Device plugPci(PciBus bus, PciDevice pci, QemuOpts opts, boolean hot) throws StartupException {
        int devfn = PciAddress.parse(opts.get("driver"), opts.get("addr"));
        String multifunction = opts.get("multifunction");
        if (multifunction != null) {
            try {
                pci.setMultifunction((Boolean) PropertyType.BOOL.parse("multifunction", multifunction));
            } catch (PropertyException e) {
                throw new StartupException(e.getMessage());
            }
        }
        if (hot) {
            PciDevice f0 = devfn > 0 && PciRegs.function(devfn) != 0 ? bus.device(devfn & ~7) : null;
            if (f0 != null) {
                throw new StartupException("PCI: slot " + PciRegs.slot(devfn) + " function 0 already occupied by "
                        + f0.typeName() + ", new func " + pci.typeName() + " cannot be exposed to guest.");
            }
            pci.markHotplugged();
        }
        try {
            bus.plug(pci, devfn);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        try {
            pci.realize();
        } catch (IllegalArgumentException e) {
            bus.unplug(pci.devfn());
            throw new StartupException(e.getMessage());
        }
        return user(opts.get("id"), pci);
    }

    /**
     * The SD bus a {@code -device sd-card} goes to ({@code qbus_find_recursive} for "sd-bus"): the first sdhci-pci
     * whose slot is free, else the first sdhci-pci (QEMU's sd-bus takes more than one card; only the first is
     * reachable), or null without one.
     */
    protected final SdhciPci sdBusFor() {
        SdhciPci first = null;
        for (Device d : devices) {
            if (d instanceof SdhciPci s) {
                if (s.slot().card() == null) {
                    return s;
                }
                if (first == null) {
                    first = s;
                }
            }
        }
        return first;
    }

    /** An {@code sd-card} on the bus of {@code host}: in the tree, and in the slot when inserted and it is free. */
    protected final Device plugSdCard(SdhciPci host, SdCard card, QemuOpts opts) {
        user(opts.get("id"), card);
        if (card.inserted() && host.slot().card() == null) {
            host.slot().attach(card);
        }
        return card;
    }

    /**
     * Plugs a device {@link #createUserDevice} built into {@code bus} (what {@link #findBus} returned, or null for a
     * device on no bus) and registers it ({@link #user}); for {@code hot}, the bus's hotplug handler is told.
     */
    protected Device plugIntoBus(Object bus, Device dev, QemuOpts opts, boolean hot) throws StartupException {
        throw new StartupException("No bus for device '" + dev.typeName() + "'");
    }

    private static final String ID_HINT = "Identifiers consist of letters, digits, '-', '.', '_', starting with a "
            + "letter.";

    /** {@code id_wellformed}: a letter, then letters, digits, '-', '.', '_'. */
    static boolean wellFormedOrAbsent(String id) {
        if (id == null) {
            return true;
        }
        if (id.isEmpty() || !isAsciiLetter(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Creates and plugs a device for QMP {@code device_add} ({@code hotplugged}): the checks of {@link #plug}, with
     * QEMU's bare messages (no {@code -device ...:} prefix); a device whose bus the board lacks, or whose bus takes
     * no hot-plug, is refused as QEMU refuses it.
     */
    public Device hotplug(QemuOpts opts) throws StartupException {
        return createUserDevice(opts, true);
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
        blocks.drain();
        for (Device d : List.copyOf(devices)) {
            if (devices.contains(d)) { // a reset may remove devices (pending ACPI ejects)
                d.reset();
            }
        }
    }

    /**
     * The system reset: the device reset, then the {@code RESET} event
     * {@code {"guest": G, "reason": R}} (QAPI schema: qapi/run-state.json, ShutdownCause).
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

    /**
     * A guest asks to power off (RTAS {@code power-off}): as QEMU's main loop handles the request once the current
     * I/O handler returned, the SHUTDOWN event {@code {"guest": true, "reason": "guest-shutdown"}}, then the action
     * the runtime set ({@link #setGuestShutdownAction}): the process exits, or with {@code -no-shutdown} the VM
     * stops.
     */
    public final void requestGuestShutdown() {
        defer(() -> {
            emitEvent("SHUTDOWN", new JsonObject().put("guest", true).put("reason", "guest-shutdown"));
            guestShutdownAction.run();
        });
    }

    /** What follows a guest power-off's SHUTDOWN event (set by the runtime that owns the process and run state). */
    public final void setGuestShutdownAction(Runnable action) {
        this.guestShutdownAction = action;
    }

    /**
     * {@code system_powerdown}: the {@code POWERDOWN} event, then the board's power
     * button ({@link #pressPowerButton}).
     */
    public final void systemPowerdown() {
        emitEvent("POWERDOWN", null);
        pressPowerButton();
    }

    /**
     * What the board's power button does for the guest: pc raises the ACPI fixed power-button event, virt presses
     * the GPIO power key; machines without one (none, raspi2b, and pseries, whose EPOW event is not modelled) only
     * send the event.
     */
    protected void pressPowerButton() {
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
        blocks.drain();
        while (!deferred.isEmpty()) {
            deferred.removeFirst().run();
        }
    }

    public final boolean hasDeferred() {
        return !deferred.isEmpty() || !blocks.inflight().idle();
    }

    /** Runs the timers of host-following clocks whose deadline has passed (called by the event loop). */
    public void runHostTimers() {
        net.poll();
        hostClock.runExpired();
    }

    /** The earliest host-clock deadline, in host-clock nanoseconds, or -1 when none is armed. */
    public long nextHostDeadline() {
        return hostClock.nextDeadline();
    }

    /** The machine's network layer. */
    public final io.qtestjvm.server.net.NetStack net() {
        return net;
    }

    /**
     * What QEMU warns of once the machine is made about network clients left without a peer
     * ({@link io.qtestjvm.server.net.NetStack#peerWarnings}); nothing when the board made its default NIC (QEMU
     * checks nothing then), nor when {@code -net}/{@code -nic} asked for clients the stand-in does not make.
     */
    public final List<String> netPeerWarnings() {
        if (config.defaultNic() || config.unmodelledNetClients()) {
            return List.of();
        }
        return net.peerWarnings();
    }

    /** The id of the user device a NIC belongs to, or null (the network layer names the NIC by it). */
    private String nicDeviceId(io.qtestjvm.devices.virtio.VirtioNet nic) {
        for (Device d : devices) {
            if ((d instanceof io.qtestjvm.devices.virtio.VirtioPci p && p.device() == nic)
                    || (d instanceof io.qtestjvm.devices.virtio.VirtioBusDevice b && b.device() == nic)) {
                return d.id();
            }
        }
        return null;
    }

    /** The user device {@code -device ...,id=ID} created, or null. */
    public final QomObject userDevice(String id) {
        return peripheral.child(id);
    }

    /** Where the machine's QMP events go (the monitor's sessions). */
    public final void setEventSink(BiConsumer<String, JsonObject> sink) {
        this.eventSink = sink;
    }

    /** Emits a QMP event ({@code data} may be null for events without data). */
    protected final void emitEvent(String name, JsonObject data) {
        eventSink.accept(name, data);
    }

    /** The machine's main memory (its largest writable RAM), or null when it has none. */
    public final SparseRam mainRam() {
        return systemMemory.largestWritableRam();
    }

    /** Closes the machine (the in-JVM backend): images flushed, guest RAM unmapped. */
    public void close() {
        net.close();
        flush();
        systemMemory.releaseRam();
    }

    /** Flushes what must survive the process (the images of block devices) before exit. */
    public void flush() {
        for (io.qtestjvm.devices.block.BlockBackend b : blockBackends) {
            b.flush();
        }
        blocks.flush();
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
