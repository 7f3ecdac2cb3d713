package io.qtestjvm.server.board.spapr;

import io.qtestjvm.memory.AddressSpace;

/**
 * The argument and return buffers of one RTAS call (LoPAPR chapter 7, "RTAS Argument Call Buffer"): arrays of
 * 32-bit big-endian cells in guest memory, {@code nargs} input cells at {@code args}, {@code nret} output cells at
 * {@code rets}. A flyweight: {@link #bind} points it at a call's buffers, nothing is copied.
 *
 * <p>Facts of QEMU's pseries (observed on Debian's QEMU 7.2, pinned by {@code RtasTest}): a cell address drops its
 * top four bits (the real-mode address of a 64-bit PowerPC effective address) and then goes to system memory
 * as a CPU access would, so cells outside RAM read 0 and stores there are dropped; the cell count is never
 * checked against the buffer. A buffer near the top of the address space wraps.
 */
public final class RtasCells {
    /** The effective-address bits a real-mode access ignores. */
    private static final long REAL_MODE_MASK = 0x0fff_ffff_ffff_ffffL;
    private static final int CELL = 4;

    private final AddressSpace memory;
    private String name;
    private int nargs;
    private long args;
    private int nret;
    private long rets;

    public RtasCells(AddressSpace memory) {
        this.memory = memory;
    }

    RtasCells bind(String callName, int argCount, long argsAddr, int retCount, long retsAddr) {
        this.name = callName;
        this.nargs = argCount;
        this.args = argsAddr;
        this.nret = retCount;
        this.rets = retsAddr;
        return this;
    }

    public String name() {
        return name;
    }

    public int nargs() {
        return nargs;
    }

    public int nret() {
        return nret;
    }

    /** True when the caller passed exactly this many input and output cells. */
    public boolean counts(int wantArgs, int wantRets) {
        return nargs == wantArgs && nret == wantRets;
    }

    /** Input cell {@code i}, unsigned. */
    public long arg(int i) {
        return memory.load((args + (long) CELL * i) & REAL_MODE_MASK, CELL, true);
    }

    /** Input cells {@code i} (high word) and {@code i + 1} (low word) as one 64-bit value, e.g. a BUID. */
    public long arg64(int i) {
        return arg(i) << 32 | arg(i + 1);
    }

    /** Stores {@code value} (its low 32 bits) in output cell {@code i}. */
    public void ret(int i, long value) {
        memory.store((rets + (long) CELL * i) & REAL_MODE_MASK, CELL, value & 0xffff_ffffL, true);
    }

    /** The status cell, output cell 0. */
    public void status(int status) {
        ret(0, status);
    }
}
