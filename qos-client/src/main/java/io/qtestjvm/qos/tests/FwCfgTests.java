package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.FwCfgIo;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.nio.charset.StandardCharsets;


/**
 * QEMU's fw_cfg-test (tests/qtest/fw_cfg-test.c) as plain per-arch tests on the x86 {@code pc}: the fw_cfg items
 * the board fills in, read through the I/O ports, each in a machine started with the options that set them; all
 * twelve checks of the program (signature, id, uuid, ram_size, nographic, nb_cpus, max_cpus, numa, boot_menu,
 * reboot_timeout, no_reboot_timeout, splash_time), then the layouts QEMU 7.2 gives pc beyond them (NUMA nodes and
 * CPUs, the APIC ID limit, e820, memory hot-plug, the etc files, user files).
 */
public final class FwCfgTests {
    private FwCfgTests() {
    }

    public static void register(QtestFunctions reg) {
        if (!reg.arch().equals("x86_64") && !reg.arch().equals("i386")) {
            return;
        }
        reg.add("fw_cfg/signature", l -> withFwCfg(l, "-machine pc", fw -> Check.isTrue("QEMU".equals(
                new String(fw.getBytes(FwCfgIo.SIGNATURE, 4), StandardCharsets.US_ASCII)), "signature is QEMU")));
        reg.add("fw_cfg/id", l -> withFwCfg(l, "-machine pc", fw -> {
            int id = fw.getU32(FwCfgIo.ID);
            Check.isTrue(id == 1 || id == 3, "fw_cfg id " + id + " is 1 (traditional) or 3 (with DMA)");
        }));
        reg.add("fw_cfg/ram_size", l -> withFwCfg(l, "-machine pc -m 256", fw ->
                Check.equal(256L << 20, fw.getU64(FwCfgIo.RAM_SIZE), "RAM size of -m 256")));
        reg.add("fw_cfg/nb_cpus", l -> withFwCfg(l, "-machine pc -smp 2", fw ->
                Check.equal(2, fw.getU16(FwCfgIo.NB_CPUS), "boot CPUs of -smp 2")));
        reg.add("fw_cfg/max_cpus", l -> withFwCfg(l, "-machine pc -smp 1,maxcpus=6", fw ->
                Check.equal(6, fw.getU16(FwCfgIo.MAX_CPUS), "max CPUs of -smp 1,maxcpus=6")));
        reg.add("fw_cfg/uuid", l -> withFwCfg(l, "-machine pc -uuid 4600cb32-38ec-4b2f-8acb-81c6ea54f2d8", fw ->
                Check.equalBytes(new byte[] {0x46, 0x00, (byte) 0xcb, 0x32, 0x38, (byte) 0xec, 0x4b, 0x2f,
                    (byte) 0x8a, (byte) 0xcb, (byte) 0x81, (byte) 0xc6, (byte) 0xea, 0x54, (byte) 0xf2, (byte) 0xd8},
                        fw.getBytes(FwCfgIo.UUID, 16), "UUID of -uuid, in the order written")));
        reg.add("fw_cfg/nographic", l -> withFwCfg(l, "-machine pc", fw ->
                Check.equal(0, fw.getU16(FwCfgIo.NOGRAPHIC), "nographic")));
        reg.add("fw_cfg/boot_menu", l -> withFwCfg(l, "-machine pc", fw ->
                Check.equal(0, fw.getU16(FwCfgIo.BOOT_MENU), "boot menu off by default")));
        reg.add("fw_cfg/boot_menu_on", l -> withFwCfg(l, "-machine pc -boot menu=on", fw ->
                Check.equal(1, fw.getU16(FwCfgIo.BOOT_MENU), "boot menu of -boot menu=on")));
        reg.add("fw_cfg/reboot_timeout", l -> withFwCfg(l, "-machine pc -boot reboot-timeout=15", fw ->
                Check.equalBytes(new byte[] {15, 0, 0, 0}, fw.getFile("etc/boot-fail-wait", 8),
                        "etc/boot-fail-wait of -boot reboot-timeout=15")));
        reg.add("fw_cfg/no_reboot_timeout", l -> withFwCfg(l, "-machine pc -boot reboot-timeout=-1", fw ->
                Check.equalBytes(new byte[] {-1, -1, -1, -1}, fw.getFile("etc/boot-fail-wait", 8),
                        "etc/boot-fail-wait of -boot reboot-timeout=-1")));
        reg.add("fw_cfg/splash_time", l -> withFwCfg(l, "-machine pc -boot splash-time=12", fw ->
                Check.equalBytes(new byte[] {12, 0}, fw.getFile("etc/boot-menu-wait", 8),
                        "etc/boot-menu-wait of -boot splash-time=12")));
        reg.add("fw_cfg/no_splash_time", l -> withFwCfg(l, "-machine pc", fw ->
                Check.isTrue(fw.getFile("etc/boot-menu-wait", 8) == null, "no etc/boot-menu-wait by default")));
        reg.add("fw_cfg/user_string", l -> withFwCfg(l, "-machine pc -fw_cfg name=opt/qtj,string=hello", fw ->
                Check.equalBytes("hello".getBytes(StandardCharsets.US_ASCII), fw.getFile("opt/qtj", 64),
                        "-fw_cfg string= contents, without a NUL")));
        reg.add("fw_cfg/user_file", l -> {
            java.nio.file.Path f = null;
            try {
                f = java.nio.file.Files.createTempFile("qtj-fwcfg", ".bin");
                java.nio.file.Files.write(f, new byte[] {1, 2, 3, 0, (byte) 0xff});
                withFwCfg(l, "-machine pc -fw_cfg name=opt/a/b,file=" + f, fw ->
                        Check.equalBytes(new byte[] {1, 2, 3, 0, (byte) 0xff}, fw.getFile("opt/a/b", 64),
                                "-fw_cfg file= contents"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                if (f != null) {
                    f.toFile().delete();
                }
            }
        });
        reg.add("fw_cfg/numa", l -> withFwCfg(l, "-machine pc", fw -> {
            // the test program: no nodes, so the count is 0 and the node-per-CPU and memory arrays are empty
            Check.equal(0, fw.getU64(FwCfgIo.NUMA), "FW_CFG_NUMA node count without -numa");
            Check.equalBytes(new byte[8], fw.readData(8), "FW_CFG_NUMA node of APIC ID 0 without nodes");
        }));
        reg.add("fw_cfg/numa_nodes", l -> withFwCfg(l, "-machine pc -m 256 -smp 6,sockets=2,cores=3 "
                + "-object memory-backend-ram,id=m0,size=128M -object memory-backend-ram,id=m1,size=96M "
                + "-object memory-backend-ram,id=m2,size=32M -numa node,memdev=m0 -numa node,memdev=m1 "
                + "-numa node,memdev=m2", fw -> {
                    // APIC IDs 0-2 are socket 0, 4-6 socket 1 (3 is unused); sockets go to nodes round-robin
                    Check.equal(7, fw.getU16(FwCfgIo.MAX_CPUS), "FW_CFG_MAX_CPUS is the APIC ID limit");
                    long[] expect = {3, 0, 0, 0, 0, 1, 1, 1, 128L << 20, 96L << 20, 32L << 20};
                    byte[] got = fw.getBytes(FwCfgIo.NUMA, 8 * expect.length);
                    for (int i = 0; i < expect.length; i++) {
                        Check.equal(expect[i], le(got, 8 * i, 8), "FW_CFG_NUMA u64 #" + i);
                    }
                }));
        reg.add("fw_cfg/numa_cpus", l -> withFwCfg(l, "-machine pc -m 256 -smp 2,maxcpus=4 "
                + "-object memory-backend-ram,id=m0,size=96M -object memory-backend-ram,id=m1,size=160M "
                + "-numa node,memdev=m0,nodeid=1,cpus=0-1 -numa node,memdev=m1,nodeid=0,cpus=2-3", fw -> {
                    long[] expect = {2, 1, 1, 0, 0, 160L << 20, 96L << 20};
                    byte[] got = fw.getBytes(FwCfgIo.NUMA, 8 * expect.length);
                    for (int i = 0; i < expect.length; i++) {
                        Check.equal(expect[i], le(got, 8 * i, 8), "FW_CFG_NUMA u64 #" + i + " with cpus=");
                    }
                }));
        reg.add("fw_cfg/memory_hotplug", l -> withFwCfg(l, "-machine pc -m 1G,slots=2,maxmem=4G", fw -> {
            // hot-plug slots give one implicit node with all RAM; the hot-plug area ends at 4 GiB + 3 + 2 GiB
            byte[] numa = fw.getBytes(FwCfgIo.NUMA, 24);
            Check.equal(1, le(numa, 0, 8), "implicit NUMA node");
            Check.equal(1L << 30, le(numa, 16, 8), "implicit node's memory");
            byte[] end = fw.getFile("etc/reserved-memory-end", 16);
            Check.isTrue(end != null && end.length == 8, "etc/reserved-memory-end is 8 bytes");
            Check.equal(9L << 30, le(end, 0, 8), "etc/reserved-memory-end");
        }));
        reg.add("fw_cfg/e820", l -> withFwCfg(l, "-machine pc -m 4G -cpu qemu32", fw -> {
            byte[] e = fw.getFile("etc/e820", 64);
            Check.isTrue(e != null && e.length == 40, "two 20-byte entries for RAM split at 3 GiB");
            Check.equal(0, le(e, 0, 8), "RAM below 4 GiB starts at 0");
            Check.equal(3L << 30, le(e, 8, 8), "RAM below 4 GiB: 3 GiB");
            Check.equal(1, le(e, 16, 4), "type RAM");
            Check.equal(1L << 32, le(e, 20, 8), "RAM above 4 GiB starts at 4 GiB");
            Check.equal(1L << 30, le(e, 28, 8), "RAM above 4 GiB: 1 GiB");
            Check.equal(1, le(e, 36, 4), "type RAM");
        }));
        if (reg.arch().equals("x86_64")) {
            reg.add("fw_cfg/e820_amd_hole", l -> withFwCfg(l, "-machine pc", fw -> {
                byte[] e = fw.getFile("etc/e820", 64);
                Check.isTrue(e != null && e.length == 40, "the HyperTransport hole, then RAM");
                Check.equal(0xfd_0000_0000L, le(e, 0, 8), "reserved at 1012 GiB");
                Check.equal(0x3_0000_0000L, le(e, 8, 8), "12 GiB reserved");
                Check.equal(2, le(e, 16, 4), "type reserved");
                Check.equal(128L << 20, le(e, 28, 8), "all 128 MiB below 4 GiB");
            }));
        }
        reg.add("fw_cfg/system_states", l -> withFwCfg(l, "-machine pc", fw -> Check.equalBytes(
                new byte[] {(byte) 0x80, 0, 0, (byte) 0x81, (byte) 0x82, (byte) 0x80},
                fw.getFile("etc/system-states", 16), "S0, S3 and S4, S5 enabled")));
        reg.add("fw_cfg/irq0_override", l -> withFwCfg(l, "-machine pc", fw ->
                Check.equal(1, fw.getU32(FwCfgIo.IRQ0_OVERRIDE), "IRQ 0 override")));
        reg.add("fw_cfg/empty_files", l -> withFwCfg(l, "-machine pc", fw -> {
            for (String f : new String[] {"bootorder", "bios-geometry", "etc/tpm/log"}) {
                byte[] b = fw.getFile(f, 16);
                Check.isTrue(b != null && b.length == 0, f + " listed and empty");
            }
        }));
        reg.add("fw_cfg/directory_sorted", l -> withFwCfg(l, "-machine pc -fw_cfg name=opt/z,string=1 "
                + "-fw_cfg name=opt/a,string=22 -boot splash-time=5", fw -> {
                    java.util.List<FwCfgIo.FileEntry> files = fw.files();
                    for (int i = 1; i < files.size(); i++) {
                        Check.isTrue(files.get(i - 1).name().compareTo(files.get(i).name()) < 0,
                                "directory sorted by name at " + files.get(i).name());
                        Check.equal(files.get(i - 1).select() + 1, files.get(i).select(),
                                "selectors follow the name order at " + files.get(i).name());
                    }
                    Check.equal(0x20, files.get(0).select(), "first file selector");
                }));
        reg.add("fw_cfg/past_the_end", l -> withFwCfg(l, "-machine pc", fw -> {
            byte[] sig = fw.getBytes(FwCfgIo.SIGNATURE, 8);
            Check.equal(0, sig[4] | sig[5] | sig[6] | sig[7], "bytes read past an item's end");
        }));
    }

    private static long le(byte[] b, int at, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v |= (long) (b[at + i] & 0xff) << (8 * i);
        }
        return v;
    }

    private interface FwCheck {
        void run(FwCfgIo fw);
    }

    private static void withFwCfg(QtestFunctions.Launcher l, String args, FwCheck check) {
        try (QTestState qts = l.init(args)) {
            check.run(new FwCfgIo(qts, FwCfgIo.PC_BASE));
        }
    }
}
