package io.qtestjvm.server.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader and parser against what Debian's QEMU 7.2 answered over its QMP socket
 * ({@code qemu-system-x86_64 -M none -accel tcg -S -qmp unix:...}, each input sent after {@code qmp_capabilities},
 * then a second command to show that the stream recovered). Inputs are bytes, written as ISO-8859-1 strings; a
 * value QEMU echoed as a request's {@code id} is shown here as the parsed top-level value, errors as their desc.
 */
class JsonMessageReaderTest {
    private final List<String> out = new ArrayList<>();
    private final JsonMessageReader parser = new JsonMessageReader(
            (v, err) -> out.add(v != null ? "V " + JsonWriter.toJson(v) : "E " + err));

    private List<String> feed(String s) {
        return feed(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private List<String> feed(byte[] b) {
        out.clear();
        parser.feed(b, 0, b.length);
        return List.copyOf(out);
    }

    @Test
    void scalarsAtTopLevelAreValuesOnceTheirTokenEnds() {
        assertEquals(List.of(), feed("42"), "a number needs a following byte to end");
        assertEquals(List.of("V 42", "V true", "V \"s\""), feed(" true 's' "));
    }

    @Test
    void integersPickInt64ThenUint64ThenDouble() {
        assertEquals(List.of("V [-9223372036854775808, 18446744073709551615, 1.8446744073709552e+19, 0]"),
                feed("[-9223372036854775808, 18446744073709551615, 18446744073709551616, -0]"));
        assertEquals(List.of("V [0.10000000000000001, 1.0000000000000001e+300, 1.5, 100000]"),
                feed("[0.1, 1e300, 15e-1, 1E5]"));
    }

    @Test
    void strayBytesAreReportedAndSkippedUntilAStructuralCharacter() {
        assertEquals(List.of("E JSON parse error, stray '@'", "V {}"), feed("@abc {}"));
        assertEquals(List.of("E JSON parse error, stray 'X'", "V [1]"), feed("XYZ\n[1]"));
        // Recovery skips spaces and letters: only a structural or control character ends it.
        assertEquals(List.of("E JSON parse error, stray '01'", "E JSON parse error, expecting value"),
                feed("01 1.}"));
        assertEquals(List.of("E JSON parse error, stray '1.}'"), feed("\n1.}"));
    }

    @Test
    void partialValueIsDroppedAtAStrayByte() {
        // The ',' that ends recovery is a value of its own, hence the second error (as in QEMU).
        assertEquals(List.of("E JSON parse error, stray '\"ab\\u0001'", "E JSON parse error, expecting value",
                "V {\"k\": 1}"),
                feedAndShow("{\"a\": \"ab\u0001\" , {\"k\": 1}"));
    }

    private List<String> feedAndShow(String s) {
        List<String> r = feed(s);
        List<String> shown = new ArrayList<>();
        for (String line : r) {
            StringBuilder sb = new StringBuilder();
            for (char c : line.toCharArray()) {
                if (c < 0x20) {
                    sb.append(String.format("\\u%04X", (int) c));
                } else {
                    sb.append(c);
                }
            }
            shown.add(sb.toString());
        }
        return shown;
    }

    @Test
    void grammarErrorsUseQemuTexts() {
        assertEquals(List.of("E JSON parse error, missing : in object pair"), feed("{\"a\" 1}"));
        assertEquals(List.of("E JSON parse error, key is not a string in object"), feed("{1: 1}"));
        assertEquals(List.of("E JSON parse error, expecting value"), feed("{\"a\": }"));
        assertEquals(List.of("E JSON parse error, duplicate key"), feed("{\"a\": 1, \"a\": 2}"));
        assertEquals(List.of("E JSON parse error, expected separator in dict"), feed("{\"a\": 1 \"b\": 2}"));
        assertEquals(List.of("E JSON parse error, expected separator in list"), feed("[1 2]"));
        assertEquals(List.of("E JSON parse error, expecting value"), feed("[1,]"));
        assertEquals(List.of("E JSON parse error, expecting value"), feed("]"));
        assertEquals(List.of("E JSON parse error, invalid keyword 'nul'"), feed("[nul]"));
    }

    @Test
    void stringEscapesAndUnicode() {
        assertEquals(List.of("V [\"\\\"'/\\b\\f\\n\\r\\t\", \"\\u00E9\\uD83D\\uDE00\", \"\\u0000\"]"),
                feed("[\"\\\"\\'\\/\\b\\f\\n\\r\\t\", '\\u00e9\\ud83d\\ude00', \"\\u0000\"]"));
        byte[] utf8 = "[\"é\"]".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("V [\"\\u00E9\"]"), feed(utf8));
        assertEquals(List.of("E JSON parse error, invalid escape sequence in string"), feed("[\"\\x\"]"));
        assertEquals(List.of("E JSON parse error, \\uD800 is not a valid Unicode character"), feed("[\"\\uD800\"]"));
        assertEquals(List.of("E JSON parse error, invalid UTF-8 sequence in string"),
                feed(new byte[] {'[', '"', (byte) 0xC3, '"', ']'}));
    }

    @Test
    void nestingDeeperThan1024IsRefused() {
        assertEquals(List.of("E JSON nesting depth limit exceeded"), feed("[".repeat(1025)));
        assertEquals(List.of("V {}"), feed("{}"), "the stream goes on after the limit error");
    }

    @Test
    void resetForgetsAPartialValue() {
        feed("{\"execute\": ");
        parser.reset();
        assertEquals(List.of("V []"), feed("[]"));
    }

    /** A new connection, as each case was on QEMU. */
    private List<String> fresh(String s) {
        parser.reset();
        return feed(s);
    }

    private static final String P = "E JSON parse error, ";
    private static final String NO_VALUE = P + "expecting value";

    private static String stray(String text) {
        return P + "stray '" + text + "'";
    }

    @Test
    void namesAndNumbersEndAtTheFirstByteThatCannotContinue() {
        assertEquals(List.of("V 1", "V true"), fresh("1true "));
        assertEquals(List.of("V 1", P + "invalid keyword 'a'"), fresh("1a "));
        assertEquals(List.of("V 0", P + "invalid keyword 'x'", "V 10"), fresh("0x10 "));
        assertEquals(List.of("V \"a\"", "V 1"), fresh("\"a\"1 "));
        assertEquals(List.of("V [1]", "V 2"), fresh("[1]2 "));
        assertEquals(List.of("V {}", "V {}"), fresh("{}{} "));
        assertEquals(List.of("V 100000", stray(".")), fresh("1e5.5 "), "the '.' starts a token of its own");
    }

    @Test
    void numbersFollowRfc8259Section6Exactly() {
        assertEquals(List.of(stray("- ")), fresh("- "));
        assertEquals(List.of(stray("-a")), fresh("-a "));
        assertEquals(List.of(stray("01")), fresh("01 "));
        assertEquals(List.of(stray("00")), fresh("00 "));
        assertEquals(List.of(stray("-01")), fresh("-01 "));
        assertEquals(List.of(stray("1. ")), fresh("1. "));
        assertEquals(List.of(stray("1.a")), fresh("1.a "));
        assertEquals(List.of(stray(".")), fresh(".5 "));
        assertEquals(List.of(stray("+")), fresh("+1 "));
        assertEquals(List.of(stray("1e ")), fresh("1e "));
        assertEquals(List.of(stray("1e+ ")), fresh("1e+ "));
        assertEquals(List.of(stray("1ea")), fresh("1ea "));
        assertEquals(List.of(stray("0.0e ")), fresh("0.0e "));
        assertEquals(List.of(stray("1.]")), fresh("[1.]"));
        assertEquals(List.of(stray("1.e"), NO_VALUE), fresh("[1.e5]"));
        assertEquals(List.of(stray("-]")), fresh("[-]"));
        assertEquals(List.of(), fresh("-"));
        assertEquals(List.of(stray("-\n")), feed("\n"), "the byte after '-' decides, whenever it comes");
    }

    @Test
    void numberValuesAsQemuHoldsThem() {
        assertEquals(List.of("V [0, -0, 0, inf, -inf, 1e+30, -9.2233720368547758e+18, -9223372036854775808]"),
                fresh("[-0, -0.0, 0, 1E400, -1e400, 1000000000000000000000000000000, -9223372036854775809, "
                        + "-9223372036854775808]"));
        assertEquals(List.of("V [1.8446744073709552e+19, 18446744073709551615, 9223372036854775808, 0]"),
                fresh("[18446744073709551616, 18446744073709551615, 9223372036854775808, 1.5e-400]"));
        assertEquals(List.of("V [9.9998886718268301e-321, 100, 100, 1, 1234.5678912345679, 4.9406564584124654e-324]"),
                fresh("[1e-320, 1e2, 1E+2, 1.0, 123456789.123456789e-5, 5e-324]"));
        assertEquals(List.of("V [1.7976931348623157e+308, 9.9999999999999995e-07, 1e+21, 1e+20, 1e+20]"),
                fresh("[1.7976931348623157e308, 0.000001, 1e21, 1e20, 100000000000000000000.0]"));
    }

    @Test
    void literalNamesAreRunsOfLowerCaseLetters() {
        assertEquals(List.of(stray("T")), fresh("True "));
        assertEquals(List.of(P + "invalid keyword 'nulll'"), fresh("nulll "));
        assertEquals(List.of(P + "invalid keyword 'truex'"), fresh("truex "));
        assertEquals(List.of(P + "invalid keyword 'tru'"), fresh("tru "));
        assertEquals(List.of(stray("R"), NO_VALUE), fresh("[tRue]"));
        assertEquals(List.of(P + "invalid keyword 'nulltrue'"), fresh("[nulltrue]"));
        assertEquals(List.of("V [true, false, null]"), fresh("[true,false,null]"));
    }

    @Test
    void whitespaceIsRfc8259sFourBytes() {
        assertEquals(List.of("V 1"), fresh("\t1\r\n"));
        assertEquals(List.of(stray("\f"), NO_VALUE), fresh("\f1}"));
        assertEquals(List.of(stray("\u000b"), NO_VALUE), fresh("\u000b1}"));
        assertEquals(List.of(stray(""), NO_VALUE), fresh("\u00001}"), "the text of a NUL stops at the NUL");
        assertEquals(List.of(stray("%"), NO_VALUE), fresh("%d}"), "no interpolation on a monitor");
    }

    @Test
    void garbageIsSkippedUpToAStructuralOrControlByte() {
        assertEquals(List.of(stray("@"), "V {}"), fresh("@ \"x\" {}"));
        assertEquals(List.of(stray("@"), "V {}"), fresh("@ 1 {}"));
        assertEquals(List.of(stray("@"), "V {}"), fresh("@'x'{}"));
        assertEquals(List.of(stray("@"), "V {}"), fresh("@\u007f\u00c3{}"));
        assertEquals(List.of(stray("@")), fresh("@\u0080\u00c0\u00f8\u00fd1 "));
        assertEquals(List.of(stray("@"), stray("\ufffd")), fresh("@\u00fe1 "), "0xFE and 0xFF end the skipping");
        assertEquals(List.of(stray("@"), stray("\ufffd")), fresh("@ \u00ff1 "));
        assertEquals(List.of(stray("\"a\u0001"), stray("\ufffd")), fresh("\"a\u0001b\u00ffc\" "));
        assertEquals(List.of(stray("@")), fresh("@\t1 "), "tab does not end the skipping");
        assertEquals(List.of(stray("@"), "V 1"), fresh("@\r1 "));
        assertEquals(List.of(stray("@"), "V \"a\""), fresh("@\n\"a\" "));
        assertEquals(List.of(stray("@"), "V 1"), fresh("@\"a\n1 "));
        assertEquals(List.of(stray("@"), stray("\u0001"), "V {}"), fresh("@\u0001{}"));
        assertEquals(List.of(stray("@"), stray("\u001b")), fresh("@\u001b1 "));
        assertEquals(List.of(stray("@"), stray(""), "V {}"), fresh("@\u0000{}"));
        assertEquals(List.of(stray("@"), NO_VALUE), fresh("@ ]"));
        assertEquals(List.of(stray("@"), NO_VALUE), fresh("@ ,"));
        assertEquals(List.of(stray("@"), NO_VALUE), fresh("@ :"));
        assertEquals(List.of(stray("@"), NO_VALUE, NO_VALUE, "V {}"), fresh("{\"a\":[1, @ ]} {}"));
        assertEquals(List.of(stray("@"), NO_VALUE), fresh("{\"a\":1,\"a\":2,\"a\":@} "));
    }

    @Test
    void unterminatedStringsEndAtTheNextLineBreak() {
        assertEquals(List.of(), fresh("\"abc "));
        assertEquals(List.of(stray("\"abc \n"), "V {}"), feed("\n{}"));
        assertEquals(List.of(), fresh("{\"a\": \"unterminated"));
        assertEquals(List.of(stray("\"unterminated\n"), "V {}"), feed("\n{}"));
        assertEquals(List.of(), fresh("\"\\ud800\\\"}"), "an escaped quote does not end the string");
        assertEquals(List.of(stray("\"\\ud800\\\"}\n")), feed("\n"));
    }

    @Test
    void unbalancedClosersAreParsedAtOnce() {
        assertEquals(List.of(NO_VALUE, NO_VALUE, NO_VALUE), fresh("]]]"));
        assertEquals(List.of(NO_VALUE, NO_VALUE), fresh("}}"));
        assertEquals(List.of(NO_VALUE), fresh(","));
        assertEquals(List.of(NO_VALUE), fresh(":"));
        assertEquals(List.of("V {\"a\": 1}", NO_VALUE), fresh("{\"a\":1}}"));
        assertEquals(List.of("V [[1]]", NO_VALUE), fresh("[[1]]]"));
        assertEquals(List.of(NO_VALUE), fresh("[}"));
        assertEquals(List.of(NO_VALUE), fresh("{]"));
        assertEquals(List.of(P + "expected separator in list"), fresh("[1}"));
        assertEquals(List.of(P + "expected separator in dict"), fresh("{\"a\":1]"));
        assertEquals(List.of(), fresh("[1,2,3\n"), "an open array waits");
    }

    @Test
    void keyPositionAndDuplicateKeyOrder() {
        assertEquals(List.of(NO_VALUE), fresh("[1,]"));
        assertEquals(List.of(NO_VALUE), fresh("[,1]"));
        assertEquals(List.of(NO_VALUE), fresh("{\"a\":1,}"));
        assertEquals(List.of(NO_VALUE), fresh("{,}"));
        assertEquals(List.of(P + "missing : in object pair"), fresh("{\"a\"}"));
        assertEquals(List.of(P + "missing : in object pair"), fresh("{\"a\":1,\"b\"}"));
        assertEquals(List.of(P + "missing : in object pair"), fresh("{\"a\" 1 2}"));
        assertEquals(List.of(NO_VALUE), fresh("{\"a\":}"));
        assertEquals(List.of(NO_VALUE), fresh("{\"a\"::1}"));
        assertEquals(List.of(P + "key is not a string in object"), fresh("{null:1}"));
        assertEquals(List.of(P + "key is not a string in object"), fresh("{1.5:1}"));
        assertEquals(List.of(P + "key is not a string in object"), fresh("{{}:1}"));
        assertEquals(List.of(P + "key is not a string in object"), fresh("{[]:1}"));
        // A value in key position is read whole before it is refused, and a member's value before its key is
        // found to be a duplicate.
        assertEquals(List.of(P + "invalid keyword 'nul'"), fresh("{nul:1}"));
        assertEquals(List.of(P + "expected separator in list"), fresh("{[1 2]:1}"));
        assertEquals(List.of(P + "expected separator in list"), fresh("{\"a\":1,\"a\":[1 2]}"));
        assertEquals(List.of(P + "invalid keyword 'nul'"), fresh("{\"a\":1,\"a\":nul}"));
        assertEquals(List.of(P + "duplicate key"), fresh("{\"a\":1,\"b\":2,\"a\":3}"));
        assertEquals(List.of(P + "expected separator in dict"), fresh("{\"a\":1 2}"));
        assertEquals(List.of(P + "expected separator in dict"), fresh("{\"a\":1:2}"));
        assertEquals(List.of(P + "expected separator in list"), fresh("[1:2]"));
        assertEquals(List.of(P + "expected separator in list"), fresh("[\"a\" \"b\"]"));
        assertEquals(List.of(P + "expected separator in list"), fresh("[true false]"));
        assertEquals(List.of(P + "invalid keyword 'nul'"), fresh("[nul 1]"));
        assertEquals(List.of(P + "invalid escape sequence in string"), fresh("{\"\\x\":1}"));
        assertEquals(List.of("V {\"a\": {\"a\": 1}, \"b\": [{}]}"), fresh("{\"a\":{\"a\":1},\"b\":[{}]}"));
    }

    @Test
    void stringsAreCheckedByTheParserNotTheScanner() {
        assertEquals(List.of(stray("\"a\t")), fresh("\"a\tb\" "), "tab is a control character in a string");
        assertEquals(List.of(stray("\"a\n")), fresh("\"a\nb\" "));
        assertEquals(List.of(stray("\"a\u001f")), fresh("\"a\u001fb\" "));
        assertEquals(List.of(stray("\"ab")), fresh("\"ab\u0000cd\" "));
        assertEquals(List.of(stray("\"\u007f\u0001"), NO_VALUE), fresh("\"\u007f\u0001\"}"));
        assertEquals(List.of(stray("\"\\\u0001"), "V {}"), fresh("\"\\\u0001\" {}"));
        assertEquals(List.of(stray("\"\\\n"), "V {}"), fresh("\"\\\n\" {}"));
        assertEquals(List.of(stray("\"\\\ufffd"), "V {}"), fresh("\"\\\u00ff\" {}"));
        assertEquals(List.of(stray("\"\ufffd"), NO_VALUE), fresh("\"\u00ff\"}"));
        assertEquals(List.of(stray("\"\ufffd"), NO_VALUE), fresh("\"\u00fe\"}"));
        assertEquals(List.of(P + "invalid escape sequence in string", "V {}"), fresh("\"\\\u0080\" {}"));
        assertEquals(List.of(P + "invalid escape sequence in string", "V {}"), fresh("\"\\\u007f\" {}"));
        assertEquals(List.of(P + "invalid escape sequence in string"), fresh("\"\\a\" "));
        assertEquals(List.of(P + "invalid escape sequence in string"), fresh("\"\\U0041\" "));
        assertEquals(List.of("V [\"'\", \"'\", \"a\\\"b\", \"\\\"\", \"/\", \"\\u007F\"]"),
                fresh("['\\'', \"\\'\", 'a\"b', '\\\"', \"\\/\", \"\u007f\"]"));
        assertEquals(List.of("V \"\\\"\\\\\\b\\f\\n\\r\\t/\""), fresh("\"\\\"\\\\\\b\\f\\n\\r\\t/\" "));
        assertEquals(List.of("V \"'\""), fresh("'\\u0027' "));
    }

    @Test
    void unicodeEscapesAreCheckedAsWritten() {
        assertEquals(List.of(P + "\\u00\" is not a valid Unicode character"), fresh("\"\\u00\" "));
        assertEquals(List.of(P + "\\u0\" is not a valid Unicode character"), fresh("\"\\u0\" "));
        assertEquals(List.of(P + "\\u\" is not a valid Unicode character"), fresh("\"\\u\" "));
        assertEquals(List.of(P + "\\u12G4 is not a valid Unicode character"), fresh("\"\\u12G4\" "));
        assertEquals(List.of(P + "\\u0\u00e9\" is not a valid Unicode character"), fresh("\"\\u0\u00c3\u00a9\" "));
        assertEquals(List.of(P + "\\uDC00 is not a valid Unicode character"), fresh("\"\\uDC00\" "));
        assertEquals(List.of(P + "\\uDFFF is not a valid Unicode character"), fresh("\"\\uDFFF\" "));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("\"\\uD800\\u0041\" "));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("\"\\u0041\\uD800\" "));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("[\"\\uD800\\uD800\"]"));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("[\"\\uD800x\"]"));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("[\"\\uD800\\u\"]"));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("[\"\\uD800\\uDC0\"]"));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("[\"\\uD800\\uDC0G\"]"));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("[\"\\uD800\\uDBFF\"]"));
        assertEquals(List.of(P + "\\uD800 is not a valid Unicode character"), fresh("[\"\\uD800\u00c3\"]"));
        assertEquals(List.of(P + "\\udfff is not a valid Unicode character"), fresh("[\"\\udfff\\ud800\"]"));
        assertEquals(List.of(P + "\\ud800 is not a valid Unicode character"), fresh("[\"\\ud800\\uzzzz\"]"));
        assertEquals(List.of(P + "invalid escape sequence in string"), fresh("[\"\\x\\uD800\"]"));
        assertEquals(List.of(P + "invalid UTF-8 sequence in string"), fresh("[\"\u00c3\\x\"]"));
        assertEquals(List.of("V [\"\\uD83D\\uDE00\", \"\\u0000\", \"\\u00E9\\u00E9\", \"\\uD800\\uDC00\", "
                + "\"\\uFFFD\"]"),
                fresh("['\\uD83D\\uDE00', '\\u0000', '\\u00e9\\u00E9', '\\uD800\\uDC00', '\\uFFFD']"));
        assertEquals(List.of("V \"\\u007F\\u0080\\u07FF\\u0800\\uFDF0\""),
                fresh("\"\\u007f\\u0080\\u07FF\\u0800\\uFDF0\" "));
    }

    @Test
    void noncharactersAreRefused() {
        for (String nc : List.of("\\uFFFE", "\\uFFFF", "\\uFDD0", "\\uFDEF")) {
            assertEquals(List.of(P + nc + " is not a valid Unicode character"), fresh("\"" + nc + "\" "));
        }
        assertEquals(List.of(P + "\\uDBFF\\uDFFF is not a valid Unicode character"),
                fresh("[\"\\u00e9\\uDBFF\\uDFFF\"]"), "a pair naming a noncharacter is quoted whole");
        assertEquals(List.of(P + "\\uD83F\\uDFFE is not a valid Unicode character"), fresh("\"\\uD83F\\uDFFE\" "));
        assertEquals(List.of(P + "\\uDBFF\\uDFFE is not a valid Unicode character"), fresh("\"\\uDBFF\\uDFFE\" "));
        for (String bytes : List.of("\u00ef\u00bf\u00be", "\u00ef\u00b7\u0090", "\u00f4\u008f\u00bf\u00bf")) {
            assertEquals(List.of(P + "invalid UTF-8 sequence in string"), fresh("\"" + bytes + "\" "));
        }
    }

    @Test
    void utf8InStringsFollowsTheStandardPlusC080() {
        String[] refused = {"\u00c3", "\u00e9", "\u00c3(", "\u00e2\u0082", "\u00ed\u00a0\u0080", "\u00ed\u00bf\u00bf",
            "\u00f4\u0090\u0080\u0080", "\u00f5\u0080\u0080\u0080", "\u00f7", "\u00f8", "\u00fb", "\u00fc", "\u00fd",
            "\u00f8\u0088\u0080\u0080\u0080", "\u00c0", "\u00c1", "\u00c1\u00bf", "\u00c0\u0081",
            "\u00e0\u0080\u0080", "\u00e0\u009f\u00bf", "\u00f0\u0080\u0080\u0080", "\u007f\u0080"};
        for (String bytes : refused) {
            assertEquals(List.of(P + "invalid UTF-8 sequence in string"), fresh("\"" + bytes + "\" "),
                    () -> "bytes " + bytes.chars().mapToObj(Integer::toHexString).toList());
        }
        assertEquals(List.of("V [\"\\u00E9\", \"\\u0000\", \"\\uD83D\\uDE00\", \"\\uE000\", \"\\uD800\\uDC00\", "
                + "\"\\u0080\", \"\\u07FF\", \"\\u0800\"]"),
                fresh("[\"\u00c3\u00a9\", \"\u00c0\u0080\", \"\u00f0\u009f\u0098\u0080\", \"\u00ee\u0080\u0080\", "
                        + "\"\u00f0\u0090\u0080\u0080\", \"\u00c2\u0080\", \"\u00df\u00bf\", \"\u00e0\u00a0\u0080\"]"));
    }

    @Test
    void nonAsciiOutsideStringsIsStrayOneByteAtATime() {
        assertEquals(List.of(stray("\ufffd"), "V {}"), fresh("\u00ff {}"));
        assertEquals(List.of(stray("\ufffd"), "V {}"), fresh("\u0080 {}"));
        assertEquals(List.of(stray("\ufffd"), "V {}"), fresh("\u00c3\u00a9 {}"));
        assertEquals(List.of(stray("\ufffd"), "V []"), fresh("\u00c3\u00a9\u00c3\u00a9 []"));
        assertEquals(List.of(stray("\ufffd"), NO_VALUE), fresh("[\u00c3\u00a9]"));
    }

    @Test
    void strayTextShowsIllFormedBytesAsReplacementCharacters() {
        assertEquals(List.of(stray("\"\ufffd\u0001")), fresh("\"\u00e9\u0001"));
        assertEquals(List.of(stray("\"\ufffd\u0001")), fresh("\"\u00e2\u0082\u0001"));
        assertEquals(List.of(stray("\"\ufffd\u0001")), fresh("\"\u00f8\u0088\u0080\u0080\u0080\u0001"));
        assertEquals(List.of(stray("\"\ufffd\u0001")), fresh("\"\u00fc\u0084\u0080\u0080\u0080\u0080\u0001"));
        assertEquals(List.of(stray("\"\u0000\u0001")), fresh("\"\u00c0\u0080\u0001"));
        assertEquals(List.of(stray("\"\u00e9\u0001")), fresh("\"\u00c3\u00a9\u0001"));
        assertEquals(List.of(stray("\"\ufffd\u0001")), fresh("\"\u00ed\u00a0\u0080\u0001"));
        assertEquals(List.of(stray("\"\ufffd\u0001")), fresh("\"\u00ef\u00bf\u00be\u0001"));
        assertEquals(List.of(stray("\"\ufffd\u0001")), fresh("\"\u00e0\u0080\u0080\u0001"));
        assertEquals(List.of(stray("\"\ufffd\ufffd\u0001")), fresh("\"\u0080\u0081\u0001"));
        assertEquals(List.of(stray("\"\ufffd\u00e9\u0001")), fresh("\"\u00c3\u00c3\u00a9\u0001"));
    }

    @Test
    void nestingLimitCostsOneErrorPerSurplusCloser() {
        assertEquals(List.of("V " + "[".repeat(1024) + "]".repeat(1024)), fresh("[".repeat(1024) + "]".repeat(1024)));
        List<String> got = fresh("[".repeat(1025) + "]".repeat(1025) + " {}");
        assertEquals(1 + 1025 + 1, got.size());
        assertEquals("E JSON nesting depth limit exceeded", got.get(0));
        assertTrue(got.subList(1, 1026).stream().allMatch(NO_VALUE::equals));
        assertEquals("V {}", got.get(1026));
    }

    @Test
    void tokenCountLimit() {
        // 2 Mi tokens are accepted ('[', 2^20 - 1 pairs "1,", ']'), one more is not; the tokens after the error are
        // read afresh, here a lone ']'.
        assertEquals(List.of(NO_VALUE), fresh("[" + "1,".repeat((1 << 20) - 1) + "]"));
        assertEquals(List.of("E JSON token count limit exceeded", NO_VALUE), fresh("[" + "1,".repeat(1 << 20) + "]"));
        assertEquals(List.of("V {}"), feed("{}"));
    }

    /** Feeds {@code count} copies of {@code fill} in 64 KiB pieces, without ever holding them all. */
    private void feedRepeated(byte fill, long count) {
        byte[] piece = new byte[64 << 10];
        java.util.Arrays.fill(piece, fill);
        for (long left = count; left > 0; left -= piece.length) {
            parser.feed(piece, 0, (int) Math.min(left, piece.length));
            assertTrue(parser.heldBytes() <= JsonMessageReader.MAX_TEXT_BYTES + JsonMessageReader.MAX_TOKENS);
        }
    }

    @Test
    void tokenSizeLimitCostsAnErrorAndNoMemory() {
        // A 70 MiB string: one error when it ends, then its closing '}' alone, then the stream goes on.
        out.clear();
        parser.feed("{\"execute\": \"".getBytes(StandardCharsets.US_ASCII), 0, 13);
        feedRepeated((byte) 'a', 70L << 20);
        feed("\"} {}");
        assertEquals(List.of("E JSON token size limit exceeded", NO_VALUE, "V {}"), List.copyOf(out));
        assertTrue(parser.heldBytes() <= 64 << 10, "the buffer is let go after a huge text");
    }

    @Test
    void tokenSizeLimitIsSixtyFourMebibytesOfTokens() {
        // A top-level string token of 64 MiB - 1 bytes (quotes included) is a value; one byte more is too long.
        int limit = JsonMessageReader.MAX_TEXT_BYTES;
        fresh("\"");
        feedRepeated((byte) 'b', limit - 3);
        List<String> got = feed("\" ");
        assertEquals(1, got.size());
        assertEquals((long) limit - 3 + 4, got.get(0).length(), "V \"bbb...\"");
        fresh("\"");
        feedRepeated((byte) 'b', limit - 2);
        assertEquals(List.of("E JSON token size limit exceeded"), feed("\" "));
    }

    @Test
    void overLongStrayTokenIsReportedAsTooLong() {
        // QEMU would quote the whole 65 MiB back in the stray error; this reader reports the size limit instead.
        fresh("\"");
        feedRepeated((byte) 'c', 65L << 20);
        assertEquals(List.of("E JSON token size limit exceeded", "V {}"), feed("\n{}"));
    }
}
