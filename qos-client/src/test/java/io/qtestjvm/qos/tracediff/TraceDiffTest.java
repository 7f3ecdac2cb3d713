package io.qtestjvm.qos.tracediff;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceDiffTest {
    private static Exchange q(String req, String... replies) {
        return new Exchange(Exchange.Channel.QTEST, req, List.of(replies));
    }

    private static Exchange m(String req, String reply) {
        return new Exchange(Exchange.Channel.QMP, req, List.of(reply));
    }

    @Test
    void identicalTracesHaveNoDifference() {
        List<Exchange> t = List.of(q("readl 0x0", "OK 0x0000000000000000"));
        assertTrue(TraceDiff.firstDifference(t, t, AllowList.standard()).isEmpty());
    }

    @Test
    void firstDifferingReplyIsReportedWithItsIndex() {
        List<Exchange> a = List.of(q("endianness", "OK little"), q("inl 0xcfc", "OK 0x12378086"),
                q("readl 0x0", "OK 0x0000000000000001"));
        List<Exchange> b = List.of(q("endianness", "OK little"), q("inl 0xcfc", "OK 0xffffffff"),
                q("readl 0x0", "OK 0x0000000000000002"));
        TraceDiff.Difference d = TraceDiff.firstDifference(a, b, AllowList.standard()).orElseThrow();
        assertEquals(1, d.index());
        assertEquals("OK 0xffffffff", d.right().replies().get(0));
    }

    @Test
    void asyncIrqLinesCount() {
        List<Exchange> a = List.of(q("clock_step", "IRQ raise 8", "OK 10"));
        List<Exchange> b = List.of(q("clock_step", "OK 10"));
        assertFalse(TraceDiff.firstDifference(a, b, AllowList.standard()).isEmpty());
    }

    @Test
    void versionStringsAndTimestampsAreAllowedDifferences() {
        String ours = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, \"package\": "
                + "\"qtest-jvm\"}, \"capabilities\": [\"oob\"]}}";
        String debian = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, \"package\": "
                + "\"Debian 1:7.2+dfsg-7+deb12u18+b3\"}, \"capabilities\": [\"oob\"]}}";
        assertTrue(TraceDiff.firstDifference(List.of(m("(greeting)", ours)), List.of(m("(greeting)", debian)),
                AllowList.standard()).isEmpty());
        String e1 = "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"RESET\"}";
        String e2 = "{\"timestamp\": {\"seconds\": 9, \"microseconds\": 8}, \"event\": \"RESET\"}";
        assertTrue(TraceDiff.firstDifference(List.of(m("x", e1)), List.of(m("x", e2)), AllowList.standard())
                .isEmpty());
        String e3 = "{\"timestamp\": {\"seconds\": 9, \"microseconds\": 8}, \"event\": \"SHUTDOWN\"}";
        assertFalse(TraceDiff.firstDifference(List.of(m("x", e1)), List.of(m("x", e3)), AllowList.standard())
                .isEmpty(), "the event name still counts");
    }

    @Test
    void allowListRulesNeedAReason() {
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse("qmp foo"));
        assertEquals(1, AllowList.parse("# why\nqmp foo").rules().size());
        assertEquals(3, AllowList.standard().rules().size());
    }

    @Test
    void aTraceThatEndsEarlyDiffers() {
        List<Exchange> a = List.of(q("endianness", "OK little"));
        TraceDiff.Difference d = TraceDiff.firstDifference(a, List.of(), AllowList.none()).orElseThrow();
        assertEquals(0, d.index());
        assertEquals(null, d.right());
    }

    private static Exchange begin() {
        return new Exchange(Exchange.Channel.QTEST, TraceDiff.POLL_BEGIN, List.of());
    }

    private static Exchange retry() {
        return new Exchange(Exchange.Channel.QTEST, TraceDiff.POLL_RETRY, List.of());
    }

    @Test
    void aPollIsComparedByItsLastLook() {
        // the stand-in completes before the first look; QEMU's I/O thread needs two more looks (and its clock_step
        // fails under -S, so the client pauses without it after the first)
        List<Exchange> ours = List.of(q("write 0xe0003000 0x2 0x0000", "OK"), begin(),
                q("read 0xe0001000 0x1", "OK 0x01"), q("readw 0x102002", "OK 0x0000000000000001"));
        List<Exchange> qemu = List.of(q("write 0xe0003000 0x2 0x0000", "OK"), begin(),
                q("read 0xe0001000 0x1", "OK 0x00"), q("clock_step 100", "FAIL Unknown command 'clock_step'"),
                retry(), q("read 0xe0001000 0x1", "OK 0x00"), retry(), q("read 0xe0001000 0x1", "OK 0x01"),
                q("readw 0x102002", "OK 0x0000000000000001"));
        assertTrue(TraceDiff.firstDifference(ours, qemu, AllowList.standard()).isEmpty());
        assertEquals(3, TraceDiff.withoutFailedLooks(qemu).size());
    }

    @Test
    void theLastLookOfAPollIsComparedLikeAnyExchange() {
        List<Exchange> ours = List.of(begin(), q("read 0xe0001000 0x1", "OK 0x01"), q("readb 0x107210", "OK 0x0"));
        List<Exchange> qemu = List.of(begin(), q("read 0xe0001000 0x1", "OK 0x00"), retry(),
                q("read 0xe0001000 0x1", "OK 0x01"), q("readb 0x107210", "OK 0xff"));
        TraceDiff.Difference d = TraceDiff.firstDifference(ours, qemu, AllowList.standard()).orElseThrow();
        assertEquals("OK 0xff", d.right().replies().get(0));
    }

    @Test
    void exchangesOutsideAPollAreNeverLeftOut() {
        // repeated reads of a data port are data; a retry marker without a poll leaves nothing out
        List<Exchange> dataPort = List.of(q("inb 0x511", "OK 0x0051"), retry(), q("inb 0x511", "OK 0x0045"));
        assertEquals(2, TraceDiff.withoutFailedLooks(dataPort).size());
        assertFalse(TraceDiff.firstDifference(dataPort, List.of(q("inb 0x511", "OK 0x0051"),
                q("inb 0x511", "OK 0x0046")), AllowList.standard()).isEmpty());
    }
}
