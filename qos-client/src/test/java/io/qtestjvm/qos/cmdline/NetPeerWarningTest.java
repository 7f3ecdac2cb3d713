package io.qtestjvm.qos.cmdline;

import io.qtestjvm.qos.backend.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warnings of network clients left without a peer, printed once the machine is made: each row's lines are what
 * Debian's qemu-system-x86_64 7.2 printed for it (hubs newest first with their ports newest first, then back ends
 * and NICs in the order made; nothing when the board made its default NIC), and where that binary is installed it
 * runs beside the stand-in and must print the same. A socket netdev whose connection was refused is kept, unconnected
 * (QEMU connects without waiting), so the machine starts.
 */
class NetPeerWarningTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            -nodefaults -netdev user,id=n0;  netdev n0 has no peer
            -nodefaults -netdev hubport,id=h0,hubid=0;  hub port h0 has no peer|netdev h0 has no peer
            -nodefaults -netdev user,id=u0 -netdev hubport,id=h0,hubid=0,netdev=u0;  hub 0 with no nics
            -nodefaults -netdev hubport,id=h0,hubid=0 -device virtio-net-pci,netdev=h0;  \
                hub 0 is not connected to host network
            -nodefaults -netdev user,id=u0 -netdev hubport,id=h0,hubid=0,netdev=u0 -netdev hubport,id=h1,hubid=0;  \
                hub port h1 has no peer|hub 0 with no nics|netdev h1 has no peer
            -nodefaults -netdev hubport,id=h0,hubid=0 -netdev hubport,id=h1,hubid=1;  \
                hub port h1 has no peer|hub port h0 has no peer|netdev h0 has no peer|netdev h1 has no peer
            -nodefaults -netdev user,id=u0 -netdev hubport,id=a,hubid=5,netdev=u0 -netdev hubport,id=b,hubid=2 \
                -device virtio-net-pci,netdev=b;  hub 2 is not connected to host network|hub 5 with no nics
            -nodefaults -device virtio-net-pci,id=a -device virtio-net-pci -netdev user,id=z;  \
                netdev z has no peer|nic a has no peer|nic virtio-net-pci.1 has no peer
            -net none -device virtio-net-pci;  nic virtio-net-pci.0 has no peer
            -nodefaults -netdev socket,id=n0,connect=127.0.0.1:1;  netdev n0 has no peer
            -device virtio-net-pci;
            -nodefaults -netdev user,id=u0 -device virtio-net-pci,netdev=u0;
            """)
    void aClientWithoutAPeerIsWarnedOfAsOnQemu(String args, String warnings) throws Exception {
        String want = warnings == null ? "" : String.join("", warnings.lines()
                .flatMap(l -> List.of(l.split("\\|")).stream())
                .map(w -> "PROG: warning: " + w.strip() + "\n").toList());
        assertEquals(want, stderr(Backend.standIn("x86_64"), args));
        if (Backend.qemuPresent("x86_64")) {
            assertEquals(want, stderr("qemu-system-x86_64", args + " -accel tcg"));
        }
    }

    /** The stderr of a machine started with QMP on stdio and ended with quit; the program's name is PROG. */
    private static String stderr(String binary, String args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary, "-M", "pc", "-display", "none", "-S", "-qmp", "stdio"));
        cmd.addAll(List.of(args.split(" +")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("QTEST_JVM_COMPAT", "7.2");
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("{\"execute\": \"qmp_capabilities\"}\n{\"execute\": \"quit\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), binary + " " + args + " did not exit");
        assertEquals(0, p.exitValue(), binary + " " + args);
        String prog = java.nio.file.Path.of(binary).getFileName().toString();
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).replace(prog + ":", "PROG:");
    }
}
