package io.qtestjvm.smmuv3.cache;

import java.util.Arrays;

/**
 * The TLB (IHI 0070 3.17 / 4.4): combined translations of a client page, tagged with VMID, ASID (or "no ASID" for
 * stage-2-only streams), the stream's page size and the page number. Set-associative over primitive arrays (sets of
 * {@value #WAYS} ways, round-robin replacement): a lookup hashes once and compares two longs per way, so a hit
 * neither allocates nor boxes. Entries stay, stale or not, until a TLBI whose scope covers them.
 *
 * <p>An entry filled from a block keeps the block's size and level, so invalidation by address covers the whole
 * block, and a TTL hint (4.4) matches the level the leaf was found at. {@link #invalidateAddress} probes the
 * three page sizes directly when no block or global entry is live, and scans otherwise.
 */
public final class Iotlb {
    public static final int WAYS = 4;
    /** The ASID tag of entries that have no stage 1 (stage-2-only streams). */
    public static final int NO_ASID = 0x1_0000;
    /** Matches every ASID in {@link #invalidateAddress}. */
    public static final int ANY_ASID = -1;

    private static final long VALID = 1L << 63;
    private static final long ATTR_READ = 1;
    private static final long ATTR_WRITE = 2;
    private static final long ATTR_GLOBAL = 4;

    private final long[] tagPage;
    private final long[] tagContext;
    private final long[] pagePa;
    private final long[] attrs;
    private final byte[] victim;
    private final int setBits;
    private int live;
    private int liveBlocks;
    private int liveGlobals;
    /** Counts drops of stage-2 entries (by TLBI, replacement or reset): the walk memo of nested walks reads it. */
    private long stage2Drops;

    public Iotlb(int log2Sets) {
        int n = WAYS << log2Sets;
        tagPage = new long[n];
        tagContext = new long[n];
        pagePa = new long[n];
        attrs = new long[n];
        victim = new byte[1 << log2Sets];
        setBits = log2Sets;
    }

    public static long pageTag(long va, int shift) {
        return (va >>> shift) | (long) shift << 56;
    }

    public static long contextTag(int vmid, int asidTag) {
        return VALID | (long) (vmid & 0xffff) << 32 | asidTag;
    }

    private int setOf(long page, long context) {
        long h = (page ^ (context * 0x9e37_79b9L)) * 0x9e37_79b9_7f4a_7c15L;
        return (int) (h >>> (64 - setBits)) & ((1 << setBits) - 1);
    }

    /** The slot of a matching entry, or -1. */
    public int lookup(long pageTag, long contextTag) {
        int base = setOf(pageTag, contextTag) * WAYS;
        for (int i = base; i < base + WAYS; i++) {
            if (tagPage[i] == pageTag && tagContext[i] == contextTag) {
                return i;
            }
        }
        return -1;
    }

    /** PA of the start of the entry's page. */
    public long pagePa(int slot) {
        return pagePa[slot];
    }

    public int blockShift(int slot) {
        return blockShift(attrs[slot]);
    }

    public int level(int slot) {
        return level(attrs[slot]);
    }

    public boolean permits(int slot, boolean write) {
        return (attrs[slot] & (write ? ATTR_WRITE : ATTR_READ)) != 0;
    }

    public int size() {
        return live;
    }

    /** Changes whenever a stage-2 entry (context without ASID) leaves the TLB. */
    public long stage2Epoch() {
        return stage2Drops;
    }

    /**
     * Fills the entry for the page of {@code va} (page size 2^shift) from a walk whose leaf maps 2^blockShift bytes
     * at {@code level} with granule 2^granuleShift.
     */
    public void fill(long pageTag, long contextTag, long pa, boolean read, boolean write, boolean global,
            int blockShift, int level, int granuleShift) {
        int set = setOf(pageTag, contextTag);
        int base = set * WAYS;
        int slot = -1;
        for (int i = base; i < base + WAYS; i++) {
            if (tagContext[i] == 0 || (tagPage[i] == pageTag && tagContext[i] == contextTag)) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            slot = base + (victim[set] & (WAYS - 1));
            victim[set] = (byte) (victim[set] + 1);
        }
        if (tagContext[slot] != 0) {
            drop(slot);
        }
        int shift = (int) (pageTag >>> 56);
        tagPage[slot] = pageTag;
        tagContext[slot] = contextTag;
        pagePa[slot] = pa;
        attrs[slot] = (read ? ATTR_READ : 0) | (write ? ATTR_WRITE : 0) | (global ? ATTR_GLOBAL : 0)
                | (long) blockShift << 8 | (long) level << 16 | (long) granuleShift << 20;
        live++;
        if (blockShift > shift) {
            liveBlocks++;
        }
        if (global) {
            liveGlobals++;
        }
    }

    private void drop(int slot) {
        long a = attrs[slot];
        if (asidTag(tagContext[slot]) == NO_ASID) {
            stage2Drops++;
        }
        live--;
        if (blockShift(a) > (int) (tagPage[slot] >>> 56)) {
            liveBlocks--;
        }
        if ((a & ATTR_GLOBAL) != 0) {
            liveGlobals--;
        }
        tagContext[slot] = 0;
        tagPage[slot] = 0;
    }

    private static int blockShift(long attr) {
        return (int) (attr >>> 8) & 0xff;
    }

    private static int level(long attr) {
        return (int) (attr >>> 16) & 0xf;
    }

    private static int granule(long attr) {
        return (int) (attr >>> 20) & 0xff;
    }

    private static int vmid(long context) {
        return (int) (context >>> 32) & 0xffff;
    }

    private static int asidTag(long context) {
        return (int) context & 0x1_ffff;
    }

    /** 4.4 CMD_TLBI_NSNH_ALL (and everything on reset). */
    public void invalidateAll() {
        stage2Drops++;
        Arrays.fill(tagContext, 0);
        Arrays.fill(tagPage, 0);
        live = 0;
        liveBlocks = 0;
        liveGlobals = 0;
    }

    /** 4.4 CMD_TLBI_S12_VMALL: every entry of the VMID, all stages. */
    public void invalidateVmid(int vmid) {
        for (int i = 0; i < tagContext.length; i++) {
            if (tagContext[i] != 0 && vmid(tagContext[i]) == vmid) {
                drop(i);
            }
        }
    }

    /** 4.4 CMD_TLBI_NH_ALL: the stage-1 (and nested) entries of the VMID. */
    public void invalidateStage1(int vmid) {
        for (int i = 0; i < tagContext.length; i++) {
            long c = tagContext[i];
            if (c != 0 && vmid(c) == vmid && asidTag(c) != NO_ASID) {
                drop(i);
            }
        }
    }

    /** 4.4 CMD_TLBI_NH_ASID: the non-global entries of the ASID in the VMID. */
    public void invalidateAsid(int vmid, int asid) {
        for (int i = 0; i < tagContext.length; i++) {
            long c = tagContext[i];
            if (c != 0 && vmid(c) == vmid && asidTag(c) == asid && (attrs[i] & ATTR_GLOBAL) == 0) {
                drop(i);
            }
        }
    }

    /**
     * 4.4 CMD_TLBI_NH_VA / VAA and CMD_TLBI_S2_IPA: the entries whose mapping overlaps
     * {@code [start, start + length)}. {@code asid} is an ASID, {@link #ANY_ASID} (VAA) or {@link #NO_ASID}
     * (S2_IPA: stage-2-only entries); an ASID also matches global entries. {@code ttl} != 0 limits the match to
     * leaves at that level with granule 2^{@code granuleShift}.
     */
    public void invalidateAddress(int vmid, int asid, long start, long length, int ttl, int granuleShift) {
        if (liveBlocks == 0 && liveGlobals == 0 && asid != ANY_ASID && length <= 4096 && ttl == 0) {
            long ctx = contextTag(vmid, asid);
            for (int shift = 12; shift <= 16; shift += 2) {
                long tag = pageTag(start, shift);
                int slot = lookup(tag, ctx);
                if (slot >= 0) {
                    drop(slot);
                }
            }
            return;
        }
        long end = start + Math.max(1, length);
        for (int i = 0; i < tagContext.length; i++) {
            long c = tagContext[i];
            if (c == 0 || vmid(c) != vmid) {
                continue;
            }
            int tag = asidTag(c);
            long a = attrs[i];
            if (asid == NO_ASID ? tag != NO_ASID
                    : tag == NO_ASID || (asid != ANY_ASID && tag != asid && (a & ATTR_GLOBAL) == 0)) {
                continue;
            }
            if (ttl != 0 && (level(a) != ttl || granule(a) != granuleShift)) {
                continue;
            }
            int shift = (int) (tagPage[i] >>> 56);
            int bs = blockShift(a);
            long blockBase = ((tagPage[i] & 0x00ff_ffff_ffff_ffffL) << shift) & (-1L << bs);
            long blockEnd = blockBase + (1L << bs);
            if (Long.compareUnsigned(blockBase, end - 1) <= 0 && Long.compareUnsigned(start, blockEnd - 1) <= 0) {
                drop(i);
            }
        }
    }
}
