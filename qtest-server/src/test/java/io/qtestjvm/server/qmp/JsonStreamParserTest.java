package io.qtestjvm.server.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStreamParserTest {
    private final List<String> out = new ArrayList<>();
    private final JsonStreamParser parser = new JsonStreamParser(
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
}
