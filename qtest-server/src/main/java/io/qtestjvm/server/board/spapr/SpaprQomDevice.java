package io.qtestjvm.server.board.spapr;

import io.qtestjvm.core.Device;

/**
 * A pseries device that exists for the QOM tree only ({@code qom-list}, {@code info qtree}, qtest paths): the
 * interrupt controller, the CPU core, the VIO bridge and its default VIO devices (console, NVRAM, network, SCSI),
 * the USB keyboard and mouse. None has a register a qtest client can reach without a running guest (VIO devices
 * are driven by hypervisor calls, which qtest cannot make). The interrupt controller carries an unnamed input
 * list so that {@code irq_intercept_in} takes it as QEMU's does.
 */
public final class SpaprQomDevice extends Device {
    public SpaprQomDevice(String type) {
        super(type);
    }

    /** With {@code inputs} unnamed GPIO inputs that go nowhere. */
    public SpaprQomDevice(String type, int inputs) {
        super(type);
        initGpioIn(UNNAMED, (n, level) -> { }, inputs);
    }

    @Override
    public void reset() {
        // no state
    }
}
