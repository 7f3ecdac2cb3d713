package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.devices.arm.ArmCpu;
import io.qtestjvm.server.board.cpu.CpuTopology;
import io.qtestjvm.devices.arm.FwCfgMmio;
import io.qtestjvm.devices.arm.Gicv2;
import io.qtestjvm.devices.arm.Gicv2m;
import io.qtestjvm.devices.arm.Gicv3;
import io.qtestjvm.devices.arm.Gicv3Its;
import io.qtestjvm.devices.arm.GpioKey;
import io.qtestjvm.devices.arm.Pl011;
import io.qtestjvm.devices.arm.Pl031;
import io.qtestjvm.devices.arm.Pl061;
import io.qtestjvm.devices.arm.VirtioMmio;
import io.qtestjvm.devices.misc.PlaceholderDevice;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.devices.sd.SdhciPci;
import io.qtestjvm.devices.virtio.GuestMemory;
import io.qtestjvm.devices.virtio.VirtioBusDevice;
import io.qtestjvm.devices.x86.FwCfgItems;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.pci.DmaTranslator;
import io.qtestjvm.pci.GpexHost;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.VirtioNetPci;
import io.qtestjvm.server.cli.GlobalProperty;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import java.util.ArrayList;
import java.util.List;

/**
 * QEMU's arm/aarch64 {@code virt} machine, with the memory map, interrupt map and QOM layout Debian's QEMU 7.2
 * shows ({@code info mtree}, {@code info qtree}, {@code qom-list}); docs/virt.md has the tables.
 *
 * <p>{@code /machine/unattached/device[N]} in QEMU's creation order: the CPUs, the GIC ({@code arm_gic} or
 * {@code arm-gicv3}), its MSI block ({@code arm-gicv2m}, or {@code arm-gicv3-its} unless {@code its=off}), the
 * PL011 (and the secure PL011 with {@code secure=on}), the PL031, the GPEX host with the default NIC
 * ({@code virtio-net-pci}, config space only) on its root bus, the SMMUv3 node with {@code iommu=smmuv3}, the
 * PL061 and its {@code gpio-key} (and the secure PL061 with {@code gpio-pwr}), 32 {@code virtio-mmio} transports
 * (slot 0 at 0x0a000000 first), the platform bus. {@code /machine/fw_cfg} is the fw_cfg MMIO device,
 * {@code /machine/virt.flash0} and {@code virt.flash1} the two 64 MiB flash banks.
 *
 * <p>Placeholders (QEMU's type and window, reads 0, writes dropped): the flash banks (QEMU's CFI flash without a
 * drive reads 0 too, but answers CFI commands) and the platform bus (empty in QEMU as well); the SMMUv3 is
 * {@link Smmuv3Device}. With {@code secure=on} the secure UART, GPIO and RAM exist only in the secure address
 * space, which qtest does not see (QEMU's qtest uses the CPU's non-secure view), so they are not mapped.
 * Not modelled: the GICv2 virtualization interfaces ({@code virtualization=on}, reading 0 as unassigned memory
 * does), ACPI tables and SMBIOS in fw_cfg (see docs/virt.md).
 */
public final class VirtBoard extends Board {
    public static final String MACHINE = "virt";
    public static final long DEFAULT_RAM = 128L << 20;
    // memory map (QEMU's virt, observed with info mtree)
    public static final long FLASH_BASE = 0x0000_0000L;
    public static final long FLASH_SIZE = 0x0400_0000L;
    public static final long GIC_DIST = 0x0800_0000L;
    public static final long GIC_CPU = 0x0801_0000L;
    public static final long GIC_V2M = 0x0802_0000L;
    public static final long GIC_ITS = 0x0808_0000L;
    public static final long GIC_REDIST = 0x080a_0000L;
    public static final long UART = 0x0900_0000L;
    public static final long RTC = 0x0901_0000L;
    public static final long FW_CFG = 0x0902_0000L;
    public static final long GPIO = 0x0903_0000L;
    public static final long SMMU = 0x0905_0000L;
    public static final long SMMU_SIZE = 0x2_0000L;
    public static final long MMIO = 0x0a00_0000L;
    public static final int MMIO_SLOTS = 32;
    public static final long PLATFORM_BUS = 0x0c00_0000L;
    public static final long PLATFORM_BUS_SIZE = 0x200_0000L;
    public static final long PCIE_MMIO = 0x1000_0000L;
    public static final long PCIE_MMIO_SIZE = 0x2eff_0000L;
    public static final long PCIE_PIO = 0x3eff_0000L;
    public static final long PCIE_ECAM_LOW = 0x3f00_0000L;
    public static final long PCIE_ECAM_LOW_SIZE = 0x100_0000L;
    public static final long RAM_BASE = 0x4000_0000L;
    public static final long PCIE_ECAM_HIGH = 0x40_1000_0000L;
    public static final long PCIE_ECAM_HIGH_SIZE = 0x1000_0000L;
    public static final long PCIE_MMIO_HIGH = 0x80_0000_0000L;
    public static final long PCIE_MMIO_HIGH_SIZE = 0x80_0000_0000L;
    /** RAM must end below 4 GiB without highmem. */
    static final long LOW_RAM_LIMIT = 0x1_0000_0000L;
    // interrupt map: SPI numbers (GIC input n = INTID 32 + n)
    public static final int UART_SPI = 1;
    public static final int RTC_SPI = 2;
    public static final int PCIE_SPI = 3;
    public static final int GPIO_SPI = 7;
    public static final int SECURE_UART_SPI = 8;
    public static final int MMIO_SPI = 16;
    /** The SMMU's four lines (event queue, PRI queue, CMD_SYNC, global error): SPI 74..77. */
    public static final int SMMU_SPI = 74;
    public static final int V2M_SPI = 48;
    public static final int V2M_SPIS = 64;
    /** The GIC's {@code num-irq}: 256 SPIs and the 32 private interrupts. */
    public static final int GIC_INTIDS = 288;
    static final int GICV2_MAX_CPUS = 8;
    static final int GICV3_MAX_CPUS = 512;
    /** Power button line of the PL061 (QEMU's GPIO_PWR). */
    static final int GPIO_POWER_LINE = 3;

    private final VirtOptions options;
    private final long ramSize;
    private final ArmCpu[] cpus;
    private final Device gic;
    private final GpexHost gpex;
    private final FwCfgMmio fwCfg;
    private final VirtioMmio[] transports = new VirtioMmio[MMIO_SLOTS];
    private final Smmuv3Device smmu;
    private final Pl011 uart;
    private final Pl031 rtc;
    private final Pl061 gpio;
    /** The power button on PL061 line 3 (without ACPI the guest's gpio-keys driver watches it). */
    private final GpioKey powerKey;
    private final Irq[] spis = new Irq[GIC_INTIDS - 32];

    /** The board as the command line configures it: the machine properties and {@code -cpu} of {@code config}. */
    public VirtBoard(MachineConfig config) throws StartupException {
        this(config, VirtOptions.parse(config.machineProps(), config.cpu()));
    }

    /** The board with explicit {@code virt} options ({@code config} gives RAM, CPUs, defaults, devices). */
    public VirtBoard(MachineConfig config, VirtOptions options) throws StartupException {
        super(config.machine().qomType(), config, false);
        this.options = options;
        int ncpus = config.smp();
        int maxCpus = options.gicVersion() == 2 ? GICV2_MAX_CPUS : GICV3_MAX_CPUS;
        if (ncpus > maxCpus) {
            throw new StartupException("Number of SMP CPUs requested (" + ncpus
                    + ") exceeds max CPUs supported by machine 'mach-virt' (" + maxCpus + ")");
        }
        this.ramSize = config.ramSize(DEFAULT_RAM);
        if (!options.highmem() && RAM_BASE + ramSize > LOW_RAM_LIMIT) {
            throw new StartupException("Addressing limited to 32 bits, but memory exceeds it by "
                    + (RAM_BASE + ramSize - LOW_RAM_LIMIT) + " bytes\n");
        }
        systemMemory.addSubregion(RAM_BASE, MemoryRegion.ram("mach-virt.ram", ramSize));

        // flash banks: flash0 is secure-only with secure=on
        PlaceholderDevice flash0 = internal(machine, "virt.flash0",
                new PlaceholderDevice("cfi.pflash01", "virt.flash0", FLASH_SIZE));
        PlaceholderDevice flash1 = internal(machine, "virt.flash1",
                new PlaceholderDevice("cfi.pflash01", "virt.flash1", FLASH_SIZE));
        if (!options.secure()) {
            systemMemory.addSubregion(FLASH_BASE, flash0.mmio());
        }
        systemMemory.addSubregion(FLASH_BASE + FLASH_SIZE, flash1.mmio());

        this.cpus = new ArmCpu[ncpus];
        for (int i = 0; i < ncpus; i++) {
            cpus[i] = cpu(new ArmCpu(options.cpu(), i), null, null,
                    CpuTopology.of(config.topology(), i).armProps(), cpuProperties(i, options));
        }
        if (options.gicVersion() == 2) {
            Gicv2 v2 = internal(new Gicv2(ncpus, GIC_INTIDS, options.secure()));
            systemMemory.addSubregion(GIC_DIST, v2.distributor());
            systemMemory.addSubregion(GIC_CPU, v2.cpuInterface());
            for (int i = 0; i < ncpus; i++) {
                v2.irqOut(i).connect(cpus[i].gpioIn(Device.UNNAMED, ArmCpu.IRQ));
            }
            this.gic = v2;
            wireSpis();
            Gicv2m v2m = internal(new Gicv2m(V2M_SPI, V2M_SPIS));
            systemMemory.addSubregion(GIC_V2M, v2m.mmio());
            for (int n = 0; n < V2M_SPIS; n++) {
                v2m.output(n).connect(spis[V2M_SPI + n]);
            }
        } else {
            Gicv3 v3 = internal(new Gicv3(ncpus, GIC_INTIDS, options.gicVersion()));
            systemMemory.addSubregion(GIC_DIST, v3.distributor());
            systemMemory.addSubregion(GIC_REDIST, v3.redistributors());
            this.gic = v3;
            wireSpis();
            if (options.its()) {
                Gicv3Its its = internal(new Gicv3Its(options.gicVersion()));
                systemMemory.addSubregion(GIC_ITS, its.controlFrame());
                systemMemory.addSubregion(GIC_ITS + Gicv3Its.FRAME_SIZE, its.translationFrame());
            }
        }

        this.uart = internal(new Pl011());
        systemMemory.addSubregion(UART, uart.mmio());
        uart.irqOut().connect(spis[UART_SPI]);
        if (options.secure()) {
            internal(new Pl011()); // secure UART: secure address space only, SPI 8
        }
        this.rtc = internal(new Pl031(virtualClock, System.currentTimeMillis() / 1000));
        systemMemory.addSubregion(RTC, rtc.mmio());
        rtc.irqOut().connect(spis[RTC_SPI]);

        this.gpex = internal(new GpexHost(options.highmem() ? 256 : 16, memory));
        systemMemory.addSubregion(PCIE_MMIO, MemoryRegion.alias("pcie-mmio", gpex.mmioWindow(), PCIE_MMIO,
                PCIE_MMIO_SIZE));
        systemMemory.addSubregion(PCIE_PIO, gpex.ioWindow());
        if (options.highmem()) {
            systemMemory.addSubregion(PCIE_ECAM_HIGH, MemoryRegion.alias("pcie-ecam", gpex.ecam(), 0,
                    PCIE_ECAM_HIGH_SIZE));
            systemMemory.addSubregion(PCIE_MMIO_HIGH, MemoryRegion.alias("pcie-mmio-high", gpex.mmioWindow(),
                    PCIE_MMIO_HIGH, PCIE_MMIO_HIGH_SIZE));
        } else {
            systemMemory.addSubregion(PCIE_ECAM_LOW, MemoryRegion.alias("pcie-ecam", gpex.ecam(), 0,
                    PCIE_ECAM_LOW_SIZE));
        }
        for (int i = 0; i < GpexHost.NUM_IRQS; i++) {
            gpex.irq(i).connect(spis[PCIE_SPI + i]);
        }
        if (config.defaultNic()) {
            pciInternal(new VirtioNetPci());
        }
        if (options.smmuv3()) {
            // GBPA is a property of the QEMU binary (8.0 on), not of the machine version: QEMU 7.2 has none
            SmmuModel model = smmuModel(config.machine().name()).withGbpa(config.compat().atLeast(Compat.V10_2));
            Smmuv3Device s = internal(new Smmuv3Device(model, memory));
            this.smmu = s;
            systemMemory.addSubregion(SMMU, s.mmio());
            for (int i = 0; i < Smmuv3Device.IRQS; i++) {
                s.irqOut(i).connect(spis[SMMU_SPI + i]);
            }
            // every bus master on the root bus translates through it, StreamID = requester id (IHI 0070 3.2)
            gpex.bus().setDmaTranslator((rid, iova, access) -> s.translate(rid, iova, access == DmaTranslator.WRITE));
        } else {
            this.smmu = null;
        }

        this.gpio = internal(new Pl061());
        systemMemory.addSubregion(GPIO, gpio.mmio());
        gpio.irqOut().connect(spis[GPIO_SPI]);
        this.powerKey = internal(new GpioKey(GpioKey.TYPE, virtualClock));
        GpioKey key = powerKey;
        key.output().connect(gpio.input(GPIO_POWER_LINE));
        if (options.secure()) {
            internal(new Pl061()); // secure GPIO and its power key: secure address space only
            internal(new GpioKey("gpio-pwr", virtualClock));
        }

        boolean mmioLegacy = forceLegacy(config);
        GuestMemory dma = new GuestMemory() {
            @Override
            public void read(long address, byte[] dst, int offset, int length) {
                memory.read(address, dst, offset, length);
            }

            @Override
            public void write(long address, byte[] src, int offset, int length) {
                memory.write(address, src, offset, length);
            }
        };
        for (int n = 0; n < MMIO_SLOTS; n++) {
            transports[n] = internal(new VirtioMmio(n, mmioLegacy, dma));
            systemMemory.addSubregion(MMIO + n * VirtioMmio.SIZE, transports[n].mmio());
            transports[n].irqOut().connect(spis[MMIO_SPI + n]);
        }
        PlaceholderDevice platformBus = internal(new PlaceholderDevice("platform-bus-device", "platform bus",
                PLATFORM_BUS_SIZE));
        systemMemory.addSubregion(PLATFORM_BUS, platformBus.mmio());

        this.fwCfg = internal(machine, "fw_cfg", new FwCfgMmio(memory));
        fwCfg.items().addI16(FwCfgItems.NB_CPUS, ncpus);
        fwCfg.items().addFile("bios-geometry", new byte[0]);
        fwCfg.items().addFile("bootorder", new byte[0]);
        fwCfg.items().addFile("etc/boot-fail-wait", FwCfgMmio.le(-1, 4));
        systemMemory.addSubregion(FW_CFG, fwCfg.dataRegion());
        systemMemory.addSubregion(FW_CFG + FwCfgMmio.CTL_OFFSET, fwCfg.ctlRegion());
        systemMemory.addSubregion(FW_CFG + FwCfgMmio.DMA_OFFSET, fwCfg.dmaRegion());
    }

    /**
     * The SMMU model a machine version gets: {@code virt-9.2} and later (and {@code virt} of a binary that new)
     * advertise stage 2 and nesting, the older versions the stage-1-only model of QEMU 7.2.
     */
    static SmmuModel smmuModel(String machineName) {
        String v = machineName.startsWith("virt-") ? machineName.substring(5) : "";
        int dot = v.indexOf('.');
        if (dot < 0) {
            return SmmuModel.QEMU_7_2;
        }
        int major = Integer.parseInt(v.substring(0, dot));
        int minor = Integer.parseInt(v.substring(dot + 1));
        return major > 9 || (major == 9 && minor >= 2) ? SmmuModel.QEMU_NESTED : SmmuModel.QEMU_7_2;
    }

    /** {@code -global virtio-mmio.force-legacy=}: on (version 1) unless the last such global says off. */
    private static boolean forceLegacy(MachineConfig config) {
        boolean legacy = true;
        for (GlobalProperty g : config.globals()) {
            if (g.driver().equals(VirtioMmio.TYPE) && g.property().equals("force-legacy")) {
                legacy = !List.of("off", "false", "no").contains(g.value());
            }
        }
        return legacy;
    }

    private void wireSpis() {
        for (int n = 0; n < spis.length; n++) {
            spis[n] = gic.gpioIn(Device.UNNAMED, n);
        }
    }

    private <T extends PciDevice> T pciInternal(T dev) {
        gpex.bus().plug(dev, -1);
        return internal(dev);
    }

    public VirtOptions options() {
        return options;
    }

    public long ramSize() {
        return ramSize;
    }

    /** The GIC ({@link Gicv2} or {@link Gicv3}), the device {@code irq_intercept_in} names. */
    public Device gic() {
        return gic;
    }

    public GpexHost gpex() {
        return gpex;
    }

    public PciBus pciBus() {
        return gpex.bus();
    }

    public FwCfgMmio fwCfg() {
        return fwCfg;
    }

    /** Transport {@code n} (at 0x0a000000 + n * 0x200, SPI 16 + n). */
    public VirtioMmio transport(int n) {
        return transports[n];
    }

    /** The SMMUv3 ({@code iommu=smmuv3}, at 0x09050000, SPI 74..77); null without. */
    public Smmuv3Device smmu() {
        return smmu;
    }

    public Pl011 uart() {
        return uart;
    }

    public Pl031 rtc() {
        return rtc;
    }

    public Pl061 gpio() {
        return gpio;
    }

    /**
     * What the board sets on CPU {@code i}: MPIDR affinity (Aff1 the cluster of 8 CPUs under GICv2, 16 under GICv3,
     * Aff0 the CPU in it), EL3 and EL2 only with {@code secure=on} and {@code virtualization=on}, and every CPU but
     * the first powered off until PSCI turns it on (Debian's 7.2 {@code qom-get}).
     */
    private static java.util.Map<String, Object> cpuProperties(int i, VirtOptions options) {
        int cluster = options.gicVersion() == 2 ? 8 : 16;
        java.util.Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("mp-affinity", (long) (i / cluster) << 8 | (i % cluster));
        v.put("has_el3", options.secure());
        v.put("has_el2", options.virtualization());
        v.put("start-powered-off", i > 0);
        return v;
    }

    /** {@code system_powerdown}: a press of the GPIO power key (it releases itself 100 ms later). */
    @Override
    protected void pressPowerButton() {
        powerKey.gpioIn(Device.UNNAMED, 0).pulse();
    }

    public ArmCpu cpu(int n) {
        return cpus[n];
    }

    /** GIC input of SPI {@code n}. */
    public Irq spi(int n) {
        return spis[n];
    }

    @Override
    public boolean bigEndian() {
        return false;
    }

    /**
     * {@code -device} through the type registry ({@link Board#plugUserDevice}): PCI devices go to the GPEX root bus
     * {@code pcie.0} (a {@code PCIE} bus, which takes every PCI device), an {@code sd-card} to the bus of an
     * {@code sdhci-pci}; other drivers fail for want of their bus.
     */
    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        return plugUserDevice(opts);
    }

    @Override
    protected Object findBus(String busType) {
        return switch (busType) {
            case PciBus.TYPE, GpexHost.BUS_TYPE -> gpex.bus();
            case "sd-bus" -> sdBusFor();
            case "virtio-bus", "virtio-mmio-bus" -> freeTransport();
            default -> null;
        };
    }

    /**
     * The virtio-mmio bus a {@code virtio-*-device} without {@code bus=} goes to: QEMU creates the transports from
     * the top address down, so the first free bus its search meets is that of the highest free slot.
     */
    private VirtioMmio freeTransport() {
        for (int n = MMIO_SLOTS - 1; n >= 0; n--) {
            if (transports[n].child() == null) {
                return transports[n];
            }
        }
        return null;
    }

    /** The buses {@code bus=} may name: the virtio-mmio buses in the order QEMU's search meets them. */
    @Override
    protected List<NamedBus> namedBuses() {
        List<NamedBus> out = new ArrayList<>();
        out.add(MAIN_SYSTEM_BUS);
        for (int n = MMIO_SLOTS - 1; n >= 0; n--) {
            out.add(new NamedBus(transports[n].busName(), "virtio-mmio-bus", transports[n]));
        }
        return out;
    }

    /** {@code device_add}: the GPEX root bus has no hotplug handler (QEMU 7.2 answers with the bus's name). */
    @Override
    protected String busWithoutHotplug(Object bus) {
        if (bus instanceof VirtioMmio transport) {
            return transport.busName(); // a virtio-mmio bus has no hotplug handler either
        }
        return bus == gpex.bus() ? GpexHost.BUS_NAME : null;
    }

    @Override
    protected Device plugIntoBus(Object bus, Device dev, QemuOpts opts, boolean hot) throws StartupException {
        if (bus == gpex.bus() && dev instanceof PciDevice pci) {
            return plugPci(gpex.bus(), pci, opts, hot);
        }
        if (bus instanceof SdhciPci host && dev instanceof SdCard card) {
            return plugSdCard(host, card, opts);
        }
        if (bus instanceof VirtioMmio transport && dev instanceof VirtioBusDevice vdev) {
            if (hot) {
                throw new StartupException("Bus '" + transport.busName() + "' does not support hotplugging");
            }
            if (!transport.plug(vdev)) {
                throw new StartupException("Bus '" + transport.busName() + "' is full");
            }
            return user(opts.get("id"), vdev);
        }
        return super.plugIntoBus(bus, dev, opts, hot);
    }

    /** The board and its root bus cannot unplug anything. */
    @Override
    public void unplugRequest(Device device) throws StartupException {
        String bus = device instanceof PciDevice p && p.bus() == gpex.bus() ? GpexHost.BUS_NAME
                : "main-system-bus";
        throw new StartupException("Bus '" + bus + "' does not support hotplugging");
    }
}
