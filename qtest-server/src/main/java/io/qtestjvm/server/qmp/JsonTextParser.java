package io.qtestjvm.server.qmp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one JSON text (RFC 8259 sections 2 to 7) that {@link JsonMessageReader} has cut from the stream and
 * already split into tokens, each followed by {@link JsonMessageReader#TOKEN_END}. The parser walks the tokens
 * with an explicit stack of open containers, so the depth the reader allows (1024) never costs Java stack.
 *
 * <p>QEMU's readings, observed on QEMU 7.2 (pinning tests in {@code JsonMessageReaderTest}):
 * <ul>
 * <li>Error texts: "JSON parse error, " followed by "expecting value" (a value is missing, also in key position:
 *     {@code {,}}), "key is not a string in object", "missing : in object pair", "expected separator in dict",
 *     "expected separator in list", "duplicate key", "invalid keyword '<name>'", "invalid escape sequence in
 *     string", "invalid UTF-8 sequence in string", "<escape> is not a valid Unicode character"
 *     ({@code grammarErrorsUseQemuTexts}, {@code keyPositionAndDuplicateKeyOrder}).</li>
 * <li>Strings (section 7) also take {@code \'}; any other escape but RFC 8259's is refused. A {@code \\u} escape
 *     must be four hex digits naming an accepted character ({@link Utf8}); a high surrogate escape followed by a
 *     low surrogate escape names one character. The error quotes the escape as written: {@code \\u} and the next
 *     four bytes of the token (fewer at its end), or both escapes of a pair whose character is refused
 *     ({@code unicodeEscapesAreCheckedAsWritten}).</li>
 * <li>Numbers (section 6): an integer literal that fits int64 is one, else a non-negative one that fits uint64,
 *     else it is read as a double, as is every literal with a fraction or exponent; out-of-range doubles become
 *     infinities, tiny ones zero ({@code integersPickInt64ThenUint64ThenDouble}).</li>
 * </ul>
 */
final class JsonTextParser {
    private static final String PREFIX = "JSON parse error, ";
    /** A string builder grown past this by a huge string is let go after the text. */
    private static final int RETAINED_CHARS = 64 << 10;

    /** What an open container waits for next. */
    private static final int ARRAY = 0;
    private static final int OBJECT = 1;
    /** A value in key position that is not a string: it is parsed, then refused. */
    private static final int NOT_A_KEY = 2;

    private byte[] s;
    private int p;
    private int end;
    private StringBuilder chars = new StringBuilder();

    private int[] kinds = new int[16];
    private JsonValue[] containers = new JsonValue[16];
    private String[] keys = new String[16];
    private int depth;

    /** Parses the text {@code text[0, length)}. */
    JsonValue parse(byte[] text, int length) throws JsonSyntaxException {
        s = text;
        p = 0;
        end = length;
        depth = 0;
        try {
            return parseText();
        } finally {
            Arrays.fill(containers, 0, depth, null);
            Arrays.fill(keys, 0, depth, null);
            s = null;
            if (chars.capacity() > RETAINED_CHARS) {
                chars = new StringBuilder();
            }
        }
    }

    private JsonValue parseText() throws JsonSyntaxException {
        JsonValue value = null;
        boolean wantValue = true;
        while (true) {
            if (wantValue) {
                int t = peek();
                if (t == '{' || t == '[') {
                    skipToken(1);
                    int close = t == '{' ? '}' : ']';
                    JsonValue container = t == '{' ? new JsonObject() : new JsonArray();
                    if (peek() == close) {
                        skipToken(1);
                        value = container;
                    } else {
                        push(t == '{' ? OBJECT : ARRAY, container);
                        if (t == '{') {
                            startMember();
                        }
                        continue;
                    }
                } else {
                    value = scalar(t);
                }
            }
            // A value is complete: give it to the container it belongs to.
            if (depth == 0) {
                return value;
            }
            int kind = kinds[depth - 1];
            if (kind == NOT_A_KEY) {
                throw error("key is not a string in object");
            }
            if (kind == ARRAY) {
                ((JsonArray) containers[depth - 1]).add(value);
                int t = peek();
                if (t == ',') {
                    skipToken(1);
                    wantValue = true;
                } else if (t == ']') {
                    skipToken(1);
                    value = pop();
                    wantValue = false;
                } else {
                    throw error("expected separator in list");
                }
            } else {
                JsonObject object = (JsonObject) containers[depth - 1];
                String key = keys[depth - 1];
                if (object.has(key)) {
                    throw error("duplicate key");
                }
                object.put(key, value);
                int t = peek();
                if (t == ',') {
                    skipToken(1);
                    startMember();
                    wantValue = true;
                } else if (t == '}') {
                    skipToken(1);
                    value = pop();
                    wantValue = false;
                } else {
                    throw error("expected separator in dict");
                }
            }
        }
    }

    /**
     * Section 4, {@code member = string name-separator value}: reads the name and the separator, so that the value
     * comes next; or, for an object or array in key position, pushes {@link #NOT_A_KEY} so that it is read (and
     * its own errors reported) before it is refused.
     */
    private void startMember() throws JsonSyntaxException {
        int t = peek();
        if (t == '"' || t == '\'') {
            keys[depth - 1] = string();
            if (peek() != ':') {
                throw error("missing : in object pair");
            }
            skipToken(1);
            return;
        }
        if (t == '{' || t == '[') {
            push(NOT_A_KEY, null);
            return;
        }
        scalar(t);
        throw error("key is not a string in object");
    }

    /** Section 3 values other than objects and arrays. */
    private JsonValue scalar(int t) throws JsonSyntaxException {
        if (t == '"' || t == '\'') {
            return new JsonString(string());
        }
        if (t == '-' || (t >= '0' && t <= '9')) {
            return number();
        }
        if (t >= 'a' && t <= 'z') {
            return literalName();
        }
        throw error("expecting value");
    }

    /** Section 3: {@code false / null / true}; the reader gave any run of a-z. */
    private JsonValue literalName() throws JsonSyntaxException {
        int start = p;
        int stop = tokenEnd(start);
        skipToken(stop - start);
        if (matches(start, stop, "true")) {
            return JsonBool.TRUE;
        }
        if (matches(start, stop, "false")) {
            return JsonBool.FALSE;
        }
        if (matches(start, stop, "null")) {
            return JsonNull.INSTANCE;
        }
        throw error("invalid keyword '" + new String(s, start, stop - start, StandardCharsets.US_ASCII) + "'");
    }

    /** Section 6. */
    private JsonNumber number() {
        int start = p;
        int stop = tokenEnd(start);
        skipToken(stop - start);
        boolean integer = true;
        for (int i = start; i < stop; i++) {
            int b = s[i];
            if (b == '.' || b == 'e' || b == 'E') {
                integer = false;
                break;
            }
        }
        boolean negative = s[start] == '-';
        int firstDigit = negative ? start + 1 : start;
        if (integer && stop - firstDigit <= 18) {
            long v = 0;
            for (int i = firstDigit; i < stop; i++) {
                v = v * 10 + (s[i] - '0');
            }
            return JsonNumber.ofLong(negative ? -v : v);
        }
        String literal = new String(s, start, stop - start, StandardCharsets.ISO_8859_1);
        if (integer) {
            try {
                return JsonNumber.ofLong(Long.parseLong(literal));
            } catch (NumberFormatException e) {
                if (!negative) {
                    try {
                        return JsonNumber.ofUnsigned(Long.parseUnsignedLong(literal));
                    } catch (NumberFormatException e2) {
                        // read as a double below
                    }
                }
            }
        }
        return JsonNumber.ofDouble(Double.parseDouble(literal));
    }

    /** Section 7, with QEMU's single quotes and {@code \'}. */
    private String string() throws JsonSyntaxException {
        int i = p + 1;
        int last = stringEnd(p);
        skipToken(last + 1 - p);
        // Fast path: printable ASCII without escapes.
        int j = i;
        while (j < last) {
            int b = s[j];
            if (b == '\\' || b < 0x20) {
                break;
            }
            j++;
        }
        if (j == last) {
            return new String(s, i, last - i, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = chars;
        sb.setLength(0);
        for (int k = i; k < j; k++) {
            sb.append((char) s[k]);
        }
        while (j < last) {
            int b = s[j] & 0xFF;
            if (b == '\\') {
                j = escape(j, last + 1, sb);
            } else if (b < 0x80) {
                sb.append((char) b);
                j++;
            } else {
                int n = Utf8.sequenceLength(b);
                if (n == 0 && b == 0xC0) {
                    n = 2;
                }
                int cp = n == 0 ? Utf8.INVALID : Utf8.decode(s, j, n, last);
                if (cp == Utf8.INVALID) {
                    throw error("invalid UTF-8 sequence in string");
                }
                sb.appendCodePoint(cp);
                j += n;
            }
        }
        return sb.toString();
    }

    /** One escape at {@code s[j] == '\\'}; {@code tokenLimit} is just past the closing quote. Returns where it ends. */
    private int escape(int j, int tokenLimit, StringBuilder sb) throws JsonSyntaxException {
        int c = s[j + 1] & 0xFF;
        char simple = switch (c) {
            case '"' -> '"';
            case '\'' -> '\'';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> 0;
        };
        if (simple != 0) {
            sb.append(simple);
            return j + 2;
        }
        if (c != 'u') {
            throw error("invalid escape sequence in string");
        }
        int unit = hex4(j + 2, tokenLimit);
        if (unit >= 0xD800 && unit <= 0xDBFF && j + 12 <= tokenLimit && s[j + 6] == '\\' && s[j + 7] == 'u') {
            int low = hex4(j + 8, tokenLimit);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                int cp = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                if (!Utf8.isAcceptedCharacter(cp)) {
                    throw badEscape(j, 12, tokenLimit);
                }
                sb.appendCodePoint(cp);
                return j + 12;
            }
        }
        if (unit < 0 || !Utf8.isAcceptedCharacter(unit)) {
            throw badEscape(j, 6, tokenLimit);
        }
        sb.append((char) unit);
        return j + 6;
    }

    /** The value of four hex digits at {@code s[q]}, or -1 when they are not four hex digits inside the token. */
    private int hex4(int q, int tokenLimit) {
        if (q + 4 > tokenLimit) {
            return -1;
        }
        int v = 0;
        for (int i = q; i < q + 4; i++) {
            int d = Character.digit(s[i], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private JsonSyntaxException badEscape(int j, int length, int tokenLimit) {
        int n = Math.min(length, tokenLimit - j);
        return error(Utf8.decodeForDisplay(s, j, n) + " is not a valid Unicode character");
    }

    /** The index of the closing quote of the string token at {@code start}. */
    private int stringEnd(int start) {
        int quote = s[start];
        int i = start + 1;
        while (true) {
            int b = s[i];
            if (b == '\\') {
                i += 2;
            } else if (b == quote) {
                return i;
            } else {
                i++;
            }
        }
    }

    /** The end of a number or name token (the reader put TOKEN_END after it). */
    private int tokenEnd(int start) {
        int i = start;
        while (s[i] != JsonMessageReader.TOKEN_END) {
            i++;
        }
        return i;
    }

    private boolean matches(int start, int stop, String word) {
        if (stop - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (s[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first byte of the next token, or -1 at the end of the text. */
    private int peek() {
        return p < end ? s[p] : -1;
    }

    /** Moves past a token of {@code length} bytes and the TOKEN_END after it. */
    private void skipToken(int length) {
        p += length + 1;
    }

    private void push(int kind, JsonValue container) {
        if (depth == kinds.length) {
            kinds = Arrays.copyOf(kinds, depth * 2);
            containers = Arrays.copyOf(containers, depth * 2);
            keys = Arrays.copyOf(keys, depth * 2);
        }
        kinds[depth] = kind;
        containers[depth] = container;
        depth++;
    }

    private JsonValue pop() {
        depth--;
        JsonValue v = containers[depth];
        containers[depth] = null;
        keys[depth] = null;
        return v;
    }

    private static JsonSyntaxException error(String what) {
        return new JsonSyntaxException(PREFIX + what);
    }
}
