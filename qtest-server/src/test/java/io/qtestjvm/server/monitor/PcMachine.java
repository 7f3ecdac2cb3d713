package io.qtestjvm.server.monitor;

import io.qtestjvm.server.InJvmServer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pc machine in the JVM with QMP in command mode, and helpers for the qtest and QMP text these tests read. */
final class PcMachine implements AutoCloseable {
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\"timestamp\": \\{\"seconds\": \\d+, \"microseconds\": \\d+\\}, ");

    final InJvmServer server;

    PcMachine(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "-machine";
        args[1] = "pc";
        System.arraycopy(extra, 0, args, 2, extra.length);
        server = InJvmServer.startAs("7.2", "x86_64", args);
        assertEquals("{\"return\": {}}", qmp("{'execute': 'qmp_capabilities'}").getFirst());
    }

    /** The QMP messages a request produced, timestamps removed, in wire order. */
    List<String> qmp(String request) {
        return split(server.qmp(request));
    }

    List<String> pending() {
        return split(server.qmpPending());
    }

    static List<String> split(String wire) {
        List<String> out = new ArrayList<>();
        for (String line : wire.split("\r\n")) {
            if (!line.isEmpty()) {
                out.add(TIMESTAMP.matcher(line).replaceAll(""));
            }
        }
        return out;
    }

    String qtest(String cmd) {
        return server.qtest(cmd).strip();
    }

    long inl(int port) {
        return value(qtest("inl 0x" + Integer.toHexString(port)));
    }

    void outl(int port, long value) {
        assertEquals("OK", qtest("outl 0x" + Integer.toHexString(port) + " 0x" + Long.toHexString(value)));
    }

    long configRead(int devfn, int offset) {
        outl(0xcf8, 0x8000_0000L | devfn << 8 | offset);
        return inl(0xcfc);
    }

    void configWrite(int devfn, int offset, long value) {
        outl(0xcf8, 0x8000_0000L | devfn << 8 | offset);
        outl(0xcfc, value);
    }

    static long value(String reply) {
        Matcher m = Pattern.compile("OK 0x([0-9a-f]+)").matcher(reply);
        assertTrue(m.find(), reply);
        return Long.parseLong(m.group(1), 16);
    }

    static String error(String cls, String desc) {
        return "{\"error\": {\"class\": \"" + cls + "\", \"desc\": \"" + desc + "\"}}";
    }

    @Override
    public void close() {
        server.close();
    }
}
