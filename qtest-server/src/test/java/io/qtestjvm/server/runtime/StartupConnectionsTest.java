package io.qtestjvm.server.runtime;

import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which launches connect their chardevs on the warm-up thread while the board is built: libqtest's (the qtest
 * chardev and every monitor a socket the stand-in connects to) and nothing with a network back end (whose error
 * comes between the chardevs and the monitors), a listening socket or stdio.
 */
class StartupConnectionsTest {
    private static final String[] LIBQTEST = {"-qtest", "unix:/tmp/q.sock", "-qtest-log", "/dev/null",
        "-chardev", "socket,path=/tmp/m.sock,id=char0", "-mon", "chardev=char0,mode=control",
        "-display", "none", "-machine", "pc", "-accel", "qtest"};

    private static StartupConnections.Plan plan(String... args) throws StartupException {
        QemuCommandLine cl = QemuCommandLine.parse(args);
        Map<String, ChardevSpec> chardevs = new HashMap<>();
        for (String c : cl.all("chardev")) {
            QemuOpts o = QemuOpts.parse(c, "backend");
            chardevs.put(o.get("id"), ChardevSpec.parseChardev(o));
        }
        return new StartupConnections.Plan(cl, chardevs, cl.last("qtest"), Compat.V10_2, true, null, () -> { });
    }

    private static String[] libqtestWith(String... more) {
        List<String> a = new ArrayList<>(List.of(LIBQTEST));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void aLibqtestLaunchConnectsWhileTheBoardIsBuilt() throws StartupException {
        assertTrue(StartupConnections.early(plan(LIBQTEST)));
        assertTrue(StartupConnections.early(plan(libqtestWith("-qmp", "unix:/tmp/x.sock"))));
        assertTrue(StartupConnections.early(plan("-qtest", "tcp:localhost:4444", "-machine", "pc")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-netdev=user,id=n0", "-nic=none", "-net=none"})
    void aNetworkBackEndConnectsAfterTheBoard(String option) throws StartupException {
        String[] kv = option.split("=", 2);
        assertFalse(StartupConnections.early(plan(libqtestWith(kv[0], kv[1]))));
    }

    @Test
    void aListeningOrStdioChardevConnectsAfterTheBoard() throws StartupException {
        assertFalse(StartupConnections.early(plan("-qtest", "unix:/tmp/q.sock,server=on,wait=off", "-machine", "pc")));
        assertFalse(StartupConnections.early(plan("-qtest", "stdio", "-machine", "pc")));
        assertFalse(StartupConnections.early(plan(libqtestWith("-qmp", "unix:/tmp/x.sock,server=on,wait=off"))));
    }

    @Test
    void aMonitorWhoseChardevIsMissingIsReportedAfterTheBoardAsBefore() throws StartupException {
        assertFalse(StartupConnections.early(plan("-qtest", "unix:/tmp/q.sock", "-mon", "chardev=nope,mode=control",
                "-machine", "pc")));
    }
}
