package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code info qtree}'s virtio-mmio part on {@code virt}, the stand-in against Debian's QEMU 7.2 side by side: every
 * transport with its properties, window and {@code virtio-mmio-bus.N}, and the virtio devices on them with their
 * properties, line for line (the rest of virt's tree is not compared: it lacks devices of QEMU's).
 */
class VirtioMmioQtreeTest {
    private static List<String> virtioMmioPart(Backend b, String args) {
        try (QTestState qts = new QTestState(b.start("aarch64", args, "7.2"))) {
            Map<String, Object> r = qts.qmp("{\"execute\": \"human-monitor-command\", \"arguments\": "
                    + "{\"command-line\": \"info qtree\"}}");
            List<String> out = new ArrayList<>();
            boolean keep = false;
            for (String line : String.valueOf(r.get("return")).split("\r?\n")) {
                if (line.startsWith("  dev: ")) {
                    keep = line.startsWith("  dev: virtio-mmio,");
                }
                if (keep) {
                    out.add(line);
                }
            }
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-M virt", "-M virt -device virtio-rng-device -drive if=none,id=d0,file=null-co://,"
            + "format=raw -device virtio-blk-device,drive=d0,serial=abc,num-queues=2",
        "-M virt -global virtio-mmio.force-legacy=false -device virtio-rng-device",
        "-M virt -netdev user,id=n0 -device virtio-net-device,netdev=n0 -netdev user,id=n1"
            + " -device virtio-net-device,netdev=n1,mac=52:54:00:ab:cd:ef,rx_queue_size=512"})
    void theTransportsAndTheirDevicesPrintAsQemuPrintsThem(String args) {
        Backend.QEMU.assumeAvailable("aarch64");
        List<String> qemu = virtioMmioPart(Backend.QEMU, args);
        assertTrue(qemu.size() >= 32 * 7, "QEMU's virtio-mmio part: " + qemu.size() + " lines");
        assertEquals(String.join("\n", qemu), String.join("\n", virtioMmioPart(Backend.JVM_PROCESS, args)));
        assertEquals(String.join("\n", qemu), String.join("\n", virtioMmioPart(Backend.JVM, args)));
    }
}
