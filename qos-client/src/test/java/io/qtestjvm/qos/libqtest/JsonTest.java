package io.qtestjvm.qos.libqtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's QMP reader: RFC 8259's grammar, QEMU's single quotes, and refusals that name what is wrong. */
class JsonTest {
    @Test
    void aQmpGreetingParsesIntoOrderedMapsAndLists() {
        Map<String, Object> m = Json.object("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
                + "\"major\": 7}, \"package\": \"Debian 1:7.2+dfsg-7\"}, \"capabilities\": [\"oob\"]}}\r\n");
        Map<?, ?> qmp = (Map<?, ?>) m.get("QMP");
        assertEquals(List.of("version", "capabilities"), new ArrayList<>(qmp.keySet()));
        Map<?, ?> qemu = (Map<?, ?>) ((Map<?, ?>) qmp.get("version")).get("qemu");
        assertEquals(List.of("micro", "minor", "major"), new ArrayList<>(qemu.keySet()), "members keep their order");
        assertEquals(7L, qemu.get("major"));
        assertEquals(List.of("oob"), qmp.get("capabilities"));
    }

    @Test
    void literalsAndEmptyContainers() {
        assertEquals(List.of(true, false, Map.of(), List.of()), Json.parse("[true,false,{},[]]"));
        assertNull(Json.parse(" null "));
        assertEquals(Arrays.asList(null, 1L), Json.parse("[ null , 1 ]"));
    }

    @Test
    void integersAreLongsAndBigIntegersBeyondTheirRange() {
        assertEquals(0L, Json.parse("0"));
        assertEquals(-42L, Json.parse("-42"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(new BigInteger("18446744073709551615"), Json.parse("18446744073709551615"), "a uint64");
        assertEquals(new BigInteger("-9223372036854775809"), Json.parse("-9223372036854775809"));
        assertInstanceOf(Long.class, Json.parse("123456789012345678"));
    }

    @Test
    void aFractionOrAnExponentMakesADouble() {
        assertEquals(1.5, Json.parse("1.5"));
        assertEquals(-0.25, Json.parse("-2.5e-1"));
        assertEquals(1e300, Json.parse("1E+300"));
        assertEquals(100.0, Json.parse("1e2"));
        assertEquals(-0.0, Json.parse("-0.0"));
    }

    @Test
    void stringEscapesOfSection7() {
        assertEquals("\" \\ / \b \f \n \r \t", Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
        assertEquals("A\u00e9\u20ac", Json.parse("\"\\u0041\\u00E9\\u20ac\""));
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""), "a surrogate pair, escaped");
        assertEquals("h\u00e9llo", Json.parse("\"h\u00e9llo\""), "characters beyond ASCII as they are");
        assertEquals("", Json.parse("\"\""));
    }

    @Test
    void singleQuotedStringsAsQemuAcceptsThem() {
        assertEquals(Map.of("execute", "qmp_capabilities"), Json.parse("{'execute': 'qmp_capabilities'}"));
        assertEquals("say \"hi\"", Json.parse("'say \"hi\"'"), "a double quote stands for itself");
        assertEquals("it's", Json.parse("'it\\'s'"));
        assertEquals("it's", Json.parse("\"it\\'s\""));
    }

    @Test
    void aRepeatedMemberKeepsItsLastValue() {
        assertEquals(Map.of("a", 2L), Json.parse("{\"a\": 1, \"a\": 2}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "[1,", "[1 2]", "{\"a\" 1}", "{\"a\": 1,}", "[1,]", "{a: 1}", "tru",
        "nul", "01", "-", "1.", ".5", "1e", "+1", "\"open", "\"bad \\x escape\"", "\"\\u12g4\"", "\"\\u12\"",
        "\"tab\there\"", "{} {}", "[] x", "'unclosed", "@"})
    void malformedTextIsRefusedWithAnIllegalArgumentException(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains("JSON"), e.getMessage());
    }

    @Test
    void aRefusalSaysWhatAndWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2 3]"));
        assertEquals("invalid JSON: ',' or ']' expected at offset 6 in: [1, 2 3]", e.getMessage());
    }

    @Test
    void nestingIsBoundedInsteadOfExhaustingTheStack() {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object v = Json.parse(deepest);
        for (int i = 1; i < Json.MAX_DEPTH; i++) {
            v = ((List<?>) v).getFirst();
        }
        assertEquals(List.of(), v);
        String tooDeep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(tooDeep));
        assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), e.getMessage());
        String objects = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
        assertThrows(IllegalArgumentException.class, () -> Json.parse(objects));
    }

    @Test
    void objectRefusesAValueThatIsNotAnObject() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.object("[1]"));
        assertEquals("not a JSON object: [1]", e.getMessage());
    }
}
