package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A virtio-pci device is a proxy with the virtio device on its own bus (virtio 1.2 4.1): on Debian's QEMU 7.2 and
 * on the stand-in alike, {@code qom-list} of the proxy shows {@code virtio-bus} (a {@code virtio-pci-bus}) and
 * {@code virtio-backend} (the {@code virtio-X-device}), and {@code info qtree} prints that bus and device under the
 * proxy with the device's property lines, after the proxy's own (disable-legacy, vectors, ...). (The order of DEVICE_DELETED on unplug, the backend's first, is pinned by
 * the hotplug paths of {@code TraceDiffRunnerTest}.)
 */
class VirtioPciProxyTreeTest {
    private record Seen(List<String> children, String backendType, String busSection) {
    }

    @SuppressWarnings("unchecked")
    private static Seen look(Backend b, String device, String backend) {
        try (QTestState qts = new QTestState(b.start("x86_64", "-M pc -nodefaults -device " + device
                + ",id=p0 -drive if=none,id=d0,file=null-co://,format=raw", "7.2"))) {
            List<String> children = new ArrayList<>();
            for (Map<String, Object> p : (List<Map<String, Object>>) qts.qmp("{\"execute\": \"qom-list\", "
                    + "\"arguments\": {\"path\": \"/machine/peripheral/p0\"}}").get("return")) {
                String t = String.valueOf(p.get("type"));
                if (t.startsWith("child<") && !t.equals("child<memory-region>")) { // regions: not modelled
                    children.add(p.get("name") + " " + p.get("type"));
                }
            }
            String type = String.valueOf(qts.qmp("{\"execute\": \"qom-get\", \"arguments\": {\"path\": "
                    + "\"/machine/peripheral/p0/virtio-backend\", \"property\": \"type\"}}").get("return"));
            String tree = String.valueOf(qts.qmp("{\"execute\": \"human-monitor-command\", \"arguments\": "
                    + "{\"command-line\": \"info qtree\"}}").get("return"));
            int at = tree.indexOf("bus: virtio-bus");
            assertTrue(at > 0, "[" + b + "] info qtree has the proxy's virtio bus:\n" + tree);
            // the proxy's own lines (up to its pci-device lines), then the bus, its type, the backend and every
            // property line of it (indented deeper than the bus line)
            int dev = tree.lastIndexOf("dev: ", at);
            List<String> section = new ArrayList<>(tree.substring(dev, tree.indexOf("addr = ", dev)).lines().toList());
            section.addAll(tree.substring(at).lines().skip(1).takeWhile(l -> l.startsWith("          ")).toList());
            return new Seen(children.stream().sorted().toList(), type, String.join("\n", section));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"virtio-rng-pci, virtio-rng-device", "virtio-blk-pci;drive=d0, virtio-blk-device",
            "virtio-net-pci, virtio-net-device", "virtio-blk-pci;drive=d0;vectors=5;ioeventfd=off, virtio-blk-device",
            "virtio-rng-pci;disable-modern=on, virtio-rng-device", "virtio-rng-pci-non-transitional, virtio-rng-device",
            "virtio-rng-pci-transitional, virtio-rng-device"})
    void theProxyHoldsItsVirtioBusAndBackendAsQemusDoes(String device, String backend) {
        Backend.QEMU.assumeAvailable("x86_64");
        String d = device.replace(';', ',');
        Seen qemu = look(Backend.QEMU, d, backend);
        assertTrue(qemu.children().contains("virtio-backend child<" + backend + ">"), "QEMU: " + qemu);
        assertEquals(backend, qemu.backendType());
        assertEquals(qemu, look(Backend.JVM_PROCESS, d, backend), "[jvm-process] against [qemu]");
        assertEquals(qemu, look(Backend.JVM, d, backend), "[jvm] against [qemu]");
    }
}
