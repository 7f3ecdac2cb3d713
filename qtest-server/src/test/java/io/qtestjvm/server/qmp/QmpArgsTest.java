package io.qtestjvm.server.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class QmpArgsTest {
    private static String fails(Executable e) {
        QmpError err = assertThrows(QmpError.class, e);
        assertEquals(QmpErrorClass.GenericError, err.errorClass());
        return err.desc();
    }

    private static QmpArgs args(String json) {
        List<JsonValue> got = new java.util.ArrayList<>();
        JsonMessageReader p = new JsonMessageReader((v, err) -> got.add(v));
        byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        p.feed(b, 0, b.length);
        return QmpArgs.of((JsonObject) got.get(0));
    }

    @Test
    void missingWrongTypeAndUnexpectedMembers() {
        assertEquals("Parameter 'driver' is missing", fails(() -> args("{}").requiredString("driver")));
        assertEquals("Invalid parameter type for 'driver', expected: string",
                fails(() -> args("{\"driver\": 1}").requiredString("driver")));
        assertEquals("Invalid parameter type for 'abstract', expected: boolean",
                fails(() -> args("{\"abstract\": \"yes\"}").optionalBool("abstract", false)));
        assertEquals("Invalid parameter type for 'size', expected: integer",
                fails(() -> args("{\"size\": 1.5}").requiredInt("size")));
        QmpArgs a = args("{\"id\": \"d0\", \"bogus\": true}");
        assertEquals("d0", a.requiredString("id"));
        assertEquals("Parameter 'bogus' is unexpected", fails(a::end));
    }

    @Test
    void nestedAndListNamesAreQualified() {
        QmpArgs a = args("{\"opts\": {\"x\": [\"a\", 2]}}");
        QmpArgs opts = a.requiredObject("opts");
        assertEquals("Invalid parameter type for 'opts.x[1]', expected: string",
                fails(() -> opts.optionalStringList("x")));
        QmpArgs b = args("{\"opts\": {\"y\": 1}}");
        assertEquals("Parameter 'opts.y' is unexpected", fails(() -> b.requiredObject("opts").end()));
        assertEquals("Parameter 'opts.z' is missing", fails(() -> args("{\"opts\": {}}").requiredObject("opts")
                .requiredInt("z")));
    }

    @Test
    void integerRanges() {
        assertEquals(-1L, args("{\"size\": -1}").requiredUint64("size"), "negative accepted for compatibility");
        assertEquals(-1L, args("{\"size\": 18446744073709551615}").requiredUint64("size"));
        assertEquals("Parameter 'size' expects uint64", fails(() -> args("{\"size\": \"1\"}").requiredUint64("size")));
        assertEquals("Parameter 'n' expects int32_t",
                fails(() -> args("{\"n\": 2147483648}").requiredIntRange("n", Integer.MIN_VALUE, Integer.MAX_VALUE,
                        "int32_t")));
        assertEquals("Parameter 'n' expects uint8_t", fails(() -> args("{\"n\": 256}").requiredUintRange("n", 255,
                "uint8_t")));
    }

    @Test
    void enumValues() {
        assertEquals("Parameter 'mode' does not accept value 'x'",
                fails(() -> args("{\"mode\": \"x\"}").requiredEnum("mode", List.of("a", "b"))));
        assertEquals(List.of("oob"), args("{\"enable\": [\"oob\"]}").optionalEnumList("enable", List.of("oob")));
        assertEquals(null, args("{}").optionalEnumList("enable", List.of("oob")));
    }
}
