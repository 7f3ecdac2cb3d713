package io.qtestjvm.server.board;

import io.qtestjvm.core.StatelessCpu;
import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.devices.sd.SdhciPci;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.pci.NecXhciPci;
import io.qtestjvm.pci.PciBus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;
import io.qtestjvm.pci.SpaprPhb;
import io.qtestjvm.pci.VgaPci;
import io.qtestjvm.server.board.spapr.PseriesRtas;
import io.qtestjvm.server.board.spapr.SpaprQomDevice;
import io.qtestjvm.server.board.spapr.SpaprRtc;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qmp.JsonObject;
import io.qtestjvm.server.qtest.QtestRtas;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * QEMU's ppc64 {@code pseries} machine as a qtest client sees it (PAPR / LoPAPR platform): big-endian, RAM from
 * address 0, the default PCI host bridge ({@link SpaprPhb}, index 0) whose configuration space only RTAS reaches
 * ({@link PseriesRtas}, the qtest {@code rtas} command), more bridges with
 * {@code -device spapr-pci-host-bridge,index=N}, the time-of-day clock at {@code /machine/rtc}, and the default
 * devices QEMU builds, in QEMU's creation order so that {@code /machine/unattached/device[N]} names the same
 * object: the interrupt controller (0), the CPU core (1), the VIO bridge (2) with console (3) and NVRAM (4), the
 * bridge (5), VIO network (6) and SCSI (7), then VGA (00.0) and the USB host (01.0) on the bridge's bus, the USB
 * keyboard and mouse.
 *
 * <p>Known differences from QEMU: no firmware is loaded, so RAM where QEMU's SLOF image sits reads 0 here; the
 * interrupt controller, CPU core and VIO devices have no state ({@link SpaprQomDevice}); VGA and the USB host are
 * configuration space only; DMA of PCI devices reaches no memory (QEMU translates it through TCE tables, empty
 * without a guest; virtio's bypass is not modelled); the hot-plug connectors ({@code dr-connector[N]}) QEMU lists
 * under the machine and the bridges, its watchdogs and the bridge's many properties are absent.
 */
public final class PseriesBoard extends Board {
    /** QEMU's pseries default RAM. */
    public static final long DEFAULT_RAM = 512L << 20;
    public static final String RAM_ID = "ppc_spapr.ram";
    /** The interrupt controller's inputs a test can intercept (the interrupt source numbers of one chip). */
    static final int XIVE_INPUTS = 4096;

    private final long ramSize;
    private final List<SpaprPhb> phbs = new ArrayList<>();
    private final SpaprPhb defaultPhb;
    private final SpaprRtc rtc;
    private final PseriesRtas rtas;
    private final List<UserNetRouterAdvertTimer> userNets;

    /**
     * The CPU cores (PAPR: a core is the unit of dynamic reconfiguration, LoPAPR 13.5): one
     * {@code <model>-spapr-cpu-core} per {@code -smp} core, each with its hardware threads as {@code thread[N]}
     * children; {@code core-id} is the number of the core's first thread and every CPU is in NUMA node 0
     * (Debian's 7.2 {@code query-cpus-fast}).
     */
    private void addCpuCores(MachineConfig config) {
        String type = config.cpuSpec() != null ? config.cpuSpec().type() : config.machine().defaultCpuType();
        String coreType = type.substring(0, type.length() - "-powerpc64-cpu".length()) + "-spapr-cpu-core";
        int threads = config.topology().threads();
        int cores = config.topology().cpus() / threads;
        for (int k = 0; k < cores; k++) {
            SpaprQomDevice core = internal(new SpaprQomDevice(coreType));
            for (int t = 0; t < threads; t++) {
                int index = k * threads + t;
                cpu(new StatelessCpu(type, index), core, "thread[" + t + "]",
                        new JsonObject().put("core-id", k * threads).put("node-id", 0), java.util.Map.of());
            }
        }
    }

    public PseriesBoard(MachineConfig config) throws StartupException {
        super(config.machine().qomType(), config, true);
        this.ramSize = config.ramSize(DEFAULT_RAM);
        checkConfiguration(config, ramSize);
        systemMemory.addSubregion(0, MemoryRegion.ram(RAM_ID, ramSize));
        Clock rtcClock = config.rtcClockVm() ? virtualClock : hostClock;
        this.rtc = internal(machine, "rtc", new SpaprRtc(rtcClock, baseSeconds(config)));
        internal(new SpaprQomDevice("spapr-xive", XIVE_INPUTS));
        addCpuCores(config);
        internal(new SpaprQomDevice("spapr-vio-bridge"));
        if (!config.nodefaults()) { // the default serial and SCSI adapter (-nodefaults drops them)
            internal(new SpaprQomDevice("spapr-vty"));
        }
        internal(new SpaprQomDevice("spapr-nvram"));
        this.defaultPhb = internal(newPhb(0));
        if (config.defaultNic()) {
            internal(new SpaprQomDevice("spapr-vlan"));
        }
        if (!config.nodefaults()) {
            internal(new SpaprQomDevice("spapr-vscsi"));
        }
        if (config.defaultVga()) {
            pciInternal(new VgaPci(), PciRegs.devfn(0, 0));
            pciInternal(new NecXhciPci(), PciRegs.devfn(1, 0));
            internal(new SpaprQomDevice("usb-kbd"));
            internal(new SpaprQomDevice("usb-mouse"));
        }
        this.rtas = new PseriesRtas(memory, new PseriesRtas.Platform() {
            @Override
            public List<SpaprPhb> phbs() {
                return Collections.unmodifiableList(phbs);
            }

            @Override
            public SpaprRtc rtc() {
                return rtc;
            }

            @Override
            public void requestReset() {
                requestGuestReset();
            }

            @Override
            public void requestPowerOff() {
                requestGuestShutdown();
            }

            @Override
            public LongConsumer rtcChanged() {
                return PseriesBoard.this::rtcChanged;
            }
        });
        this.userNets = UserNetRouterAdvertTimer.forConfig(config, virtualClock, new SplittableRandom());
    }

    /** RAM granularity of the platform: QEMU's pseries takes RAM and maxmem in whole 256 MiB blocks. */
    static final long MEMORY_BLOCK = 256L << 20;
    /** Below this much RAM QEMU's pseries refuses to start: its firmware's real-mode area would not fit. */
    static final long MIN_RMA = 128L << 20;

    /**
     * The start-up checks of QEMU 7.2's pseries, with its messages as Debian's build prints them (the firmware
     * message carries a literal {@code ld}, and the maxmem message prints the RAM size, both as QEMU does): RAM of at
     * least 128 MiB, RAM and maxmem multiples of 256 MiB, one thread per core without KVM.
     */
    static void checkConfiguration(MachineConfig config, long ram) throws StartupException {
        if (ram < MIN_RMA) {
            throw new StartupException("pSeries SLOF firmware requires >= 80ldMiB guest RMA (Real Mode Area memory)");
        }
        if (ram % MEMORY_BLOCK != 0) {
            throw new StartupException("Memory size 0x" + Long.toHexString(ram) + " is not aligned to 256 MiB");
        }
        long maxMem = config.memory() == null ? 0 : config.memory().maxMem();
        if (maxMem % MEMORY_BLOCK != 0) {
            throw new StartupException("Maximum memory size 0x" + Long.toHexString(ram)
                    + " is not aligned to 256 MiB");
        }
        if (config.topology().threads() > 1) {
            throw new StartupException("TCG cannot support more than 1 thread/core on a pseries machine");
        }
    }

    private SpaprPhb newPhb(int index) {
        SpaprPhb phb = new SpaprPhb(index).connect(systemMemory, emptyTceSpace());
        phbs.add(phb);
        return phb;
    }

    /**
     * Where a bridge's bus masters go: through its TCE tables (LoPAPR "Translation Control Entries"), which are
     * empty without a guest, so every DMA address is untranslated: reads give 0, writes are dropped.
     */
    private static AddressSpace emptyTceSpace() {
        return AddressSpace.memory("tce", MemoryRegion.containerOfWholeSpace("tce-empty"), true);
    }

    private <T extends PciDevice> T pciInternal(T dev, int devfn) {
        defaultPhb.bus().plug(dev, devfn);
        return internal(dev);
    }

    /** RTC_CHANGE: the new offset from the host's time in whole seconds (cut to 32 bits, as QEMU reports it). */
    private void rtcChanged(long guestSeconds) {
        long offset = (int) (guestSeconds - System.currentTimeMillis() / 1000);
        emitEvent("RTC_CHANGE", new JsonObject().put("offset", offset).put("qom-path", rtc.path()));
    }

    /** {@code -rtc base=}: a date or date-time (UTC), or {@link Long#MIN_VALUE} for the host's time. */
    static long baseSeconds(MachineConfig config) {
        String base = config.rtc().base();
        if (base.equals("utc") || base.equals("localtime")) {
            return Long.MIN_VALUE;
        }
        if (base.length() == 10) {
            return LocalDate.parse(base).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(base).toEpochSecond(ZoneOffset.UTC);
    }

    @Override
    public boolean bigEndian() {
        return true;
    }

    @Override
    public QtestRtas rtas() {
        return rtas;
    }

    public long ramSize() {
        return ramSize;
    }

    public SpaprRtc rtc() {
        return rtc;
    }

    /** The bridges, the default one first. */
    public List<SpaprPhb> phbs() {
        return Collections.unmodifiableList(phbs);
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
    public Device plug(QemuOpts opts) throws StartupException {
        return plugUserDevice(opts);
    }

    /** pseries' user buses: the default bridge's {@code pci.0}, and the SD bus of an sdhci-pci. */
    @Override
    protected Object findBus(String busType) {
        return switch (busType) {
            case PciBus.TYPE -> defaultPhb.bus();
            case "sd-bus" -> sdBusFor();
            default -> null;
        };
    }

    @Override
    protected Device plugIntoBus(Object bus, Device dev, QemuOpts opts, boolean hot) throws StartupException {
        if (bus == null && dev instanceof SpaprPhb phb) {
            if (SpaprPhb.byBuid(phbs, phb.buid()) != null) {
                throw new StartupException("PHB " + phb.index() + " already attached");
            }
            phb.connect(systemMemory, emptyTceSpace());
            phbs.add(phb);
            return user(opts.get("id"), phb);
        }
        if (bus instanceof PciBus pciBus && dev instanceof PciDevice pci) {
            return plugPci(pciBus, pci, opts, hot);
        }
        if (bus instanceof SdhciPci host && dev instanceof SdCard card) {
            return plugSdCard(host, card, opts);
        }
        return super.plugIntoBus(bus, dev, opts, hot);
    }
}
