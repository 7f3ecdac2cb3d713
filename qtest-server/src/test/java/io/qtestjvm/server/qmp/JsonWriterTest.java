package io.qtestjvm.server.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void membersComeOutInQdictBucketOrder() {
        // Inserted in QAPI schema order; QEMU prints them as the transcripts show.
        JsonObject triple = new JsonObject().put("major", 7).put("minor", 2).put("micro", 22);
        assertEquals("{\"micro\": 22, \"minor\": 2, \"major\": 7}", JsonWriter.toJson(triple));
        JsonObject status = new JsonObject().put("running", true).put("singlestep", false).put("status", "running");
        assertEquals("{\"status\": \"running\", \"singlestep\": false, \"running\": true}", JsonWriter.toJson(status));
    }

    @Test
    void sameBucketMembersComeOutNewestFirstAndReplacingKeepsThePlace() {
        JsonObject o = new JsonObject().put("micro", 1).put("minor", 2);
        assertEquals("{\"minor\": 2, \"micro\": 1}", JsonWriter.toJson(o));
        o.put("micro", 3);
        assertEquals("{\"minor\": 2, \"micro\": 3}", JsonWriter.toJson(o));
        o.remove("minor");
        assertEquals("{\"micro\": 3}", JsonWriter.toJson(o));
    }

    @Test
    void bucketIsTdbHashModulo512() {
        assertEquals(225, JsonObject.bucketOf("micro"));
        assertEquals(225, JsonObject.bucketOf("minor"));
        assertEquals(481, JsonObject.bucketOf("major"));
        assertEquals(26, JsonObject.bucketOf("timestamp"));
    }

    @Test
    void stringsEscapeLikeQemu() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u007F\\u00E9\\uD83D\\uDE00/\"",
                JsonWriter.toJson(new JsonString("a\"b\\c\n\u0001\u007f\u00e9\uD83D\uDE00/")));
    }

    @Test
    void numbersFormatAsQnumToString() {
        assertEquals("[-5, 18446744073709551615, 0.5, 1e+100, 1.0000000000000001e-05, 0.0001, 1.2345678901234568e+17]",
                JsonWriter.toJson(new JsonArray().add(JsonNumber.ofLong(-5)).add(JsonNumber.ofUnsigned(-1L))
                        .add(JsonNumber.ofDouble(0.5)).add(JsonNumber.ofDouble(1e100))
                        .add(JsonNumber.ofDouble(0.00001)).add(JsonNumber.ofDouble(0.0001))
                        .add(JsonNumber.ofDouble(123456789012345678.0))));
        assertEquals("inf", JsonWriter.formatG17(Double.POSITIVE_INFINITY));
        assertEquals("-0", JsonWriter.formatG17(-0.0));
        assertEquals("1e+17", JsonWriter.formatG17(1e17));
        assertEquals("12345678901234568", JsonWriter.formatG17(12345678901234567.0));
    }

    @Test
    void emptyContainersAndWireFraming() {
        JsonObject o = new JsonObject().put("return", new JsonObject()).put("x", new JsonArray());
        assertEquals("{\"x\": [], \"return\": {}}\r\n", new String(JsonWriter.toWire(o)),
                "bucket 134 before bucket 401");
    }
}
