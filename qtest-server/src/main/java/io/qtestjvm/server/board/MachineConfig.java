package io.qtestjvm.server.board;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the command line says about the machine to build: its type and properties (all {@code -machine} options
 * merged, later keys winning, as QEMU merges them), RAM size, CPUs, defaults, RTC clock and the {@code -device}
 * list in command-line order.
 */
public final class MachineConfig {
    private final String arch;
    private final String machineType;
    private final Map<String, String> machineProps;
    private final long ramSize;
    private final boolean ramSizeGiven;
    private final int smp;
    private final String cpu;
    private final boolean nodefaults;
    private final boolean rtcClockVm;
    private final List<QemuOpts> devices;
    private final Compat compat;
    private boolean defaultVga = true;
    private boolean defaultNic = true;

    private MachineConfig(String arch, String machineType, Map<String, String> machineProps, long ramSize,
                          boolean ramSizeGiven, int smp, String cpu, boolean nodefaults, boolean rtcClockVm,
                          List<QemuOpts> devices, Compat compat) {
        this.arch = arch;
        this.machineType = machineType;
        this.machineProps = machineProps;
        this.ramSize = ramSize;
        this.ramSizeGiven = ramSizeGiven;
        this.smp = smp;
        this.cpu = cpu;
        this.nodefaults = nodefaults;
        this.rtcClockVm = rtcClockVm;
        this.devices = devices;
        this.compat = compat;
    }

    public static MachineConfig from(String arch, QemuCommandLine cl, Compat compat) throws StartupException {
        Map<String, String> props = new LinkedHashMap<>();
        String type = null;
        for (String m : cl.all("machine")) {
            QemuOpts o = QemuOpts.parse(m, "type");
            for (String k : o.keys()) {
                if (k.equals("type")) {
                    type = o.get(k);
                } else {
                    props.put(k, o.get(k));
                }
            }
        }
        long ram = -1;
        String m = cl.last("m");
        if (m != null) {
            QemuOpts o = QemuOpts.parse(m, "size");
            String size = o.get("size");
            if (size == null) {
                throw new StartupException("-m " + m + ": missing 'size' option value");
            }
            try {
                ram = QemuOpts.parseSize(size, 'M');
            } catch (IllegalArgumentException e) {
                throw new StartupException("Invalid RAM size " + size);
            }
            if (ram <= 0) {
                throw new StartupException("Invalid RAM size " + size);
            }
        }
        int smp = 1;
        String s = cl.last("smp");
        if (s != null) {
            QemuOpts o = QemuOpts.parse(s, "cpus");
            try {
                smp = Integer.parseInt(o.get("cpus", "1"));
            } catch (NumberFormatException e) {
                throw new StartupException("Parameter 'cpus' expects a number");
            }
            if (smp < 1) {
                throw new StartupException("Invalid SMP CPUs " + smp);
            }
        }
        boolean vmClock = false;
        String rtc = cl.last("rtc");
        if (rtc != null) {
            QemuOpts o = QemuOpts.parse(rtc, null);
            String clock = o.get("clock", "host");
            switch (clock) {
                case "host", "rt" -> vmClock = false;
                case "vm" -> vmClock = true;
                default -> throw new StartupException("-rtc " + rtc + ": invalid option value '" + clock + "'");
            }
        }
        List<QemuOpts> devs = new ArrayList<>();
        for (String d : cl.all("device")) {
            devs.add(QemuOpts.parse(d, "driver"));
        }
        MachineConfig c = new MachineConfig(arch, type, props, ram, ram >= 0, smp, cl.last("cpu"),
                cl.has("nodefaults"), vmClock, devs, compat);
        String vga = cl.last("vga");
        c.defaultVga = !cl.has("nodefaults") && (vga == null || !vga.equals("none"));
        boolean netNone = cl.all("net").contains("none") || cl.all("nic").contains("none");
        c.defaultNic = !cl.has("nodefaults") && !netNone && cl.all("net").isEmpty() && cl.all("nic").isEmpty();
        return c;
    }

    /** Whether the board adds its default VGA ({@code -nodefaults} and {@code -vga none} remove it). */
    public boolean defaultVga() {
        return defaultVga;
    }

    /** Whether the board adds its default NIC ({@code -nodefaults}, {@code -net none}, {@code -nic none}). */
    public boolean defaultNic() {
        return defaultNic;
    }

    public String arch() {
        return arch;
    }

    /** The {@code -machine} type, or null when none was given (QEMU then uses the arch's default). */
    public String machineType() {
        return machineType;
    }

    public Map<String, String> machineProps() {
        return machineProps;
    }

    /** RAM size in bytes, or {@code fallback} when {@code -m} was not given. */
    public long ramSize(long fallback) {
        return ramSizeGiven ? ramSize : fallback;
    }

    public boolean ramSizeGiven() {
        return ramSizeGiven;
    }

    public int smp() {
        return smp;
    }

    public String cpu() {
        return cpu;
    }

    public boolean nodefaults() {
        return nodefaults;
    }

    /** {@code -rtc clock=vm}: the RTC follows the virtual clock (QEMU's default is the host clock). */
    public boolean rtcClockVm() {
        return rtcClockVm;
    }

    public List<QemuOpts> devices() {
        return devices;
    }

    public Compat compat() {
        return compat;
    }
}
