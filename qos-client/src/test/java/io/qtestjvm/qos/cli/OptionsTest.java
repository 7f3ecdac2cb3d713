package io.qtestjvm.qos.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Options}: the GNU forms of options and values, and each usage error as one message. */
class OptionsTest {
    private static Options opts() {
        return new Options("t", "test")
                .flag("keep", "keep going", "-k", "--keep-going")
                .flag("list", "list", "-l", "--list")
                .value("jobs", "N", "jobs", "-j", "--jobs")
                .value("arch", "A", "arches", "--arch")
                .required("left", "BIN", "left", "--left");
    }

    private static Options.Parsed parse(String... args) {
        return opts().parse(List.of(args));
    }

    @Test
    void valuesComeSeparateAttachedOrAfterAnEqualsSign() {
        assertEquals("3", parse("--left", "a", "-j", "3").value("jobs", null));
        assertEquals("4", parse("--left", "a", "-j4").value("jobs", null));
        assertEquals("5", parse("--left=a", "--jobs=5").value("jobs", null));
        assertEquals("a", parse("--left=a").value("left", null));
        assertEquals("6", parse("--left", "a", "-j", "5", "-j", "6").value("jobs", null), "the last one counts");
    }

    @Test
    void shortFlagsClusterAndListsSplitAtCommas() {
        Options.Parsed p = parse("--left", "a", "-kl", "--arch", "x86_64,arm", "--arch", "ppc64");
        assertTrue(p.flag("keep"));
        assertTrue(p.flag("list"));
        assertEquals(List.of("x86_64", "arm", "ppc64"), p.list("arch"));
        assertEquals(null, p.list("jobs"));
    }

    @Test
    void doubleDashEndsTheOptionsAndHelpNeedsNoRequiredOption() {
        Options o = new Options("t", "test").flag("keep", "k", "-k").positionals("BIN", "binaries");
        assertEquals(List.of("-k", "x"), o.parse(List.of("--", "-k", "x")).positionals());
        assertTrue(parse("--help").help());
        assertTrue(parse("-V").version());
        assertFalse(parse("--left", "a").help());
    }

    @Test
    void eachMistakeIsAUsageErrorNamingIt() {
        assertEquals("Unknown option: '--bogus' (see qos-test --help)",
                assertThrows(QosTestCli.UsageError.class, () -> parse("--left", "a", "--bogus")).getMessage());
        assertEquals("Unknown option: '-kx' (see qos-test --help)",
                assertThrows(QosTestCli.UsageError.class, () -> parse("--left", "a", "-kx")).getMessage());
        assertEquals("Missing required parameter for option '--jobs' (N) (see qos-test --help)",
                assertThrows(QosTestCli.UsageError.class, () -> parse("--left", "a", "-j")).getMessage());
        assertEquals("Missing required option: '--left=BIN' (see qos-test --help)",
                assertThrows(QosTestCli.UsageError.class, () -> parse("-k")).getMessage());
        assertEquals("Unmatched argument: 'x' (see qos-test --help)",
                assertThrows(QosTestCli.UsageError.class, () -> parse("--left", "a", "x")).getMessage());
        assertEquals("option '--keep-going' takes no value (see qos-test --help)",
                assertThrows(QosTestCli.UsageError.class, () -> parse("--left", "a", "--keep-going=1")).getMessage());
        assertEquals("Invalid value for option '--jobs': 'x' is not an int (see qos-test --help)",
                assertThrows(QosTestCli.UsageError.class, () -> parse("--left", "a", "-jx").integer("jobs", "--jobs",
                        null)).getMessage());
    }

    @Test
    void theHelpListsEveryOptionWithItsValueLabel() {
        String h = opts().help();
        assertTrue(h.startsWith("Usage: t [OPTIONS]\ntest\n"), h);
        assertTrue(h.contains("  -j, --jobs=N"), h);
        assertTrue(h.contains("      --left=BIN"), h);
        assertTrue(h.contains("  -h, --help"), h);
    }
}
