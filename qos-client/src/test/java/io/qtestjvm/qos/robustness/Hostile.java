package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared pieces of the hostile-input tests: the stand-in's command line, liveness, and the process's memory. */
final class Hostile {
    private Hostile() {
    }

    /** libqtest's command line for the stand-in of {@code arch} (under the launcher's own heap limit). */
    static String script(String arch, String extra) {
        return "exec " + Backend.standIn(arch) + " -qtest unix:{QTEST}"
                + " -qtest-log /dev/null -chardev socket,path={QMP},id=char0 -mon chardev=char0,mode=control"
                + " -display none " + extra + " -accel qtest";
    }

    /** The QMP greeting and negotiation (once per launch, before {@link #assertLive}). */
    static void negotiate(Launch l) throws IOException {
        assertTrue(l.qmpMessage().startsWith("{\"QMP\""));
        l.qmpSend("{\"execute\":\"qmp_capabilities\"}");
        assertEquals("{\"return\": {}}", l.qmpMessage());
    }

    /** Both sessions answer: qtest {@code endianness}, QMP {@code query-status}; the process is alive. */
    static void assertLive(Launch l) throws IOException {
        assertTrue(l.shell.isAlive(), () -> "the process died: " + l.stderr());
        l.qtestSend("endianness");
        assertEquals("OK little", l.qtestLine());
        negotiate(l);
        l.qmpSend("{\"execute\":\"query-status\"}");
        String status = l.qmpMessage();
        assertTrue(status.startsWith("{\"return\": {"), status);
        assertTrue(l.shell.isAlive(), () -> "the process died: " + l.stderr());
    }

    /** A field of /proc/PID/status in bytes ({@code VmRSS}, {@code VmHWM}). */
    static long procStatus(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                String kb = line.substring(field.length() + 1).trim();
                return Long.parseLong(kb.substring(0, kb.indexOf(' '))) * 1024;
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }
}
