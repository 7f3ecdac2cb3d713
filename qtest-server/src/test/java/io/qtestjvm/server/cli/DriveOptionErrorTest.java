package io.qtestjvm.server.cli;

import io.qtestjvm.server.board.MachineConfig;
import io.qtestjvm.server.qtest.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The everyday {@code -drive} / {@code -blockdev} options with a bad value give Debian's QEMU 7.2 text (captured by
 * running qemu-system-x86_64 with each line; the program name is {@code <P>}); good values are accepted. {@code FILE}
 * stands for a host image.
 */
class DriveOptionErrorTest {
    @TempDir
    static Path dir;

    private static String file() throws IOException {
        Path p = dir.resolve("img.raw");
        if (!Files.exists(p)) {
            Files.write(p, new byte[4096]);
        }
        return p.toString();
    }

    private static void parse(String args) throws StartupException {
        QemuCommandLine cl = QemuCommandLine.parse(args.split("\\|", -1));
        MachineConfig.from("x86_64", cl, Compat.parse("7.2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            -drive|if=none,id=d0,file=FILE,format=raw,cache=bogus; invalid cache option
            -drive|if=none,id=d0,file=FILE,format=raw,aio=bogus; invalid aio option
            -drive|if=none,id=d0,file=FILE,format=raw,aio=native; aio=native was specified, but it requires cache.direct=on, which was not specified.
            -drive|if=none,id=d0,file=FILE,format=raw,discard=bogus; Invalid discard option
            -drive|if=none,id=d0,file=FILE,format=raw,detect-zeroes=bogus; invalid parameter value: bogus
            -drive|if=none,id=d0,file=FILE,format=raw,werror=bogus; 'bogus' invalid write error action
            -drive|if=none,id=d0,file=FILE,format=raw,rerror=enospc; 'enospc' invalid read error action
            -drive|if=none,id=d0,file=FILE,format=raw,serial=abc; Block format 'raw' does not support the option 'serial'
            -drive|if=none,id=d0,file=FILE,format=raw,cache.direct=maybe; Parameter 'cache.direct' expects 'on' or 'off'
            -drive|if=none,id=d0,file=FILE,format=raw,media=bogus; 'bogus' invalid media
            -blockdev|driver=file,filename=FILE,node-name=f,discard=bogus; Parameter 'discard' does not accept value 'bogus'
            -blockdev|driver=file,filename=FILE,node-name=f,detect-zeroes=bogus; Parameter 'detect-zeroes' does not accept value 'bogus'
            -blockdev|driver=file,filename=FILE,node-name=f,cache.direct=maybe; Parameter 'cache.direct' expects 'on' or 'off'
            -blockdev|driver=file,filename=FILE,node-name=f,aio=bogus; Parameter 'aio' does not accept value 'bogus'
            -blockdev|driver=file,filename=FILE,node-name=f,aio=native; aio=native was specified, but it requires cache.direct=on, which was not specified.
            -blockdev|driver=raw,node-name=r,file.driver=file,file.filename=FILE,file.aio=native; aio=native was specified, but it requires cache.direct=on, which was not specified.
            -blockdev|driver=null-co,node-name=f,size=1M; Parameter 'size' expects integer
            -blockdev|driver=null-co,node-name=f,read-zeroes=maybe; Parameter 'read-zeroes' expects 'on' or 'off'
            -blockdev|driver=file,filename=FILE,node-name=f,read-only=maybe; Parameter 'read-only' expects 'on' or 'off'
            """)
    void badValuesAreRefusedWithQemusText(String args, String message) throws IOException {
        String line = args.replace("FILE", file());
        StartupException e = assertThrows(StartupException.class, () -> parse("-M|none|" + line));
        String option = line.substring(0, line.indexOf('|'));
        assertEquals("<P>: " + option + " " + line.substring(line.indexOf('|') + 1) + ": " + message,
                e.render("<P>").strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            cache=none,aio=native,detect-zeroes=unmap,discard=unmap,werror=stop,rerror=report
            cache=unsafe,aio=threads,read-only=on
            cache=writethrough,aio=io_uring,werror=enospc,rerror=ignore
            cache=directsync,cache.direct=off,discard=on,detect-zeroes=on
            media=disk,copy-on-read=off
            """)
    void everydayDriveOptionsAreAccepted(String opts) throws IOException {
        String args = "-M|none|-drive|if=none,id=d0,file=" + file() + ",format=raw," + opts;
        assertDoesNotThrow(() -> parse(args));
    }

    @Test
    void nullCoWithNativeAioNeedsNoDirectCache() {
        assertDoesNotThrow(() -> parse("-M|none|-drive|if=none,id=d0,file=null-co://,format=raw,aio=native"
                + "|-blockdev|driver=raw,node-name=r,file.driver=null-co,file.read-zeroes=on,discard=unmap"));
    }
}
