package io.qtestjvm.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The flattened form of a region tree: sorted, non-overlapping ranges each backed by one RAM or I/O region, so
 * an access finds its region by one binary search. Each address belongs to the highest-priority enabled region
 * that covers it (the one added last among equals), seen through aliases at their offset and clipped to every
 * container above it. Addresses are unsigned.
 */
final class FlatView {
    final long[] starts;
    final long[] lasts;
    final MemoryRegion[] regions;
    /** Offset within the region of each range's first byte. */
    final long[] offsets;

    private FlatView(List<long[]> spans, List<MemoryRegion> regs) {
        int n = spans.size();
        starts = new long[n];
        lasts = new long[n];
        offsets = new long[n];
        regions = regs.toArray(new MemoryRegion[0]);
        for (int i = 0; i < n; i++) {
            long[] s = spans.get(i);
            starts[i] = s[0];
            lasts[i] = s[1];
            offsets[i] = s[2];
        }
    }

    /** Index of the range containing {@code addr}, or {@code -(insertion point) - 1}. */
    int find(long addr) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addr, starts[mid]) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(addr, lasts[mid]) > 0) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    static FlatView render(MemoryRegion root) {
        Renderer r = new Renderer();
        r.render(root, 0, 0, 0, -1L);
        r.spans.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        List<MemoryRegion> regs = new ArrayList<>();
        List<long[]> spans = new ArrayList<>();
        for (long[] s : r.spans) {
            regs.add(r.owners.get(s));
            spans.add(s);
        }
        return new FlatView(spans, regs);
    }

    /** Renders regions highest priority first into the gaps left by what was rendered before. */
    private static final class Renderer {
        final List<long[]> spans = new ArrayList<>();
        final java.util.IdentityHashMap<long[], MemoryRegion> owners = new java.util.IdentityHashMap<>();
        /** Covered intervals, kept sorted and disjoint: {start, last}. */
        final List<long[]> covered = new ArrayList<>();

        /**
         * Renders {@code mr} whose first byte is at {@code baseHi * 2^64 + base}: positions are 65-bit, because an
         * alias whose offset exceeds its address puts its target's origin below 0 ({@code baseHi = -1}) and a
         * subregion may reach past 2^64 - 1; only the part inside the 64-bit space is shown, as QEMU 7.2 shows it.
         */
        void render(MemoryRegion mr, long baseHi, long base, long clipStart, long clipLast) {
            if (!mr.enabled) {
                return;
            }
            long lastAddr = base + mr.last;
            long lastHi = baseHi + (Long.compareUnsigned(lastAddr, base) < 0 ? 1 : 0);
            if (lastHi < 0 || baseHi > 0) {
                return; // entirely below 0 or above 2^64 - 1
            }
            long start = baseHi < 0 ? 0 : base;
            if (lastHi > 0) {
                lastAddr = -1L; // the region reaches the top of the address space
            }
            long s = maxU(start, clipStart);
            long l = minU(lastAddr, clipLast);
            if (Long.compareUnsigned(s, l) > 0) {
                return;
            }
            switch (mr.kind) {
                case ALIAS -> render(mr.aliasTarget,
                        baseHi - (Long.compareUnsigned(base, mr.aliasOffset) < 0 ? 1 : 0),
                        base - mr.aliasOffset, s, l);
                case CONTAINER -> {
                    for (MemoryRegion sub : mr.subregions) {
                        long subBase = base + sub.addr;
                        render(sub, baseHi + (Long.compareUnsigned(subBase, base) < 0 ? 1 : 0), subBase, s, l);
                    }
                }
                default -> fill(mr, base, s, l);
            }
        }

        private void fill(MemoryRegion mr, long base, long s, long l) {
            long cur = s;
            int i = 0;
            while (true) {
                // skip covered intervals that end before cur
                while (i < covered.size() && Long.compareUnsigned(covered.get(i)[1], cur) < 0) {
                    i++;
                }
                long gapLast;
                if (i < covered.size() && Long.compareUnsigned(covered.get(i)[0], cur) <= 0) {
                    // cur is covered: jump past this interval
                    long end = covered.get(i)[1];
                    if (end == -1L || Long.compareUnsigned(end, l) >= 0) {
                        return;
                    }
                    cur = end + 1;
                    continue;
                }
                gapLast = i < covered.size() ? minU(covered.get(i)[0] - 1, l) : l;
                long[] span = {cur, gapLast, cur - base};
                spans.add(span);
                owners.put(span, mr);
                covered.add(i, new long[] {cur, gapLast});
                i++;
                if (gapLast == l) {
                    return;
                }
                cur = gapLast + 1;
            }
        }

        private static long maxU(long a, long b) {
            return Long.compareUnsigned(a, b) >= 0 ? a : b;
        }

        private static long minU(long a, long b) {
            return Long.compareUnsigned(a, b) <= 0 ? a : b;
        }
    }
}
