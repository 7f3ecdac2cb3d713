package io.qtestjvm.server.qmp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts a QMP byte stream into JSON texts (RFC 8259) and hands each one, parsed, to a {@link Listener}. Bytes may
 * arrive in any chunks; the reader looks at one byte at a time, recognises the tokens of RFC 8259 section 2
 * (structural characters), section 3 (literal names), section 6 (numbers) and section 7 (strings), and copies each
 * finished token into the text being assembled. A text ends at the token that closes its outermost object or
 * array, or at a scalar token outside any container; it is then parsed by {@link JsonTextParser}.
 *
 * <p>What QEMU 7.2's monitor does with its byte stream, observed over its QMP socket and reproduced here (pinning
 * tests in {@code JsonMessageReaderTest} unless named otherwise):
 * <ul>
 * <li>Strings may be quoted with {@code '} as well as {@code "}; inside a string every byte but the closing quote,
 *     a backslash, a control character (below 0x20, tab included) and the bytes 0xFE and 0xFF is content. A
 *     backslash takes the next byte along unless that is a control character or 0xFE/0xFF; escapes are only
 *     checked by the parser ({@code stringsAreCheckedByTheParserNotTheScanner}).</li>
 * <li>A literal name is any run of {@code a}-{@code z}; a number follows RFC 8259 section 6 exactly. Both end at
 *     the first byte that cannot continue them, which then starts the next token: {@code 1true} is two texts, and
 *     a number or name at the top level is only complete once the byte after it has arrived
 *     ({@code scalarsAtTopLevelAreValuesOnceTheirTokenEnds},
 *     {@code namesAndNumbersEndAtTheFirstByteThatCannotContinue}).</li>
 * <li>Whitespace is RFC 8259's four bytes; form feed, vertical tab, other control bytes, upper-case letters,
 *     {@code +}, {@code .}, {@code %} and every byte from 0x80 are refused outside strings.</li>
 * <li>A byte that no token can take costs exactly one error, "JSON parse error, stray '<the token so far and that
 *     byte>'" (the text stops at a NUL byte, as a C string would, and invalid UTF-8 in it shows as U+FFFD). The
 *     text being assembled is dropped, and the following bytes are skipped up to a structural character, a
 *     control character other than tab, or one of the bytes 0xFE and 0xFF, which is then read normally
 *     ({@code garbageIsSkippedUpToAStructuralOrControlByte}).</li>
 * <li>A closing bracket with no opener (or a closer of the other kind that makes a count negative) ends the text
 *     at once, so that the parser reports it ({@code unbalancedClosersAreParsedAtOnce}).</li>
 * <li>Limits (RFC 8259 section 9 lets a parser set them): nesting deeper than 1024 open objects and arrays
 *     together, "JSON nesting depth limit exceeded"; the tokens of one text adding up to 64 MiB, "JSON token size
 *     limit exceeded"; more than 2 Mi tokens, "JSON token count limit exceeded". The error replaces the text, the
 *     counts start again from zero and the tokens that follow are read as new texts, so an over-deep or
 *     over-long request costs one error per surplus closer ({@code nestingDeeperThan1024IsRefused},
 *     {@code tokenSizeLimitCostsAnErrorAndNoMemory}, {@code tokenCountLimit}).</li>
 * </ul>
 * The bytes of an over-long text are counted, not kept: past the size limit the reader only tracks where the token
 * ends, so memory stays bounded by the limit whatever a client sends. One consequence departs from QEMU: a
 * single token longer than the limit that ends in a stray byte is reported as "JSON token size limit exceeded",
 * where QEMU quotes all of its bytes back ({@code overLongStrayTokenIsReportedAsTooLong}).
 */
public final class JsonMessageReader {
    /** Receives each complete value, or the error that replaced it. Exactly one argument is non-null. */
    public interface Listener {
        void onMessage(JsonValue value, String error);
    }

    /** The lengths of a text's tokens, added up, must stay below this: the token that would reach it fails. */
    static final int MAX_TEXT_BYTES = 64 << 20;
    /** The most tokens one text may have. */
    static final int MAX_TOKENS = 2 << 20;
    /** Open objects and arrays together. */
    static final int MAX_DEPTH = 1024;

    private static final int INITIAL_CAPACITY = 1024;
    /** Marks the end of each token in {@link #text}; never part of a token outside a string. */
    static final byte TOKEN_END = ' ';

    // What the byte at hand belongs to.
    private static final int BETWEEN_TOKENS = 0;
    private static final int IN_STRING = 1;
    private static final int IN_NUMBER = 2;
    private static final int IN_NAME = 3;
    private static final int SKIPPING = 4;

    private final Listener listener;
    private final JsonTextParser parser = new JsonTextParser();

    private int mode = BETWEEN_TOKENS;
    /** In a number: the position in its grammar ({@link NumberSyntax}). */
    private int numberState;
    /** In a string: its quote byte, and whether a backslash waits for the byte it escapes. */
    private int quote;
    private boolean escaped;

    /** Finished tokens of the current text, each followed by {@link #TOKEN_END}, then the token being read. */
    private byte[] text = new byte[INITIAL_CAPACITY];
    private int textLength;
    private int tokenStart;
    /** Bytes of the current token beyond {@link #text}'s bound, counted but not kept. */
    private long droppedBytes;
    /** The lengths of the finished tokens of the current text, added up (the measure of the size limit). */
    private long tokenBytes;
    private int tokenCount;
    private int openObjects;
    private int openArrays;

    public JsonMessageReader(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (mode == IN_STRING && !escaped) {
                int run = plainRun(buf, i, end);
                if (run > 0) {
                    storeRun(buf, i, run);
                    i += run;
                    continue;
                }
            }
            accept(buf[i++] & 0xFF);
        }
    }

    public void feed(ByteBuffer buf) {
        if (buf.hasArray()) {
            feed(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            buf.position(buf.limit());
            return;
        }
        while (buf.hasRemaining()) {
            accept(buf.get() & 0xFF);
        }
    }

    /** How many bytes from {@code buf[i]} are plain string content (see {@link #stringByte}). */
    private int plainRun(byte[] buf, int i, int end) {
        int j = i;
        while (j < end) {
            int b = buf[j] & 0xFF;
            if (b < 0x20 || b >= 0xFE || b == '\\' || b == quote) {
                break;
            }
            j++;
        }
        return j - i;
    }

    /** {@link #store} for a run of string content at once. */
    private void storeRun(byte[] buf, int i, int n) {
        if (droppedBytes > 0) {
            droppedBytes += n;
        } else if (!exceedsSizeLimit(textLength - tokenStart + n)) {
            if (textLength + n > text.length) {
                text = Arrays.copyOf(text, Math.min(MAX_TEXT_BYTES + MAX_TOKENS,
                        Math.max(textLength + n, text.length * 2)));
            }
            System.arraycopy(buf, i, text, textLength, n);
            textLength += n;
        } else {
            for (int k = i; k < i + n; k++) {
                store(buf[k] & 0xFF);
            }
        }
    }

    /** The bytes the reader holds now (bounded by the limits, whatever the input). */
    int heldBytes() {
        return text.length;
    }

    /** Forgets a partial text and any partial token (a new connection starts clean). */
    public void reset() {
        mode = BETWEEN_TOKENS;
        escaped = false;
        dropText();
    }

    private void accept(int b) {
        switch (mode) {
            case IN_STRING -> stringByte(b);
            case IN_NUMBER -> numberByte(b);
            case IN_NAME -> nameByte(b);
            case SKIPPING -> skippedByte(b);
            default -> firstByte(b);
        }
    }

    /** RFC 8259 section 2: whitespace, structural characters, or the first byte of a value token. */
    private void firstByte(int b) {
        switch (b) {
            case ' ', '\t', '\n', '\r' -> { }
            case '{', '}', '[', ']', ',', ':' -> {
                store(b);
                tokenDone(b);
            }
            case '"', '\'' -> {
                store(b);
                quote = b;
                escaped = false;
                mode = IN_STRING;
            }
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    store(b);
                    numberState = NumberSyntax.next(NumberSyntax.START, b);
                    mode = IN_NUMBER;
                } else if (b >= 'a' && b <= 'z') {
                    store(b);
                    mode = IN_NAME;
                } else {
                    stray(b);
                }
            }
        }
    }

    /** RFC 8259 section 7, loosened as QEMU has it: see the class comment. */
    private void stringByte(int b) {
        if (b < 0x20 || b >= 0xFE) {
            stray(b);
            return;
        }
        store(b);
        if (escaped) {
            escaped = false;
        } else if (b == '\\') {
            escaped = true;
        } else if (b == quote) {
            mode = BETWEEN_TOKENS;
            tokenDone(quote);
        }
    }

    /** RFC 8259 section 6. */
    private void numberByte(int b) {
        int next = NumberSyntax.next(numberState, b);
        if (next >= 0) {
            store(b);
            numberState = next;
        } else if (next == NumberSyntax.REFUSED && NumberSyntax.isComplete(numberState)) {
            mode = BETWEEN_TOKENS;
            tokenDone('0');
            firstByte(b);
        } else {
            stray(b);
        }
    }

    /** RFC 8259 section 3: the name is checked against true/false/null by the parser. */
    private void nameByte(int b) {
        if (b >= 'a' && b <= 'z') {
            store(b);
        } else {
            mode = BETWEEN_TOKENS;
            tokenDone('a');
            firstByte(b);
        }
    }

    /** After a stray byte: skip to structure, a control byte other than tab, or a byte UTF-8 never uses. */
    private void skippedByte(int b) {
        boolean resumes = switch (b) {
            case '{', '}', '[', ']', ',', ':' -> true;
            default -> (b < 0x20 && b != '\t') || b >= 0xFE;
        };
        if (resumes) {
            mode = BETWEEN_TOKENS;
            firstByte(b);
        }
    }

    /** Appends a byte of the current token, or only counts it once the token cannot fit the text's limit. */
    private void store(int b) {
        if (droppedBytes > 0 || exceedsSizeLimit(textLength - tokenStart + 1)) {
            droppedBytes++;
            return;
        }
        append(b);
    }

    /** Whether a token of {@code tokenLength} bytes would take the text past its size limit. */
    private boolean exceedsSizeLimit(long tokenLength) {
        return tokenBytes + tokenLength + 1 > MAX_TEXT_BYTES;
    }

    private void append(int b) {
        if (textLength == text.length) {
            text = Arrays.copyOf(text, Math.min(MAX_TEXT_BYTES + MAX_TOKENS, text.length * 2));
        }
        text[textLength++] = (byte) b;
    }

    /**
     * A token has ended; {@code kind} is its first byte for structure, a quote for strings, '0' for numbers and
     * 'a' for names.
     */
    private void tokenDone(int kind) {
        switch (kind) {
            case '{' -> openObjects++;
            case '}' -> openObjects--;
            case '[' -> openArrays++;
            case ']' -> openArrays--;
            default -> { }
        }
        int length = textLength - tokenStart;
        if (droppedBytes > 0 || exceedsSizeLimit(length)) {
            fail("JSON token size limit exceeded");
            return;
        }
        if (tokenCount + 1 > MAX_TOKENS) {
            fail("JSON token count limit exceeded");
            return;
        }
        if (openObjects + openArrays > MAX_DEPTH) {
            fail("JSON nesting depth limit exceeded");
            return;
        }
        append(TOKEN_END);
        tokenBytes += length;
        tokenCount++;
        tokenStart = textLength;
        if (openObjects < 0 || openArrays < 0 || (openObjects == 0 && openArrays == 0)) {
            JsonValue value;
            String error = null;
            try {
                value = parser.parse(text, textLength);
            } catch (JsonSyntaxException e) {
                value = null;
                error = e.getMessage();
            }
            dropText();
            listener.onMessage(value, error);
        }
    }

    /** A byte no token can take: report the token so far with it, drop the text, skip what follows. */
    private void stray(int b) {
        if (b != 0) {
            store(b);
        }
        if (droppedBytes > 0) {
            fail("JSON token size limit exceeded");
        } else {
            fail("JSON parse error, stray '" + Utf8.decodeForDisplay(text, tokenStart, textLength - tokenStart) + "'");
        }
        mode = SKIPPING;
    }

    private void fail(String error) {
        dropText();
        listener.onMessage(null, error);
    }

    private void dropText() {
        if (text.length > INITIAL_CAPACITY * 64) {
            text = new byte[INITIAL_CAPACITY];
        }
        textLength = 0;
        tokenStart = 0;
        droppedBytes = 0;
        tokenBytes = 0;
        tokenCount = 0;
        openObjects = 0;
        openArrays = 0;
    }
}
