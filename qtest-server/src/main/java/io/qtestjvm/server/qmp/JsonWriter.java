package io.qtestjvm.server.qmp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Compact JSON exactly as QEMU's {@code qobject_to_json} writes it (qobject/qjson.c, pretty = false): {@code ": "}
 * after keys, {@code ", "} between members and elements, no newline inside a value; objects in QDict order (see
 * {@link JsonObject}); strings escape {@code " \ \b \f \n \r \t}, every other character below U+0020 or from
 * U+007F up as an upper-case {@code \\uXXXX} escape (beyond the BMP as a surrogate pair); numbers as
 * {@code %" PRId64}, {@code %" PRIu64} or {@code %.17g} (qobject/qnum.c {@code qnum_to_string}). Pure ASCII.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private JsonWriter() {
    }

    public static String toJson(JsonValue v) {
        StringBuilder sb = new StringBuilder(64);
        write(v, sb);
        return sb.toString();
    }

    /** One QMP message on the wire: the JSON, then {@code \r\n} (qmp_send_response appends '\n', monitor_puts
     *  turns every '\n' into "\r\n"). */
    public static byte[] toWire(JsonObject message) {
        StringBuilder sb = new StringBuilder(128);
        write(message, sb);
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static void write(JsonValue v, StringBuilder sb) {
        switch (v) {
            case JsonNull n -> sb.append("null");
            case JsonBool b -> sb.append(b.value() ? "true" : "false");
            case JsonNumber n -> writeNumber(n, sb);
            case JsonString s -> writeString(s.value(), sb);
            case JsonArray a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(a.get(i), sb);
                }
                sb.append(']');
            }
            case JsonObject o -> {
                sb.append('{');
                boolean first = true;
                for (JsonObject.Member m : o.members()) {
                    if (!first) {
                        sb.append(", ");
                    }
                    first = false;
                    writeString(m.key(), sb);
                    sb.append(": ");
                    write(m.value(), sb);
                }
                sb.append('}');
            }
        }
    }

    static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        // UTF-16 units: a supplementary character comes out as the surrogate pair QEMU computes.
                        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    static void writeNumber(JsonNumber n, StringBuilder sb) {
        switch (n.kind()) {
            case I64 -> sb.append(n.longValue());
            case U64 -> sb.append(Long.toUnsignedString(n.unsignedValue()));
            case DOUBLE -> sb.append(formatG17(n.doubleValue()));
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
