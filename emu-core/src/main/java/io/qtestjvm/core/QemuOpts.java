package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QEMU's option syntax (util/qemu-option.c): {@code [implied-value,]key=value,key2=value2}, where {@code ,,}
 * stands for a literal comma and a bare {@code key} means {@code key=on} ({@code nokey}: {@code key=off}). An
 * element's key ends at its first {@code =} or {@code ,}, so {@code ,,} escapes only values. The first element may
 * be a value for an implied key ({@code -device edu,addr=4} means {@code driver=edu}).
 */
public final class QemuOpts {
    private final LinkedHashMap<String, String> values = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    private QemuOpts() {
    }

    /**
     * Parses {@code text}; when {@code impliedKey} is non-null and the first element has no {@code =}, it is the
     * value of that key.
     */
    public static QemuOpts parse(String text, String impliedKey) {
        QemuOpts opts = new QemuOpts();
        if (text == null || text.isEmpty()) {
            return opts;
        }
        StringBuilder value = new StringBuilder();
        int p = 0;
        boolean first = true;
        while (p < text.length()) {
            // get_opt_name_value: the name ends at the first '=' or ',' of the raw text
            int len = 0;
            while (p + len < text.length() && text.charAt(p + len) != '=' && text.charAt(p + len) != ',') {
                len++;
            }
            if (p + len >= text.length() || text.charAt(p + len) != '=') {
                if (first && impliedKey != null) {
                    p = readValue(text, p, value);
                    opts.put(impliedKey, value.toString());
                } else {
                    String flag = text.substring(p, p + len);
                    p += len;
                    if (flag.startsWith("no")) {
                        opts.put(flag.substring(2), "off"); // "nowait" is wait=off
                    } else if (!flag.isEmpty()) {
                        opts.put(flag, "on");
                    }
                }
            } else {
                String key = text.substring(p, p + len);
                p = readValue(text, p + len + 1, value);
                opts.put(key, value.toString());
            }
            first = false;
            if (p < text.length()) {
                p++; // the ',' ending the element; a trailing one ("-M virt,") ends the text
            }
        }
        return opts;
    }

    /** get_opt_value: reads up to a single ',' with ",," standing for a literal comma; returns the end. */
    private static int readValue(String text, int p, StringBuilder out) {
        out.setLength(0);
        while (p < text.length()) {
            char c = text.charAt(p);
            if (c == ',') {
                if (p + 1 < text.length() && text.charAt(p + 1) == ',') {
                    out.append(',');
                    p += 2;
                    continue;
                }
                break;
            }
            out.append(c);
            p++;
        }
        return p;
    }

    private void put(String key, String value) {
        if (!values.containsKey(key)) {
            order.add(key);
        }
        values.put(key, value);
    }

    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String fallback) {
        String v = values.get(key);
        return v == null ? fallback : v;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String remove(String key) {
        order.remove(key);
        return values.remove(key);
    }

    /** Keys in first-seen order. */
    public List<String> keys() {
        return Collections.unmodifiableList(order);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** QEMU's boolean option values: on/off, yes/no, true/false. */
    public static boolean parseBool(String key, String value) {
        switch (value) {
            case "on", "yes", "true", "y" -> {
                return true;
            }
            case "off", "no", "false", "n" -> {
                return false;
            }
            default -> throw new IllegalArgumentException(
                    "Parameter '" + key + "' expects 'on' or 'off'");
        }
    }

    /**
     * QEMU's size syntax ({@code qemu_strtosz}): a number with an optional suffix B, K, M, G, T, P, E (powers of
     * 1024); {@code defaultSuffix} applies to a bare number (QEMU's {@code -m} uses M).
     */
    public static long parseSize(String text, char defaultSuffix) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        // qemu_strtosz: a decimal number with an optional fraction, or hex (whose digits include B and E)
        // without one; then at most one suffix letter
        boolean hex = text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"));
        int end = hex ? 2 : 0;
        while (end < text.length() && (hex ? Character.digit(text.charAt(end), 16) >= 0
                : (text.charAt(end) >= '0' && text.charAt(end) <= '9') || text.charAt(end) == '.')) {
            end++;
        }
        char suffix = defaultSuffix;
        if (end == text.length() - 1) {
            suffix = Character.toUpperCase(text.charAt(end));
        } else if (end != text.length() || end == (hex ? 2 : 0)) {
            throw new IllegalArgumentException("invalid size '" + text + "'");
        }
        String num = text.substring(hex ? 2 : 0, end);
        double value;
        long integral;
        try {
            if (hex) {
                integral = Long.parseUnsignedLong(num, 16);
                value = integral;
            } else {
                value = Double.parseDouble(num);
                integral = (long) value;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "'");
        }
        if (value < 0) {
            throw new IllegalArgumentException("invalid size '" + text + "'");
        }
        int shift = switch (suffix) {
            case 'B' -> 0;
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            case 'P' -> 50;
            case 'E' -> 60;
            default -> throw new IllegalArgumentException("invalid size suffix in '" + text + "'");
        };
        if (value != integral) {
            return (long) (value * (1L << shift));
        }
        if (shift > 0 && integral > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return integral << shift;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
