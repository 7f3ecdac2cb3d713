package io.qtestjvm.memory;

/** Byte order in which a device presents its register values in guest memory. */
public enum Endianness {
    LITTLE,
    BIG,
    /** The target's own order (x86/arm: little, ppc64: big). */
    NATIVE;

    public boolean isBig(boolean targetBigEndian) {
        return this == BIG || (this == NATIVE && targetBigEndian);
    }
}
