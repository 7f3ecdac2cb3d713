package io.qtestjvm.server.qmp;

import static io.qtestjvm.server.qmp.JsonStreamParser.T_COLON;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_COMMA;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_FLOAT;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_INTEGER;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_KEYWORD;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_LCURLY;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_LSQUARE;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_RCURLY;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_RSQUARE;
import static io.qtestjvm.server.qmp.JsonStreamParser.T_STRING;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Recursive-descent parse of one message's tokens, as qobject/json-parser.c does it, with the same error texts
 * ("JSON parse error, " + "expecting value", "key is not a string in object", "missing : in object pair",
 * "duplicate key", "expected separator in dict", "expected separator in list", "invalid keyword 'x'",
 * "premature EOI", string errors). As in QEMU the first error found wins ({@code parse_error} ignores later ones).
 */
final class JsonTokenParser {
    private final List<JsonStreamParser.Token> tokens;
    private int pos;
    private String error;

    JsonTokenParser(List<JsonStreamParser.Token> tokens) {
        this.tokens = tokens;
    }

    /** The value, or null with {@link #error()} set. */
    JsonValue parse() {
        JsonValue v = parseValue();
        return error == null ? v : null;
    }

    String error() {
        return error;
    }

    private void fail(String message) {
        if (error == null) {
            error = "JSON parse error, " + message;
        }
    }

    private JsonStreamParser.Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private JsonStreamParser.Token pop() {
        return pos < tokens.size() ? tokens.get(pos++) : null;
    }

    private JsonValue parseValue() {
        JsonStreamParser.Token t = peek();
        if (t == null) {
            fail("premature EOI");
            return null;
        }
        return switch (t.type()) {
            case T_LCURLY -> parseObject();
            case T_LSQUARE -> parseArray();
            case T_INTEGER, T_FLOAT, T_STRING -> parseLiteral();
            case T_KEYWORD -> parseKeyword();
            default -> {
                fail("expecting value");
                yield null;
            }
        };
    }

    private JsonValue parseObject() {
        pop();
        JsonObject dict = new JsonObject();
        JsonStreamParser.Token peek = peek();
        if (peek == null) {
            fail("premature EOI");
            return null;
        }
        if (peek.type() == T_RCURLY) {
            pop();
            return dict;
        }
        if (!parsePair(dict)) {
            return null;
        }
        JsonStreamParser.Token t = pop();
        if (t == null) {
            fail("premature EOI");
            return null;
        }
        while (t.type() != T_RCURLY) {
            if (t.type() != T_COMMA) {
                fail("expected separator in dict");
                return null;
            }
            if (!parsePair(dict)) {
                return null;
            }
            t = pop();
            if (t == null) {
                fail("premature EOI");
                return null;
            }
        }
        return dict;
    }

    private boolean parsePair(JsonObject dict) {
        if (peek() == null) {
            fail("premature EOI");
            return false;
        }
        JsonValue key = parseValue();
        if (!(key instanceof JsonString k)) {
            fail("key is not a string in object");
            return false;
        }
        JsonStreamParser.Token t = pop();
        if (t == null) {
            fail("premature EOI");
            return false;
        }
        if (t.type() != T_COLON) {
            fail("missing : in object pair");
            return false;
        }
        JsonValue value = parseValue();
        if (value == null) {
            fail("Missing value in dict");
            return false;
        }
        if (dict.has(k.value())) {
            fail("duplicate key");
            return false;
        }
        dict.put(k.value(), value);
        return true;
    }

    private JsonValue parseArray() {
        pop();
        JsonArray list = new JsonArray();
        JsonStreamParser.Token peek = peek();
        if (peek == null) {
            fail("premature EOI");
            return null;
        }
        if (peek.type() == T_RSQUARE) {
            pop();
            return list;
        }
        JsonValue v = parseValue();
        if (v == null) {
            fail("expecting value");
            return null;
        }
        list.add(v);
        JsonStreamParser.Token t = pop();
        if (t == null) {
            fail("premature EOI");
            return null;
        }
        while (t.type() != T_RSQUARE) {
            if (t.type() != T_COMMA) {
                fail("expected separator in list");
                return null;
            }
            v = parseValue();
            if (v == null) {
                fail("expecting value");
                return null;
            }
            list.add(v);
            t = pop();
            if (t == null) {
                fail("premature EOI");
                return null;
            }
        }
        return list;
    }

    private JsonValue parseKeyword() {
        JsonStreamParser.Token t = pop();
        String word = new String(t.text(), StandardCharsets.US_ASCII);
        switch (word) {
            case "true":
                return JsonBool.TRUE;
            case "false":
                return JsonBool.FALSE;
            case "null":
                return JsonNull.INSTANCE;
            default:
                fail("invalid keyword '" + word + "'");
                return null;
        }
    }

    private JsonValue parseLiteral() {
        JsonStreamParser.Token t = pop();
        if (t.type() == T_STRING) {
            return parseString(t.text());
        }
        String text = new String(t.text(), StandardCharsets.US_ASCII);
        if (t.type() == T_INTEGER) {
            // int64 if it fits, else uint64 for a non-negative literal, else double (qemu_strtoi64/strtou64).
            try {
                return JsonNumber.ofLong(Long.parseLong(text));
            } catch (NumberFormatException e) {
                if (text.charAt(0) != '-') {
                    try {
                        return JsonNumber.ofUnsigned(Long.parseUnsignedLong(text));
                    } catch (NumberFormatException e2) {
                        // falls through to double, as QEMU does
                    }
                }
            }
        }
        return JsonNumber.ofDouble(Double.parseDouble(text));
    }

    /** parse_string: quote, escapes (incl. \' and surrogate pairs), modified UTF-8 validation. */
    private JsonValue parseString(byte[] s) {
        byte quote = s[0];
        int limit = s.length;
        StringBuilder out = new StringBuilder(limit);
        int p = 1;
        while (p < limit && s[p] != quote) {
            if (s[p] == '\\') {
                int beg = p++;
                int c = p < limit ? s[p++] : 0;
                switch (c) {
                    case '"' -> out.append('"');
                    case '\'' -> out.append('\'');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        int cp = hex4(s, p, limit);
                        p += 4;
                        if (cp >= 0xD800 && cp <= 0xDBFF && at(s, p, limit) == '\\' && at(s, p + 1, limit) == 'u') {
                            int trailing = hex4(s, p + 2, limit);
                            if (trailing >= 0xDC00 && trailing <= 0xDFFF) {
                                cp = 0x10000 + ((cp & 0x3FF) << 10) | (trailing & 0x3FF);
                                p += 6;
                            } else {
                                cp = -1;
                            }
                        }
                        if (cp != 0 && !ModifiedUtf8.isValidCodepoint(cp)) {
                            int end = Math.min(p, limit);
                            fail(ModifiedUtf8.decodeLenient(s, beg, end - beg) + " is not a valid Unicode character");
                            return null;
                        }
                        out.appendCodePoint(cp);
                    }
                    default -> {
                        fail("invalid escape sequence in string");
                        return null;
                    }
                }
            } else {
                long r = ModifiedUtf8.codepoint(s, p, limit);
                int cp = (int) r;
                if (cp < 0) {
                    fail("invalid UTF-8 sequence in string");
                    return null;
                }
                out.appendCodePoint(cp);
                p = (int) (r >>> 32);
            }
        }
        return new JsonString(out.toString());
    }

    private static int at(byte[] s, int i, int limit) {
        return i < limit ? s[i] : 0;
    }

    /** cvt4hex: four hex digits or -1. */
    private static int hex4(byte[] s, int p, int limit) {
        int cp = 0;
        for (int i = 0; i < 4; i++) {
            int c = at(s, p + i, limit);
            int d = Character.digit(c, 16);
            if (d < 0) {
                return -1;
            }
            cp = (cp << 4) | d;
        }
        return cp;
    }
}
