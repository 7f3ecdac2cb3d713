package io.qtestjvm.devices.virtio;

/** A minimal split-ring driver for device tests: queue 0 at fixed addresses, one chain at a time. */
final class RingDriver {
    static final long DESC = 0x1000;
    static final long AVAIL = 0x3000;
    static final long USED = 0x4000;
    final ArrayMemory mem;
    final VirtioDevice dev;
    private int availIdx;
    private int usedSeen;

    RingDriver(ArrayMemory mem, VirtioDevice dev, long features) {
        this.mem = mem;
        this.dev = dev;
        dev.setStatus(3);
        dev.setDriverFeatures(features);
        dev.setStatus(0xb);
        Virtqueue q = dev.queue(0);
        q.setDesc(DESC);
        q.setDriverArea(AVAIL);
        q.setDeviceArea(USED);
        dev.enableQueue(0);
        dev.setStatus(0xf);
    }

    /** Submits a chain of {addr, len, writable(0/1)} triples; returns the used length, or -1 if none came back. */
    long submit(long... triples) {
        int n = triples.length / 3;
        for (int i = 0; i < n; i++) {
            int flags = (i + 1 < n ? 1 : 0) | (triples[3 * i + 2] != 0 ? 2 : 0);
            mem.desc(DESC, i, triples[3 * i], triples[3 * i + 1], flags, i + 1);
        }
        int size = dev.queue(0).size();
        mem.put16(AVAIL + 4 + 2L * (availIdx % size), 0);
        availIdx = (availIdx + 1) & 0xffff;
        mem.put16(AVAIL + 2, availIdx);
        dev.notifyQueue(0);
        if (mem.u16(USED + 2) == usedSeen) {
            return -1;
        }
        long len = mem.u32(USED + 4 + 8L * (usedSeen % size) + 4);
        usedSeen = (usedSeen + 1) & 0xffff;
        return len;
    }
}
