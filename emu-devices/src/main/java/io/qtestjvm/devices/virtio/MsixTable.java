package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioPciLayout.*;

import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The MSI-X table and pending bit array of a function (PCI Local Bus 3.0 §6.8.2): 16-byte entries (message
 * address, data, vector control with the mask bit) and one pending bit per vector. A message to a masked vector,
 * or while the function mask is set, sets its pending bit; unmasking sends it and clears the bit (§6.8.2.9). A
 * message is sent as a 32-bit little-endian write of the data to the address through {@link Sender}.
 */
final class MsixTable {
    interface Sender {
        void store(long address, long data);
    }

    private final int vectors;
    private final byte[] table;
    private final long[] pending;
    private final MemoryRegion region;
    private final Sender sender;
    private boolean enabled;
    private boolean functionMask;

    MsixTable(String name, int vectors, Sender sender) {
        this.vectors = vectors;
        this.sender = sender;
        this.table = new byte[Math.max(1, vectors) * MSIX_ENTRY_SIZE];
        this.pending = new long[(Math.max(1, vectors) + 63) / 64];
        reset();
        this.region = MemoryRegion.io(name + "-msix", MSIX_BAR_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return readBar((int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                writeBar((int) offset, value, size);
            }
        }, AccessRules.of(Endianness.LITTLE));
    }

    MemoryRegion region() {
        return region;
    }

    int vectors() {
        return vectors;
    }

    boolean enabled() {
        return enabled;
    }

    /** The Message Control enable and function mask bits changed in config space. */
    void setControl(boolean enable, boolean mask) {
        enabled = enable;
        functionMask = mask;
        deliverPending();
    }

    void reset() {
        java.util.Arrays.fill(table, (byte) 0);
        for (int v = 0; v < vectors; v++) {
            table[v * MSIX_ENTRY_SIZE + MSIX_ENTRY_CONTROL] = MSIX_ENTRY_MASKED;
        }
        java.util.Arrays.fill(pending, 0);
        enabled = false;
        functionMask = false;
    }

    private boolean masked(int v) {
        return functionMask || (table[v * MSIX_ENTRY_SIZE + MSIX_ENTRY_CONTROL] & MSIX_ENTRY_MASKED) != 0;
    }

    boolean pending(int v) {
        return (pending[v >>> 6] & (1L << v)) != 0;
    }

    /** Sends vector {@code v}, or marks it pending while masked; out-of-range vectors are dropped. */
    void notify(int v) {
        if (!enabled || v < 0 || v >= vectors) {
            return;
        }
        if (masked(v)) {
            pending[v >>> 6] |= 1L << v;
            return;
        }
        send(v);
    }

    private void send(int v) {
        int e = v * MSIX_ENTRY_SIZE;
        long addr = le(e, 8);
        long data = le(e + MSIX_ENTRY_DATA, 4);
        sender.store(addr, data);
    }

    private void deliverPending() {
        if (!enabled) {
            return;
        }
        for (int v = 0; v < vectors; v++) {
            if (pending(v) && !masked(v)) {
                pending[v >>> 6] &= ~(1L << v);
                send(v);
            }
        }
    }

    private long le(int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (table[off + i] & 0xff);
        }
        return v;
    }

    private long readBar(int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | byteAt(offset + i);
        }
        return v;
    }

    private int byteAt(int off) {
        if (off < table.length) {
            return table[off] & 0xff;
        }
        int p = off - MSIX_PBA_OFF;
        if (p >= 0 && p < pending.length * 8) {
            return (int) (pending[p / 8] >>> (8 * (p % 8))) & 0xff;
        }
        return 0;
    }

    private void writeBar(int offset, long value, int size) {
        if (offset >= table.length) {
            return;
        }
        for (int i = 0; i < size && offset + i < table.length; i++) {
            table[offset + i] = (byte) (value >>> (8 * i));
        }
        deliverPending();
    }
}
