package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.FwCfgIo;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

import java.nio.charset.StandardCharsets;


/**
 * QEMU's fw_cfg-test (tests/qtest/fw_cfg-test.c) as plain per-arch tests on the x86 {@code pc}: the fw_cfg items
 * the board fills in, read through the I/O ports, each in a machine started with the options that set them.
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
        reg.add("fw_cfg/past_the_end", l -> withFwCfg(l, "-machine pc", fw -> {
            byte[] sig = fw.getBytes(FwCfgIo.SIGNATURE, 8);
            Check.equal(0, sig[4] | sig[5] | sig[6] | sig[7], "bytes read past an item's end");
        }));
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
