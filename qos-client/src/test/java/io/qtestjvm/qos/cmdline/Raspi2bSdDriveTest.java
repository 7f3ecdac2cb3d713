package io.qtestjvm.qos.cmdline;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -drive if=sd} on raspi2b as Debian's QEMU 7.2 takes it (issue 10 item 5), on every backend: a read-only
 * drive is refused by the card (no {@code -drive} prefix), a second SD drive gets unit 1, which the machine does not
 * support, an empty {@code file=} with a format and a directory are refused with the {@code -drive ...:} prefix,
 * and a 1000-byte image starts: the block layer counts it as two 512-byte sectors, so the card is 1 KiB.
 */
class Raspi2bSdDriveTest {
    private static final long SDHCI = 0x3f30_0000L;

    @TempDir
    static Path tmp;

    /** The start-up error of {@code args} on {@code backend}: QEMU's text after {@code <binary>: }, exit 1. */
    private static String startupError(Backend backend, String args) throws Exception {
        backend.assumeAvailable("arm");
        String[] split = args.split(" ");
        if (backend == Backend.JVM) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InJvmServer.startAs("7.2", "arm", prepend(split)));
            return e.getMessage();
        }
        String binary = backend == Backend.QEMU ? "qemu-system-arm"
                : Backend.standIn("arm");
        List<String> cmd = new ArrayList<>(List.of(binary, "-M", "raspi2b", "-display", "none", "-S"));
        cmd.addAll(List.of(split));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null")));
        pb.environment().put("QTEST_JVM_COMPAT", "7.2");
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), binary + " " + args + " did not exit");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        String prog = binary.substring(binary.lastIndexOf('/') + 1) + ": ";
        assertTrue(err.startsWith(prog), err);
        return err.substring(prog.length()).stripTrailing();
    }

    private static String[] prepend(String[] args) {
        String[] out = new String[args.length + 2];
        out[0] = "-M";
        out[1] = "raspi2b";
        System.arraycopy(args, 0, out, 2, args.length);
        return out;
    }

    private static Path image(String name, int size) throws Exception {
        Path p = tmp.resolve(name);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        Files.write(p, b);
        return p;
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void readOnlyDriveIsRefusedByTheCard(Backend backend) throws Exception {
        Path img = image("ro.img", 1 << 20);
        assertEquals("Cannot use read-only drive as SD card",
                startupError(backend, "-drive if=sd,readonly=on,format=raw,file=" + img));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void secondSdDriveIsUnitOneWhichRaspi2bLacks(Backend backend) throws Exception {
        Path img = image("two.img", 1 << 20);
        String drive = "-drive if=sd,format=raw,file=" + img;
        assertEquals(drive + ": machine type does not support if=sd,bus=0,unit=1",
                startupError(backend, drive + " " + drive));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void emptyFileAndDirectoryAreRefusedAtTheDriveOption(Backend backend) throws Exception {
        assertEquals("-drive if=sd,format=raw,file=: A block device must be specified for \"file\"",
                startupError(backend, "-drive if=sd,format=raw,file="));
        Path dir = Files.createDirectories(tmp.resolve("adir"));
        assertEquals("-drive if=sd,format=raw,file=" + dir + ": 'file' driver requires '" + dir
                + "' to be a regular file", startupError(backend, "-drive if=sd,format=raw,file=" + dir));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void imageOfThreeSectorsIsRefusedWithTheResizeHint(Backend backend) throws Exception {
        Path img = image("mid.img", 1500);
        assertEquals("Invalid SD card size: 1.5 KiB\nSD card size has to be a power of 2, e.g. 2 KiB.\n"
                + "You can resize disk images with 'qemu-img resize <imagefile> <new-size>'\n"
                + "(note that this will lose data if you make the image smaller than it currently is).",
                startupError(backend, "-drive if=sd,format=raw,file=" + img));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void thousandByteImageIsAOneKibCard(Backend backend) throws Exception {
        Path img = image("small.img", 1000);
        QTestState qts = new QTestState(backend.start("arm", "-machine raspi2b -drive if=sd,format=raw,file=" + img,
                "7.2"));
        try {
            qts.writeb(SDHCI + 0x29, 0x0f);  // power on
            qts.writew(SDHCI + 0x2c, 0x0007); // internal and SD clock on
            command(qts, 0, 0x0000);
            assertEquals(0x1aa, command(qts, 0x1aa, 0x081a)[0], "CMD8 echo");
            command(qts, 0, 0x371a);
            assertEquals(0x80ff_ff00, command(qts, 0x40ff_8000, 0x2902)[0], "ACMD41: powered up, SDSC");
            command(qts, 0, 0x0209);
            assertEquals(0x4567_0500, command(qts, 0, 0x031a)[0], "CMD3: RCA 0x4567");
            int[] csd = command(qts, 0x4567_0000, 0x0909);
            // CSD 1.0 of a 1 KiB card (the image rounded up to whole sectors), as QEMU 7.2 answers CMD9
            assertEquals(List.of(0xff92_6000, 0xffff_ffdf, 0x325f_59e3, 0x0000_2600),
                    List.of(csd[0], csd[1], csd[2], csd[3]));
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    /** One SDHCI command: argument, command register; returns the four response words. */
    private static int[] command(QTestState qts, int arg, int cmd) {
        qts.writel(SDHCI + 0x30, 0xffff_ffff);
        qts.writel(SDHCI + 0x08, arg);
        qts.writew(SDHCI + 0x0e, cmd);
        return new int[] {qts.readl(SDHCI + 0x10), qts.readl(SDHCI + 0x14), qts.readl(SDHCI + 0x18),
            qts.readl(SDHCI + 0x1c)};
    }
}
