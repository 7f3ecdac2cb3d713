package io.qtestjvm.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The option lists of QEMU's command line, as its manual documents them ({@code -device driver[,prop[=value]][,...]},
 * {@code -m [size=]megs}): comma-separated elements {@code name=value}, where a value may contain {@code =} and
 * writes a literal comma as {@code ,,}; a bare {@code name} means {@code name=on} and {@code noname} means
 * {@code name=off}. Observed details, pinned in {@code QemuOptsTest}:
 * <ul>
 * <li>A name runs to the first {@code =} or {@code ,}; {@code ,,} is an escape only inside values.</li>
 * <li>The first element may be a bare value for an implied name ({@code -device edu,addr=4}: driver=edu); it is
 *     read as a value, so {@code x,,y=z} is the one value {@code x,y=z}.</li>
 * <li>A repeated name keeps its first position and its last value; a trailing comma ends the list.</li>
 * </ul>
 */
public final class QemuOpts {
    private final LinkedHashMap<String, String> options = new LinkedHashMap<>();

    private QemuOpts() {
    }

    /**
     * Parses {@code text}; when {@code impliedKey} is non-null and the first element has no {@code =}, the element
     * is the value of that key.
     */
    public static QemuOpts parse(String text, String impliedKey) {
        QemuOpts opts = new QemuOpts();
        if (text == null) {
            return opts;
        }
        ElementReader in = new ElementReader(text);
        boolean first = true;
        while (!in.atEnd()) {
            int elementStart = in.pos;
            String name = in.name();
            if (in.take('=')) {
                opts.options.put(name, in.value());
            } else if (first && impliedKey != null) {
                in.pos = elementStart;
                opts.options.put(impliedKey, in.value());
            } else if (name.startsWith("no")) {
                opts.options.put(name.substring(2), "off");
            } else if (!name.isEmpty()) {
                opts.options.put(name, "on");
            }
            first = false;
            in.take(',');
        }
        return opts;
    }

    /** A cursor over one option list. */
    private static final class ElementReader {
        private final String text;
        int pos;

        ElementReader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        boolean take(char c) {
            if (!atEnd() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** Everything up to the next '=' or ','. */
        String name() {
            int start = pos;
            while (!atEnd() && text.charAt(pos) != '=' && text.charAt(pos) != ',') {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** Everything up to the next single ','; each ",," in between is one literal comma. */
        String value() {
            StringBuilder sb = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(pos);
                if (c == ',') {
                    if (pos + 1 >= text.length() || text.charAt(pos + 1) != ',') {
                        break;
                    }
                    pos++;
                }
                sb.append(c);
                pos++;
            }
            return sb.toString();
        }
    }

    public String get(String key) {
        return options.get(key);
    }

    public String get(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    public boolean has(String key) {
        return options.containsKey(key);
    }

    public String remove(String key) {
        return options.remove(key);
    }

    /** Keys in first-seen order. */
    public List<String> keys() {
        return List.copyOf(options.keySet());
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(options);
    }

    /** QEMU's boolean option values: on/off, yes/no, true/false, y/n. */
    public static boolean parseBool(String key, String value) {
        return switch (value) {
            case "on", "yes", "true", "y" -> true;
            case "off", "no", "false", "n" -> false;
            default -> throw new IllegalArgumentException("Parameter '" + key + "' expects 'on' or 'off'");
        };
    }

    /**
     * QEMU's documented size syntax: a number with an optional one-letter suffix B, K, M, G, T, P or E (upper or
     * lower case; powers of 1024). The number is decimal, possibly with a fraction, or {@code 0x} hex without one
     * (whose digits then include B and E, so {@code 0x1E} is 30 with the default suffix). {@code defaultSuffix}
     * applies to a bare number ({@code -m} uses M). A fractional size is truncated to whole bytes.
     */
    public static long parseSize(String text, char defaultSuffix) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        boolean hex = text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"));
        int digitsStart = hex ? 2 : 0;
        int digitsEnd = digitsStart;
        while (digitsEnd < text.length() && isSizeDigit(text.charAt(digitsEnd), hex)) {
            digitsEnd++;
        }
        char suffix;
        if (digitsEnd == text.length() && digitsEnd > digitsStart) {
            suffix = defaultSuffix;
        } else if (digitsEnd == text.length() - 1) {
            suffix = Character.toUpperCase(text.charAt(digitsEnd));
        } else {
            throw new IllegalArgumentException("invalid size '" + text + "'");
        }
        String digits = text.substring(digitsStart, digitsEnd);
        double number;
        long whole;
        try {
            whole = hex ? Long.parseUnsignedLong(digits, 16) : (long) Double.parseDouble(digits);
            number = hex ? whole : Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "'");
        }
        if (number < 0) {
            throw new IllegalArgumentException("invalid size '" + text + "'");
        }
        int shift = 10 * "BKMGTPE".indexOf(suffix);
        if (shift < 0) {
            throw new IllegalArgumentException("invalid size suffix in '" + text + "'");
        }
        if (number != whole) {
            return (long) (number * (1L << shift));
        }
        if (whole > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return whole << shift;
    }

    private static boolean isSizeDigit(char c, boolean hex) {
        return hex ? Character.digit(c, 16) >= 0 : (c >= '0' && c <= '9') || c == '.';
    }

    @Override
    public String toString() {
        return options.toString();
    }
}
