package io.qtestjvm.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QEMU's option syntax (util/qemu-option.c): {@code [implied-value,]key=value,key2=value2}, where {@code ,,}
 * stands for a literal comma and a bare {@code key} means {@code key=on}. The first element may be a value
 * for an implied key ({@code -device edu,addr=4} means {@code driver=edu}).
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
        List<String> elements = split(text);
        for (int i = 0; i < elements.size(); i++) {
            String e = elements.get(i);
            int eq = indexOfUnescapedEquals(e);
            if (eq < 0) {
                if (i == 0 && impliedKey != null) {
                    opts.put(impliedKey, e);
                } else if (!e.isEmpty()) {
                    opts.put(e, "on");
                }
            } else {
                opts.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return opts;
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                if (i + 1 < text.length() && text.charAt(i + 1) == ',') {
                    cur.append(',');
                    i++;
                } else {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        // a trailing comma ("-M virt,") leaves an empty last element: QEMU ignores it
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static int indexOfUnescapedEquals(String element) {
        return element.indexOf('=');
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
        int end = text.length();
        char last = Character.toUpperCase(text.charAt(end - 1));
        char suffix = defaultSuffix;
        if (Character.isLetter(last)) {
            suffix = last;
            end--;
        }
        String num = text.substring(0, end);
        double value;
        long integral;
        try {
            if (num.startsWith("0x") || num.startsWith("0X")) {
                integral = Long.parseUnsignedLong(num.substring(2), 16);
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
