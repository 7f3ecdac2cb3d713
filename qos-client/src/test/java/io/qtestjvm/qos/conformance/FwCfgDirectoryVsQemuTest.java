package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqos.FwCfgIo;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fw_cfg of {@code pc} side by side: the stand-in ({@code [jvm]}, QEMU 7.2 behaviour) against Debian's
 * qemu-system-x86_64 ({@code -accel tcg -S}), both read through the I/O ports with the same command line. Compared:
 * the file directory (names, sizes, order, selectors), the contents of every file both list, and the first 64 bytes
 * of every generic item below the directory and of the x86 items.
 *
 * <p>The documented differences, which are all that may differ:
 * <ul>
 *   <li>Files QEMU builds from its own generators or binaries, which the stand-in does not list:
 *       {@link #NOT_MODELLED}: the ACPI tables and their loader script ({@code etc/acpi/rsdp},
 *       {@code etc/acpi/tables}, {@code etc/table-loader}; QEMU generates AML for the whole machine), the SMBIOS
 *       tables ({@code etc/smbios/smbios-anchor}, {@code etc/smbios/smbios-tables}) and QEMU's {@code kvmvapic}
 *       option ROM ({@code genroms/kvmvapic.bin}, a binary QEMU ships).</li>
 *   <li>Selectors therefore differ: both number files from 0x20 in name order, so every file after one of those
 *       has a lower selector here; the test checks both directories are in name order and the stand-in's selectors
 *       are dense.</li>
 *   <li>The x86 item FW_CFG_HPET (0x8004): the stand-in has no HPET.</li>
 * </ul>
 */
class FwCfgDirectoryVsQemuTest {
    static final Set<String> NOT_MODELLED = Set.of("etc/acpi/rsdp", "etc/acpi/tables", "etc/table-loader",
            "etc/smbios/smbios-anchor", "etc/smbios/smbios-tables", "genroms/kvmvapic.bin");
    static final int HPET = 0x8004;
    private static final int ITEM_BYTES = 64;

    record Snapshot(List<FwCfgIo.FileEntry> files, Map<String, String> contents, Map<Integer, String> items) {
    }

    private static Snapshot read(Backend backend, String arch, String args) {
        try (QTestState qts = new QTestState(backend.start(arch, args, "7.2"))) {
            FwCfgIo fw = new FwCfgIo(qts, FwCfgIo.PC_BASE);
            List<FwCfgIo.FileEntry> files = fw.files();
            Map<String, String> contents = new java.util.TreeMap<>();
            for (FwCfgIo.FileEntry f : files) {
                if (!NOT_MODELLED.contains(f.name())) {
                    contents.put(f.name(), HexFormat.of().formatHex(fw.getBytes(f.select(), f.size())));
                }
            }
            Map<Integer, String> items = new java.util.TreeMap<>();
            for (int key = 0; key < FwCfgIo.FILE_DIR; key++) {
                items.put(key, HexFormat.of().formatHex(fw.getBytes(key, ITEM_BYTES)));
            }
            for (int key = 0x8000; key < HPET; key++) {
                items.put(key, HexFormat.of().formatHex(fw.getBytes(key, ITEM_BYTES)));
            }
            return new Snapshot(files, contents, items);
        }
    }

    private static List<String> namesAndSizes(List<FwCfgIo.FileEntry> files) {
        List<String> out = new ArrayList<>();
        for (FwCfgIo.FileEntry f : files) {
            if (!NOT_MODELLED.contains(f.name())) {
                out.add(f.name() + " " + f.size());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-machine pc",
        "-machine pc -m 256 -smp 6,sockets=2,cores=3 -object memory-backend-ram,id=m0,size=128M "
            + "-object memory-backend-ram,id=m1,size=128M -numa node,memdev=m0 -numa node,memdev=m1",
        "-machine pc -m 4G -cpu qemu32 -boot menu=on,splash-time=500,reboot-timeout=30 "
            + "-uuid 4600cb32-38ec-4b2f-8acb-81c6ea54f2d8",
        "-machine pc -m 1G,slots=2,maxmem=4G -smp 2,maxcpus=4 -fw_cfg name=opt/qtj/a,string=hello "
            + "-fw_cfg name=opt/qtj/b,string=x -nodefaults",
    })
    void directoryAndItemsMatchQemuButForTheDocumentedDifferences(String args) {
        compare("x86_64", args);
    }

    /** qemu-system-i386: no AMD HyperTransport hole in e820 (its CPUs have 36 address bits). */
    @ParameterizedTest
    @ValueSource(strings = {"-machine pc", "-machine pc -m 1G,slots=2,maxmem=4G -smp 2,maxcpus=4"})
    void i386MatchesQemuButForTheDocumentedDifferences(String args) {
        compare("i386", args);
    }

    private static void compare(String arch, String args) {
        Backend.QEMU.assumeAvailable(arch);
        Snapshot qemu = read(Backend.QEMU, arch, args);
        Snapshot ours = read(Backend.JVM, arch, args);
        assertTrue(qemu.files().stream().map(FwCfgIo.FileEntry::name).toList().containsAll(NOT_MODELLED),
                "QEMU lists every file documented as not modelled: " + qemu.files());
        assertEquals(namesAndSizes(qemu.files()), namesAndSizes(ours.files()), "names and sizes, in order");
        for (int i = 0; i < ours.files().size(); i++) {
            assertEquals(0x20 + i, ours.files().get(i).select(), "stand-in selector of " + ours.files().get(i));
        }
        for (int i = 1; i < qemu.files().size(); i++) {
            assertTrue(qemu.files().get(i - 1).name().compareTo(qemu.files().get(i).name()) < 0
                    && qemu.files().get(i - 1).select() < qemu.files().get(i).select(),
                    "QEMU's directory in name and selector order at " + qemu.files().get(i));
        }
        assertEquals(qemu.contents(), ours.contents(), "contents of the files both list");
        assertEquals(qemu.items(), ours.items(), "generic items 0x00-0x18 and x86 items 0x8000-0x8003");
    }
}
