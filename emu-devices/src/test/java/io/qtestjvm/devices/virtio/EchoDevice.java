package io.qtestjvm.devices.virtio;

import java.util.ArrayList;
import java.util.List;

/**
 * A test device: copies each request's readable bytes into its writable bytes (as far as they go) and records
 * what it saw, so ring tests check the engine rather than a device type.
 */
final class EchoDevice extends VirtioDevice {
    final List<String> seen = new ArrayList<>();
    int usedSignals;
    int configSignals;
    private final byte[] buf = new byte[4096];

    EchoDevice(GuestMemory memory, int... sizes) {
        super(0x7f, memory, sizes);
        setHostFeatures(VirtioFeatures.bit(VirtioFeatures.VERSION_1) | VirtioFeatures.bit(VirtioFeatures.EVENT_IDX)
                | VirtioFeatures.bit(VirtioFeatures.INDIRECT_DESC) | VirtioFeatures.bit(VirtioFeatures.RING_PACKED));
        setSignals(new VirtioSignals() {
            @Override
            public void usedBuffer(Virtqueue queue) {
                usedSignals++;
            }

            @Override
            public void configChange() {
                configSignals++;
            }

            @Override
            public void isrChanged() {
            }
        });
    }

    @Override
    protected long process(Virtqueue q, ChainRequest r) {
        int n = (int) Math.min(buf.length, r.readableBytes());
        int got = r.read(0, buf, 0, n);
        seen.add(new String(buf, 0, got, java.nio.charset.StandardCharsets.ISO_8859_1));
        return r.write(0, buf, 0, (int) Math.min(got, r.writableBytes()));
    }

    @Override
    public int configSize() {
        return 4;
    }

    @Override
    protected int configByte(int offset) {
        return 0x10 + offset;
    }
}
