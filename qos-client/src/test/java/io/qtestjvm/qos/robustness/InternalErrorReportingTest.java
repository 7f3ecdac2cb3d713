package io.qtestjvm.qos.robustness;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.ProcessTransport;
import io.qtestjvm.qos.libqtest.QtestException;
import io.qtestjvm.server.qtest.InternalErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process backend's check for internal errors: a stand-in whose stderr carries an {@link InternalErrors#MARK}
 * line fails when it is terminated, one without passes. The line is put on stderr by a wrapper around the real
 * launcher, as the stand-in itself prints it when a device model throws.
 */
class InternalErrorReportingTest {
    @TempDir
    Path dir;

    private ProcessTransport start(boolean reportError) throws IOException {
        Backend.JVM_PROCESS.assumeAvailable("x86_64");
        Path wrapper = dir.resolve("stand-in-" + reportError);
        String launcher = Backend.standIn("x86_64");
        Files.writeString(wrapper, "#!/bin/sh\n"
                + (reportError ? "echo \"" + InternalErrors.MARK + " #1 in 'readb 0x0': "
                        + "java.lang.IllegalStateException: injected\" >&2\n" : "")
                + "exec " + launcher + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        ProcessTransport t = ProcessTransport.start(wrapper.toString(), "-machine none", "qtest", "jvm-process",
                50_000, Map.of());
        t.failOnStderrLinesStartingWith(InternalErrors.MARK);
        return t;
    }

    @Test
    void standInReportingAnInternalErrorFailsAtTermination() throws IOException {
        ProcessTransport t = start(true);
        assertEquals("OK little", t.qtest("endianness").getLast());
        assertEquals(1, InternalErrorCheck.count(t));
        QtestException e = assertThrows(QtestException.class, t::terminate);
        assertTrue(e.getMessage().contains("reported 1 failure(s) on stderr") && e.getMessage().contains("injected"),
                e.getMessage());
        t.close();
    }

    @Test
    void healthyStandInTerminatesCleanly() throws IOException {
        try (ProcessTransport t = start(false)) {
            assertEquals("OK little", t.qtest("endianness").getLast());
            assertEquals(0, t.terminate());
            assertEquals(0, InternalErrorCheck.count(t));
        }
    }
}
