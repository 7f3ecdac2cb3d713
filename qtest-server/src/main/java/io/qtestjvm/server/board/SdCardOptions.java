package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.QemuOpts;
import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.block.NullBackend;
import io.qtestjvm.devices.block.RawFileBackend;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.server.cli.DriveSpec;
import io.qtestjvm.server.cli.StartupException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Set;

/**
 * {@code -device sd-card,drive=X[,spec_version=N]} and the card a board makes for {@code -drive if=sd}: the
 * properties QEMU 7.2's sd-card takes (hw/sd/sd.c {@code sd_properties}: {@code drive}, {@code spec_version},
 * {@code spi}) in QEMU's order and with its messages (checked against Debian's QEMU 7.2), then the realize checks of
 * {@link SdCard#checkDrive}. The drive's image is opened here ({@link #open}).
 */
final class SdCardOptions {
    private static final Set<String> PROPS = Set.of("driver", "id", "drive", "spec_version", "spi");
    /** sd.c: {@code spec_version} defaults to SD_PHY_SPECv2_00_VERS in 7.2 (raspi.c does not change it). */
    static final int DEFAULT_SPEC_VERSION = 2;

    private SdCardOptions() {
    }

    /**
     * Creates the card of {@code opts}, claiming its drive in {@code claimed} (the ids of drives already given to a
     * device). The card's backend is opened; the caller plugs it.
     */
    static SdCard create(QemuOpts opts, MachineConfig config, Set<String> claimed, Clock clock)
            throws StartupException {
        for (String k : opts.keys()) {
            if (!PROPS.contains(k)) {
                throw new StartupException("Property '" + SdCard.TYPE + "." + k + "' not found");
            }
        }
        int version = DEFAULT_SPEC_VERSION;
        DriveSpec drive = null;
        for (String k : opts.keys()) {
            String v = opts.get(k);
            switch (k) {
                case "drive" -> {
                    drive = config.drive(v);
                    if (drive == null) {
                        throw new StartupException("Property 'sd-card.drive' can't find value '" + v + "'");
                    }
                    if (claimed.contains(v)) { // qdev-properties-system.c set_drive_helper, in its order
                        throw new StartupException("Drive '" + v + "' is already in use by another device");
                    }
                    if (!drive.iface().equals("none")) {
                        throw new StartupException("Drive '" + v + "' is already in use because it has been "
                                + "automatically connected to another device (did you need 'if=none' in the drive "
                                + "options?)");
                    }
                }
                case "spec_version" -> version = (int) SdhciPciOptions.parseUnsigned(k, v, 0xff, "uint8_t");
                case "spi" -> {
                    if (!v.equals("off") && !v.equals("false")) {
                        throw new StartupException("SPI-mode SD cards are not modelled by qtest-jvm");
                    }
                }
                default -> {
                    // driver, id
                }
            }
        }
        if (version < 1 || version > 3) { // sd_realize's first check
            throw new StartupException("Invalid SD card Spec version: " + version);
        }
        if (drive != null) {
            claimed.add(drive.id());
        }
        return realize(drive, version, clock);
    }

    /** The card for {@code drive} (null: no medium), with sd_realize's checks of the drive. */
    static SdCard realize(DriveSpec drive, int version, Clock clock) throws StartupException {
        BlockBackend blk = drive == null ? null : open(drive);
        String refused = SdCard.checkDrive(blk);
        if (refused != null) {
            closeQuietly(blk);
            throw new StartupException(refused);
        }
        return new SdCard(blk, version, clock);
    }

    /** Opens the image of {@code drive} as its {@code -drive} options ask (raw file or the null driver). */
    static BlockBackend open(DriveSpec drive) throws StartupException {
        io.qtestjvm.server.cli.BlockBackend b = drive.backend();
        if (b == null) {
            return null;
        }
        return switch (b.kind()) {
            case NULL_CO, NULL_AIO -> new NullBackend(b.size(), b.readZeroes());
            case FILE -> {
                try {
                    yield RawFileBackend.open(b.path(), drive.readOnly(), drive.autoReadOnly());
                } catch (NoSuchFileException e) {
                    throw new StartupException("Could not open '" + b.path() + "': No such file or directory");
                } catch (AccessDeniedException e) {
                    throw new StartupException("Could not open '" + b.path() + "': Permission denied");
                } catch (IOException e) {
                    throw new StartupException("Could not open '" + b.path() + "': " + e.getMessage());
                }
            }
        };
    }

    private static void closeQuietly(BlockBackend blk) {
        if (blk != null) {
            blk.close();
        }
    }
}
