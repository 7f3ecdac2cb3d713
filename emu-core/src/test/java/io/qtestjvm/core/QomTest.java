package io.qtestjvm.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The QOM composition tree and object_resolve_path (qom/object.c). */
class QomTest {
    private final QomObject root = new QomObject("container");
    private final QomObject machine = root.addChild("machine", new QomObject("pc-i440fx-7.2-machine"));
    private final QomObject unattached = machine.addChild("unattached", new QomObject("container"));
    private final QomObject anon = machine.addChild("peripheral-anon", new QomObject("container"));
    private final QomObject ioapic = unattached.addChild("ioapic", new QomObject("ioapic"));

    @Test
    void canonicalPathsStartAtTheRoot() {
        assertEquals("/", root.path());
        assertEquals("/machine/unattached/ioapic", ioapic.path());
        assertSame(root, ioapic.root());
    }

    @Test
    void absolutePathsWalkFromTheRoot() {
        assertSame(root, QomPath.resolve(root, "/"));
        assertSame(ioapic, QomPath.resolve(root, "/machine/unattached/ioapic"));
        assertNull(QomPath.resolve(root, "/machine/ioapic"), "absolute paths do not search");
        assertNull(QomPath.resolve(root, "/nope"));
    }

    @Test
    void uniquePartialPathsResolve() {
        assertSame(ioapic, QomPath.resolve(root, "ioapic"));
        assertSame(ioapic, QomPath.resolve(root, "unattached/ioapic"));
        assertSame(machine, QomPath.resolve(root, "machine"));
        assertNull(QomPath.resolve(root, "machine/ioapic"), "components must be consecutive");
        assertNull(QomPath.resolve(root, ""));
    }

    @Test
    void ambiguousPartialPathsDoNotResolve() {
        QomObject a = unattached.addChildIndexed("device", new QomObject("a"));
        QomObject b = anon.addChildIndexed("device", new QomObject("b"));
        assertEquals("/machine/unattached/device[0]", a.path());
        assertEquals("/machine/peripheral-anon/device[0]", b.path());
        assertNull(QomPath.resolve(root, "device[0]"));
        assertSame(b, QomPath.resolve(root, "peripheral-anon/device[0]"));
    }

    @Test
    void indexedChildrenAreNumberedInCreationOrder() {
        QomObject d0 = anon.addChildIndexed("device", new QomObject("x"));
        QomObject d1 = anon.addChildIndexed("device", new QomObject("y"));
        assertEquals("device[0]", d0.name());
        assertEquals("device[1]", d1.name());
        assertSame(d1, QomPath.resolve(root, "/machine/peripheral-anon/device[1]"));
    }

    /** qdev_set_id: device[N] comes from a counter that only grows, so a freed slot is not reused. */
    @Test
    void indexedSlotsAreNotReusedAfterRemoval() {
        QomObject d0 = anon.addChildIndexed("device", new QomObject("x"));
        anon.addChildIndexed("device", new QomObject("y"));
        anon.removeChild(d0);
        assertNull(d0.parent());
        assertEquals("device[2]", anon.addChildIndexed("device", new QomObject("z")).name());
    }

    @Test
    void duplicateChildNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unattached.addChild("ioapic", new QomObject("ioapic")));
        assertEquals("duplicate child 'ioapic' under /machine/unattached", e.getMessage());
    }
}
