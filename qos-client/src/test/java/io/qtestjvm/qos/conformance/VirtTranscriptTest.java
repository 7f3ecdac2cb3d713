package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays qemu-7.2-transcripts/aarch64-virt-smmuv3.txt and aarch64-virt-smmuv3-cpu-max.txt
 * ({@code -machine virt,iommu=smmuv3 -device edu,addr=0x2 [-cpu max]}) on every backend and compares every reply
 * with what QEMU 7.2 answered: ECAM probing (low and high), edu's BAR, registers and INTx on the intercepted GIC
 * (SPI 5), the PL011/PL031 IDs, RAM, the malformed-command probes, and the SMMUv3 register lines (0x0905xxxx:
 * ID registers, page-1 alias, CR0/CR0ACK) against the SMMUv3 device of {@code virt-7.2}.
 *
 * <p>Left out, each with its cause:
 * <ul>
 * <li>Reads of RAM bytes the script did not write: QEMU leaves its device tree at the start of RAM.</li>
 * <li>{@code clock_*}: the recordings ran the qtest accelerator, whose clock had been running since QEMU's boot;
 * Debian's QEMU under {@code -accel tcg -S} has no such clock at all. The commands are still sent.</li>
 * <li>On {@code [qemu]} the factorial's result is read again (for up to 2 s) until QEMU's edu thread has
 * written it: the recording's {@code clock_step} gave that thread time, a stopped QEMU's answers come at once.</li>
 * <li>QMP: the session's only command besides the handshake is {@code quit}, which the transport does itself.</li>
 * </ul>
 */
class VirtTranscriptTest {
    private static final String EDU_FACTORIAL_READ = "readl 0x10000008";
    private static final List<String> FILES = List.of("aarch64-virt-smmuv3.txt", "aarch64-virt-smmuv3-cpu-max.txt");

    static Stream<Arguments> backendsAndFiles() {
        List<Arguments> out = new ArrayList<>();
        for (Backend b : Backend.values()) {
            for (String f : FILES) {
                out.add(Arguments.of(b, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("backendsAndFiles")
    void repliesIncludingSmmuMatchQemu72(Backend backend, String file) {
        Transcript tr = Transcript.load(file);
        backend.assumeAvailable("aarch64");
        try (QtestTransport t = backend.start("aarch64", tr.machineArgs(), "7.2")) {
            List<String> mismatches = new ArrayList<>();
            Set<Long> written = new HashSet<>();
            int compared = 0;
            for (Transcript.Exchange e : tr.main) {
                if (e.channel() == Transcript.Channel.QMP) {
                    continue;
                }
                String request = e.request();
                List<String> got = t.qtest(request);
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (backend == Backend.QEMU && request.equals(EDU_FACTORIAL_READ) && !got.equals(e.expected())
                        && System.nanoTime() < deadline) {
                    got = t.qtest(request); // QEMU's edu computes in a thread: the read may come first
                }
                if (request.startsWith("clock_") || readsUnwrittenRam(request, written)) {
                    continue;
                }
                compared++;
                if (!got.equals(e.expected())) {
                    mismatches.add(e + ": expected " + e.expected() + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches, "replies that differ from QEMU 7.2");
            assertTrue(compared >= 58, "compared " + compared);
            InternalErrorCheck.assertNone(t);
        }
    }

    @Test
    void transcriptsAreTheSmmuSessionsWithAndWithoutCpuMax() {
        assertEquals("-machine virt,iommu=smmuv3 -device edu,addr=0x2",
                Transcript.load(FILES.get(0)).machineArgs().replaceAll(" +", " "));
        assertEquals("-machine virt,iommu=smmuv3 -device edu,addr=0x2 -cpu max",
                Transcript.load(FILES.get(1)).machineArgs().replaceAll(" +", " "));
    }

    /** Records the RAM bytes a command writes; true when it reads a RAM byte the script never wrote. */
    private static boolean readsUnwrittenRam(String request, Set<Long> written) {
        String[] w = request.split(" ");
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
        boolean unwritten = false;
        for (int i = 0; i < len; i++) {
            if (write) {
                written.add(addr + i);
            } else if (!written.contains(addr + i)) {
                unwritten = true;
            }
        }
        return unwritten;
    }
}
