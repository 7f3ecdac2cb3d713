package io.qtestjvm.server.qmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A monitor with a recording sink, a fixed clock and a fake host, for tests. */
final class QmpHarness implements QmpHost {
    static final long CLOCK_MICROS = 1_795_313_223_805_615L;

    final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    final List<Integer> exits = new ArrayList<>();
    VmRunState runState = VmRunState.running();
    final QmpMonitor monitor;
    final QmpSession session;

    QmpHarness() {
        this(QemuVersions.DEBIAN_7_2, true);
    }

    QmpHarness(QemuVersion version, boolean oobOffered) {
        monitor = new QmpMonitor(version, QmpMonitor.defaultRegistry(), this, () -> CLOCK_MICROS, oobOffered);
        session = monitor.openSession(wire::write);
    }

    @Override
    public VmRunState runState() {
        return runState;
    }

    @Override
    public void requestExit(int status) {
        exits.add(status);
    }

    /** Everything written so far, then forgotten. */
    String take() {
        String s = wire.toString(StandardCharsets.ISO_8859_1);
        wire.reset();
        return s;
    }

    void send(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        session.feed(b, 0, b.length);
    }

    /** Sends and returns what came back. */
    String exchange(String text) {
        send(text);
        return take();
    }

    QmpHarness negotiated() {
        take();
        String r = exchange("{\"execute\":\"qmp_capabilities\"}");
        if (!r.equals("{\"return\": {}}\r\n")) {
            throw new AssertionError("negotiation failed: " + r);
        }
        return this;
    }

    static String error(String cls, String desc) {
        return "{\"error\": {\"class\": \"" + cls + "\", \"desc\": \"" + desc + "\"}}\r\n";
    }

    static String generic(String desc) {
        return error("GenericError", desc);
    }
}
