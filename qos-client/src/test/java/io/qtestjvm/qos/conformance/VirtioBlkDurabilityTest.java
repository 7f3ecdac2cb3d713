package io.qtestjvm.qos.conformance;

import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.DATA;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.USED;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.submit;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.value;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.w;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.devices.block.RawFileBackend;
import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InJvmTransport;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The data rule of virtio-blk (issue 13, virtio 1.2 §5.2.6): a write the device completed is in the image file, a
 * FLUSH it completed has been forced to the disk (fsync), on a real file. The completion is what the driver sees:
 * the used index. The stand-in completes a block request from its main loop after the notify returned, but moves
 * the data when it serves the request, so the file holds them before the used entry appears.
 */
class VirtioBlkDurabilityTest {
    /**
     * A completed write is in the image file, not in a buffer of the stand-in: the process is killed with SIGKILL
     * right after the used index shows the write (and again right after a FLUSH, which is fsync), and the file holds
     * the data. The stand-in writes through with positional file writes, so the data reach the kernel before the
     * request completes; FLUSH additionally makes them durable on the disk.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS"})
    void aCompletedWriteIsInTheFileWhenTheStandInIsKilled(Backend backend) throws IOException, InterruptedException {
        for (boolean flush : new boolean[] {false, true}) {
            Path img = PcVirtioBlkRequestTest.image();
            QtestTransport t = backend.start("x86_64", "-machine pc -drive if=none,id=d0,file=" + img
                    + ",format=raw,cache=writeback -device virtio-blk-pci,drive=d0,addr=0x4", "7.2");
            long pid = ((io.qtestjvm.qos.libqtest.ProcessTransport) t).pid();
            PcVirtioBlkRequestTest.start(t);
            w(t, "writel", DATA, flush ? 0x48534c46L : 0x4c49414bL);
            submit(t, 0, 1, false);
            assertEquals(1, value(t.qtest(String.format("readw 0x%x", USED + 2))), "write completed");
            if (flush) {
                submit(t, 1, 4, false);
                assertEquals(2, value(t.qtest(String.format("readw 0x%x", USED + 2))), "flush completed");
            }
            ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
            assertTrue(h.destroyForcibly(), "SIGKILL sent");
            h.onExit().join();
            try {
                t.close();
            } catch (RuntimeException e) {
                // the transport sees its process gone
            }
            byte[] file = Files.readAllBytes(img);
            assertEquals(flush ? "FLSH" : "KAIL", new String(file, 512, 4, java.nio.charset.StandardCharsets.US_ASCII),
                    "data in the file after SIGKILL" + (flush ? " (after FLUSH)" : ""));
        }
    }

    private static RawFileBackend image(QtestTransport t) {
        return (RawFileBackend) ((InJvmTransport) t).server().board().blocks().lookup("d0", null).backend();
    }

    /**
     * FLUSH reaches {@code FileChannel.force} (fsync) before it completes, and only then; {@code cache=unsafe}
     * (no-flush) completes it without one; {@code cache=writethrough} forces every write before it completes, so a
     * FLUSH after it has nothing left to force (QEMU's block layer skips a flush with no write since the last one).
     * In-JVM, where the stand-in's image is at hand (its fsync count is the test hook).
     */
    @Test
    void flushIsForcedToTheDiskBeforeItCompletes() throws IOException {
        for (String cache : new String[] {"writeback", "unsafe", "writethrough"}) {
            Path img = PcVirtioBlkRequestTest.image();
            try (QtestTransport t = Backend.JVM.start("x86_64", "-machine pc -drive if=none,id=d0,file=" + img
                    + ",format=raw,cache=" + cache + " -device virtio-blk-pci,drive=d0,addr=0x4", "7.2")) {
                PcVirtioBlkRequestTest.start(t);
                RawFileBackend file = image(t);
                w(t, "writel", DATA, 0x48534c46L);
                submit(t, 0, 1, false);
                assertEquals(1, value(t.qtest(String.format("readw 0x%x", USED + 2))), "write completed");
                long afterWrite = file.syncs();
                assertEquals(cache.equals("writethrough") ? 1 : 0, afterWrite, cache + ": fsyncs after the write");
                submit(t, 1, 4, false);
                assertEquals(2, value(t.qtest(String.format("readw 0x%x", USED + 2))), "flush completed");
                assertEquals(cache.equals("writeback") ? afterWrite + 1 : afterWrite, file.syncs(),
                        cache + ": fsyncs after FLUSH");
                InternalErrorCheck.assertNone(t);
            }
        }
    }
}
