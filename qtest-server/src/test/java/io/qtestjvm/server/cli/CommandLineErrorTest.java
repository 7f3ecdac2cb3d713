package io.qtestjvm.server.cli;

import io.qtestjvm.server.board.MachineConfig;
import io.qtestjvm.server.qtest.Compat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every rejected command line gives the text Debian's qemu-system-x86_64 7.2 prints for it (captured by running
 * it; the binary's name prefix is left out). Rows: the arguments separated by '|', the expected stderr with
 * {@code <P>} standing for the program name and '\n' for a newline.
 */
class CommandLineErrorTest {
    private static String render(String args) {
        StartupException e = assertThrows(StartupException.class, () -> {
            QemuCommandLine cl = QemuCommandLine.parse(args.split("\\|", -1));
            MachineConfig config = MachineConfig.from("x86_64", cl, Compat.parse("7.2"));
            config.checkNetdevErrors(); // a -netdev's: when the back ends are made
            config.checkBoardErrors(); // the CPU model's: at board time
        });
        return e.render("<P>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            -foo; <P>: -foo: invalid option
            -m; <P>: -m: requires an argument
            -M|nosuch; "<P>: unsupported machine type\\nUse -machine help to list supported machines"
            -machine|none,foo=bar; <P>: Property 'none-machine.foo' not found
            -machine|pc,foo=bar; <P>: Property 'pc-i440fx-7.2-machine.foo' not found
            -M|none|-m|64M,foo=1; <P>: -m 64M,foo=1: Invalid parameter 'foo'
            -M|none|-m|1G,slots=bad; <P>: -m 1G,slots=bad: Parameter 'slots' expects a number
            -M|none|-m|1G,slots=2; <P>: slots specified but no max-size
            -M|none|-smp|foo; <P>: Parameter 'smp.cpus' expects integer
            -M|none|-smp|2,sockets=2,bogus=1; <P>: Parameter 'smp.bogus' is unexpected
            -M|none|-smp|dies=2; <P>: dies not supported by this machine's CPU topology
            -M|none|-smp|clusters=2; <P>: clusters not supported by this machine's CPU topology
            -M|none|-smp|300; <P>: Invalid SMP CPUs 300. The max CPUs supported by machine 'none' is 1
            -M|pc|-smp|300; <P>: Invalid SMP CPUs 300. The max CPUs supported by machine 'pc-i440fx-7.2' is 255
            -M|none|-cpu|nosuch; <P>: unable to find CPU model 'nosuch'
            -M|none|-cpu|max; <P>: apic-id property was not initialized properly
            -M|none|-drive|if=none,id=d0,file=/nonexist; <P>: -drive if=none,id=d0,file=/nonexist: Could not open '/nonexist': No such file or directory
            -M|none|-drive|if=none,id=d0,file=null-co://,format=bogus; <P>: -drive if=none,id=d0,file=null-co://,format=bogus: Unknown driver 'bogus'
            -M|none|-drive|if=bogus; <P>: -drive if=bogus: unsupported bus type 'bogus'
            -M|none|-drive|if=none,file=null-co://,format=raw,bogus=1; <P>: -drive if=none,file=null-co://,format=raw,bogus=1: Block format 'raw' does not support the option 'bogus'
            -M|none|-drive|if=sd,id=d,format=raw,file=null-co://; <P>: -drive if=sd,id=d,format=raw,file=null-co://: machine type does not support if=sd,bus=0,unit=0
            -M|none|-drive|if=none,id=d0,file=null-co://,format=raw|-drive|if=none,id=d0,file=null-co://,format=raw; <P>: -drive if=none,id=d0,file=null-co://,format=raw: Duplicate ID 'd0' for drive
            -M|none|-blockdev|driver=null-co; <P>: -blockdev driver=null-co: 'node-name' must be specified for the root node
            -M|none|-blockdev|driver=bogus,node-name=n0; <P>: -blockdev driver=bogus,node-name=n0: Parameter 'driver' does not accept value 'bogus'
            -M|none|-blockdev|driver=file,node-name=n0,filename=/nonexist; <P>: -blockdev driver=file,node-name=n0,filename=/nonexist: Could not open '/nonexist': No such file or directory
            -M|none|-blockdev|driver=null-co,node-name=n0,bogus=1; <P>: -blockdev driver=null-co,node-name=n0,bogus=1: Parameter 'bogus' is unexpected
            -M|none|-blockdev|node-name=n0; <P>: -blockdev node-name=n0: Parameter 'driver' is missing
            -M|none|-netdev|user; <P>: -netdev user: Parameter 'id' is missing
            -M|none|-netdev|bogus,id=n0; <P>: -netdev bogus,id=n0: Parameter 'type' does not accept value 'bogus'
            -M|none|-netdev|socket,id=n0,fd=99; <P>: -netdev socket,id=n0,fd=99: n0: Can't use file descriptor 99: Bad file descriptor
            -M|none|-netdev|socket,id=n0; <P>: -netdev socket,id=n0: exactly one of listen=, connect=, mcast= or udp= is required
            -M|none|-netdev|hubport,id=n0; <P>: -netdev hubport,id=n0: Parameter 'hubid' is missing
            -M|none|-netdev|user,id=n0|-netdev|user,id=n0; <P>: -netdev user,id=n0: Duplicate ID 'n0' for netdev
            -M|none|-object|bogus,id=o; <P>: -object bogus,id=o: Parameter 'qom-type' does not accept value 'bogus'
            -M|none|-object|memory-backend-ram,size=1M; <P>: -object memory-backend-ram,size=1M: Parameter 'id' is missing
            -M|none|-object|memory-backend-ram,id=m0; <P>: -object memory-backend-ram,id=m0: Parameter 'size' is missing
            -M|none|-object|memory-backend-ram,id=m0,size=1M,bogus=1; <P>: -object memory-backend-ram,id=m0,size=1M,bogus=1: Invalid parameter 'bogus'
            -M|none|-object|iothread,id=io0|-object|iothread,id=io0; <P>: -object iothread,id=io0: Duplicate ID 'io0' for object
            -M|none|-global|foo=1; <P>: -global foo=1: Invalid parameter 'foo'
            -M|none|-global|.foo=1; <P>: -global .foo=1: Invalid parameter '.foo'
            -M|none|-global|foo; "<P>: -global foo: warning: short-form boolean option 'foo' deprecated\\nPlease use foo=on instead\\n<P>: -global foo: Invalid parameter 'foo'"
            -M|none|-rtc|clock=bogus; <P>: invalid option value 'bogus'
            -M|none|-rtc|driftfix=bogus; <P>: invalid option value 'bogus'
            -M|none|-rtc|base=bogus; "<P>: invalid datetime format\\nvalid formats: '2006-06-17T16:01:21' or '2006-06-17'"
            -M|none|-rtc|foo=1; <P>: -rtc foo=1: Invalid parameter 'foo'
            -M|none|-trace|events=/nonexist; <P>:/nonexist: No such file or directory
            -M|none|-audiodev|none; <P>: -audiodev none: Parameter 'id' is missing
            -M|none|-audiodev|bogus,id=a; <P>: -audiodev bogus,id=a: Parameter 'driver' does not accept value 'bogus'
            -M|none|-serial|bogus; "<P>: -serial bogus: 'bogus' is not a valid char driver\\n<P>: -serial bogus: could not connect serial device to character backend 'bogus'"
            -M|none|-nic|bogus; <P>: -nic bogus: Parameter 'type' does not accept value 'bogus'
            -M|none|-net|bogus; <P>: -net bogus: Parameter 'type' does not accept value 'bogus'
            -M|none|-display|bogus; <P>: -display bogus: Parameter 'type' does not accept value 'bogus'
            -M|none|-name|foo,bogus=1; <P>: -name foo,bogus=1: Invalid parameter 'bogus'
            -M|pc|-boot|menu=maybe; <P>: Parameter 'boot.menu' expects 'on' or 'off'
            -M|pc|-boot|splash-time=x; <P>: Parameter 'boot.splash-time' expects integer
            -M|pc|-boot|reboot-timeout=70000; <P>: reboot timeout is invalid,it should be a value between -1 and 65535
            -M|pc|-boot|reboot-timeout=-2; <P>: reboot timeout is invalid,it should be a value between -1 and 65535
            -M|pc|-boot|splash-time=70000; <P>: splash-time is invalid,it should be a value between 0 and 65535
            -M|pc|-boot|foo=1; <P>: Parameter 'boot.foo' is unexpected
            -M|pc|-numa|node,mem=128; <P>: -numa node,mem=128: Parameter -numa node,mem is not supported by this machine type
            -M|pc|-numa|node|-numa|node; <P>: total memory for NUMA nodes (0x0) should equal RAM size (0x8000000)
            -M|pc|-numa|foo; <P>: -numa foo: Parameter 'type' does not accept value 'foo'
            -M|pc|-numa|nodeid=0; <P>: -numa nodeid=0: Parameter 'type' is missing
            -M|pc|-numa|node,bogus=1; <P>: -numa node,bogus=1: Invalid parameter 'bogus'
            -M|pc|-numa|node,nodeid=x; <P>: -numa node,nodeid=x: Parameter 'nodeid' expects a uint64 value
            -M|pc|-numa|node,cpus=3-1; <P>: -numa node,cpus=3-1: Parameter 'cpus' expects a uint64 value or range
            -M|pc|-numa|node,cpus=a; <P>: -numa node,cpus=a: Parameter 'cpus' expects a uint64 value or range
            -M|pc|-m|256|-object|memory-backend-ram,id=m0,size=128M|-object|memory-backend-ram,id=m1,size=128M|-numa|node,memdev=m0,cpus=0-7|-numa|node,memdev=m1; <P>: -numa node,memdev=m0,cpus=0-7: CPU index (1) should be smaller than maxcpus (1)
            -M|pc|-m|256|-object|memory-backend-ram,id=m0,size=128M|-object|memory-backend-ram,id=m1,size=128M|-numa|node,memdev=m0|-numa|node,memdev=m1,nodeid=0; <P>: -numa node,memdev=m1,nodeid=0: Duplicate NUMA nodeid: 0
            -M|pc|-m|256|-object|memory-backend-ram,id=m0,size=128M|-object|memory-backend-ram,id=m1,size=128M|-numa|node,memdev=mX|-numa|node,memdev=m1; <P>: -numa node,memdev=mX: memdev=mX is ambiguous
            -M|pc|-m|256|-object|memory-backend-ram,id=m0,size=128M|-object|memory-backend-ram,id=m1,size=128M|-numa|node,memdev=m0|-numa|node,memdev=m0; <P>: memory backend m0 can't be used multiple times.
            -M|pc|-m|256|-object|memory-backend-ram,id=m0,size=128M|-object|memory-backend-ram,id=m1,size=128M|-numa|node,memdev=m0; <P>: total memory for NUMA nodes (0x8000000) should equal RAM size (0x10000000)
            -M|pc|-m|256|-object|memory-backend-ram,id=m0,size=128M|-object|memory-backend-ram,id=m1,size=128M|-numa|node,memdev=m0,nodeid=0|-numa|node,memdev=m1,nodeid=2; <P>: numa: Node ID missing: 1
            -M|pc|-fw_cfg|name=opt/x,string=; <P>: -fw_cfg name=opt/x,string=: name, plus exactly one of file, string and gen_id, are needed
            -M|pc|-fw_cfg|name=,string=x; <P>: -fw_cfg name=,string=x: name, plus exactly one of file, string and gen_id, are needed
            -M|pc|-boot|order=z; <P>: Invalid boot device 'z'
            -M|pc|-boot|once=x; <P>: Invalid boot device 'x'
            -M|pc|-boot|order=dd; <P>: Boot device 'd' was given twice
            -M|pc|-boot|order=ce,once=z; <P>: Invalid boot device 'z'
            -M|pc|-fw_cfg|name=opt/foo; <P>: -fw_cfg name=opt/foo: name, plus exactly one of file, string and gen_id, are needed
            -M|pc|-fw_cfg|string=bar; <P>: -fw_cfg string=bar: name, plus exactly one of file, string and gen_id, are needed
            -M|pc|-fw_cfg|name=opt/foo,string=a,file=/tmp/x; <P>: -fw_cfg name=opt/foo,string=a,file=/tmp/x: name, plus exactly one of file, string and gen_id, are needed
            -M|pc|-fw_cfg|name=opt/foo,file=/nonexist; <P>: -fw_cfg name=opt/foo,file=/nonexist: can't load /nonexist: Failed to open file “/nonexist”: No such file or directory
            -M|pc|-fw_cfg|name=opt/foo,string=bar,bogus=1; <P>: -fw_cfg name=opt/foo,string=bar,bogus=1: Invalid parameter 'bogus'
            -M|pc|-fw_cfg|name=opt/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,string=x; <P>: -fw_cfg name=opt/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,string=x: name too long (max. 55 char)
            -M|none|-uuid|1234; <P>: -uuid 1234: failed to parse UUID string: wrong format
            bare; <P>: bare: Could not open 'bare': No such file or directory
            """)
    void rejectedCommandLineGivesQemusText(String args, String expected) {
        assertEquals(expected.replace("\\n", "\n") + "\n", render(args));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            -M|none|-m|foo; -m foo: Parameter 'size' expects a non-negative number below 2^64
            -M|none|-m|1G,maxmem=512M; invalid value of maxmem: maximum memory size (0x20000000) must be at least the initial memory size (0x40000000)
            -M|none|-m|1G,slots=2,maxmem=1G; invalid value of maxmem: memory slots were specified but maximum memory size (0x40000000) is equal to the initial memory size (0x40000000)
            -M|none|-smp|2,maxcpus=1; Invalid CPU topology: maxcpus must be equal to or greater than smp: sockets (1) * cores (1) * threads (1) == maxcpus (1) < smp_cpus (2)
            -M|none|-smp|cpus=4,sockets=1,cores=2,threads=1; Invalid CPU topology: product of the hierarchy must match maxcpus: sockets (1) * cores (2) * threads (1) != maxcpus (4)
            -M|pc|-smp|4,dies=2,maxcpus=3; Invalid CPU topology: product of the hierarchy must match maxcpus: sockets (1) * dies (2) * cores (1) * threads (1) != maxcpus (3)
            -M|pc|-smp|5,sockets=2; Invalid CPU topology: product of the hierarchy must match maxcpus: sockets (2) * dies (1) * cores (2) * threads (1) != maxcpus (5)
            -M|pc|-smp|7,cores=2; Invalid CPU topology: product of the hierarchy must match maxcpus: sockets (3) * dies (1) * cores (2) * threads (1) != maxcpus (7)
            -M|pc|-smp|3,threads=2; Invalid CPU topology: product of the hierarchy must match maxcpus: sockets (1) * dies (1) * cores (1) * threads (2) != maxcpus (3)
            -M|none|-cpu|; -cpu option cannot be empty
            """)
    void rejectedCommandLineStartsWithQemusText(String args, String expected) {
        assertEquals("<P>: " + expected, render(args).split("\n")[0]);
    }
}
