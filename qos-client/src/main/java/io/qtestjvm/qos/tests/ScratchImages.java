package io.qtestjvm.qos.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The images a test's {@code before} hook makes are deleted when the test ends, as QEMU's tests queue the drive's
 * removal for the end of the test ({@code g_test_queue_destroy}); the machine may still hold the file open, and
 * it stays usable until closed. The hooks also mark each image for deletion at exit, for a path whose test never
 * ran (its machine did not start).
 */
final class ScratchImages {
    private ScratchImages() {
    }

    /** Runs {@code test}, then deletes {@code image} however the test ended. */
    static void deleteAfter(Path image, Runnable test) {
        try {
            test.run();
        } finally {
            delete(image);
        }
    }

    static void delete(Path image) {
        if (image == null) {
            return;
        }
        try {
            Files.deleteIfExists(image);
        } catch (IOException e) {
            // left for the deletion at exit
        }
    }
}
