package io.qtestjvm.smmuv3.cache;

import io.qtestjvm.smmuv3.walk.StreamConfig;

/**
 * The configuration cache (IHI 0070 3.16 / 4.3: STEs and CDs may be cached, and are refreshed only by CMD_CFGI_*):
 * direct-mapped by StreamID, each slot a reusable {@link StreamConfig}. An entry stays, stale or not, until a
 * CFGI command whose scope covers it, or until another StreamID needs its slot (a cache may always drop entries).
 * Invalid structures are never cached (the decoder only marks valid halves).
 */
public final class ConfigCache {
    private final StreamConfig[] slots;
    private final int mask;

    public ConfigCache(int log2Slots) {
        slots = new StreamConfig[1 << log2Slots];
        mask = slots.length - 1;
    }

    /** The cached, valid configuration of {@code streamId} (both halves current), or null. */
    public StreamConfig lookup(int streamId) {
        StreamConfig c = slots[streamId & mask];
        return c != null && c.streamId == streamId && c.steValid ? c : null;
    }

    /** The slot for {@code streamId}, claimed (and emptied) if it held another stream. */
    public StreamConfig slot(int streamId) {
        int i = streamId & mask;
        StreamConfig c = slots[i];
        if (c == null) {
            c = new StreamConfig();
            slots[i] = c;
        }
        if (c.streamId != streamId) {
            c.invalidate();
            c.streamId = streamId;
        }
        return c;
    }

    /** 4.3 CMD_CFGI_STE: the STE of one stream (and the CDs found through it). */
    public void invalidateSte(int streamId) {
        StreamConfig c = slots[streamId & mask];
        if (c != null && c.streamId == streamId) {
            c.invalidate();
        }
    }

    /** 4.3 CMD_CFGI_STE_RANGE: the 2^(range+1) StreamIDs of the aligned block holding {@code streamId}. */
    public void invalidateSteRange(int streamId, int range) {
        if (range >= 31) {
            invalidateAll();
            return;
        }
        long size = 1L << (range + 1);
        long first = (streamId & 0xffffffffL) & ~(size - 1);
        for (StreamConfig c : slots) {
            if (c != null && c.streamId != -1) {
                long sid = c.streamId & 0xffffffffL;
                if (sid >= first && sid < first + size) {
                    c.invalidate();
                }
            }
        }
    }

    /** 4.3 CMD_CFGI_CD: the CD of one SubstreamID of one stream. */
    public void invalidateCd(int streamId, int substreamId) {
        StreamConfig c = slots[streamId & mask];
        if (c != null && c.streamId == streamId && c.substreamId == substreamId) {
            c.cdValid = false;
        }
    }

    /** 4.3 CMD_CFGI_CD_ALL: every CD of one stream. */
    public void invalidateCdAll(int streamId) {
        StreamConfig c = slots[streamId & mask];
        if (c != null && c.streamId == streamId) {
            c.cdValid = false;
        }
    }

    /** 4.3 CMD_CFGI_ALL. */
    public void invalidateAll() {
        for (StreamConfig c : slots) {
            if (c != null) {
                c.invalidate();
            }
        }
    }
}
