package io.qtestjvm.server.monitor;

import io.qtestjvm.server.InJvmServer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Any x86_64 machine in the JVM under 7.2, with QMP negotiated; replies read as {@link PcMachine} reads them. */
final class QmpMachine implements AutoCloseable {
    static final String OK = "{\"return\": {}}";

    final InJvmServer server;

    private QmpMachine(String arch, String capabilities, String... args) {
        server = InJvmServer.startAs("7.2", arch, args);
        assertEquals(OK, qmp(capabilities).getFirst());
    }

    private QmpMachine(String arch, String... args) {
        this(arch, "{'execute': 'qmp_capabilities'}", args);
    }

    /** An x86_64 machine whose session enabled the 'oob' capability. */
    static QmpMachine x86WithOob(String... args) {
        return new QmpMachine("x86_64", "{'execute': 'qmp_capabilities', 'arguments': {'enable': ['oob']}}", args);
    }

    static QmpMachine x86(String... args) {
        return new QmpMachine("x86_64", args);
    }

    static QmpMachine of(String arch, String... args) {
        return new QmpMachine(arch, args);
    }

    List<String> qmp(String request) {
        return PcMachine.split(server.qmp(request));
    }

    /** The one message a request produced. */
    String one(String request) {
        List<String> r = qmp(request);
        assertEquals(1, r.size(), r.toString());
        return r.getFirst();
    }

    /** The text {@code human-monitor-command} returned for {@code line}, with its CRLFs as they are on the wire. */
    String hmp(String line) {
        return one("{'execute': 'human-monitor-command', 'arguments': {'command-line': '" + line + "'}}");
    }

    @Override
    public void close() {
        server.close();
    }
}
