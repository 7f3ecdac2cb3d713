package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioFeatures.bit;

/**
 * The entropy device (virtio 1.2 §5.4, device ID 4): one request queue; each request is device-writable buffers
 * the device fills with entropy (§5.4.6). No configuration space, no device feature bits (§5.4.3, §5.4.4).
 * QEMU 7.2's queue size is 8 and it offers the same transport bits as virtio-blk.
 */
public final class VirtioRng extends VirtioDevice {
    public static final int DEVICE_ID = 4;
    public static final int QUEUE_SIZE = 8;
    private static final int CHUNK = 4096;

    /** Where the bytes come from: the host's entropy or a seeded generator for reproducible tests. */
    public interface EntropySource {
        void fill(byte[] buf, int off, int len);
    }

    /** A deterministic source: the same seed gives the same bytes. */
    public static EntropySource seeded(long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        return (buf, off, len) -> {
            for (int i = 0; i < len; i++) {
                buf[off + i] = (byte) rnd.nextInt(256);
            }
        };
    }

    /** The host's entropy ({@code rng-random} on /dev/urandom, {@code rng-builtin}). */
    public static EntropySource host() {
        java.security.SecureRandom r = new java.security.SecureRandom();
        return (buf, off, len) -> {
            byte[] b = new byte[len];
            r.nextBytes(b);
            System.arraycopy(b, 0, buf, off, len);
        };
    }

    private final EntropySource source;
    private final byte[] chunk = new byte[CHUNK];

    public VirtioRng(GuestMemory memory, EntropySource source, boolean eventIdx, boolean indirect, boolean packed) {
        super(DEVICE_ID, memory, new int[] {QUEUE_SIZE});
        this.source = source;
        long f = bit(VirtioFeatures.NOTIFY_ON_EMPTY) | bit(VirtioFeatures.ANY_LAYOUT)
                | bit(VirtioFeatures.BAD_FEATURE) | bit(VirtioFeatures.VERSION_1) | bit(VirtioFeatures.RING_RESET);
        if (eventIdx) {
            f |= bit(VirtioFeatures.EVENT_IDX);
        }
        if (indirect) {
            f |= bit(VirtioFeatures.INDIRECT_DESC);
        }
        if (packed) {
            f |= bit(VirtioFeatures.RING_PACKED);
        }
        setHostFeatures(f);
    }

    @Override
    protected long process(Virtqueue q, ChainRequest r) {
        long room = r.writableBytes();
        long done = 0;
        while (done < room) {
            int n = (int) Math.min(CHUNK, room - done);
            source.fill(chunk, 0, n);
            r.write(done, chunk, 0, n);
            done += n;
        }
        return done;
    }

    @Override
    public int configSize() {
        return 0;
    }

    @Override
    protected int configByte(int offset) {
        return 0;
    }
}
