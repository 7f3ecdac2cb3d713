package io.qtestjvm.memory;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Guest RAM's two backings: a private mapping of an unlinked sparse file where the temporary directory is on a disk
 * file system and the process asked for it (the stand-in's), up to the host's commit bound; an anonymous FFM
 * mapping otherwise. Either reads zero where nothing was written, keeps what was written, and leaves no file
 * behind.
 */
class AnonymousMappingTest {
    private static final long MIB = 1 << 20;

    private static void readsZeroAndKeepsWrites(AnonymousMapping m) {
        ByteBuffer b = m.segment().asSlice(0, Math.min(m.size(), 1L << 30)).asByteBuffer();
        int last = b.capacity() - 8;
        assertEquals(0, b.getLong(0));
        assertEquals(0, b.getLong(last));
        assertEquals(0, b.get(12345));
        b.putLong(4096, 0x0123456789abcdefL);
        b.putLong(last, -1L);
        assertEquals(0x0123456789abcdefL, b.getLong(4096));
        assertEquals(-1L, b.getLong(last));
        assertEquals(0, b.getLong(4104), "the neighbour of a written word");
    }

    private static int ourFiles(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                ".qtest-jvm-ram-" + ProcessHandle.current().pid() + "-*")) {
            for (Path unused : ds) {
                n++;
            }
        }
        return n;
    }

    @Test
    void onADiskFileSystemTheMappingIsAnUnlinkedFilesPrivateCopy() throws IOException {
        Path dir = AnonymousMapping.FileBacking.DIR;
        assumeTrue(dir != null, "the temporary directory is not on a disk file system here");
        AnonymousMapping m = AnonymousMapping.fileBacked(new Object(), 64 * MIB);
        try {
            assertTrue(m.fromFile());
            readsZeroAndKeepsWrites(m);
            assertEquals(0, ourFiles(dir), "the file is unlinked once mapped");
        } finally {
            m.release();
            m.release(); // idempotent
        }
    }

    @Test
    void aMappingAboveTheBoundIsNotMadeFromAFile() {
        long max = AnonymousMapping.FileBacking.MAX;
        assumeTrue(max < 1L << 40, "the host's overcommit policy bounds no private mapping here");
        assertEquals(null, AnonymousMapping.fileBacked(new Object(), max + 4096));
    }

    @Test
    void withoutTheProcessAskingForFilesTheMappingIsAnonymous() {
        assumeTrue(System.getProperty(SparseRam.BACKING_PROPERTY) == null, "this JVM asked for file-backed RAM");
        AnonymousMapping m = AnonymousMapping.reserve(new Object(), 64 * MIB);
        try {
            assertFalse(m.fromFile());
            readsZeroAndKeepsWrites(m);
        } finally {
            m.release();
        }
    }
}
