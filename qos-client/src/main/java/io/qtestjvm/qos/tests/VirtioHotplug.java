package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.pci.PciBusPc;
import io.qtestjvm.qos.libqos.pci.QPciAddress;
import io.qtestjvm.qos.libqos.pci.QPciDevice;
import io.qtestjvm.qos.libqos.virtio.VirtioPci;
import io.qtestjvm.qos.libqtest.QTestState;

import java.util.Map;

/**
 * The virtio hotplug tests' common part (virtio-blk-test, virtio-rng-test, virtio-net-test: reference 4.2):
 * {@code device_add} at slot 6, the function found there with the right virtio type, then libqos' ACPI unplug on
 * {@code pc} ({@code device_del}, the eject register at 0xae08, {@code DEVICE_DELETED}). Buses that cannot hotplug
 * make the test not applicable.
 */
final class VirtioHotplug {
    static final int SLOT = 6;
    private static final int PCI_EJ = 0xae08;

    private VirtioHotplug() {
    }

    static void plugAndUnplug(QPciDevice on, String driver, String id, String extraJson, int type) {
        NotApplicable.unless(on.bus() instanceof PciBusPc, "the machine's PCI bus is not hotpluggable in libqos");
        QTestState qts = on.qts();
        Map<String, Object> r = qts.qmp("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"" + driver
                + "\", \"id\": \"" + id + "\", \"addr\": \"0" + SLOT + ".0\"" + extraJson + "}}");
        Check.isTrue(r.containsKey("return"), "device_add answered " + r);
        QPciDevice dev = on.bus().device(new QPciAddress(QPciAddress.devfn(SLOT, 0), 0, 0));
        Check.equal(type, VirtioPci.virtioType(dev), "virtio type of the plugged " + driver);
        r = qts.qmp("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"" + id + "\"}}");
        Check.isTrue(r.containsKey("return"), "device_del answered " + r);
        qts.outl(PCI_EJ, 1 << SLOT);
        // the device's own event carries its id; its children's (e.g. the virtio backend) only a QOM path
        for (int i = 0; i < 8; i++) {
            Map<String, Object> ev = qts.eventWait("DEVICE_DELETED");
            Object data = ev.get("data");
            if (data instanceof Map<?, ?> m && id.equals(m.get("device"))) {
                return;
            }
        }
        throw new AssertionError("no DEVICE_DELETED for " + id + " among 8 events");
    }
}
