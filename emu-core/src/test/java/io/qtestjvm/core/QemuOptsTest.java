package io.qtestjvm.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QEMU's command-line option lists and size syntax, as Debian's QEMU 7.2 reads them. */
class QemuOptsTest {
    @Test
    void firstElementWithoutEqualsIsTheImpliedKey() {
        QemuOpts o = QemuOpts.parse("sdhci-pci,addr=04.0,id=sd", "driver");
        assertEquals("sdhci-pci", o.get("driver"));
        assertEquals("04.0", o.get("addr"));
        assertEquals("sd", o.get("id"));
        assertEquals(List.of("driver", "addr", "id"), o.keys());
    }

    @Test
    void impliedKeyAppliesOnlyToTheFirstElement() {
        QemuOpts o = QemuOpts.parse("virt,highmem", "type");
        assertEquals("virt", o.get("type"));
        assertEquals("on", o.get("highmem"));
        assertEquals(Map.of("type", "virt", "highmem", "on"), o.asMap());
    }

    @Test
    void firstElementWithEqualsIsAnOrdinaryKeyEvenWithAnImpliedKey() {
        QemuOpts o = QemuOpts.parse("type=pc,accel=qtest", "type");
        assertEquals("pc", o.get("type"));
        assertEquals("qtest", o.get("accel"));
    }

    @Test
    void doubleCommaIsALiteralCommaInAValue() {
        QemuOpts o = QemuOpts.parse("file=a,,b,,,format=raw", "driver");
        assertEquals("a,b,", o.get("file"));
        assertEquals("raw", o.get("format"));
    }

    @Test
    void doubleCommaInAnImpliedValueStaysInTheValue() {
        // the key of an element ends at its first '=' or ','; "x,,y=z" has none before the comma
        QemuOpts o = QemuOpts.parse("x,,y=z,id=a", "path");
        assertEquals("x,y=z", o.get("path"));
        assertEquals("a", o.get("id"));
        assertEquals(List.of("path", "id"), o.keys());
    }

    @Test
    void bareKeyMeansOn() {
        QemuOpts o = QemuOpts.parse("socket,server,path=/tmp/s", "backend");
        assertEquals("on", o.get("server"));
    }

    @Test
    void bareKeyWithNoPrefixMeansOff() {
        // the short form "server,nowait" that -chardev/-qtest users write
        QemuOpts o = QemuOpts.parse("unix:/tmp/q,server,nowait", "path");
        assertEquals("off", o.get("wait"));
        assertFalse(o.has("nowait"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"virt,", "virt"})
    void trailingCommaIsIgnored(String text) {
        QemuOpts o = QemuOpts.parse(text, "type");
        assertEquals(Map.of("type", "virt"), o.asMap());
    }

    @Test
    void valuesMayContainEquals() {
        assertEquals("a=b", QemuOpts.parse("k=a=b", null).get("k"));
    }

    @Test
    void laterValueOfARepeatedKeyWins() {
        QemuOpts o = QemuOpts.parse("a=1,b=2,a=3", null);
        assertEquals("3", o.get("a"));
        assertEquals(List.of("a", "b"), o.keys());
        assertEquals("3", o.remove("a"));
        assertEquals(List.of("b"), o.keys());
        assertEquals("fallback", o.get("a", "fallback"));
    }

    @Test
    void emptyTextHasNoOptions() {
        assertTrue(QemuOpts.parse("", "type").keys().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"on, true", "yes, true", "true, true", "off, false", "no, false", "false, false"})
    void booleanValues(String text, boolean expected) {
        assertEquals(expected, QemuOpts.parseBool("k", text));
    }

    @Test
    void badBooleanNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QemuOpts.parseBool("wait", "maybe"));
        assertEquals("Parameter 'wait' expects 'on' or 'off'", e.getMessage());
    }

    @ParameterizedTest(name = "{0} default {1} = {2}")
    @CsvSource({
            "128, M, 134217728",
            "128M, B, 134217728",
            "512k, B, 524288",
            "4G, M, 4294967296",
            "4g, M, 4294967296",
            "1.5G, M, 1610612736",
            "100, B, 100",
            "2T, B, 2199023255552",
            "0x10, B, 16",
            "0x1f, B, 31",
            "0x1E, M, 31457280",
    })
    void sizesTakeSuffixesOrTheDefault(String text, char defaultSuffix, long expected) {
        assertEquals(expected, QemuOpts.parseSize(text, defaultSuffix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "12Q", "1e3"})
    void malformedSizesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> QemuOpts.parseSize(text, 'M'));
    }

    @Test
    void sizeTooLargeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QemuOpts.parseSize("9999999999999E", 'M'));
    }
}
