package io.qtestjvm.qos.qgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** run_one_test and allocate_objects (reference 3.5) against a recording machine control, no machine. */
class QosTestRunnerTest {
    /** A machine handle: just an id. */
    record Handle(int id) {
    }

    private final List<String> log = new ArrayList<>();
    private int started;
    private final QosMachineControl<Handle> control = QosMachineControl.of(cmd -> {
        log.add("start " + cmd);
        return new Handle(++started);
    }, h -> log.add("system_reset+RESET #" + h.id()), h -> log.add("stop #" + h.id()));

    private static final QosAllocator ALLOC = new QosAllocator() {
    };

    /** An object that logs its hooks and answers from fixed tables. */
    private QosGraphObject object(String name, String device, QosGraphObject deviceObj, String iface, Object driver) {
        return new QosGraphObject() {
            @Override
            public QosGraphObject getDevice(String n) {
                log.add(name + ".getDevice(" + n + ")");
                return n.equals(device) ? deviceObj : QosGraphObject.super.getDevice(n);
            }

            @Override
            public Object getDriver(String i) {
                log.add(name + ".getDriver(" + i + ")");
                return i.equals("memory") ? ALLOC : i.equals(iface) ? driver : QosGraphObject.super.getDriver(i);
            }

            @Override
            public void startHw() {
                log.add(name + ".startHw");
            }

            @Override
            public void destroy() {
                log.add(name + ".destroy");
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private final List<Object> testSaw = new ArrayList<>();

    private QosGraph<Handle> graph() {
        QosGraph<Handle> g = new QosGraph<>();
        QosGraphObject host = object("host", null, null, "bus", "BUS");
        g.createMachine("x86_64/pc", h -> {
            log.add("machine(#" + h.id() + ")");
            return object("machine", "host", host, null, null);
        });
        g.contains("x86_64/pc", "host");
        g.createDriver("host", null);
        g.produces("host", "bus");
        g.createDriver("dev", (parent, alloc, arg) -> {
            log.add("dev(" + parent + ", " + (alloc == ALLOC ? "alloc" : alloc) + ", " + arg + ")");
            return object("dev", null, null, "iface", "IFACE");
        });
        g.consumes("dev", "bus", QosEdgeOptions.extraDeviceOpts("addr=04.0").withArg("devfn 4.0"));
        g.produces("dev", "iface");
        g.addTest("plain", "iface", (obj, arg, alloc) -> {
            log.add("test plain");
            testSaw.add(obj);
            testSaw.add(arg);
            testSaw.add(alloc);
        }, QosTestOptions.none().withArg("plain-arg"));
        g.addTest("again", "iface", (obj, arg, alloc) -> log.add("test again"), null);
        g.addTest("drives", "iface", (obj, arg, alloc) -> log.add("test drives"),
                QosTestOptions.before(LibqosRegistrations::virtioBlkSetup));
        g.setAvailability("x86_64/pc", true);
        g.setAvailability("dev", true);
        return g;
    }

    @Test
    void objectsAreBuiltAlongThePathStartedAndDestroyedNewestFirst() {
        QosTestPath<Handle> p = graph().testPaths().getFirst();
        assertEquals("/x86_64/pc/host/bus/dev/iface/iface-tests/plain", p.name());
        try (QosTestRunner<Handle> r = new QosTestRunner<>(control)) {
            r.run(p);
        }
        assertEquals(List.of("start -M pc  -device dev,addr=04.0", "machine(#1)", "machine.getDriver(memory)",
                "machine.startHw", "machine.getDevice(host)", "host.startHw", "host.getDriver(bus)",
                "dev(BUS, alloc, devfn 4.0)", "dev.startHw", "dev.getDriver(iface)", "test plain", "dev.destroy",
                "machine.destroy", "stop #1"), log);
        assertEquals(List.of("IFACE", "plain-arg", ALLOC), testSaw);
    }

    @Test
    void theSameCommandLineReusesTheMachineAfterSystemReset() {
        List<QosTestPath<Handle>> paths = graph().testPaths();
        try (QosTestRunner<Handle> r = new QosTestRunner<>(control)) {
            r.run(paths.get(0));
            Handle first = r.machine();
            r.run(paths.get(1));
            assertSame(first, r.machine());
        }
        assertEquals(List.of("start -M pc  -device dev,addr=04.0", "system_reset+RESET #1", "stop #1"),
                log.stream().filter(l -> l.startsWith("start") || l.startsWith("system") || l.startsWith("stop"))
                        .toList());
    }

    @Test
    void aDifferentCommandLineStopsTheOldMachineFirst() {
        List<QosTestPath<Handle>> paths = graph().testPaths();
        assertEquals("/x86_64/pc/host/bus/dev/iface/iface-tests/drives", paths.get(2).name());
        try (QosTestRunner<Handle> r = new QosTestRunner<>(control)) {
            r.run(paths.get(0));
            r.run(paths.get(2));
            r.run(paths.get(2)); // a new temporary image each time: always a restart, as for virtio-blk
            assertEquals(3, r.machine().id());
            assertEquals("-M pc  -device dev,addr=04.0", r.currentCommandLine());
        }
        List<String> lifecycle = log.stream()
                .filter(l -> l.startsWith("start") || l.startsWith("system") || l.startsWith("stop")).toList();
        assertEquals(6, lifecycle.size(), lifecycle.toString());
        assertEquals("start -M pc  -device dev,addr=04.0", lifecycle.get(0));
        assertEquals("stop #1", lifecycle.get(1));
        assertTrue(lifecycle.get(2).matches("start -M pc  -device dev,addr=04\\.0 -drive if=none,id=drive0,"
                + "file=/tmp/qtest\\.\\d+,format=raw,auto-read-only=off -drive if=none,id=drive1,file=null-co://,"
                + "file\\.read-zeroes=on,format=raw "), lifecycle.get(2));
        assertEquals("stop #2", lifecycle.get(3));
        assertEquals("stop #3", lifecycle.get(5));
    }

    @Test
    void invalidatingTheCommandLineForcesARestart() {
        List<QosTestPath<Handle>> paths = graph().testPaths();
        try (QosTestRunner<Handle> r = new QosTestRunner<>(control)) {
            r.run(paths.get(0));
            r.invalidateCommandLine();
            r.run(paths.get(1));
            assertEquals(2, r.machine().id());
        }
        assertEquals(0, log.stream().filter(l -> l.startsWith("system_reset")).count());
    }

    @Test
    void aFailingConstructorStillDestroysWhatWasBuilt() {
        QosGraph<Handle> g = new QosGraph<>();
        g.createMachine("x86_64/pc", h -> object("machine", null, null, "bus", "BUS"));
        g.produces("x86_64/pc", "bus");
        g.createDriver("dev", (parent, alloc, arg) -> {
            throw new IllegalStateException("BAR0 not found");
        });
        g.consumes("dev", "bus", null);
        g.addTest("t", "dev", (o, a, al) -> log.add("test"), null);
        g.setAvailability("x86_64/pc", true);
        g.setAvailability("dev", true);
        QosTestPath<Handle> p = g.testPaths().getFirst();
        try (QosTestRunner<Handle> r = new QosTestRunner<>(control)) {
            assertThrows(IllegalStateException.class, () -> r.run(p));
        }
        assertEquals(List.of("machine.destroy", "stop #1"), log.subList(log.size() - 2, log.size()));
    }
}
