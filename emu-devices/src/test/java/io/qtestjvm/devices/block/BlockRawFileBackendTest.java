package io.qtestjvm.devices.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockRawFileBackendTest {
    @TempDir
    Path dir;

    private Path image(int size) throws IOException {
        Path p = dir.resolve("disk.img");
        Files.write(p, new byte[size]);
        return p;
    }

    private static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void writtenDataReachesTheFileAtItsOffsetAndSurvivesReopening() throws IOException {
        Path p = image(8192);
        byte[] data = pattern(512, 3);
        try (RawFileBackend b = RawFileBackend.open(p)) {
            assertEquals(8192, b.size());
            assertEquals(BlockResult.OK, b.write(1024, data));
            assertEquals(BlockResult.OK, b.flush());
        }
        byte[] file = Files.readAllBytes(p);
        assertArrayEquals(data, Arrays.copyOfRange(file, 1024, 1536));
        assertEquals(8192, file.length);
        try (RawFileBackend b = RawFileBackend.open(p)) {
            byte[] back = new byte[512];
            assertEquals(BlockResult.OK, b.read(1024, back));
            assertArrayEquals(data, back);
        }
    }

    @Test
    void requestsPastTheEndFailWithEioAndLeaveTheFileAlone() throws IOException {
        Path p = image(4096);
        try (RawFileBackend b = RawFileBackend.open(p)) {
            assertEquals(BlockResult.EIO, b.write(4000, pattern(512, 1)));
            assertEquals(BlockResult.EIO, b.read(4096, new byte[1]));
            assertEquals(BlockResult.EIO, b.write(-1, new byte[1]));
            assertEquals(BlockResult.EIO, b.write(Long.MAX_VALUE, new byte[16]));
            assertEquals(BlockResult.EINVAL, b.read(0, new byte[4], 2, 4));
            assertEquals(BlockResult.OK, b.read(4096, new byte[0]));
        }
        assertArrayEquals(new byte[4096], Files.readAllBytes(p));
    }

    @Test
    void readOnlyOpeningRejectsWritesWithEperm() throws IOException {
        Path p = image(1024);
        try (RawFileBackend b = RawFileBackend.open(p, true, false)) {
            assertTrue(b.readOnly());
            assertEquals(BlockResult.EPERM, b.write(0, pattern(16, 9)));
            assertEquals(BlockResult.EPERM, b.resize(2048));
        }
        assertArrayEquals(new byte[1024], Files.readAllBytes(p));
    }

    @Test
    void autoReadOnlyFallsBackToReadOnlyForAnUnwritableFile() throws IOException {
        Path p = image(1024);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(p), "running as root: every file is writable");
        try (RawFileBackend b = RawFileBackend.open(p, false, true)) {
            assertTrue(b.readOnly());
            assertEquals(BlockResult.EPERM, b.write(0, new byte[1]));
        }
        org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.AccessDeniedException.class,
                () -> RawFileBackend.open(p, false, false));
    }

    @Test
    void flushForcesDataAndMetadataToDisk() throws IOException {
        Path p = image(1024);
        CountingChannel ch = CountingChannel.open(p);
        try (RawFileBackend b = new RawFileBackend(p, ch, false)) {
            b.write(0, pattern(16, 0));
            assertEquals(BlockResult.OK, b.flush());
            assertEquals(1, ch.forces);
            assertTrue(ch.lastMetaData);
        }
        assertEquals(1, ch.forces, "close has nothing new to write back");
    }

    @Test
    void aFlushWithNothingWrittenSinceTheLastForcesNothingAsQemusBlockLayer() throws IOException {
        Path p = image(1024);
        CountingChannel ch = CountingChannel.open(p);
        try (RawFileBackend b = new RawFileBackend(p, ch, false)) {
            assertEquals(BlockResult.OK, b.flush());
            assertEquals(0, ch.forces, "nothing written since opening");
            b.read(0, new byte[16], 0, 16);
            assertEquals(BlockResult.OK, b.flush());
            assertEquals(0, ch.forces, "a read writes nothing back");
            b.write(512, pattern(16, 3));
            assertEquals(BlockResult.OK, b.flush());
            assertEquals(BlockResult.OK, b.flush());
            assertEquals(1, ch.forces, "one write, one fsync");
            assertEquals(BlockResult.OK, b.resize(2048));
            assertEquals(1, b.syncs(), "a resize is written back by the next flush, not at once");
            b.write(0, pattern(16, 4));
        }
        assertEquals(2, ch.forces, "close writes back the resize and the last write");
    }

    @Test
    void resizeGrowsWithZerosAndShrinks() throws IOException {
        Path p = image(1024);
        try (RawFileBackend b = RawFileBackend.open(p)) {
            assertEquals(BlockResult.OK, b.resize(4096));
            assertEquals(4096, b.size());
            byte[] tail = new byte[3072];
            Arrays.fill(tail, (byte) 1);
            assertEquals(BlockResult.OK, b.read(1024, tail));
            assertArrayEquals(new byte[3072], tail);
            assertEquals(BlockResult.OK, b.resize(512));
            assertEquals(BlockResult.EIO, b.read(512, new byte[1]));
            assertEquals(BlockResult.EINVAL, b.resize(-1));
        }
        assertEquals(512, Files.size(p));
    }

    /** QEMU 7.2: block_resize to 1000 bytes leaves a 1000-byte file and an image of two sectors. */
    @Test
    void resizeToAPartialSectorKeepsTheFileLengthAndRoundsTheImageUp() throws IOException {
        Path p = image(4096);
        try (RawFileBackend b = RawFileBackend.open(p)) {
            assertEquals(BlockResult.OK, b.resize(1000));
            assertEquals(1024, b.size());
            assertEquals(1000, Files.size(p));
            byte[] last = new byte[24];
            Arrays.fill(last, (byte) 1);
            assertEquals(BlockResult.OK, b.read(1000, last));
            assertArrayEquals(new byte[24], last);
        }
    }

    @Test
    void aClosedBackendAnswersEnomedium() throws IOException {
        RawFileBackend b = RawFileBackend.open(image(512));
        b.close();
        assertEquals(BlockResult.ENOMEDIUM, b.read(0, new byte[1]));
        assertEquals(BlockResult.ENOMEDIUM, b.write(0, new byte[1]));
    }

    /** A FileChannel that counts force() calls and delegates the rest. */
    static final class CountingChannel extends FileChannel {
        private final FileChannel d;
        int forces;
        boolean lastMetaData;

        CountingChannel(FileChannel d) {
            this.d = d;
        }

        static CountingChannel open(Path p) throws IOException {
            return new CountingChannel(FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE));
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces++;
            lastMetaData = metaData;
            d.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return d.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return d.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            d.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            d.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return d.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return d.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return d.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            d.close();
        }
    }
}
