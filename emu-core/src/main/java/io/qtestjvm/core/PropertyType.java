package io.qtestjvm.core;

/**
 * The value types of qdev properties as {@code -device X,help} names them ({@code <uint8>}, {@code <bool>}, ...), each
 * with the one parser every property of that type shares, and QEMU's error texts for a refused value:
 * {@code Parameter 'N' expects integer} for what is not a number, {@code Parameter 'N' expects uint8_t} for a number
 * out of the type's range, {@code Parameter 'N' expects 'on' or 'off'} for a bad bool. Integers are read as C's
 * {@code strtoull} reads them with base 0 (decimal, {@code 0x} hex, leading-0 octal). PCI {@code addr}
 * ("slot[.fn]") is parsed where the function is plugged, since its errors depend on the bus.
 */
public enum PropertyType {
    BOOL("bool", 0),
    UINT8("uint8", 0xffL),
    UINT16("uint16", 0xffffL),
    UINT32("uint32", 0xffff_ffffL),
    UINT64("uint64", -1L),
    INT32("int32", 0),
    /** A signed 64-bit integer (a CPU's {@code family}): only "expects int64" for a non-number. */
    INT64("int64", 0),
    STRING("str", 0),
    /** A link to another object by id or node name (a {@code drive=}, a {@code bus=}): the text, resolved later. */
    LINK("str", 0),
    /** PCI {@code addr} ("slot[.fn]", an int32 in the help): the text, parsed by the bus the function plugs into. */
    PCI_DEVFN("int32", 0),
    /** QEMU's OnOffAuto enum: the text "on", "off" or "auto". */
    ON_OFF_AUTO("OnOffAuto", 0);

    private final String helpName;
    private final long max;

    PropertyType(String helpName, long max) {
        this.helpName = helpName;
        this.max = max;
    }

    /** The name {@code -device X,help} prints between angle brackets. */
    public String helpName() {
        return helpName;
    }

    /** The C type QEMU's range error names ({@code uint8_t}). */
    private String cType() {
        return helpName + "_t";
    }

    /**
     * Parses {@code text} for property {@code name}: a {@link Boolean}, a {@link Long} (unsigned types hold the bit
     * pattern) or the {@link String}.
     */
    public Object parse(String name, String text) throws PropertyException {
        return switch (this) {
            case BOOL -> parseBool(name, text);
            case UINT8, UINT16, UINT32, UINT64 -> parseUnsigned(name, text);
            case INT32 -> parseInt32(name, text);
            case INT64 -> parseInt64(name, text);
            case STRING, LINK, PCI_DEVFN -> text;
            case ON_OFF_AUTO -> parseOnOffAuto(name, text);
        };
    }

    /** Booleans as QEMU 7.2 takes them: on/yes/true and off/no/false. */
    private static Boolean parseBool(String name, String text) throws PropertyException {
        return switch (text) {
            case "on", "yes", "true", "y" -> Boolean.TRUE;
            case "off", "no", "false", "n" -> Boolean.FALSE;
            default -> throw new PropertyException("Parameter '" + name + "' expects 'on' or 'off'");
        };
    }

    /** QEMU's enum visitor for OnOffAuto. */
    private static String parseOnOffAuto(String name, String text) throws PropertyException {
        return switch (text) {
            case "on", "off", "auto" -> text;
            default -> throw new PropertyException("Parameter '" + name + "' does not accept value '" + text + "'");
        };
    }

    private Long parseUnsigned(String name, String text) throws PropertyException {
        long v = number(name, text);
        if (max != -1 && Long.compareUnsigned(v, max) > 0) {
            throw new PropertyException("Parameter '" + name + "' expects " + cType());
        }
        return v;
    }

    private static Long parseInt32(String name, String text) throws PropertyException {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        long v = number(name, negative ? t.substring(1) : t);
        if (Long.compareUnsigned(v, negative ? 0x8000_0000L : 0x7fff_ffffL) > 0) {
            throw new PropertyException("Parameter '" + name + "' expects int32_t");
        }
        return negative ? -v : v;
    }

    /** A signed 64-bit number (strtoll, base 0); QEMU names the type without {@code _t} here. */
    private static Long parseInt64(String name, String text) throws PropertyException {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        long v;
        try {
            v = number(name, negative ? t.substring(1) : t);
        } catch (PropertyException e) {
            throw new PropertyException("Parameter '" + name + "' expects int64");
        }
        if (Long.compareUnsigned(v, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0) {
            throw new PropertyException("Parameter '" + name + "' expects int64");
        }
        return negative ? -v : v;
    }

    /**
     * An unsigned 64-bit number in C's base 0 (ISO C 7.22.1.4 strtoull); a leading minus negates it
     * modulo 2^64, as strtoull does (Debian's QEMU 7.2 takes {@code edu,dma_mask=-1}).
     */
    static long number(String name, String text) throws PropertyException {
        String t = text.trim();
        if (t.startsWith("-") && t.length() > 1 && t.charAt(1) != '-') {
            return -number(name, t.substring(1));
        }
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseUnsignedLong(t.substring(1), 8);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new PropertyException("Parameter '" + name + "' expects integer");
        }
    }
}
