package io.qtestjvm.server.qmp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Compact JSON exactly as QEMU's QMP writes it (observed on its socket and in the transcripts): {@code ": "}
 * after keys, {@code ", "} between members and elements, no newline inside a value; objects in QDict order (see
 * {@link JsonObject}); strings escape {@code " \ \b \f \n \r \t}, every other character below U+0020 or from
 * U+007F up as an upper-case {@code \\uXXXX} escape (beyond the BMP as a surrogate pair); numbers as
 * decimal int64 or uint64, or C's {@code %.17g} for doubles ({@code inf}, {@code -0}, {@code 1e+30}). Pure
 * ASCII.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private JsonWriter() {
    }

    public static String toJson(JsonValue v) {
        WireText sb = new WireText();
        write(v, sb);
        return sb.toString();
    }

    /** One QMP message on the wire: the JSON, then {@code \r\n} (QEMU ends each message so). */
    public static byte[] toWire(JsonObject message) {
        WireText sb = new WireText();
        write(message, sb);
        sb.put("\r\n");
        return sb.toBytes();
    }

    /**
     * As {@link #toWire}, written to {@code out} in chunks of at most {@link WireText#CHUNK} bytes: a message may
     * take several calls, and the whole of it is never held at once.
     */
    public static void send(JsonObject message, QmpOutput out) {
        WireText sb = new WireText(out);
        write(message, sb);
        sb.put("\r\n");
        sb.flush();
    }

    static void write(JsonValue v, WireText sb) {
        // an instanceof chain, not a pattern switch: the switch's bootstrap costs milliseconds at the first reply
        if (v instanceof JsonObject o) {
            sb.put('{');
            boolean first = true;
            for (JsonObject.Member m : o.members()) {
                if (!first) {
                    sb.put(", ");
                }
                first = false;
                writeString(m.key(), sb);
                sb.put(": ");
                write(m.value(), sb);
            }
            sb.put('}');
        } else if (v instanceof JsonString s) {
            writeString(s.value(), sb);
        } else if (v instanceof JsonNumber n) {
            writeNumber(n, sb);
        } else if (v instanceof JsonArray a) {
            sb.put('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.put(", ");
                }
                write(a.get(i), sb);
            }
            sb.put(']');
        } else if (v instanceof JsonBool b) {
            sb.put(b.value() ? "true" : "false");
        } else {
            sb.put("null");
        }
    }

    static void writeString(String s, WireText sb) {
        sb.put('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.put("\\\"");
                case '\\' -> sb.put("\\\\");
                case '\b' -> sb.put("\\b");
                case '\f' -> sb.put("\\f");
                case '\n' -> sb.put("\\n");
                case '\r' -> sb.put("\\r");
                case '\t' -> sb.put("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        // UTF-16 units: a supplementary character comes out as the surrogate pair QEMU computes.
                        sb.put('\\').put('u').put(HEX[c >> 12]).put(HEX[(c >> 8) & 0xF])
                                .put(HEX[(c >> 4) & 0xF]).put(HEX[c & 0xF]);
                    } else {
                        sb.put(c);
                    }
                }
            }
        }
        sb.put('"');
    }

    static void writeNumber(JsonNumber n, WireText sb) {
        switch (n.kind()) {
            case I64 -> sb.put(Long.toString(n.longValue()));
            case U64 -> sb.put(Long.toUnsignedString(n.unsignedValue()));
            case DOUBLE -> sb.put(formatG17(n.doubleValue()));
        }
    }

    /**
     * C's {@code printf("%.17g", d)} (glibc: exact decimal expansion, rounded half-even to 17 significant digits;
     * fixed notation when -4 <= exponent < 17, else d.ddde+XX; trailing zeros and a bare point removed).
     */
    static String formatG17(double d) {
        if (Double.isNaN(d)) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d < 0 ? "-inf" : "inf";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN_DIGITS);
        int exp = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder(32);
        if (rounded.signum() < 0) {
            sb.append('-');
        }
        if (exp >= -4 && exp < 17) {
            String plain = rounded.abs().setScale(Math.max(0, 16 - exp), RoundingMode.UNNECESSARY).toPlainString();
            sb.append(stripZeros(plain));
        } else {
            StringBuilder mant = new StringBuilder(digits);
            while (mant.length() < 17) {
                mant.append('0');
            }
            String m = mant.charAt(0) + "." + mant.substring(1);
            sb.append(stripZeros(m));
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
        }
        return sb.toString();
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
