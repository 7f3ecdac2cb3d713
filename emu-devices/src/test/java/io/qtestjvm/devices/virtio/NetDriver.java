package io.qtestjvm.devices.virtio;

/**
 * A minimal split-ring driver for virtio-net device tests: queue {@code i} at 0x10000 + i × 0x4000 (descriptors,
 * available ring at +0x1000, used ring at +0x2000), buffers from 0x30000 upwards, chains added with the next free
 * descriptors and published one by one.
 */
final class NetDriver {
    static final long V1 = VirtioFeatures.bit(VirtioFeatures.VERSION_1);

    final ArrayMemory mem = new ArrayMemory(0x80000);
    final VirtioNet net;
    private final int[] nextDesc = new int[3];
    private final int[] availIdx = new int[3];
    private final int[] usedSeen = new int[3];
    private long nextBuf = 0x30000;

    NetDriver(byte[] mac) {
        net = new VirtioNet(mem, mac, 256, 256, false, true, false);
    }

    static long base(int q) {
        return 0x10000 + 0x4000L * q;
    }

    /** §3.1.1 with {@code features} (VERSION_1 added), the three queues, DRIVER_OK. */
    NetDriver start(long features) {
        return start(V1 | features, false);
    }

    /**
     * A legacy driver (no VERSION_1) on a big-endian guest: its rings and the fields of its structures are in the
     * guest's byte order (§2.4.3).
     */
    NetDriver startLegacyBigEndian(long features) {
        net.setGuestBigEndian(true);
        mem.bigEndian();
        return start(features, true);
    }

    private NetDriver start(long features, boolean legacy) {
        net.setStatus(3);
        net.setDriverFeatures(features);
        if (!legacy) {
            net.setStatus(0xb); // FEATURES_OK: a legacy driver has no such step (§3.1.2)
        }
        for (int q = 0; q < 3; q++) {
            Virtqueue vq = net.queue(q);
            vq.setDesc(base(q));
            vq.setDriverArea(base(q) + 0x1000);
            vq.setDeviceArea(base(q) + 0x2000);
            net.enableQueue(q);
        }
        net.setStatus(legacy ? 0x7 : 0xf);
        return this;
    }

    long buffer(int len) {
        long a = nextBuf;
        nextBuf += (len + 15) & ~15;
        return a;
    }

    /** Adds one chain of (address, length, writable) triples and makes it available; returns its head. */
    int add(int q, long[][] segments) {
        int head = nextDesc[q];
        for (int i = 0; i < segments.length; i++) {
            int d = nextDesc[q]++;
            boolean last = i == segments.length - 1;
            mem.desc(base(q), d, segments[i][0], segments[i][1], (segments[i][2] != 0 ? 2 : 0) | (last ? 0 : 1),
                    last ? 0 : d + 1);
        }
        mem.put16(base(q) + 0x1000 + 4 + 2L * (availIdx[q] % 256), head);
        availIdx[q]++;
        mem.put16(base(q) + 0x1000 + 2, availIdx[q]);
        return head;
    }

    /** One writable buffer of {@code len} bytes on the receive queue; returns its address. */
    long postRx(int len) {
        long a = buffer(len);
        add(VirtioNet.RX, new long[][] {{a, len, 1}});
        net.notifyQueue(VirtioNet.RX);
        return a;
    }

    int usedIdx(int q) {
        return mem.u16(base(q) + 0x2000 + 2);
    }

    /** The next used element of queue {@code q} not looked at yet: {id, len}. */
    long[] nextUsed(int q) {
        long e = base(q) + 0x2000 + 4 + 8L * (usedSeen[q]++ % 256);
        return new long[] {mem.u32(e), mem.u32(e + 4)};
    }

    /** Sends a control command and returns the ack byte the device wrote (0xff if it wrote none). */
    int control(int cls, int cmd, byte[] data) {
        long out = buffer(2 + data.length);
        mem.ram[(int) out] = (byte) cls;
        mem.ram[(int) out + 1] = (byte) cmd;
        System.arraycopy(data, 0, mem.ram, (int) out + 2, data.length);
        long ack = buffer(1);
        mem.ram[(int) ack] = (byte) 0xff;
        add(VirtioNet.CTRL, new long[][] {{out, 2 + data.length, 0}, {ack, 1, 1}});
        net.notifyQueue(VirtioNet.CTRL);
        return mem.ram[(int) ack] & 0xff;
    }

    byte[] bytes(long addr, int len) {
        byte[] b = new byte[len];
        System.arraycopy(mem.ram, (int) addr, b, 0, len);
        return b;
    }
}
