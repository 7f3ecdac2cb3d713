package io.qtestjvm.server.qmp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * QEMU's JSON message stream: the lexer of qobject/json-lexer.c feeding the streamer of qobject/json-streamer.c.
 * Bytes may arrive in any chunks. Tokens are collected until the braces and brackets seen balance (or go
 * negative); then the collected tokens are parsed as one value ({@link JsonTokenParser}) and reported. A byte the
 * lexer cannot accept is reported at once as "JSON parse error, stray '...'", the collected tokens are dropped and
 * the lexer skips input until a structural character or a control character (other than tab), as QEMU's
 * {@code IN_RECOVERY} state does; so garbage costs exactly one error reply and the next value parses normally.
 *
 * <p>Extensions over RFC 8259 that QEMU accepts are accepted: single-quoted strings, {@code \'} escapes. The
 * lexer treats every {@code [a-z]+} as a keyword and leaves rejecting unknown ones to the parser. Interpolation
 * ({@code %d} and friends) is only for QEMU's internal use and is off here, as on a monitor.
 */
public final class JsonStreamParser {
    /** Receives each complete value, or the error that replaced it. Exactly one argument is non-null. */
    public interface Listener {
        void onMessage(JsonValue value, String error);
    }

    // Limits of json-streamer.c.
    static final long MAX_TOKEN_SIZE = 64L << 20;
    static final int MAX_TOKEN_COUNT = 2 << 20;
    static final int MAX_NESTING = 1 << 10;

    // Token types (JSONTokenType).
    static final int T_ERROR = 0;
    static final int T_LCURLY = 100;
    static final int T_RCURLY = 101;
    static final int T_LSQUARE = 102;
    static final int T_RSQUARE = 103;
    static final int T_COLON = 104;
    static final int T_COMMA = 105;
    static final int T_INTEGER = 106;
    static final int T_FLOAT = 107;
    static final int T_KEYWORD = 108;
    static final int T_STRING = 109;

    // Lexer states (json_lexer_state); IN_RECOVERY follows JSON_ERROR as in QEMU.
    private static final int IN_RECOVERY = 1;
    private static final int IN_DQ_STRING_ESCAPE = 2;
    private static final int IN_DQ_STRING = 3;
    private static final int IN_SQ_STRING_ESCAPE = 4;
    private static final int IN_SQ_STRING = 5;
    private static final int IN_ZERO = 6;
    private static final int IN_EXP_DIGITS = 7;
    private static final int IN_EXP_SIGN = 8;
    private static final int IN_EXP_E = 9;
    private static final int IN_MANTISSA = 10;
    private static final int IN_MANTISSA_DIGITS = 11;
    private static final int IN_DIGITS = 12;
    private static final int IN_SIGN = 13;
    private static final int IN_KEYWORD = 14;
    private static final int IN_START = 15;

    /** Set on a transition that does not consume the byte (the TERMINAL/LOOKAHEAD of the C table). */
    private static final int LOOKAHEAD = 0x1000;

    /** A lexed token: its type and its exact bytes. */
    record Token(int type, byte[] text) {
    }

    private final Listener listener;
    private int state = IN_START;
    private byte[] tok = new byte[64];
    private int tokLen;

    private final List<Token> tokens = new ArrayList<>();
    private int braceCount;
    private int bracketCount;
    private long tokenSize;

    public JsonStreamParser(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            feedByte(buf[i] & 0xFF);
        }
    }

    public void feed(ByteBuffer buf) {
        while (buf.hasRemaining()) {
            feedByte(buf.get() & 0xFF);
        }
    }

    /** Drops any partial value and lexer state (QEMU re-initialises the parser on CHR_EVENT_CLOSED). */
    public void reset() {
        state = IN_START;
        tokLen = 0;
        tokens.clear();
        braceCount = 0;
        bracketCount = 0;
        tokenSize = 0;
    }

    /** json_lexer_feed_char without flush. */
    private void feedByte(int b) {
        boolean consumed = false;
        while (!consumed) {
            int next = transition(state, b);
            consumed = (next & LOOKAHEAD) == 0;
            next &= ~LOOKAHEAD;
            if (consumed) {
                append(b);
            }
            switch (next) {
                case T_LCURLY, T_RCURLY, T_LSQUARE, T_RSQUARE, T_COLON, T_COMMA, T_INTEGER, T_FLOAT, T_KEYWORD,
                     T_STRING -> {
                    processToken(next);
                    tokLen = 0;
                    next = IN_START;
                }
                case IN_START -> tokLen = 0;
                case T_ERROR -> {
                    processToken(T_ERROR);
                    next = IN_RECOVERY;
                    tokLen = 0;
                }
                case IN_RECOVERY -> tokLen = 0;
                default -> {
                }
            }
            state = next;
        }
        if (tokLen > MAX_TOKEN_SIZE) {
            // json-lexer.c: a single over-long token is cut off and handed on as it stands.
            processToken(state);
            tokLen = 0;
            state = IN_START;
        }
    }

    private void append(int b) {
        if (tokLen == tok.length) {
            tok = java.util.Arrays.copyOf(tok, tok.length * 2);
        }
        tok[tokLen++] = (byte) b;
    }

    /** The transition table of json-lexer.c (without interpolation), as code. */
    private static int transition(int state, int b) {
        switch (state) {
            case IN_RECOVERY:
                if (b == '\t') {
                    return IN_RECOVERY;
                }
                if (b < 0x20 || b >= 0xFE || b == '[' || b == ']' || b == '{' || b == '}' || b == ':'
                        || b == ',') {
                    return IN_START | LOOKAHEAD;
                }
                return IN_RECOVERY;
            case IN_DQ_STRING_ESCAPE:
                return b >= 0x20 && b <= 0xFD ? IN_DQ_STRING : T_ERROR;
            case IN_DQ_STRING:
                if (b == '\\') {
                    return IN_DQ_STRING_ESCAPE;
                }
                if (b == '"') {
                    return T_STRING;
                }
                return b >= 0x20 && b <= 0xFD ? IN_DQ_STRING : T_ERROR;
            case IN_SQ_STRING_ESCAPE:
                return b >= 0x20 && b <= 0xFD ? IN_SQ_STRING : T_ERROR;
            case IN_SQ_STRING:
                if (b == '\\') {
                    return IN_SQ_STRING_ESCAPE;
                }
                if (b == '\'') {
                    return T_STRING;
                }
                return b >= 0x20 && b <= 0xFD ? IN_SQ_STRING : T_ERROR;
            case IN_ZERO:
                if (isDigit(b)) {
                    return T_ERROR;
                }
                return b == '.' ? IN_MANTISSA : T_INTEGER | LOOKAHEAD;
            case IN_EXP_DIGITS:
                return isDigit(b) ? IN_EXP_DIGITS : T_FLOAT | LOOKAHEAD;
            case IN_EXP_SIGN:
                return isDigit(b) ? IN_EXP_DIGITS : T_ERROR;
            case IN_EXP_E:
                if (b == '-' || b == '+') {
                    return IN_EXP_SIGN;
                }
                return isDigit(b) ? IN_EXP_DIGITS : T_ERROR;
            case IN_MANTISSA_DIGITS:
                if (isDigit(b)) {
                    return IN_MANTISSA_DIGITS;
                }
                return b == 'e' || b == 'E' ? IN_EXP_E : T_FLOAT | LOOKAHEAD;
            case IN_MANTISSA:
                return isDigit(b) ? IN_MANTISSA_DIGITS : T_ERROR;
            case IN_DIGITS:
                if (isDigit(b)) {
                    return IN_DIGITS;
                }
                if (b == 'e' || b == 'E') {
                    return IN_EXP_E;
                }
                return b == '.' ? IN_MANTISSA : T_INTEGER | LOOKAHEAD;
            case IN_SIGN:
                if (b == '0') {
                    return IN_ZERO;
                }
                return b >= '1' && b <= '9' ? IN_DIGITS : T_ERROR;
            case IN_KEYWORD:
                return b >= 'a' && b <= 'z' ? IN_KEYWORD : T_KEYWORD | LOOKAHEAD;
            case IN_START:
                return switch (b) {
                    case '"' -> IN_DQ_STRING;
                    case '\'' -> IN_SQ_STRING;
                    case '0' -> IN_ZERO;
                    case '-' -> IN_SIGN;
                    case '{' -> T_LCURLY;
                    case '}' -> T_RCURLY;
                    case '[' -> T_LSQUARE;
                    case ']' -> T_RSQUARE;
                    case ',' -> T_COMMA;
                    case ':' -> T_COLON;
                    case ' ', '\t', '\r', '\n' -> IN_START;
                    default -> {
                        if (b >= '1' && b <= '9') {
                            yield IN_DIGITS;
                        }
                        yield b >= 'a' && b <= 'z' ? IN_KEYWORD : T_ERROR;
                    }
                };
            default:
                throw new IllegalStateException("lexer state " + state + " is not a state");
        }
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** json_message_process_token. */
    private void processToken(int type) {
        switch (type) {
            case T_LCURLY -> braceCount++;
            case T_RCURLY -> braceCount--;
            case T_LSQUARE -> bracketCount++;
            case T_RSQUARE -> bracketCount--;
            case T_ERROR -> {
                emit(null, "JSON parse error, stray '" + ModifiedUtf8.decodeLenient(tok, 0, tokLen) + "'");
                return;
            }
            default -> {
            }
        }
        if (tokenSize + tokLen + 1 > MAX_TOKEN_SIZE) {
            emit(null, "JSON token size limit exceeded");
            return;
        }
        if (tokens.size() + 1 > MAX_TOKEN_COUNT) {
            emit(null, "JSON token count limit exceeded");
            return;
        }
        if (bracketCount + braceCount > MAX_NESTING) {
            emit(null, "JSON nesting depth limit exceeded");
            return;
        }
        tokens.add(new Token(type, java.util.Arrays.copyOf(tok, tokLen)));
        tokenSize += tokLen;
        if ((braceCount > 0 || bracketCount > 0) && braceCount >= 0 && bracketCount >= 0) {
            return;
        }
        JsonTokenParser parser = new JsonTokenParser(tokens);
        JsonValue value = parser.parse();
        emit(value, value == null ? parser.error() : null);
    }

    private void emit(JsonValue value, String error) {
        braceCount = 0;
        bracketCount = 0;
        tokens.clear();
        tokenSize = 0;
        listener.onMessage(value, error);
    }
}
