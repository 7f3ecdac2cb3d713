package io.qtestjvm.server.qmp;

/**
 * A number as QMP holds it: a signed 64-bit, unsigned 64-bit or double value. The JSON parser picks the first
 * representation that holds the literal (int64, then uint64 for non-negative literals, then double), and
 * {@link #fitsLong()} / {@link #fitsUnsigned()} answer only for integer kinds in range, as QEMU's argument checks
 * do ("Parameter 'X' expects uint64").
 */
public final class JsonNumber implements JsonValue {
    /** Which C type the number is held in (QNumKind). */
    public enum Kind { I64, U64, DOUBLE }

    private final Kind kind;
    private final long bits;
    private final double dbl;

    private JsonNumber(Kind kind, long bits, double dbl) {
        this.kind = kind;
        this.bits = bits;
        this.dbl = dbl;
    }

    public static JsonNumber ofLong(long v) {
        return new JsonNumber(Kind.I64, v, 0);
    }

    /** An unsigned 64-bit value; {@code v} is read as unsigned. */
    public static JsonNumber ofUnsigned(long v) {
        return new JsonNumber(Kind.U64, v, 0);
    }

    public static JsonNumber ofDouble(double v) {
        return new JsonNumber(Kind.DOUBLE, 0, v);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the value is an integer that fits int64. */
    public boolean fitsLong() {
        return kind == Kind.I64 || (kind == Kind.U64 && bits >= 0);
    }

    /** True when the value is an integer that fits uint64. */
    public boolean fitsUnsigned() {
        return kind == Kind.U64 || (kind == Kind.I64 && bits >= 0);
    }

    /** The int64 value; only meaningful when {@link #fitsLong()}. */
    public long longValue() {
        return bits;
    }

    /** The uint64 value as a Java long's bits; only meaningful when {@link #fitsUnsigned()}. */
    public long unsignedValue() {
        return bits;
    }

    /** Any kind converts (with precision loss above 53 bits). */
    public double doubleValue() {
        return switch (kind) {
            case I64 -> bits;
            case U64 -> bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1);
            case DOUBLE -> dbl;
        };
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber n && n.kind == kind && n.bits == bits
                && Double.doubleToLongBits(n.dbl) == Double.doubleToLongBits(dbl);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits) * 31 + Double.hashCode(dbl) + kind.ordinal();
    }

    @Override
    public String toString() {
        return JsonWriter.toJson(this);
    }
}
