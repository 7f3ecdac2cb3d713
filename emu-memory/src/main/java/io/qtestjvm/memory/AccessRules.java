package io.qtestjvm.memory;

/**
 * Which accesses an I/O region accepts ({@code valid}) and which sizes its handlers implement ({@code impl}),
 * the two size ranges a QEMU device model declares for its registers. An access outside {@code valid} is a decode
 * error: reads give 0, writes are dropped. A valid access is cut into {@code impl}-sized pieces in ascending address
 * order ({@link IoAccess}).
 *
 * @param validMin        smallest access size accepted (bytes)
 * @param validMax        largest access size accepted; wider CPU accesses are split before reaching the region
 * @param validUnaligned  whether misaligned accesses are accepted
 * @param implMin         smallest size the handler implements
 * @param implMax         largest size the handler implements
 * @param endianness      byte order of register values in memory
 */
public record AccessRules(int validMin, int validMax, boolean validUnaligned, int implMin, int implMax,
                          Endianness endianness) {

    public AccessRules {
        check(validMin, "validMin");
        check(validMax, "validMax");
        check(implMin, "implMin");
        check(implMax, "implMax");
        if (validMin > validMax || implMin > implMax) {
            throw new IllegalArgumentException("access size range is empty: valid " + validMin + ".." + validMax
                    + ", impl " + implMin + ".." + implMax);
        }
    }

    private static void check(int size, String what) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException(what + " " + size + " is not 1, 2, 4 or 8");
        }
    }

    /** The usual rules of a register block: valid 1..4, impl 1..4 (QEMU's default). */
    public static AccessRules of(Endianness e) {
        return new AccessRules(1, 4, false, 1, 4, e);
    }

    /** Accepts and implements exactly {@code min..max}. */
    public static AccessRules sizes(int min, int max, Endianness e) {
        return new AccessRules(min, max, false, min, max, e);
    }

    public AccessRules withImpl(int min, int max) {
        return new AccessRules(validMin, validMax, validUnaligned, min, max, endianness);
    }

    public AccessRules withUnaligned() {
        return new AccessRules(validMin, validMax, true, implMin, implMax, endianness);
    }
}
