package io.qtestjvm.server.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which launches a warm JVM takes, and how it reads the launcher's descriptors in a command line. */
class WarmLaunchRequestTest {
    private static List<String> libqtest(String... extra) {
        List<String> base = List.of("-qtest", "unix:/tmp/qtest-1.sock", "-qtest-log", "/dev/null", "-chardev",
                "socket,path=/tmp/qtest-1.qmp,id=char0", "-mon", "chardev=char0,mode=control", "-display", "none");
        return java.util.stream.Stream.concat(base.stream(), java.util.Arrays.stream(extra)).toList();
    }

    @Test
    void aLibqtestLaunchIsServed() {
        assertTrue(WarmLaunch.servable(libqtest("-M", "pc", "-device", "edu", "-accel", "qtest")));
        assertTrue(WarmLaunch.servable(List.of("-machine", "pc", "-device", "no-such-device")), "no qtest at all");
    }

    @Test
    void whatNeedsTheLaunchersOwnProcessIsDeclined() {
        assertFalse(WarmLaunch.servable(libqtest("-netdev", "socket,id=n0,fd=3")), "an inherited socket");
        assertFalse(WarmLaunch.servable(libqtest("-add-fd", "fd=4,set=1")));
        assertFalse(WarmLaunch.servable(libqtest("-serial", "stdio")), "standard input");
        assertFalse(WarmLaunch.servable(List.of("-qtest", "stdio")));
        assertFalse(WarmLaunch.servable(libqtest("-nographic")));
        assertFalse(WarmLaunch.servable(libqtest("-device", "help")));
        assertFalse(WarmLaunch.servable(List.of("-version")));
        assertFalse(WarmLaunch.servable(libqtest("-run-with", "exit-with-parent=on")));
        assertFalse(WarmLaunch.servable(List.of("-qtest", "unix:/tmp/q.sock")), "a qtest log on our own stderr");
    }

    @Test
    void theProcesssDescriptorsBecomeTheLaunchers() {
        assertEquals("/proc/42/fd/2", WarmLaunch.ownDescriptors("/dev/fd/2", "42"));
        assertEquals("/proc/42/fd/1", WarmLaunch.ownDescriptors("/dev/stdout", "42"));
        assertEquals("/proc/42/fd/2", WarmLaunch.ownDescriptors("/dev/stderr", "42"));
        assertEquals("file=/proc/42/fd/5,format=raw", WarmLaunch.ownDescriptors("file=/proc/self/fd/5,format=raw", "42"));
        assertEquals("/tmp/disk.img", WarmLaunch.ownDescriptors("/tmp/disk.img", "42"));
    }

    @Test
    void theLaunchersDirectoryIsComparedThroughLinks() throws Exception {
        java.nio.file.Path here = java.nio.file.Path.of(System.getProperty("user.dir"));
        java.nio.file.Path link = java.nio.file.Files.createTempDirectory("qtestjvm-warm").resolve("here");
        java.nio.file.Files.createSymbolicLink(link, here);
        try {
            assertTrue(WarmLaunch.sameDirectory(here.toString()));
            assertTrue(WarmLaunch.sameDirectory(link.toString()), "a $PWD through a link is the same directory");
            assertFalse(WarmLaunch.sameDirectory("/"));
            assertFalse(WarmLaunch.sameDirectory("/no/such/directory"));
        } finally {
            java.nio.file.Files.delete(link);
            java.nio.file.Files.delete(link.getParent());
        }
    }

    @Test
    void onlyAWholeRequestOfOursIsServed() {
        List<String> args = List.of("-M", "pc", "-accel", "qtest");
        List<String> whole = new java.util.ArrayList<>(List.of(WarmLaunch.MAGIC, "4242", "/tmp", "qemu", "7.2", "4"));
        whole.addAll(args);
        assertTrue(WarmLaunch.complete(whole));
        assertFalse(WarmLaunch.complete(whole.subList(0, whole.size() - 1)), "an argument short of its count");
        List<String> other = new java.util.ArrayList<>(whole);
        other.set(0, "qtestjvm-warm-0");
        assertFalse(WarmLaunch.complete(other), "another protocol's magic");
        other = new java.util.ArrayList<>(whole);
        other.set(1, "pid");
        assertFalse(WarmLaunch.complete(other), "no launcher PID");
        assertFalse(WarmLaunch.complete(List.of(WarmLaunch.MAGIC, "4242")), "no header");
    }

    @Test
    void aProcessHasEndedWhenProcHasNoEntryForIt() throws Exception {
        assertFalse(WarmLaunch.ended(ProcessHandle.current().pid()));
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        p.waitFor();
        assertTrue(WarmLaunch.ended(pid), "reaped: no entry");
        assertTrue(WarmLaunch.ended(Long.MAX_VALUE));
    }
}
