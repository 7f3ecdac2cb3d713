package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.virtio.DescChain;
import io.qtestjvm.qos.libqos.virtio.QVirtQueue;
import io.qtestjvm.qos.libqos.virtio.QVirtioDevice;
import io.qtestjvm.qos.libqos.virtio.UsedElem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * virtio-blk requests as the driver lays them out (virtio 1.2 5.2.6): a 16-byte header {le32 type, le32 reserved,
 * le64 sector}, the data, a status byte the device writes (initialised to 0xff so a test sees whether it was
 * written). Header, data and status are contiguous in one allocation; chains cut it as the test wants.
 */
final class VirtioBlkRequests {
    static final int SECTOR = 512;
    static final int HEADER = 16;
    // 5.2.6 request types and status values
    static final int T_IN = 0;
    static final int T_OUT = 1;
    static final int T_FLUSH = 4;
    static final int T_GET_ID = 8;
    static final int T_DISCARD = 11;
    static final int T_WRITE_ZEROES = 13;
    static final int S_OK = 0;
    static final int S_IOERR = 1;
    static final int S_UNSUPP = 2;
    // 5.2.3 feature bits
    static final long F_SCSI = 1L << 7;
    static final long F_DISCARD = 1L << 13;
    static final long F_WRITE_ZEROES = 1L << 14;
    // 5.2.4 configuration: capacity in 512-byte sectors
    static final int CFG_CAPACITY = 0;

    private VirtioBlkRequests() {
    }

    /** One request in guest memory: {@code addr} is the header, {@code status()} the status byte's address. */
    record Req(long addr, int dataLen) {
        long data() {
            return addr + HEADER;
        }

        long status() {
            return addr + HEADER + dataLen;
        }
    }

    static Req request(QVirtioDevice dev, GuestAllocator alloc, int type, long sector, byte[] data, int dataLen) {
        long addr = alloc.alloc(HEADER + dataLen + 1);
        ByteOrder order = dev.littleEndianRings() || !dev.qts().bigEndian() ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.allocate(HEADER + dataLen + 1).order(order);
        b.putInt(type).putInt(0).putLong(sector);
        if (data != null) {
            b.put(data, 0, Math.min(data.length, dataLen));
        }
        b.put(HEADER + dataLen, (byte) 0xff);
        dev.qts().memwrite(addr, b.array());
        return new Req(addr, dataLen);
    }

    /** 5.2.6: a data-out chain: header, data, status (three descriptors). */
    static DescChain outChain(Req r) {
        return DescChain.builder().readable(r.addr(), HEADER).readable(r.data(), r.dataLen()).writable(r.status(), 1);
    }

    /** 5.2.6: a data-in chain: header, data (device-written), status. */
    static DescChain inChain(Req r) {
        return DescChain.builder().readable(r.addr(), HEADER).writable(r.data(), r.dataLen()).writable(r.status(), 1);
    }

    static int status(QVirtioDevice dev, Req r) {
        return dev.qts().readb(r.status()) & 0xff;
    }

    static byte[] sector(String text) {
        byte[] b = new byte[SECTOR];
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, t.length);
        return b;
    }

    /** Writes {@code data} (one sector) at {@code sector} and waits for it; checks status OK and used length 1. */
    static void write(QVirtioDevice dev, GuestAllocator alloc, QVirtQueue vq, long sector, byte[] data) {
        Req r = request(dev, alloc, T_OUT, sector, data, SECTOR);
        int head = vq.add(outChain(r));
        vq.kick();
        UsedElem e = dev.waitUsed(vq, head);
        Check.equal(S_OK, status(dev, r), "status of the write of sector " + sector);
        Check.equal(1, e.len(), "used length of a write (the status byte)");
        alloc.free(r.addr());
    }

    /** Reads one sector and checks status OK and used length 513. */
    static byte[] read(QVirtioDevice dev, GuestAllocator alloc, QVirtQueue vq, long sector) {
        Req r = request(dev, alloc, T_IN, sector, null, SECTOR);
        int head = vq.add(inChain(r));
        vq.kick();
        UsedElem e = dev.waitUsed(vq, head);
        Check.equal(S_OK, status(dev, r), "status of the read of sector " + sector);
        Check.equal(SECTOR + 1, e.len(), "used length of a read (data and status)");
        byte[] out = dev.qts().memread(r.data(), SECTOR);
        alloc.free(r.addr());
        return out;
    }
}
