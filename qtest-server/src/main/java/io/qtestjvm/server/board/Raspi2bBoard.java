package io.qtestjvm.server.board;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.devices.arm.ArmCpu;
import io.qtestjvm.devices.bcm2835.Bcm2835Ic;
import io.qtestjvm.devices.bcm2835.Bcm2835SystemTimer;
import io.qtestjvm.devices.bcm2835.Bcm2836Control;
import io.qtestjvm.devices.misc.PlaceholderDevice;
import io.qtestjvm.devices.misc.UnimplementedDevice;
import io.qtestjvm.devices.sd.GenericSdhci;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.devices.usb.Dwc2Otg;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.DriveSpec;
import io.qtestjvm.server.cli.StartupException;

import java.util.List;
import java.util.SplittableRandom;

/**
 * QEMU 7.2's arm {@code raspi2b} machine (BCM2836 with the BCM2835 peripherals): 1 GiB of RAM at 0,
 * the BCM2836 SoC at {@code /machine/soc} with four Cortex-A7 CPUs ({@code cpu[0..3]}, only their interrupt
 * inputs), the ARM control block at 0x40000000, and the BCM2835 peripherals at 0x3f000000 laid over RAM with
 * priority 1, so that their holes show RAM as in QEMU's {@code info mtree}.
 *
 * <p>Modelled: the system timer (0x3f003000, GPU IRQs 0-3), the interrupt controller (0x3f00b200), the control
 * block routing the GPU IRQ/FIQ to the cores, the SDHCI (0x3f300000, GPU IRQ 62, {@code sd-spec-version=3},
 * {@code capareg=0x52134b4}, {@code pending-insert-quirk=on}), the USB controller's register file (0x3f980000,
 * {@link Dwc2Otg}: reset values and write rules, no USB traffic), QEMU's unimplemented-device windows (read 0) and,
 * the router-advertisement timer of each user-mode network ({@link UserNetRouterAdvertTimer}).
 *
 * <p>Not modelled (placeholders with QEMU's types and windows that read 0, see {@link PlaceholderDevice}): mphi,
 * dma, mbox, powermgt, cprman, rng, gpio, uart0 (pl011), sdhost, thermal, aux, fb and property; the CPUs'
 * generic timers; the GPIO block's switching of the SD card between sdhost and sdhci (the card sits on the SDHCI,
 * the state QEMU leaves after reset).
 */
public final class Raspi2bBoard extends Board {
    public static final String MACHINE = "raspi2b";
    public static final long RAM_SIZE = 1L << 30;
    public static final long PERI_BASE = 0x3f00_0000L;
    public static final long CONTROL_BASE = 0x4000_0000L;
    static final long PERI_SIZE = 0x100_0000L;
    // offsets within the peripheral window (BCM2835 ARM Peripherals, 1.2.3)
    static final long ST_OFFSET = 0x3000;
    static final long ARMCTRL_IC_OFFSET = 0xb200;
    static final long EMMC1_OFFSET = 0x30_0000;
    /** The system timer's and the Arasan SDIO's interrupt lines on the GPU bank (BCM2835 ARM Peripherals, ch. 7). */
    static final int INTERRUPT_TIMER0 = 0;
    static final int INTERRUPT_ARASANSDIO = 62;
    static final int SDHC_SPEC_VERSION = 3;
    static final long SDHC_CAPAREG = 0x52134b4L;

    private final Bcm2835SystemTimer systemTimer;
    private final Bcm2835Ic ic;
    private final Bcm2836Control control;
    private final GenericSdhci sdhci;
    private final ArmCpu[] cpus = new ArmCpu[Bcm2836Control.CORES];
    private final List<UserNetRouterAdvertTimer> userNets;

    public Raspi2bBoard(MachineConfig config) throws StartupException {
        super(MACHINE + "-machine", config, false);
        if (config.ramSizeGiven() && config.ramSize(0) != RAM_SIZE) {
            throw new StartupException("Invalid RAM size, should be 1 GiB");
        }
        systemMemory.addSubregion(0, MemoryRegion.ram("ram", RAM_SIZE));
        QomObject soc = machine.addChild("soc", new QomObject("bcm2836"));
        QomObject peripherals = soc.addChild("peripherals", new QomObject("bcm2835-peripherals"));
        MemoryRegion peri = MemoryRegion.container("bcm2835-peripherals", PERI_SIZE);
        systemMemory.addSubregionOverlap(PERI_BASE, peri, 1);

        for (int n = 0; n < cpus.length; n++) {
            // MPIDR: cluster 0xf, CPU n (Debian's 7.2 qom-get of mp-affinity); the BCM2836 boots every core
            cpus[n] = cpu(new ArmCpu("cortex-a7", n), soc, "cpu[" + n + "]", null,
                    java.util.Map.of("mp-affinity", (long) (0xf00 | n)));
        }
        this.control = internal(soc, "control", new Bcm2836Control(virtualClock));
        systemMemory.addSubregion(CONTROL_BASE, control.mmio());
        for (int n = 0; n < cpus.length; n++) {
            control.gpioOut("irq", n).connect(cpus[n].gpioIn(Device.UNNAMED, ArmCpu.IRQ));
            control.gpioOut("fiq", n).connect(cpus[n].gpioIn(Device.UNNAMED, ArmCpu.FIQ));
        }

        this.ic = internal(peripherals, "ic", new Bcm2835Ic());
        peri.addSubregion(ARMCTRL_IC_OFFSET, ic.mmio());
        ic.irqOut().connect(control.gpioIn("gpu-irq", 0));
        ic.fiqOut().connect(control.gpioIn("gpu-fiq", 0));

        this.systemTimer = internal(peripherals, "systimer", new Bcm2835SystemTimer(virtualClock));
        peri.addSubregion(ST_OFFSET, systemTimer.mmio());
        for (int n = 0; n < Bcm2835SystemTimer.COMPARES; n++) {
            systemTimer.irqOut(n).connect(ic.gpioIn(Bcm2835Ic.GPU_IRQ, INTERRUPT_TIMER0 + n));
        }

        GenericSdhci emmc = new GenericSdhci(virtualClock, memory);
        emmc.setSpecVersion(SDHC_SPEC_VERSION);
        emmc.setCapareg(SDHC_CAPAREG);
        emmc.setPendingInsertQuirk(true);
        this.sdhci = internal(peripherals, "sdhci", emmc);
        peri.addSubregion(EMMC1_OFFSET, sdhci.mmio());
        sdhci.irqOut().connect(ic.gpioIn(Bcm2835Ic.GPU_IRQ, INTERRUPT_ARASANSDIO));

        placeholders(peripherals, peri);
        unimplemented(peripherals, peri);
        attachSdCard(config.drives());
        this.userNets = UserNetRouterAdvertTimer.forConfig(config, virtualClock, new SplittableRandom());
    }

    /** Peripherals QEMU models and we do not yet: QOM type, child name, region name, offset, size. */
    private void placeholders(QomObject parent, MemoryRegion peri) {
        Object[][] list = {
            {"bcm2835-mphi", "mphi", "mphi", 0x6000L, 0x1000L},
            {"bcm2835-mbox", "mbox", "bcm2835-mbox", 0xb800L, 0x400L},
            {"bcm2835-powermgt", "powermgt", "bcm2835-powermgt", 0x10_0000L, 0x200L},
            {"bcm2835-cprman", "cprman", "bcm2835-cprman", 0x10_1000L, 0x2000L},
            {"bcm2835-rng", "rng", "bcm2835-rng", 0x10_4000L, 0x10L},
            {"bcm2835_gpio", "gpio", "bcm2835_gpio", 0x20_0000L, 0x1000L},
            {"pl011", "uart0", "pl011", 0x20_1000L, 0x1000L},
            {"bcm2835-sdhost", "sdhost", "bcm2835-sdhost", 0x20_2000L, 0x1000L},
            {"bcm2835-thermal", "thermal", "bcm2835-thermal", 0x21_2000L, 0x8L},
            {"bcm2835-aux", "aux", "bcm2835-aux", 0x21_5000L, 0x100L},
        };
        for (Object[] p : list) {
            PlaceholderDevice d = internal(parent, (String) p[1],
                    new PlaceholderDevice((String) p[0], (String) p[2], (Long) p[4]));
            peri.addSubregion((Long) p[3], d.mmio());
        }
        PlaceholderDevice dma = internal(parent, "dma", new PlaceholderDevice("bcm2835-dma", "bcm2835-dma", 0x1000));
        peri.addSubregion(0x7000, dma.mmio());
        peri.addSubregion(0xe0_5000, dma.extraRegion("bcm2835-dma-chan15", 0x100));
        Dwc2Otg dwc2 = internal(parent, "dwc2", new Dwc2Otg());
        peri.addSubregion(0x98_0000, dwc2.mmio());
        peri.addSubregion(0x98_1000, dwc2.fifo());
        // the framebuffer and property channels sit behind the mailbox, not in the CPU's address space
        internal(parent, "fb", new PlaceholderDevice("bcm2835-fb", "bcm2835-fb", 0x10));
        internal(parent, "property", new PlaceholderDevice("bcm2835-property", "bcm2835-property", 0x10));
    }

    /** The peripherals QEMU maps as unimplemented devices: name, offset, size; below the real devices (-1000). */
    private void unimplemented(QomObject parent, MemoryRegion peri) {
        Object[][] list = {
            {"bcm2835-txp", 0x4000L, 0x1000L},
            {"bcm2835-sp804", 0xb400L, 0x40L},
            {"bcm2835-i2s", 0x20_3000L, 0x100L},
            {"bcm2835-spi0", 0x20_4000L, 0x20L},
            {"bcm2835-i2c0", 0x20_5000L, 0x20L},
            {"bcm2835-otp", 0x20_f000L, 0x80L},
            {"bcm2835-spis", 0x21_4000L, 0x100L},
            {"bcm2835-smi", 0x60_0000L, 0x100L},
            {"bcm2835-i2c1", 0x80_4000L, 0x20L},
            {"bcm2835-i2c2", 0x80_5000L, 0x20L},
            {"bcm2835-dbus", 0x90_0000L, 0x8000L},
            {"bcm2835-ave0", 0x91_0000L, 0x8000L},
            {"bcm2835-v3d", 0xc0_0000L, 0x1000L},
            {"bcm2835-sdramc", 0xe0_0000L, 0x100L},
        };
        for (Object[] u : list) {
            String name = (String) u[0];
            UnimplementedDevice d = internal(parent, name, new UnimplementedDevice(name, (Long) u[2]));
            peri.addSubregionOverlap((Long) u[1], d.mmio(), -1000);
        }
    }

    /**
     * The machine always creates an {@code sd-card} at {@code /machine/unattached/device[N]} on the SoC's SD bus,
     * backed by {@code -drive if=sd,index=0} when given, with the card's default spec version (2). After reset the
     * GPIO block routes that bus to the SDHCI, which is where the card sits here. A card without a drive is not
     * inserted (sd_get_inserted), so it is created but left out of the slot, which then reads as empty, as QEMU's
     * registers show without {@code -drive if=sd}. Realize errors (read-only drive, size not a power of two) come
     * without a {@code -drive} location, as QEMU reports them from machine init.
     */
    private static final String SIZE_HINT = "You can resize disk images with 'qemu-img resize <imagefile> "
            + "<new-size>'\n(note that this will lose data if you make the image smaller than it currently is).";

    private void attachSdCard(List<DriveSpec> drives) throws StartupException {
        DriveSpec drive = null;
        for (DriveSpec d : drives) {
            if (d.iface().equals("sd") && d.bus() == 0 && MachineConfig.unitOf(d) == 0) {
                drive = d;
            }
        }
        if (drive != null) {
            claimedDrives().add(drive.id());
        }
        SdCard card;
        try {
            card = internal(SdCardDrive.realize(drive, QomTypes.SD_DEFAULT_SPEC_VERSION, virtualClock));
        } catch (StartupException e) {
            if (e.getMessage().startsWith("Invalid SD card size")) {
                // machine init reports the size with the hint QEMU 7.2 appends (a QMP reply would drop it)
                throw new StartupException(e.getMessage() + "\n" + SIZE_HINT);
            }
            throw e;
        }
        keepBackend(card.backend());
        if (card.inserted()) {
            sdhci.slot().attach(card);
        }
    }

    public GenericSdhci sdhci() {
        return sdhci;
    }

    public Bcm2835SystemTimer systemTimer() {
        return systemTimer;
    }

    public Bcm2835Ic ic() {
        return ic;
    }

    public Bcm2836Control control() {
        return control;
    }

    public ArmCpu cpu(int n) {
        return cpus[n];
    }

    /** The earliest router-advertisement deadline of the user networks (virtual ns), or -1 without one. */
    public long userNetDeadlineNs() {
        long best = -1;
        for (UserNetRouterAdvertTimer u : userNets) {
            long d = u.deadlineNs();
            if (d >= 0 && (best < 0 || d < best)) {
                best = d;
            }
        }
        return best;
    }

    @Override
    public boolean bigEndian() {
        return false;
    }

    /**
     * {@code -device} through the type registry: raspi2b has no bus a PCI device plugs into, so {@code edu} fails
     * for want of its bus, as QEMU reports it; {@code sd-card} goes onto the SDHCI's bus. QEMU accepts a
     * second card on the SoC's SD buses too; here such a card exists (QOM tree, reset) but only the first card with
     * a drive is in the SDHCI slot.
     */
    @Override
    public Device plug(QemuOpts opts) throws StartupException {
        return plugUserDevice(opts);
    }

    /** The buses {@code bus=} may name: the system bus and the SD bus the card sits on. */
    @Override
    protected List<NamedBus> namedBuses() {
        return List.of(MAIN_SYSTEM_BUS, new NamedBus("sd-bus", "sdhci-bus", sdhci));
    }

    @Override
    protected Object findBus(String busType) {
        return busType.equals("sd-bus") ? sdhci : null;
    }

    @Override
    protected Device plugIntoBus(Object bus, Device dev, QemuOpts opts, boolean hot) throws StartupException {
        if (bus == sdhci && dev instanceof SdCard card) {
            user(opts.get("id"), card);
            if (card.inserted() && sdhci.slot().card() == null) {
                sdhci.slot().attach(card);
            }
            return card;
        }
        return super.plugIntoBus(bus, dev, opts, hot);
    }
}
