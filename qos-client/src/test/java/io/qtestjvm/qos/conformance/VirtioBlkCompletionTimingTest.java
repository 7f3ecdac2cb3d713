package io.qtestjvm.qos.conformance;

import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.AVAIL;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.BAR4;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.DATA;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.DESC;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.HDR;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.STATUS;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.USED;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.cfg;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.image;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.prepare;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.value;
import static io.qtestjvm.qos.conformance.PcVirtioBlkRequestTest.w;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When a virtio-blk request completes, relative to the notify (virtio 1.2 §4.1.4.4) that started it, as QEMU 7.2
 * does it (observed on Debian's QEMU, {@code -accel tcg -S}; the interrupt is INTx through PIIX3's PIRQD,
 * intercepted at the I/O APIC):
 * <ul>
 * <li>with {@code ioeventfd} on (the default) the notify only signals an event that QEMU's main loop serves after the
 * command: no request completes inside it, not even GET_ID; no interrupt line comes before the notify's
 * {@code OK}, and a command written together with the notify still sees the used index unchanged;</li>
 * <li>with {@code ioeventfd=off} the queue is served inside the notify: a request answered without the block layer
 * (GET_ID, an unknown type, a sector range past the end) completes there (its {@code IRQ raise} precedes the
 * {@code OK}), while a read, write or flush still completes after the notify returned.</li>
 * </ul>
 * The stand-in serves the main loop's work after the command batch that started it, so a command sent after the
 * notify's reply was read sees every request completed (on QEMU this is a race with its I/O thread: polled here).
 */
class VirtioBlkCompletionTimingTest {
    static final String NOTIFY = String.format("writew 0x%x 0x0", BAR4 + 0x3000);
    static final String USED_IDX = String.format("readw 0x%x", USED + 2);
    static final String STATUS_BYTE = String.format("readb 0x%x", STATUS);
    static final int T_IN = 0;
    static final int T_OUT = 1;
    static final int T_FLUSH = 4;
    static final int T_GET_ID = 8;
    /** 1 MiB image: 2048 sectors. */
    static final long PAST_END = 4096;

    /**
     * §3.1.1 initialisation with VERSION_1, queue 0 of 16 entries, no MSI-X (so the queue interrupt is INTx), and
     * PIIX3's PIRQD (slot 4's INTA: (slot - 1 + pin) & 3) routed to IRQ 11, intercepted at the I/O APIC.
     */
    private static void start(QtestTransport t) {
        cfg(t, 1, 0x63, 11, 1);
        cfg(t, 4, 0x20, BAR4, 4);
        cfg(t, 4, 0x04, 7, 2);
        w(t, "writeb", BAR4 + 0x14, 0);
        w(t, "writeb", BAR4 + 0x14, 1);
        w(t, "writeb", BAR4 + 0x14, 3);
        w(t, "writel", BAR4 + 0x08, 1);
        w(t, "writel", BAR4 + 0x0c, 1);
        w(t, "writeb", BAR4 + 0x14, 0xb);
        w(t, "writew", BAR4 + 0x16, 0);
        w(t, "writew", BAR4 + 0x18, 16);
        w(t, "writel", BAR4 + 0x20, DESC);
        w(t, "writel", BAR4 + 0x28, AVAIL);
        w(t, "writel", BAR4 + 0x30, USED);
        w(t, "writew", BAR4 + 0x1c, 1);
        w(t, "writeb", BAR4 + 0x14, 0xf);
        assertEquals(List.of("OK"), t.qtest("irq_intercept_in ioapic"));
    }

    /** Reads the used index until it reaches {@code idx} (QEMU completes in its main loop; no clock here). */
    private static void pollUsed(QtestTransport t, int idx) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (value(t.qtest(USED_IDX)) != idx) {
            assertTrue(System.nanoTime() < end, "used index " + idx + " not reached");
        }
    }

    /** type, sector, status, and whether the request goes to the block layer. */
    static final int[][] CASES = {{T_GET_ID, 0, 0, 0}, {99, 0, 2, 0}, {T_IN, (int) PAST_END, 1, 0}, {T_OUT, 1, 0, 1},
        {T_IN, 1, 0, 1}, {T_FLUSH, 0, 0, 1}};

    private static QtestTransport machine(Backend backend, Path img, boolean ioeventfd) {
        return backend.start("x86_64", "-machine pc -drive if=none,id=d0,file=" + img
                + ",format=raw -device virtio-blk-pci,drive=d0,addr=0x4" + (ioeventfd ? "" : ",ioeventfd=off"), "7.2");
    }

    /** Runs every case on one machine; {@code inside} says which complete inside the notify. */
    private static void notifyEach(QtestTransport t, Path img, boolean ioeventfd) throws IOException {
        start(t);
        for (int n = 0; n < CASES.length; n++) {
            int[] c = CASES[n];
            boolean inside = !ioeventfd && c[3] == 0;
            w(t, "writel", DATA, 0x54534554L);
            prepare(t, n, c[0], c[1], c[0] != T_OUT);
            List<String> reply = t.qtest(NOTIFY);
            String what = "type " + c[0] + " sector " + c[1];
            if (inside) {
                assertEquals(List.of("IRQ raise 11", "OK"), reply, what + ": completed inside the notify");
                assertEquals(n + 1, value(t.qtest(USED_IDX)), what);
            } else {
                assertEquals("OK", reply.get(0), what + ": no interrupt inside the notify");
                pollUsed(t, n + 1);
            }
            assertEquals(c[2], value(t.qtest(STATUS_BYTE)), what + ": status");
            List<String> isr = t.qtest(String.format("readb 0x%x", BAR4 + 0x1000));
            assertEquals(List.of("IRQ lower 11", "OK 0x0000000000000001"), isr.subList(isr.size() - 2, isr.size()),
                    what + ": ISR queue bit; read-to-clear lowers the line");
        }
        assertEquals("TEST", new String(Files.readAllBytes(img), 512, 4, StandardCharsets.US_ASCII));
        InternalErrorCheck.assertNone(t);
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void withIoeventfdNoRequestCompletesInsideTheNotify(Backend backend) throws IOException {
        Path img = image();
        try (QtestTransport t = machine(backend, img, true)) {
            notifyEach(t, img, true);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void withoutIoeventfdOnlyBlockLayerRequestsCompleteAfterTheNotify(Backend backend) throws IOException {
        Path img = image();
        try (QtestTransport t = machine(backend, img, false)) {
            notifyEach(t, img, false);
        }
    }

    /**
     * Deterministic on both processes: a command written together with the notify is served before the main loop
     * runs, so it sees the used index still unchanged, except for a request served inside the notify
     * ({@code ioeventfd=off}, no block layer). In-JVM there is no batch: each command is followed by the main loop.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void aCommandInTheSameWriteAsTheNotifySeesWhatCompletedInsideIt(Backend backend) throws IOException {
        for (boolean ioeventfd : new boolean[] {true, false}) {
            for (int[] c : CASES) {
                Path img = image();
                try (QtestTransport t = machine(backend, img, ioeventfd)) {
                    start(t);
                    prepare(t, 0, c[0], c[1], c[0] != T_OUT);
                    boolean inside = !ioeventfd && c[3] == 0;
                    // two commands in one write: the second one's reply is the first line of the next exchange
                    List<String> notify = t.qtest(NOTIFY + "\n" + USED_IDX);
                    assertEquals(inside ? List.of("IRQ raise 11", "OK") : List.of("OK"), notify);
                    assertEquals(List.of(inside ? "OK 0x0000000000000001" : "OK 0x0000000000000000"),
                            t.qtest(STATUS_BYTE), "ioeventfd " + ioeventfd + ", type " + c[0] + " sector " + c[1]);
                    InternalErrorCheck.assertNone(t);
                }
            }
        }
    }
}
