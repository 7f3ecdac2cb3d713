package io.qtestjvm.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A node of the memory tree: a container of subregions, RAM, an I/O region with {@link MmioOps}, or an alias of
 * part of another region (the region model QEMU documents for its memory API, so that boards place regions
 * where and as QEMU's do). Subregions are placed at an offset
 * with a priority; where they overlap the higher priority wins, and among equal priorities the one added last.
 * A change of a region bumps the {@link #generation} of the region, of every container above it and of every alias
 * of any of them (and above those), so an {@link AddressSpace} flattens itself again before its next access exactly
 * when something under its root changed; machines with separate trees never see each other's changes.
 */
public final class MemoryRegion {
    /**
     * Changes of this region or anything it shows (its subregions, an alias target); read by the address spaces
     * rooted here on every access. Owned by the machine thread, as the whole tree is.
     */
    long generation;
    /** The aliases of this region, which show its changes in their own trees; null until it has one. */
    private List<MemoryRegion> aliasedBy;

    enum Kind { CONTAINER, RAM, IO, ALIAS }

    private final String name;
    final Kind kind;
    /** size - 1, unsigned: a container may span the whole 64-bit space. */
    final long last;
    // I/O
    final MmioOps ops;
    final AccessRules rules;
    // RAM
    final SparseRam ram;
    final long ramOffset;
    boolean readOnly;
    // alias
    final MemoryRegion aliasTarget;
    final long aliasOffset;

    // placement in the parent
    private MemoryRegion parent;
    long addr;
    int priority;
    boolean enabled = true;
    final List<MemoryRegion> subregions = new ArrayList<>();

    private MemoryRegion(String name, Kind kind, long last, MmioOps ops, AccessRules rules, SparseRam ram,
                         long ramOffset, MemoryRegion aliasTarget, long aliasOffset) {
        this.name = name;
        this.kind = kind;
        this.last = last;
        this.ops = ops;
        this.rules = rules;
        this.ram = ram;
        this.ramOffset = ramOffset;
        this.aliasTarget = aliasTarget;
        this.aliasOffset = aliasOffset;
    }

    private static long lastOf(long size) {
        if (size == 0) {
            throw new IllegalArgumentException("region size must not be 0");
        }
        return size - 1;
    }

    public static MemoryRegion container(String name, long size) {
        return new MemoryRegion(name, Kind.CONTAINER, lastOf(size), null, null, null, 0, null, 0);
    }

    /** A container spanning all 2^64 addresses (system memory). */
    public static MemoryRegion containerOfWholeSpace(String name) {
        return new MemoryRegion(name, Kind.CONTAINER, -1L, null, null, null, 0, null, 0);
    }

    public static MemoryRegion ram(String name, long size) {
        return new MemoryRegion(name, Kind.RAM, lastOf(size), null, null, new SparseRam(size), 0, null, 0);
    }

    /** A view of {@code size} bytes of existing RAM starting at {@code offset} (shared storage). */
    public static MemoryRegion ramView(String name, SparseRam ram, long offset, long size) {
        if (offset < 0 || offset + size > ram.size()) {
            throw new IllegalArgumentException("RAM view " + name + " [" + offset + ", +" + size
                    + ") exceeds RAM of " + ram.size() + " bytes");
        }
        return new MemoryRegion(name, Kind.RAM, lastOf(size), null, null, ram, offset, null, 0);
    }

    public static MemoryRegion io(String name, long size, MmioOps ops, AccessRules rules) {
        return new MemoryRegion(name, Kind.IO, lastOf(size), ops, rules, null, 0, null, 0);
    }

    public static MemoryRegion alias(String name, MemoryRegion target, long offset, long size) {
        MemoryRegion a = new MemoryRegion(name, Kind.ALIAS, lastOf(size), null, null, null, 0, target, offset);
        if (target.aliasedBy == null) {
            target.aliasedBy = new ArrayList<>(1);
        }
        target.aliasedBy.add(a);
        return a;
    }

    /** Something this region shows changed: it, its containers and every alias of them render anew. */
    private void changed() {
        for (MemoryRegion r = this; r != null; r = r.parent) {
            r.generation++;
            if (r.aliasedBy != null) {
                for (MemoryRegion a : r.aliasedBy) {
                    a.changed();
                }
            }
        }
    }

    public String name() {
        return name;
    }

    /** Size in bytes; 0 means 2^64. */
    public long size() {
        return last + 1;
    }

    public SparseRam ram() {
        return ram;
    }

    /**
     * The RAM of the largest writable RAM region at or below this one (aliases not followed), or null: a machine's
     * main memory, the one a test writes.
     */
    public SparseRam largestWritableRam() {
        SparseRam best = ram != null && !readOnly ? ram : null;
        for (MemoryRegion sub : subregions) {
            SparseRam r = sub.largestWritableRam();
            if (r != null && (best == null || r.size() > best.size())) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Unmaps the RAM of this region and of every region below it (a machine being closed); RAM shared by views is
     * released once. Aliases are not followed: their target is released where it sits in the tree.
     */
    public void releaseRam() {
        if (ram != null) {
            ram.close();
        }
        for (MemoryRegion sub : subregions) {
            sub.releaseRam();
        }
    }

    public MemoryRegion parent() {
        return parent;
    }

    public long address() {
        return addr;
    }

    public boolean enabled() {
        return enabled;
    }

    public List<MemoryRegion> subregions() {
        return Collections.unmodifiableList(subregions);
    }

    public MemoryRegion setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        changed();
        return this;
    }

    public MemoryRegion addSubregion(long offset, MemoryRegion sub) {
        return addSubregionOverlap(offset, sub, 0);
    }

    /** Places {@code sub} at {@code offset} with a priority: over lower priorities, under higher ones. */
    public MemoryRegion addSubregionOverlap(long offset, MemoryRegion sub, int priority) {
        if (kind != Kind.CONTAINER) {
            throw new IllegalStateException("region " + name + " is not a container");
        }
        if (sub.parent != null) {
            throw new IllegalStateException("region " + sub.name + " is already in " + sub.parent.name);
        }
        sub.parent = this;
        sub.addr = offset;
        sub.priority = priority;
        int i = 0;
        while (i < subregions.size() && subregions.get(i).priority > priority) {
            i++;
        }
        subregions.add(i, sub);
        changed();
        return sub;
    }

    public void removeSubregion(MemoryRegion sub) {
        if (sub.parent == this && subregions.remove(sub)) {
            sub.parent = null;
            changed();
        }
    }

    public void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            this.enabled = enabled;
            changed();
        }
    }

    /** Moves the region within its parent, e.g. when a BAR is programmed. */
    public void setAddress(long offset) {
        if (this.addr != offset) {
            this.addr = offset;
            changed();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
