package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the probes recorded on Debian's QEMU 7.2 ({@code virt-qemu-7.2/*.txt}: GICv2 with and without the
 * security extensions, GICv2m MSI from edu, GICv3 and its ITS, the PrimeCell devices, fw_cfg DMA, virtio-mmio,
 * ECAM of the root complex and the default NIC, the windows and holes of the map, qemu-system-arm with and without
 * highmem) against {@link VirtBoard}, line for line.
 */
class VirtRecordingsTest {
    @ParameterizedTest
    @ValueSource(strings = {"gicv2", "gicv2-secure", "edu-msi-v2m", "gicv3", "primecell", "fw-cfg-dma", "misc",
        "secure", "arm-default", "arm-highmem-off", "gicv4", "gicv2-ack", "port-io"})
    void recordingReplaysAsQemuAnswered(String name) throws IOException, StartupException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("virt-qemu-7.2/" + name + ".txt")) {
            assertNotNull(in, name);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = text.lines().toList();
        String arch = lines.get(0).contains("qemu-system-arm ") ? "arm" : "aarch64";
        String props = value(lines, "# props:");
        String args = value(lines, "# args:");
        VirtMachine m = VirtMachine.start(arch, props, args);
        int replayed = VirtTranscriptReplayTest.replay(m, lines, false);
        assertTrue(replayed >= 5, name + ": replayed " + replayed);
    }

    private static String value(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key)) {
                return l.substring(key.length()).trim();
            }
        }
        return "";
    }
}
