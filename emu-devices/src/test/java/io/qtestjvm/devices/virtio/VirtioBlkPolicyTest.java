package io.qtestjvm.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.block.BlockPolicy;
import io.qtestjvm.devices.block.BlockPolicy.ErrorAction;
import io.qtestjvm.devices.block.BlockResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The drive's block-layer options as virtio-blk obeys them ({@link BlockPolicy}). */
class VirtioBlkPolicyTest {
    static final long V1 = VirtioFeatures.bit(VirtioFeatures.VERSION_1);
    static final long HDR = 0x8000;
    static final long DATA = 0x9000;
    static final long STATUS = 0xa000;

    final ArrayMemory mem = new ArrayMemory(0x40000);

    /** An in-memory image that counts flushes and can fail every I/O. */
    static final class Image implements BlockBackend {
        final byte[] bytes = new byte[1 << 16];
        int flushes;
        boolean failing;

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(long offset, byte[] buf, int off, int len) {
            if (failing) {
                return BlockResult.EIO;
            }
            System.arraycopy(bytes, (int) offset, buf, off, len);
            return BlockResult.OK;
        }

        @Override
        public int write(long offset, byte[] buf, int off, int len) {
            if (failing) {
                return BlockResult.EIO;
            }
            System.arraycopy(buf, off, bytes, (int) offset, len);
            return BlockResult.OK;
        }

        @Override
        public int flush() {
            flushes++;
            return failing ? BlockResult.EIO : BlockResult.OK;
        }

        @Override
        public boolean readOnly() {
            return false;
        }

        @Override
        public int resize(long newSize) {
            return BlockResult.ENOTSUP;
        }

        @Override
        public void close() {
        }
    }

    final Image image = new Image();

    RingDriver driver(BlockPolicy policy) {
        VirtioBlk blk = new VirtioBlk(mem, image, VirtioBlk.Options.defaults(), policy);
        return new RingDriver(mem, blk, V1 | blk.hostFeatures());
    }

    int request(RingDriver d, int type, long sector, boolean write) {
        mem.put32(HDR, type);
        mem.put32(HDR + 4, 0);
        mem.put64(HDR + 8, sector);
        mem.ram[(int) STATUS] = (byte) 0xff;
        if (type == 4) {
            d.submit(HDR, 16, 0, STATUS, 1, 1);
        } else {
            d.submit(HDR, 16, 0, DATA, 512, write ? 0 : 1, STATUS, 1, 1);
        }
        return mem.ram[(int) STATUS] & 0xff;
    }

    @Test
    void writethroughStartsWithWritebackZeroAndFlushesEveryWrite() {
        VirtioBlk blk = new VirtioBlk(mem, image, VirtioBlk.Options.defaults(),
                new BlockPolicy(false, true, false, ErrorAction.ENOSPC, ErrorAction.REPORT));
        assertEquals(0, blk.readConfig(BlkConfigLayout.WRITEBACK, 1));
        RingDriver d = new RingDriver(mem, blk, V1 | blk.hostFeatures());
        assertEquals(0, request(d, 1, 0, true));
        assertEquals(1, image.flushes, "the write was flushed before it completed");
        assertEquals(1, new VirtioBlk(mem, image, VirtioBlk.Options.defaults()).readConfig(
                BlkConfigLayout.WRITEBACK, 1), "cache=writeback");
    }

    @Test
    void unsafeCacheMakesFlushANoOp() {
        RingDriver d = driver(new BlockPolicy(true, false, false, ErrorAction.ENOSPC, ErrorAction.REPORT));
        assertEquals(0, request(d, 4, 0, false));
        assertEquals(0, image.flushes);
        RingDriver safe = new RingDriver(mem, new VirtioBlk(mem, image, VirtioBlk.Options.defaults()), V1);
        assertEquals(0, request(safe, 4, 0, false));
        assertEquals(1, image.flushes, "FLUSH is the backend's fsync by default");
    }

    @Test
    void discardUnmapZeroesTheRangeAndIgnoreKeepsIt() {
        Arrays.fill(image.bytes, 0, 1024, (byte) 7);
        for (boolean unmap : new boolean[] {false, true}) {
            RingDriver d = driver(new BlockPolicy(true, true, unmap, ErrorAction.ENOSPC, ErrorAction.REPORT));
            mem.put32(HDR, 11);
            mem.put64(HDR + 8, 0);
            mem.put64(DATA, 1);
            mem.put32(DATA + 8, 1);
            mem.put32(DATA + 12, 0);
            mem.ram[(int) STATUS] = (byte) 0xff;
            d.submit(HDR, 16, 0, DATA, 16, 0, STATUS, 1, 1);
            assertEquals(0, mem.ram[(int) STATUS]);
            assertEquals(unmap ? 0 : 7, image.bytes[512], "discard=" + (unmap ? "unmap" : "ignore"));
            assertEquals(7, image.bytes[0], "outside the range");
        }
    }

    @Test
    void errorActionIgnoreCompletesFailedRequestsOk() {
        image.failing = true;
        RingDriver report = driver(BlockPolicy.DEFAULT);
        assertEquals(1, request(report, 1, 0, true), "werror=enospc reports EIO");
        assertEquals(1, request(report, 0, 0, false), "rerror=report");
        RingDriver ignore = driver(new BlockPolicy(true, true, false, ErrorAction.IGNORE, ErrorAction.IGNORE));
        assertEquals(0, request(ignore, 1, 0, true));
        assertEquals(0, request(ignore, 0, 0, false));
        assertEquals(0, request(ignore, 4, 0, false));
    }
}
