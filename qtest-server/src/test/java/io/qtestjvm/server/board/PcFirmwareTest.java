package io.qtestjvm.server.board;

import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.cli.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * pc's firmware images: sizes QEMU refuses fail the start with Debian's QEMU 7.2 reports (captured by running it),
 * and the images land below 4 GiB and below 1 MiB.
 */
class PcFirmwareTest {
    @TempDir
    Path dir;

    private String refused(String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InJvmServer.startAs("7.2", "x86_64", args));
        return assertInstanceOf(StartupException.class, e.getCause()).render("<P>");
    }

    @Test
    void aBiosThatIsNotAMultipleOf64KiBIsRefusedWithoutTheBinaryPrefix() throws Exception {
        Path f = dir.resolve("b1000");
        Files.write(f, new byte[1000]);
        assertEquals("qemu: could not load PC BIOS '" + f + "'\n", refused("-machine", "pc", "-bios", f.toString()));
        Path big = dir.resolve("b132k");
        Files.write(big, new byte[132 * 1024]);
        assertEquals("qemu: could not load PC BIOS '" + big + "'\n",
                refused("-machine", "pc", "-bios", big.toString()));
        assertEquals("qemu: could not load PC BIOS '/nonexist'\n", refused("-machine", "pc", "-bios", "/nonexist"));
    }

    @Test
    void aFlashUnitWhoseSectorRoundedSizeIsNotAMultipleOf4KiBIsRefused() throws Exception {
        Path f = dir.resolve("f1000");
        Files.write(f, new byte[1000]);
        assertEquals("<P>: system firmware block device pflash0 has invalid size 1024\n"
                + "<P>: info: its size must be a non-zero multiple of 0x1000\n",
                refused("-machine", "pc", "-drive", "if=pflash,format=raw,file=" + f));
    }

    @Test
    void flashUnitsTogetherAboveEightMiBAndBiosFilesThatAreNotRegularFilesAreRefused() throws Exception {
        Path big = dir.resolve("big8");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(8L << 20);
        }
        Path small = dir.resolve("b4k");
        Files.write(small, new byte[4096]);
        assertEquals("<P>: combined size of system firmware exceeds 8388608 bytes\n", refused("-machine", "pc",
                "-drive", "if=pflash,format=raw,file=" + big, "-drive", "if=pflash,format=raw,file=" + small));
        assertEquals("qemu: could not load PC BIOS '/dev/zero'\n", refused("-machine", "pc", "-bios", "/dev/zero"));
        assertEquals("qemu: could not load PC BIOS '" + dir + "'\n", refused("-machine", "pc", "-bios",
                dir.toString()));
    }

    @Test
    void twoFlashUnitsStackDownFrom4GiBAndUnitZeroFeedsTheIsaBiosWindow() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        byte[] ia = new byte[8192];
        byte[] ib = new byte[4096];
        java.util.Arrays.fill(ia, (byte) 0xaa);
        java.util.Arrays.fill(ib, (byte) 0xbb);
        Files.write(a, ia);
        Files.write(b, ib);
        try (InJvmServer s = InJvmServer.startAs("7.2", "x86_64", "-machine", "pc", "-drive",
                "if=pflash,format=raw,file=" + a, "-drive", "if=pflash,format=raw,file=" + b)) {
            assertEquals("OK 0x00000000000000aa", s.qtest("readb 0xfffffff0").trim());
            assertEquals("OK 0x00000000000000aa", s.qtest("readb 0xffffe000").trim());
            assertEquals("OK 0x00000000000000bb", s.qtest("readb 0xffffd000").trim());
            assertEquals("OK 0x00000000000000aa", s.qtest("readb 0xfe000").trim());
            s.qtest("writeb 0xfffffff0 0x12");
            assertEquals("OK 0x00000000000000aa", s.qtest("readb 0xfffffff0").trim());
        }
    }
}
