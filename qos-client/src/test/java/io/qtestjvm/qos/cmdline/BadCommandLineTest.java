package io.qtestjvm.qos.cmdline;

import io.qtestjvm.qos.backend.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad command lines: the stand-in's stderr and exit status equal Debian's qemu-system-x86_64 7.2's for the same
 * arguments (run side by side here), only the program name differs. A test that talks to real QEMU.
 */
class BadCommandLineTest {
    private record Outcome(int status, String stderr) {
    }

    private static Outcome run(String binary, String prog, String args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        cmd.addAll(List.of("-display", "none", "-S"));
        cmd.addAll(List.of(args.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null")));
        pb.environment().put("QTEST_JVM_COMPAT", "7.2");
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), binary + " " + args + " did not exit");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).replace(prog, "PROG");
        return new Outcome(p.exitValue(), err);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "-foo", "-m", "-M nosuch", "-machine none,foo=bar", "-machine pc,foo=bar", "-M none -m foo",
        "-M none -m 64M,foo=1", "-M none -m 1G,maxmem=512M", "-M none -smp foo", "-M none -smp 2,maxcpus=1",
        "-M pc -smp 4,dies=2,maxcpus=3", "-M none -smp 300", "-M none -cpu nosuch", "-M none -device nosuch",
        "-M none -device edu", "-M pc -device edu,foo=1", "-M pc -device nosuch",
        "-M pc -global virtio-rng-pci.foo=1 -device virtio-rng-pci",
        "-M pc -global virtio-rng-device.foo=1 -device virtio-rng-pci",
        "-M pc -nodefaults -global virtio-device.packed=maybe -device virtio-rng-pci",
        "-M pc -global edu.dma_mask=abc -device edu",
        "-M pc -global virtio-blk-pci.queue-size=abc -drive if=none,id=d0,file=null-co://,format=raw"
            + " -device virtio-blk-pci,drive=d0", "-M pc -global edu.foo=1 -device edu",
        "-M none -drive if=none,id=d0,file=/nonexist", "-M none -drive if=bogus",
        "-M none -drive if=none,file=null-co://,format=raw,bogus=1",
        "-M none -drive if=sd,id=d,format=raw,file=null-co://", "-M none -blockdev driver=null-co",
        "-M none -blockdev driver=bogus,node-name=n0", "-M none -blockdev driver=null-co,node-name=n0,bogus=1",
        "-M none -netdev user", "-M none -netdev bogus,id=n0", "-M none -netdev socket,id=n0,fd=99",
        "-M none -netdev hubport,id=n0", "-M none -netdev socket,id=n0,udp=127.0.0.1:5555",
        "-M none -netdev socket,id=n0,mcast=127.0.0.1:5555", "-M none -netdev socket,id=n0,foo=1",
        "-M none -netdev user,id=n0,foo=1", "-M none -netdev hubport,id=n0,hubid=0,foo=1",
        "-M none -netdev user,id=n0,ipv4=off,ipv6=no", "-M none -netdev user,id=n0,ipv4=bogus",
        "-M none -netdev socket,id=n0,connect=127.0.0.1:1,listen=:3",
        "-M pc -nodefaults -netdev user,id=u0 -device virtio-net-pci,netdev=nope",
        "-M pc -nodefaults -netdev user,id=u0 -device virtio-net-pci,netdev=u0 -device virtio-net-pci,netdev=u0",
        "-M none -object bogus,id=o", "-M none -object memory-backend-ram,id=m0",
        "-M none -global foo", "-M none -rtc clock=bogus", "-M none -rtc base=bogus", "-M none -rtc foo=1",
        "-M none -accel bogus", "-M none -machine accel=bogus", "-M none -accel tcg,foo=1",
        "-M none -trace events=/nonexist", "-M none -audiodev none", "-M none -serial bogus",
        "-M none -nic bogus", "-M none -display bogus", "-M none -name foo,bogus=1", "bare"})
    void standInFailsAsQemuFails(String args) throws Exception {
        Backend.QEMU.assumeAvailable("x86_64");
        Outcome qemu = run("qemu-system-x86_64", "qemu-system-x86_64", args);
        Outcome jvm = run(Backend.standIn("x86_64"),
                "qemu-jvm-system-x86_64", args);
        assertEquals(1, qemu.status(), qemu.stderr());
        assertEquals(qemu, jvm);
    }
}
