package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.backend.InternalErrorCheck;
import io.qtestjvm.qos.libqtest.QtestTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -machine pc -device sdhci-pci,addr=0x6} against the sdhci-pci lines of qemu-7.2-transcripts/x86_64-pc.txt
 * (the "# 06.0 sdhci-pci" probe and the "# sdhci-pci class/rev ..." section up to "# RAM": IDs 1b36:0007, class
 * 0x0805 prog-if 1 rev 0, BAR0 unmapped, then mapped at 0xfebf0000 with HCVER 0x2401 and CAPAB 0x057834b4), plus
 * BAR0 sizing and {@code device_add}, on every backend.
 */
class PcSdhciPciTranscriptTest {
    private static final String NAME = "x86_64-pc.txt";
    private static final Transcript T = Transcript.load(NAME);
    private static final String ARGS = "-machine pc -device sdhci-pci,addr=0x6";

    /** The exchanges between the comment starting {@code from} and the next comment line. */
    private static List<Transcript.Exchange> section(String from) {
        String[] lines = raw().split("\n", -1);
        int start = -1;
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (start < 0 && lines[i].startsWith(from)) {
                start = i + 1;
            } else if (start >= 0 && lines[i].startsWith("# ")) {
                end = i + 1;
                break;
            }
        }
        assertTrue(start > 0, "no section " + from + " in " + NAME);
        List<Transcript.Exchange> out = new ArrayList<>();
        for (Transcript.Exchange e : T.main) {
            if (e.channel() == Transcript.Channel.QTEST && e.lineNo() > start && e.lineNo() < end) {
                out.add(e);
            }
        }
        return out;
    }

    private static String raw() {
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + NAME)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void sdhciPciRepliesMatchQemu72(Backend backend) {
        List<Transcript.Exchange> exchanges = new ArrayList<>(section("# 06.0 sdhci-pci"));
        exchanges.addAll(section("# sdhci-pci class/rev"));
        exchanges.addAll(section("# map sdhci BAR0"));
        assertEquals(2 + 8 + 7, exchanges.size(), "exchanges taken from " + NAME);
        try (QtestTransport t = backend.start("x86_64", ARGS, "7.2")) {
            List<String> mismatches = new ArrayList<>();
            for (Transcript.Exchange e : exchanges) {
                List<String> got = t.qtest(e.request());
                if (!got.equals(e.expected())) {
                    mismatches.add(e + ": expected " + e.expected() + " got " + got);
                }
            }
            assertEquals(List.of(), mismatches, "replies that differ from QEMU 7.2");
            InternalErrorCheck.assertNone(t);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void bar0IsA256ByteMemoryBar(Backend backend) {
        try (QtestTransport t = backend.start("x86_64", ARGS, "7.2")) {
            t.qtest("outl 0xcf8 0x80003010");
            t.qtest("outl 0xcfc 0xffffffff");
            assertEquals(List.of("OK 0xffffff00"), t.qtest("inl 0xcfc"), "size mask of a 32-bit memory BAR");
            t.qtest("outl 0xcf8 0x8000303c");
            assertEquals(List.of("OK 0x0001"), t.qtest("inb 0xcfd"), "interrupt pin A");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = Backend.class, names = {"JVM_PROCESS", "QEMU"})
    void deviceAddPlugsAnotherController(Backend backend) {
        try (QtestTransport t = backend.start("x86_64", ARGS, "7.2")) {
            assertEquals("{\"return\": {}}", t.qmp("{\"execute\":\"device_add\",\"arguments\":{\"driver\":"
                    + "\"sdhci-pci\",\"id\":\"sd1\",\"addr\":\"0x5\",\"sd-spec-version\":3}}"));
            t.qtest("outl 0xcf8 0x80002800");
            assertEquals(List.of("OK 0x71b36"), t.qtest("inl 0xcfc"));
            String bad = t.qmp("{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"sdhci-pci\","
                    + "\"addr\":\"0x8\",\"sd-spec-version\":4}}");
            assertTrue(bad.contains("Only Spec v2/v3 are supported"), bad);
        }
    }

    @Test
    void unknownPropertyIsRefusedWithQemusMessage() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Backend.JVM_PROCESS.start("x86_64", "-machine pc -device sdhci-pci,foo=1", "7.2").close());
        assertTrue(e.getMessage().contains("-device sdhci-pci,foo=1: Property 'sdhci-pci.foo' not found"),
                e.getMessage());
    }
}
