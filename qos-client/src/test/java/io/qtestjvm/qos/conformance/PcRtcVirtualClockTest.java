package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clock and RTC section of qemu-7.2-transcripts/x86_64-pc.txt, recorded with {@code -rtc clock=vm}: the PIT's
 * first deadline, clock steps and sets, and the RTC's periodic interrupt seen through the intercepted I/O APIC
 * ({@code IRQ raise 8}, register C reading 0xd0 then 0xc0). Needs virtual time, so {@code [qemu]} (Debian's
 * stopped QEMU, where time is frozen) does not apply. The transcript's machine also had sdhci-pci and
 * virtio-blk-pci; the one line that names them ({@code peripheral-anon/device[0]}) is left out.
 */
class PcRtcVirtualClockTest {
    private static final Transcript T = Transcript.load("x86_64-pc.txt");

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM", "JVM_PROCESS"})
    void periodicInterruptOnTheVirtualClockMatchesQemu72(Backend backend) {
        List<Transcript.Exchange> slice = new ArrayList<>();
        boolean in = false;
        for (Transcript.Exchange e : T.main) {
            in |= e.request().equals("clock_step");
            if (in && e.channel() == Transcript.Channel.QTEST && !e.request().contains("peripheral-anon")) {
                slice.add(e);
            }
            if (e.request().equals("set_irq_in ioapic unnamed-gpio-in 5 0")) {
                break;
            }
        }
        assertTrue(slice.size() == 19, "slice of the transcript: " + slice.size());
        try (QtestTransport t = backend.start("x86_64", "-machine pc -rtc clock=vm", "7.2")) {
            List<String> mismatches = new ArrayList<>();
            for (Transcript.Exchange e : slice) {
                List<String> got = t.qtest(e.request());
                if (!got.equals(e.expected())) {
                    mismatches.add(e + ": expected " + e.expected() + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches);
            InternalErrorCheck.assertNone(t);
        }
    }
}
