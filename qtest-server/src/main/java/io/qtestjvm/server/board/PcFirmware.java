package io.qtestjvm.server.board;

import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.server.cli.DriveSpec;
import io.qtestjvm.server.cli.StartupException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PC's system firmware and the ROM windows of the legacy area (QEMU's manual for {@code -bios} and
 * {@code -drive if=pflash}; PC memory map: the firmware ends at 4 GiB, its last 128 KiB also appear at
 * 0xe0000-0xfffff, expansion ROMs at 0xc0000-0xdffff). Everything is read-only ROM:
 * <ul>
 *   <li>{@code -bios FILE}: the image in the PCI memory space ending at 4 GiB; its size must be a non-zero multiple
 *       of 64 KiB, else QEMU's {@code qemu: could not load PC BIOS 'FILE'}.</li>
 *   <li>{@code -drive if=pflash} units 0 and 1 (unit 0 on top, each unit directly below the one before) in the
 *       system memory space; a unit's size (the raw file rounded up to 512-byte sectors) must be a non-zero
 *       multiple of 4 KiB, else QEMU's two-line report. Units win over {@code -bios}.</li>
 *   <li>{@code isa-bios}: the last {@code min(128 KiB, size)} bytes of the firmware (of pflash unit 0 when there
 *       is one) again below 1 MiB in the PCI memory space, and {@code pc.rom}, 128 KiB of zeroed ROM at 0xc0000,
 *       where the PAM windows show them while their segments point to PCI.</li>
 * </ul>
 *
 * <p>Differences from Debian's QEMU 7.2, on purpose: without {@code -bios} QEMU loads SeaBIOS
 * ({@code bios-256k.bin}); the stand-in ships no firmware and maps 256 KiB of zeros instead, so the BIOS area
 * reads 0 where QEMU reads SeaBIOS. A flash unit is a ROM here: qtest writes to it are dropped, where QEMU's CFI
 * flash takes them as commands. A {@code -bios} image above 64 MiB is refused as unloadable (QEMU maps any size).
 * Flash units together may hold 8 MiB, as in QEMU 7.2.
 */
final class PcFirmware {
    /** QEMU's default firmware, {@code bios-256k.bin}, is this large. */
    static final int DEFAULT_SIZE = 256 * 1024;
    static final long FOUR_GIB = 1L << 32;
    static final int BIOS_GRANULE = 64 * 1024;
    static final int FLASH_GRANULE = 0x1000;
    static final int SECTOR = 512;
    static final long ISA_BIOS_MAX = 128 * 1024;
    static final long ONE_MIB = 1L << 20;
    static final long OPTION_ROM_BASE = 0xc_0000L;
    static final long OPTION_ROM_SIZE = 0x2_0000L;
    static final int MAX_FLASH_UNITS = 2;
    /** QEMU 7.2's limit on the flash units together. */
    static final long FLASH_LIMIT = 8L << 20;
    /** The stand-in's own limit on a -bios image (QEMU has none); larger images fail as unloadable. */
    static final long BIOS_LIMIT = 64L << 20;

    private PcFirmware() {
    }

    /** Maps the firmware ({@code biosFile} or the pflash drives) and the ROM windows. */
    static void map(MemoryRegion system, MemoryRegion pciMemory, String biosFile, List<DriveSpec> drives)
            throws StartupException {
        MemoryRegion optionRom = MemoryRegion.ram("pc.rom", OPTION_ROM_SIZE).setReadOnly(true);
        pciMemory.addSubregionOverlap(OPTION_ROM_BASE, optionRom, 1);
        List<byte[]> units = flashUnits(drives);
        MemoryRegion top;
        if (!units.isEmpty()) {
            long end = FOUR_GIB;
            top = null;
            for (int i = 0; i < units.size(); i++) {
                byte[] image = units.get(i);
                MemoryRegion flash = rom("system.flash" + i, image);
                end -= image.length;
                system.addSubregion(end, flash);
                if (top == null) {
                    top = flash;
                }
            }
        } else {
            if (biosFile == null) {
                // zeros: RAM reads 0 until written, so nothing is written (and no memory is mapped at start-up)
                top = MemoryRegion.ram("pc.bios", DEFAULT_SIZE).setReadOnly(true);
            } else {
                top = rom("pc.bios", bios(biosFile));
            }
            pciMemory.addSubregion(FOUR_GIB - top.size(), top);
        }
        long isaSize = Math.min(ISA_BIOS_MAX, top.size());
        MemoryRegion isaBios = MemoryRegion.ramView("isa-bios", top.ram(), top.size() - isaSize, isaSize)
                .setReadOnly(true);
        pciMemory.addSubregionOverlap(ONE_MIB - isaSize, isaBios, 1);
    }

    private static MemoryRegion rom(String name, byte[] image) {
        MemoryRegion r = MemoryRegion.ram(name, image.length);
        r.ram().write(0, image, 0, image.length);
        return r.setReadOnly(true);
    }

    private static byte[] bios(String file) throws StartupException {
        byte[] image;
        try {
            Path p = Path.of(file);
            image = Files.isRegularFile(p) && Files.size(p) <= BIOS_LIMIT ? Files.readAllBytes(p) : null;
        } catch (IOException | RuntimeException e) {
            image = null;
        }
        if (image == null || image.length == 0 || image.length % BIOS_GRANULE != 0) {
            throw StartupException.literal("qemu: could not load PC BIOS '" + file + "'");
        }
        return image;
    }

    /** The images of pflash units 0, 1, ... in unit order, stopping at the first missing unit. */
    private static List<byte[]> flashUnits(List<DriveSpec> drives) throws StartupException {
        List<byte[]> out = new ArrayList<>();
        long total = 0;
        for (int unit = 0; unit < MAX_FLASH_UNITS; unit++) {
            DriveSpec d = find(drives, unit);
            if (d == null) {
                break;
            }
            total += sizeOf(d);
            if (total > FLASH_LIMIT) {
                throw new StartupException("combined size of system firmware exceeds " + FLASH_LIMIT + " bytes");
            }
            byte[] image = read(d);
            long size = (image.length + SECTOR - 1L) / SECTOR * SECTOR;
            if (size == 0 || size % FLASH_GRANULE != 0) {
                String name = d.options().containsKey("id") ? d.id() : "pflash" + unit;
                throw StartupException.reports("system firmware block device " + name + " has invalid size "
                        + size, "info: its size must be a non-zero multiple of 0x" + Integer.toHexString(
                        FLASH_GRANULE));
            }
            out.add(image.length == size ? image : java.util.Arrays.copyOf(image, (int) size));
        }
        return out;
    }

    private static DriveSpec find(List<DriveSpec> drives, int unit) {
        for (DriveSpec d : drives) {
            if (d.iface().equals("pflash") && MachineConfig.unitOf(d) == unit) {
                return d;
            }
        }
        return null;
    }

    /** The unit's size as the raw format shows it: the file rounded up to whole sectors. */
    private static long sizeOf(DriveSpec d) throws StartupException {
        if (d.backend() == null || d.backend().path() == null) {
            return 0;
        }
        try {
            return (Files.size(d.backend().path()) + SECTOR - 1) / SECTOR * SECTOR;
        } catch (IOException e) {
            throw new StartupException("Could not open '" + d.backend().path() + "': " + e.getMessage());
        }
    }

    private static byte[] read(DriveSpec d) throws StartupException {
        if (d.backend() == null || d.backend().path() == null) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(d.backend().path());
        } catch (IOException | OutOfMemoryError e) {
            throw new StartupException("Could not open '" + d.backend().path() + "': " + e.getMessage());
        }
    }
}
