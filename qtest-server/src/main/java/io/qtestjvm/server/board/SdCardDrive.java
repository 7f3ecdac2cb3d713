package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.block.NullBackend;
import io.qtestjvm.devices.block.RawFileBackend;
import io.qtestjvm.devices.sd.SdCard;
import io.qtestjvm.server.cli.DriveSpec;
import io.qtestjvm.server.cli.StartupException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The SD card of a drive: the card a board makes for {@code -drive if=sd} and the one the {@code sd-card}
 * descriptor's factory ({@link QomTypes}) makes for {@code -device sd-card,drive=X}, with the realize checks of
 * {@link SdCard#checkDrive}. The drive's image is opened here ({@link #open}).
 */
final class SdCardDrive {
    private SdCardDrive() {
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
