package io.qtestjvm.server.board.spapr;

import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.pci.SpaprPhb;
import io.qtestjvm.server.qtest.QtestRtas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The pseries Run-Time Abstraction Services (LoPAPR chapter 7) as the qtest {@code rtas} command reaches them: a
 * table of services keyed by name, one small handler each. Every handler first checks the argument and return
 * cell counts its section defines; a call with other counts gets a parameter error (the configuration calls a
 * hardware error) in its status cell and does nothing else.
 *
 * <p>Names QEMU's pseries registers that are not modelled here (the interrupt, EEH, dynamic reconfiguration and
 * CPU start/stop services) are known, so that the command can say so instead of answering "no such call".
 */
public final class PseriesRtas implements QtestRtas {
    /** What the board lets the services act on. */
    public interface Platform {
        List<SpaprPhb> phbs();

        SpaprRtc rtc();

        /** A guest-requested reset ({@code system-reboot}). */
        void requestReset();

        /** A guest-requested power-off ({@code power-off}). */
        void requestPowerOff();

        /** {@code set-time-of-day} changed the clock: the RTC_CHANGE event with the new offset in seconds. */
        LongConsumer rtcChanged();
    }

    /** Services QEMU 7.2's pseries registers that qtest-jvm does not model. */
    private static final Set<String> UNMODELLED = Set.of("display-character", "query-cpu-stopped-state",
            "start-cpu", "stop-self", "ibm,get-system-parameter", "ibm,set-system-parameter", "ibm,os-term",
            "set-indicator", "get-sensor-state", "ibm,configure-connector", "ibm,nmi-register", "ibm,nmi-interlock",
            "ibm,query-interrupt-source-number", "ibm,change-msi", "ibm,set-xive", "ibm,get-xive", "ibm,int-off",
            "ibm,int-on", "check-exception", "event-scan", "ibm,set-eeh-option", "ibm,get-config-addr-info2",
            "ibm,read-slot-reset-state2", "ibm,set-slot-reset", "ibm,configure-pe", "ibm,slot-error-detail");
    /** The power domain value that names the whole platform (LoPAPR "Power Control"). */
    private static final long ALL_DOMAINS = 0xffff_ffffL;
    /** The one power level the platform reports: full power. */
    private static final int FULL_POWER = 100;

    private final Platform platform;
    private final RtasCells cells;
    private final Map<String, RtasCall> table = new HashMap<>();
    private final long[] civil = new long[6];

    public PseriesRtas(AddressSpace memory, Platform platform) {
        this.platform = platform;
        this.cells = new RtasCells(memory);
        // "PCI Configuration Space"
        table.put("ibm,read-pci-config", this::ibmReadPciConfig);
        table.put("ibm,write-pci-config", this::ibmWritePciConfig);
        table.put("read-pci-config", this::readPciConfig);
        table.put("write-pci-config", this::writePciConfig);
        // "Time of Day"
        table.put("get-time-of-day", this::getTimeOfDay);
        table.put("set-time-of-day", this::setTimeOfDay);
        // "Power Control" and "Reboot"
        table.put("get-power-level", this::getPowerLevel);
        table.put("set-power-level", this::setPowerLevel);
        table.put("power-off", this::powerOff);
        table.put("system-reboot", this::systemReboot);
    }

    /** Whether the RTAS has a service called {@code name}, modelled or not. */
    @Override
    public boolean known(String name) {
        return table.containsKey(name) || UNMODELLED.contains(name);
    }

    /** Whether {@code name} is a service qtest-jvm models. */
    @Override
    public boolean modelled(String name) {
        return table.containsKey(name);
    }

    /**
     * Runs service {@code name} on the buffers; returns {@link RtasStatus#QTEST_CALLED}, or
     * {@link RtasStatus#QTEST_UNKNOWN} when there is no such service. Counts are the caller's cells (32 bits).
     */
    @Override
    public long call(String name, int nargs, long args, int nret, long rets) {
        RtasCall c = table.get(name);
        if (c == null) {
            return RtasStatus.QTEST_UNKNOWN;
        }
        c.call(cells.bind(name, nargs, args, nret, rets));
        return RtasStatus.QTEST_CALLED;
    }

    // ---- "PCI Configuration Space" -------------------------------------------------------------------------

    /** {@code ibm,read-pci-config}: in (config address, BUID high, BUID low, size), out (status, value). */
    private void ibmReadPciConfig(RtasCells c) {
        if (!c.counts(4, 2)) {
            c.status(RtasStatus.HARDWARE_ERROR);
            return;
        }
        readConfig(c, c.arg64(1), (int) c.arg(0), c.arg(3));
    }

    /** {@code read-pci-config}: in (config address, size), out (status, value); the bridge with BUID 0. */
    private void readPciConfig(RtasCells c) {
        if (!c.counts(2, 2)) {
            c.status(RtasStatus.HARDWARE_ERROR);
            return;
        }
        readConfig(c, 0, (int) c.arg(0), c.arg(1));
    }

    /** {@code ibm,write-pci-config}: in (config address, BUID high, BUID low, size, value), out (status). */
    private void ibmWritePciConfig(RtasCells c) {
        if (!c.counts(5, 1)) {
            c.status(RtasStatus.HARDWARE_ERROR);
            return;
        }
        writeConfig(c, c.arg64(1), (int) c.arg(0), c.arg(3), c.arg(4));
    }

    /** {@code write-pci-config}: in (config address, size, value), out (status); the bridge with BUID 0. */
    private void writePciConfig(RtasCells c) {
        if (!c.counts(3, 1)) {
            c.status(RtasStatus.HARDWARE_ERROR);
            return;
        }
        writeConfig(c, 0, (int) c.arg(0), c.arg(1), c.arg(2));
    }

    private void readConfig(RtasCells c, long buid, int configAddress, long size) {
        SpaprPhb phb = SpaprPhb.byBuid(platform.phbs(), buid);
        long value = phb == null ? SpaprPhb.STATUS_HW_ERROR : phb.readConfig(configAddress, size);
        if (value < 0) {
            c.status(RtasStatus.HARDWARE_ERROR);
            return;
        }
        c.status(RtasStatus.SUCCESS);
        c.ret(1, value);
    }

    private void writeConfig(RtasCells c, long buid, int configAddress, long size, long value) {
        SpaprPhb phb = SpaprPhb.byBuid(platform.phbs(), buid);
        c.status(phb == null ? RtasStatus.HARDWARE_ERROR : phb.writeConfig(configAddress, size, value));
    }

    // ---- "Time of Day" ---------------------------------------------------------------------------------------

    /**
     * {@code get-time-of-day}: no input, out (status, year, month, day, hour, minute, second, nanoseconds).
     */
    private void getTimeOfDay(RtasCells c) {
        if (!c.counts(0, 8)) {
            c.status(RtasStatus.PARAMETER_ERROR);
            return;
        }
        long ns = platform.rtc().nowNs();
        SpaprRtc.civil(Math.floorDiv(ns, 1_000_000_000L), civil);
        c.status(RtasStatus.SUCCESS);
        for (int i = 0; i < civil.length; i++) {
            c.ret(i + 1, civil[i]);
        }
        c.ret(7, ns);
    }

    /**
     * {@code set-time-of-day}: in (year, month, day, hour, minute, second, nanoseconds), out (status); each
     * field a signed cell.
     */
    private void setTimeOfDay(RtasCells c) {
        if (!c.counts(7, 1)) {
            c.status(RtasStatus.PARAMETER_ERROR);
            return;
        }
        long s = platform.rtc().set(signed(c.arg(0)), signed(c.arg(1)), signed(c.arg(2)), signed(c.arg(3)),
                signed(c.arg(4)), signed(c.arg(5)));
        c.status(RtasStatus.SUCCESS);
        platform.rtcChanged().accept(s);
    }

    private static long signed(long cell) {
        return (int) cell;
    }

    // ---- "Power Control" and "Reboot" ------------------------------------------------------------------------

    /** {@code get-power-level}: in (power domain), out (status, level); only the whole platform has a level. */
    private void getPowerLevel(RtasCells c) {
        if (!c.counts(1, 2)) {
            c.status(RtasStatus.PARAMETER_ERROR);
            return;
        }
        if (c.arg(0) != ALL_DOMAINS) {
            c.status(RtasStatus.NOT_SUPPORTED);
            return;
        }
        c.status(RtasStatus.SUCCESS);
        c.ret(1, FULL_POWER);
    }

    /**
     * {@code set-power-level}: in (power domain, level), out (status, level set); the whole platform stays at
     * full power whatever is asked.
     */
    private void setPowerLevel(RtasCells c) {
        if (!c.counts(2, 2)) {
            c.status(RtasStatus.PARAMETER_ERROR);
            return;
        }
        if (c.arg(0) != ALL_DOMAINS) {
            c.status(RtasStatus.NOT_SUPPORTED);
            return;
        }
        c.status(RtasStatus.SUCCESS);
        c.ret(1, FULL_POWER);
    }

    /** {@code power-off}: in (power-on time high, low), out (status). */
    private void powerOff(RtasCells c) {
        if (!c.counts(2, 1)) {
            c.status(RtasStatus.PARAMETER_ERROR);
            return;
        }
        platform.requestPowerOff();
        c.status(RtasStatus.SUCCESS);
    }

    /** {@code system-reboot}: no input, out (status). */
    private void systemReboot(RtasCells c) {
        if (!c.counts(0, 1)) {
            c.status(RtasStatus.PARAMETER_ERROR);
            return;
        }
        platform.requestReset();
        c.status(RtasStatus.SUCCESS);
    }
}
