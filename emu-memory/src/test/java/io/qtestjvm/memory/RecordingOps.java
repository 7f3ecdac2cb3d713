package io.qtestjvm.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;

/** A device whose handlers log every access as {@code "r OFF SIZE"} / {@code "w OFF SIZE VALUE"} (hex). */
final class RecordingOps implements MmioOps {
    final List<String> log = new ArrayList<>();
    private final LongBinaryOperator reader;

    /** {@code reader} gives the register value for (offset, size). */
    RecordingOps(LongBinaryOperator reader) {
        this.reader = reader;
    }

    /** Every read answers the same value, truncated to the access size. */
    static RecordingOps constant(long value) {
        return new RecordingOps((off, size) -> value);
    }

    @Override
    public long read(long offset, int size) {
        log.add("r " + Long.toHexString(offset) + " " + size);
        return reader.applyAsLong(offset, size);
    }

    @Override
    public void write(long offset, long value, int size) {
        log.add("w " + Long.toHexString(offset) + " " + size + " " + Long.toHexString(value));
    }
}
