package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the non-SMMU, non-clock parts of Debian's QEMU 7.2 aarch64 virt transcripts against {@link VirtBoard}:
 * ECAM probing, edu's BAR and registers with its INTx seen on the intercepted GIC, PL011/PL031 IDs, RAM, malformed
 * commands. Skipped: reads of RAM bytes the script has not written (QEMU's device tree), the SMMU lines
 * (0x0905xxxx, SMMUv3 issue) and {@code clock_*} (the recordings used the qtest accelerator's clock, started at
 * QEMU's boot time).
 */
class VirtTranscriptReplayTest {
    private static final Path DIR = Path.of("/work/shared/reference/qemu-7.2-transcripts");

    @ParameterizedTest
    @ValueSource(strings = {"aarch64-virt-smmuv3.txt", "aarch64-virt-smmuv3-cpu-max.txt"})
    void nonSmmuLinesReplayAsQemuAnswered(String file) throws IOException, StartupException {
        Path p = DIR.resolve(file);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), "transcripts not present");
        List<String> lines = Files.readAllLines(p);
        String cpu = lines.get(0).contains("-cpu max") ? " -cpu max" : "";
        VirtMachine m = VirtMachine.start("aarch64", "iommu=smmuv3", "-device edu,addr=0x2" + cpu);
        int replayed = replay(m, lines, true);
        assertTrue(replayed >= 45, "replayed " + replayed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aarch64-virt-smmuv3.txt", "aarch64-virt-smmuv3-cpu-max.txt"})
    void smmuLinesReplayAsQemuAnsweredOnVirt72(String file) throws IOException, StartupException {
        Path p = DIR.resolve(file);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), "transcripts not present");
        List<String> lines = Files.readAllLines(p);
        String cpu = lines.get(0).contains("-cpu max") ? " -cpu max" : "";
        VirtMachine m = VirtMachine.start("aarch64", "iommu=smmuv3", "-device edu,addr=0x2" + cpu);
        List<String> noClock = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("> clock_")) {
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith("< ")) {
                    i++;
                }
                continue;
            }
            noClock.add(lines.get(i));
        }
        int replayed = replay(m, noClock, false);
        assertTrue(replayed >= 58, "replayed " + replayed);
    }

    /**
     * Sends every {@code > } command of {@code lines} and compares what comes back with the {@code < } lines that
     * follow it; returns the number compared. Skips reads of RAM bytes not written by the script and, when
     * {@code skipSmmuAndClock}, the SMMU window and the {@code clock_*} commands.
     */
    static int replay(VirtMachine m, List<String> lines, boolean skipSmmuAndClock) {
        int replayed = 0;
        java.util.Set<Long> written = new java.util.HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("> ")) {
                continue;
            }
            String cmd = l.substring(2);
            List<String> expected = new ArrayList<>();
            for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("< "); j++) {
                expected.add(lines.get(j).substring(2));
            }
            String got = m.qtest(cmd);
            if (skipSmmuAndClock && (cmd.contains("0x905") || cmd.contains("0x0905") || cmd.startsWith("clock_"))) {
                continue; // SMMU (placeholder reads 0) and the qtest-accelerator clock
            }
            if (touchesDeviceTree(cmd, written)) {
                continue; // reads bytes of the device tree QEMU leaves at the start of RAM
            }
            assertEquals(String.join("\n", expected) + "\n", got, "line " + (i + 1) + ": " + cmd);
            replayed++;
        }
        return replayed;
    }

    /** Records RAM bytes a command writes; true when it reads a RAM byte the script never wrote. */
    private static boolean touchesDeviceTree(String cmd, java.util.Set<Long> written) {
        String[] w = cmd.split(" ");
        if (w.length < 2 || !w[1].startsWith("0x4000")) {
            return false;
        }
        long addr = Long.decode(w[1]);
        int len = switch (w[0]) {
            case "readb", "writeb" -> 1;
            case "readw", "writew" -> 2;
            case "readl", "writel" -> 4;
            case "readq", "writeq" -> 8;
            default -> w.length > 2 ? Integer.decode(w[2]) : 0;
        };
        boolean write = w[0].startsWith("write") || w[0].equals("b64write") || w[0].equals("memset");
        for (int i = 0; i < len; i++) {
            if (write) {
                written.add(addr + i);
            } else if (!written.contains(addr + i)) {
                return true;
            }
        }
        return false;
    }
}
