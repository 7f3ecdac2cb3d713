package io.qtestjvm.server.cli;

import io.qtestjvm.server.board.MachineConfig;
import io.qtestjvm.server.board.QomTypes;
import io.qtestjvm.server.board.Targets;
import io.qtestjvm.server.qtest.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command lines libqtest and qos-test pass are accepted, and what they configure is kept for the boards. */
class CommandLineAcceptTest {
    private static MachineConfig config(String arch, String line) throws StartupException {
        return MachineConfig.from(arch, QemuCommandLine.parse(line.trim().split("\\s+")), Compat.parse("7.2"));
    }

    private static final String LIBQTEST = "-qtest unix:/tmp/qtest-1.sock -qtest-log /dev/null "
            + "-chardev socket,path=/tmp/qtest-1.qmp,id=char0 -mon chardev=char0,mode=control -display none "
            + "-audio none -run-with exit-with-parent=on ";

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "i386", "arm", "aarch64", "ppc64"})
    void machineNoneWithLibqtestOptionsIsAcceptedOnEveryArch(String arch) throws StartupException {
        MachineConfig c = config(arch, LIBQTEST + "-machine none -accel qtest");
        assertEquals("none", c.machine().name());
        assertFalse(c.ramSizeGiven());
    }

    @Test
    void qosTestVirtioBlkLineKeepsItsDrives() throws StartupException {
        MachineConfig c = config("x86_64", LIBQTEST + "-M pc  -drive if=none,id=drive0,file=/dev/null,format=raw,"
                + "auto-read-only=off -drive if=none,id=drive1,file=null-co://,file.read-zeroes=on,format=raw "
                + "-accel qtest");
        assertEquals(2, c.drives().size());
        DriveSpec d0 = c.drive("drive0");
        assertEquals(BlockBackend.Kind.FILE, d0.backend().kind());
        assertFalse(d0.autoReadOnly());
        DriveSpec d1 = c.drive("drive1");
        assertEquals(BlockBackend.Kind.NULL_CO, d1.backend().kind());
        assertTrue(d1.backend().readZeroes());
        assertEquals("raw", d1.format());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void driveWithoutFormatWarnsAsQemuProbes() throws StartupException {
        MachineConfig c = config("x86_64", "-M none -drive if=none,id=d,file=null-co://,file.read-zeroes=on");
        assertEquals(List.of("WARNING: Image format was not specified for 'json:{\"read-zeroes\": \"on\", "
                + "\"driver\": \"null-co\"}' and probing guessed raw.\n"
                + "         Automatically detecting the format is dangerous for raw images, write operations on "
                + "block 0 will be restricted.\n"
                + "         Specify the 'raw' format explicitly to remove the restrictions."), c.warnings());
    }

    @Test
    void memoryTopologyAndRtcAreKept() throws StartupException {
        MachineConfig c = config("x86_64", "-M pc -m size=256M,slots=2,maxmem=1G -smp 4,sockets=2 "
                + "-rtc base=utc,clock=vm,driftfix=slew -cpu qemu64 -nodefaults");
        assertEquals(256L << 20, c.ramSize(0));
        assertEquals(2, c.memory().slots());
        assertEquals(1L << 30, c.memory().maxMem());
        assertEquals(new SmpSpec.Topology(4, 2, 1, 1, 2, 1, 4), c.topology());
        assertTrue(c.rtcClockVm());
        assertTrue(c.rtc().driftfix());
        assertEquals("qemu64", c.cpu());
        assertFalse(c.defaultVga());
    }

    @Test
    void trailingCommaMachineAndCpuMaxOnAarch64() throws StartupException {
        MachineConfig c = config("aarch64", "-M none, -cpu max");
        assertEquals("none", c.machine().name());
        assertEquals("max", c.cpu());
        assertEquals("power9", CpuModels.check("ppc64", "POWER9"));
        assertEquals("Skylake-Client-v2", CpuModels.check("x86_64", "Skylake-Client-v2"));
    }

    @Test
    void backendsAreKept() throws StartupException {
        MachineConfig c = config("x86_64", "-M none -blockdev driver=null-co,node-name=n0,read-zeroes=on "
                + "-blockdev driver=raw,node-name=r0,file=n0 -netdev user,id=u0 -netdev hubport,id=h0,hubid=1 "
                + "-netdev socket,id=s0,connect=127.0.0.1:1234 -object memory-backend-ram,id=m0,size=1M "
                + "-global edu.dma_mask=0xff -global driver=edu,property=x,value=1 -serial none -net none -nic none "
                + "-trace qtest* -audiodev none,id=a0 -name foo -nographic -no-shutdown -no-reboot -S");
        assertEquals(2, c.blockdevs().size());
        assertEquals("n0", c.blockdevs().get(1).fileRef());
        assertTrue(c.blockdevs().get(0).backend().readZeroes());
        assertEquals(3, c.netdevs().size());
        assertEquals(1, c.netdevs().get(1).hubId());
        assertEquals("memory-backend-ram", c.objects().get(0).qomType());
        assertEquals(new GlobalProperty("edu", "dma_mask", "0xff"), c.globals().get(0));
        assertEquals(new GlobalProperty("edu", "x", "1"), c.globals().get(1));
        assertFalse(c.defaultNic());
    }

    @Test
    void netdevSocketTakesAnInheritedDescriptor() throws StartupException {
        MachineConfig c = config("x86_64", "-M none -netdev socket,id=n0,fd=1");
        assertEquals(1, c.netdevs().get(0).fd());
    }

    @Test
    void machineHelpListsAliasThenVersionedDefaultThenNone() {
        assertEquals("Supported machines are:\n"
                + "pc                   Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-7.2)\n"
                + "pc-i440fx-7.2        Standard PC (i440FX + PIIX, 1996) (default)\n"
                + "isapc                ISA-only PC\n"
                + "none                 empty machine\n", Targets.machineHelp("x86_64", Compat.parse("7.2")));
    }

    @Test
    void deviceHelpOfEduMatchesQemu() {
        assertTrue(QomTypes.forArch("x86_64", Compat.parse("7.2")).deviceHelp("edu").startsWith("edu options:\n"
                + "  acpi-index=<uint32>    -  (default: 0)\n"
                + "  addr=<int32>           - Slot and optional function number, example: 06.0 or 06 (default: -1)\n"
                + "  dma_mask=<uint64>\n"));
        assertNull(QomTypes.forArch("x86_64", Compat.parse("7.2")).deviceHelp("nosuch"));
    }

    /**
     * Observed on Debian's QEMU 7.2 ({@code -M pc -accel tcg -S -smp SPEC}): the topology read back from
     * {@code query-hotpluggable-cpus} (highest socket/die/core/thread id + 1, slot count) and
     * {@code query-cpus-fast} (CPUs present).
     */
    @ParameterizedTest(name = "-smp {0}")
    @CsvSource(delimiter = ';', value = {
        "4; 4; 1; 1; 1; 4; 1; 4",
        "4,sockets=2; 4; 2; 1; 1; 2; 1; 4",
        "4,cores=2; 4; 2; 1; 1; 2; 1; 4",
        "4,threads=2; 4; 1; 1; 1; 2; 2; 4",
        "8,sockets=2,threads=2; 8; 2; 1; 1; 2; 2; 8",
        "8,cores=2,threads=2; 8; 2; 1; 1; 2; 2; 8",
        "8,sockets=2,cores=2; 8; 2; 1; 1; 2; 2; 8",
        "maxcpus=8; 8; 1; 1; 1; 8; 1; 8",
        "sockets=2; 2; 2; 1; 1; 1; 1; 2",
        "cores=3; 3; 1; 1; 1; 3; 1; 3",
        "threads=2; 2; 1; 1; 1; 1; 2; 2",
        "sockets=2,cores=2; 4; 2; 1; 1; 2; 1; 4",
        "4,maxcpus=8; 4; 1; 1; 1; 8; 1; 8",
        "4,maxcpus=8,sockets=2; 4; 2; 1; 1; 4; 1; 8",
        "4,maxcpus=8,threads=2; 4; 1; 1; 1; 4; 2; 8",
        "6,sockets=2,dies=1; 6; 2; 1; 1; 3; 1; 6",
        "8,dies=2; 8; 1; 2; 1; 4; 1; 8",
        "8,dies=2,cores=2; 8; 2; 2; 1; 2; 1; 8",
        "2,sockets=2,cores=2,threads=2,maxcpus=8; 2; 2; 1; 1; 2; 2; 8",
        "cpus=0,sockets=2; 2; 2; 1; 1; 1; 1; 2",
        "4,sockets=0; 4; 1; 1; 1; 4; 1; 4",
    })
    void smpDerivesOmittedValuesAsQemu72(String spec, int cpus, int sockets, int dies, int clusters, int cores,
                                          int threads, int maxCpus) throws StartupException {
        MachineConfig c = config("x86_64", "-M pc -nodefaults -smp " + spec);
        assertEquals(new SmpSpec.Topology(cpus, sockets, dies, clusters, cores, threads, maxCpus), c.topology());
    }
}
