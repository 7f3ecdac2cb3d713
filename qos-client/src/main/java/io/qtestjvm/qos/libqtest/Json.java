package io.qtestjvm.qos.libqtest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QMP messages as plain JDK values: objects as insertion-ordered maps (a repeated name keeps its last value), arrays
 * as lists, numbers as {@link Long} ({@link BigInteger} beyond its range, e.g. a large {@code uint64}) or
 * {@link Double}, strings, booleans and null. The grammar is RFC 8259's (sections 2-7: values, objects, arrays,
 * numbers, strings with their escapes); the one extension is QEMU's: a string may be single-quoted, in which a
 * {@code "} stands for itself and {@code \'} is one more escape (accepted in both kinds).
 *
 * <p>A small reader of its own rather than a JSON library: a library's number support (jackson-core's) initialises
 * {@code java.math.BigDecimal}, whose class initialisation computes 5<sup>65536</sup> on JDK 25 (~12 ms of CPU on
 * the first QMP reply of every {@code bin/qos-test} run, docs/performance.md, seventh round).
 */
public final class Json {
    /** Deeper nesting is refused, so that a hostile reply cannot exhaust the stack. */
    static final int MAX_DEPTH = 1000;

    private Json() {
    }

    /**
     * Parses one JSON text (surrounding white space allowed).
     *
     * @throws IllegalArgumentException naming what is wrong and where, for text that is not exactly one JSON value
     */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.skipSpace();
        if (r.atEnd()) {
            throw new IllegalArgumentException("empty JSON text");
        }
        Object v = r.value(0);
        r.skipSpace();
        if (!r.atEnd()) {
            throw r.error("text after the value");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object o = parse(text);
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        return (Map<String, Object>) o;
    }

    /** A cursor over one text; each method reads one production of RFC 8259's grammar. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid JSON: " + what + " at offset " + pos + " in: " + text);
        }

        /** Section 2: insignificant white space is space, tab, line feed and carriage return. */
        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        /** Section 3: a value, at nesting {@code depth}. */
        Object value(int depth) {
            if (atEnd()) {
                throw error("a value expected, the text ended");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"', '\'' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Object literal(String name, Object v) {
            if (!text.startsWith(name, pos)) {
                throw error("unknown literal");
            }
            pos += name.length();
            return v;
        }

        /** Section 4: members separated by commas, each a string, a colon and a value. */
        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            pos++; // {
            Map<String, Object> m = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return m;
            }
            do {
                skipSpace();
                char q = peek();
                if (q != '"' && q != '\'') {
                    throw error("a member name expected");
                }
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                m.put(name, value(depth));
            } while (another('}', "',' or '}' expected"));
            return m;
        }

        /** Section 5: values separated by commas. */
        private List<Object> array(int depth) {
            checkDepth(depth);
            pos++; // [
            List<Object> l = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return l;
            }
            do {
                skipSpace();
                l.add(value(depth));
            } while (another(']', "',' or ']' expected"));
            return l;
        }

        /**
         * What follows a member or an element: a comma (true: another comes) or {@code close} (false: the object or
         * array ends); anything else is an error saying {@code expected}.
         */
        private boolean another(char close, String expected) {
            skipSpace();
            char c = next(expected);
            if (c == ',') {
                return true;
            }
            if (c != close) {
                pos--;
                throw error(expected);
            }
            return false;
        }

        /**
         * Section 6: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. An integer is a {@link Long}
         * when it fits, else a {@link BigInteger}; a fraction or exponent makes a {@link Double}.
         */
        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("a number with a leading zero");
                }
            } else if (!digits()) {
                throw error("digits expected");
            }
            boolean integer = true;
            if (peek() == '.') {
                pos++;
                integer = false;
                if (!digits()) {
                    throw error("digits expected after '.'");
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                integer = false;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!digits()) {
                    throw error("digits expected in the exponent");
                }
            }
            String n = text.substring(start, pos);
            if (!integer) {
                return Double.parseDouble(n);
            }
            int len = pos - start;
            if (len < 19) {
                return Long.parseLong(n); // at most 18 digits: always fits
            }
            BigInteger big = new BigInteger(n);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        private boolean digits() {
            int start = pos;
            while (isDigit(peek())) {
                pos++;
            }
            return pos > start;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** Section 7, and QEMU's single-quoted form. */
        private String string() {
            char quote = text.charAt(pos++);
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (atEnd()) {
                    throw error("the string is not closed");
                }
                char c = text.charAt(pos);
                if (c == quote) {
                    String run = text.substring(runStart, pos++);
                    return sb == null ? run : sb.append(run).toString();
                }
                if (c < 0x20) {
                    throw error("an unescaped control character in a string");
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
                pos++;
                sb.append(escape());
                runStart = pos;
            }
        }

        /** The character of the escape after a backslash. */
        private char escape() {
            char e = next("an escape expected, the text ended");
            return switch (e) {
                case '"', '\\', '/', '\'' -> e;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("four hex digits expected after \\u");
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos + i), 16);
                        if (d < 0) {
                            throw error("four hex digits expected after \\u");
                        }
                        v = v << 4 | d;
                    }
                    pos += 4;
                    yield (char) v; // a surrogate pair is two escapes, each one UTF-16 unit
                }
                default -> {
                    pos--;
                    throw error("unknown escape '\\" + e + "'");
                }
            };
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private char next(String whatIfEnded) {
            if (atEnd()) {
                throw error(whatIfEnded);
            }
            return text.charAt(pos++);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "' expected");
            }
            pos++;
        }
    }
}
