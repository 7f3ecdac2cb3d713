package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * pc's default NIC (an e1000 at 03.0) is there unless the command line names any network (-net, -nic, -netdev) or
 * says -nodefaults: the stand-in against Debian's QEMU 7.2 side by side, by what {@code info qtree} lists.
 */
class PcDefaultNicTest {
    private static boolean hasE1000(Backend b, String args) {
        try (QTestState qts = new QTestState(b.start("x86_64", args, "7.2"))) {
            Map<String, Object> r = qts.qmp("{\"execute\": \"human-monitor-command\", \"arguments\": "
                    + "{\"command-line\": \"info qtree\"}}");
            return String.valueOf(r.get("return")).contains("dev: e1000,");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-M pc", "-M pc -netdev user,id=n0", "-M pc -nic none", "-M pc -nodefaults"})
    void theDefaultNicIsThereExactlyWhenQemuHasIt(String args) {
        Backend.QEMU.assumeAvailable("x86_64");
        boolean qemu = hasE1000(Backend.QEMU, args);
        assertEquals(qemu, hasE1000(Backend.JVM_PROCESS, args), "[jvm-process] against [qemu]");
        assertEquals(qemu, hasE1000(Backend.JVM, args), "[jvm] against [qemu]");
    }
}
