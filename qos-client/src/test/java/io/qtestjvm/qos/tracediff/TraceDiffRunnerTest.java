package io.qtestjvm.qos.tracediff;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosDiscovery;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestPath;
import io.qtestjvm.qos.tests.QosTests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * trace-diff over real backends: the pc paths that need no virtual time, recorded on the stand-in process and on
 * Debian's QEMU, answer alike exchange by exchange (qtest and QMP) once the allow-list's differences are masked.
 * factorial-irq is left out: QEMU computes the factorial in a thread, so its interrupt line lands after a later
 * command than ours (an explained difference that trace-diff reports). The SDHCI paths are compared on pc,
 * raspi2b and aarch64's virt as well, and every aarch64 virt path that applies there (virt's machine construction,
 * its virtio-mmio reads and the ECAM accesses of the generic PCI bus included).
 */
class TraceDiffRunnerTest {
    /** The graph with availability discovered on a {@code -machine none} stand-in of {@code arch}, as qos-test does. */
    private static QosGraph<QTestState> discovered(String arch) {
        Backend.QEMU.assumeAvailable(arch);
        QosGraph<QTestState> graph = QosTests.graph();
        try (QTestState qts = new QTestState(Backend.JVM_PROCESS.start(arch, "-machine none", "7.2"))) {
            QosDiscovery.apply(graph, arch, qts);
        }
        return graph;
    }

    /**
     * Runs {@code paths} on the stand-in process and on Debian's QEMU (compat 7.2) and answers each path's first
     * difference; every path must record more than {@code minExchanges} exchanges on the stand-in.
     */
    private static List<String> differences(String arch, List<QosTestPath<QTestState>> paths, int minExchanges) {
        List<String> differing = new ArrayList<>();
        for (TraceDiffRunner.Result r : TraceDiffRunner.run(paths,
                cmd -> Backend.JVM_PROCESS.start(arch, cmd, "7.2"),
                cmd -> Backend.QEMU.start(arch, cmd, "7.2"), AllowList.standard())) {
            assertTrue(r.left().size() > minExchanges, r.path() + " recorded " + r.left().size() + " exchanges");
            r.difference().ifPresent(d -> differing.add(r.path() + " " + d));
        }
        return differing;
    }

    @Test
    void standInProcessAndQemuAnswerAlikeOnThePcPaths() {
        QosGraph<QTestState> graph = discovered("x86_64");
        List<QosTestPath<QTestState>> paths = new ArrayList<>();
        for (QosTestPath<QTestState> p : graph.testPaths()) {
            // the virtio paths are compared below, on every arch (everyVirtioPathAnswersAlike...)
            if (!p.test().testOptions().needsVirtualTime() && !p.name().endsWith("factorial-irq")
                    && !p.name().endsWith("/factorial") && !p.name().contains("/virtio-")) {
                paths.add(p);
            }
        }
        assertTrue(paths.size() >= 8, "paths compared: " + paths.size());
        assertEquals(List.of(), differences("x86_64", paths, 20));
    }

    /** The SDHCI data paths (thousands of register accesses each) answer alike exchange by exchange. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"x86_64", "arm", "aarch64"})
    void sdhciPathsAnswerAlikeOnTheStandInProcessAndQemu(String arch) {
        QosGraph<QTestState> graph = discovered(arch);
        List<QosTestPath<QTestState>> paths = new ArrayList<>();
        for (QosTestPath<QTestState> p : graph.testPaths()) {
            if (p.name().matches(".*sdhci-tests/(registers|pio-single|out-of-range|adma2|sdma)$")) {
                paths.add(p);
            }
        }
        assertEquals(5, paths.size(), "sdhci paths on " + arch);
        assertEquals(List.of(), differences(arch, paths, 0));
    }

    /**
     * Every {@code /aarch64/virt/...} path that needs no virtual time and applies on virt (edu's INTx and MSI tests
     * follow pc's PIIX3; the factorial runs in a QEMU thread) answers alike on the stand-in process and QEMU.
     */
    @Test
    void standInProcessAndQemuAnswerAlikeOnTheVirtPaths() {
        QosGraph<QTestState> graph = discovered("aarch64");
        List<QosTestPath<QTestState>> paths = new ArrayList<>();
        for (QosTestPath<QTestState> p : graph.testPaths()) {
            // the virtio paths are compared below, on every arch (everyVirtioPathAnswersAlike...)
            if (!p.test().testOptions().needsVirtualTime()
                    && !p.name().matches(".*edu-tests/(factorial|factorial-irq|intx|intx-disable|msi)$")
                    && !p.name().contains("/virtio-")) {
                paths.add(p);
            }
        }
        assertTrue(paths.stream().allMatch(p -> p.name().startsWith("/aarch64/virt/generic-pcihost/")), "paths");
        assertTrue(paths.size() >= 12, "paths compared: " + paths.size());
        assertEquals(List.of(), differences("aarch64", paths, 5));
    }

    /**
     * Every virtio path that needs no virtual time answers alike on the stand-in process and Debian's QEMU, on every
     * machine the graph reaches with virtio: pc (virtio-pci on x86_64 and i386), aarch64 virt (virtio-pci behind the
     * GPEX), arm virt (virtio-mmio) and pseries (virtio-pci behind the spapr PHB, big-endian target).
     *
     * <p>Both complete a block request after the notify returned ({@code VirtioBlkCompletionTimingTest}), but the
     * stand-in completes it before it reads the next command while QEMU's I/O thread races the test's first look;
     * trace-diff compares a poll by its last look ({@link TraceDiff}), so the number of looks is not a difference.
     * What this pinned on the way (each now as QEMU does it): the DEVICE_DELETED of a virtio-pci proxy's
     * {@code virtio-backend} before the proxy's own, a packed ring's used flags without WRITE, a packed ring's device
     * event suppression with EVENT_IDX (DESC, off_wrap at the next descriptor), and virtio-mmio version 1's feature
     * bits and QueueNumMax (1024).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"x86_64, 20", "i386, 20", "aarch64, 20", "arm, 8", "ppc64, 14"})
    void everyVirtioPathAnswersAlikeOnTheStandInProcessAndQemu(String arch, int atLeast) {
        QosGraph<QTestState> graph = discovered(arch);
        List<QosTestPath<QTestState>> paths = new ArrayList<>();
        for (QosTestPath<QTestState> p : graph.testPaths()) {
            if (p.name().contains("/virtio") && !p.test().testOptions().needsVirtualTime()) {
                paths.add(p);
            }
        }
        assertTrue(paths.size() >= atLeast, "virtio paths compared on " + arch + ": " + paths.size());
        assertEquals(List.of(), differences(arch, paths, 10));
    }
}
