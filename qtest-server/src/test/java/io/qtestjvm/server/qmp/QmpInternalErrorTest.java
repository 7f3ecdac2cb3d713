package io.qtestjvm.server.qmp;

import io.qtestjvm.server.qtest.InternalErrors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command whose implementation throws answers a GenericError, keeps the session, and is counted and logged. */
class QmpInternalErrorTest {
    @Test
    void throwingCommandAnswersErrorKeepsSessionAndIsCounted() {
        QmpCommandRegistry reg = QmpMonitor.defaultRegistry();
        reg.register("x-boom", (args, s) -> {
            throw new IllegalStateException("model bug");
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InternalErrors errors = new InternalErrors(new PrintStream(err, true));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        QmpMonitor m = new QmpMonitor(QemuVersions.QEMU_10_2, reg, new QmpHost() {
            @Override
            public VmRunState runState() {
                return VmRunState.running();
            }

            @Override
            public void requestExit(int status) {
            }
        }, () -> 0L, false);
        m.setInternalErrors(errors);
        QmpSession s = m.openSession(wire::write);
        feed(s, "{'execute': 'qmp_capabilities'}");
        wire.reset();
        feed(s, "{'execute': 'x-boom', 'id': 7}");
        feed(s, "{'execute': 'query-status'}");
        String out = wire.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("{\"id\": 7, \"error\": {\"class\": \"GenericError\", \"desc\": \"internal error: "
                + "java.lang.IllegalStateException: model bug\"}}\r\n")
                || out.startsWith("{\"error\": {\"class\": \"GenericError\", \"desc\": \"internal error: "
                + "java.lang.IllegalStateException: model bug\"}, \"id\": 7}\r\n"), out);
        assertTrue(out.contains("\"return\": {\"status\": \"running\""), "the session goes on: " + out);
        assertEquals(1, errors.count());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(InternalErrors.MARK + " #1 in 'QMP x-boom': "),
                err.toString(StandardCharsets.UTF_8));
    }

    private static void feed(QmpSession s, String text) {
        byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
        s.feed(b, 0, b.length);
    }
}
