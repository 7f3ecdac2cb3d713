package io.qtestjvm.qos.libqos.virtio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A descriptor chain as a test describes it (2.6.4: device-readable buffers, then device-writable ones), built the
 * way rust-vmm's {@code virtio-queue} mock is used: list the buffers, then hand the chain to
 * {@link QVirtQueue#add} (one descriptor per buffer) or {@link QVirtQueue#addIndirect} (one descriptor pointing to a
 * table, 2.7.5.3 / 2.8.19). The order of readable and writable buffers is kept as given, so tests can also build
 * chains the spec forbids.
 */
public final class DescChain {
    /** One buffer of the chain. */
    public record Segment(long addr, int len, boolean writable) {
    }

    private final List<Segment> segments = new ArrayList<>();

    public static DescChain builder() {
        return new DescChain();
    }

    /** A buffer the device reads (driver to device). */
    public DescChain readable(long addr, int len) {
        segments.add(new Segment(addr, len, false));
        return this;
    }

    /** A buffer the device writes (device to driver: DESC_F_WRITE). */
    public DescChain writable(long addr, int len) {
        segments.add(new Segment(addr, len, true));
        return this;
    }

    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    public int size() {
        return segments.size();
    }
}
