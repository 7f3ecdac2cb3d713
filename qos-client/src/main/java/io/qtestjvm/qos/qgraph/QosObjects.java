package io.qtestjvm.qos.qgraph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The objects built along one path ({@code allocate_objects}, tests/qtest/libqos/qos_external.c; reference 3.5).
 * The machine constructor runs first and its {@code getDriver("memory")} is the allocator; then each edge:
 * CONTAINS asks the parent's {@code getDevice(edgeName)}, PRODUCES the parent's {@code getDriver(edgeName)},
 * CONSUMED_BY calls the consumer's constructor with the current object, the allocator and the edge's argument. Every
 * object of a non-interface node gets {@code startHw} once obtained. Closing destroys the machine and the
 * consumer-built objects in reverse order of creation, as GTest runs {@code g_test_queue_destroy} callbacks.
 *
 * <p>QEMU looks the nodes up by edge name here; this follows the edge actually walked, which is the same node unless
 * an {@code edgeName} override is used (where QEMU would find no node).
 */
public final class QosObjects implements AutoCloseable {
    private final Object object;
    private final QosAllocator allocator;
    private final Deque<QosGraphObject> toDestroy;

    private QosObjects(Object object, QosAllocator allocator, Deque<QosGraphObject> toDestroy) {
        this.object = object;
        this.allocator = allocator;
        this.toDestroy = toDestroy;
    }

    /** {@code qos_allocate_objects}: builds the path's objects on the running machine {@code handle}. */
    public static <H> QosObjects allocate(QosTestPath<H> path, H handle) {
        List<QosNode<H>> nodes = path.nodes();
        List<QosEdge> edges = path.edges();
        QosNode<H> node = nodes.getFirst();
        if (node.machineConstructor() == null) {
            throw new IllegalStateException("machine node " + node.name() + " has no constructor");
        }
        Deque<QosGraphObject> toDestroy = new ArrayDeque<>();
        QosGraphObject machine = node.machineConstructor().create(handle);
        toDestroy.push(machine);
        QosObjects result = null;
        try {
            QosAllocator alloc = allocator(machine, node);
            Object obj = machine;
            QosGraphObject parent = null;
            for (int i = 0; ; i++) {
                if (node.kind() != QosNodeKind.INTERFACE) {
                    parent = graphObject(obj, node);
                    parent.startHw();
                }
                QosEdge e = edges.get(i);
                QosNode<H> next = nodes.get(i + 1);
                if (next.kind() == QosNodeKind.TEST) {
                    if (e.kind() != QosEdgeKind.CONSUMED_BY) {
                        throw new IllegalStateException("test " + next.name() + " is reached by " + e.kind());
                    }
                    result = new QosObjects(obj, alloc, toDestroy);
                    return result;
                }
                obj = switch (e.kind()) {
                    case PRODUCES -> parent.getDriver(e.edgeName());
                    case CONTAINS -> parent.getDevice(e.edgeName());
                    case CONSUMED_BY -> {
                        if (next.driverConstructor() == null) {
                            throw new IllegalStateException("driver node " + next.name() + " has no constructor");
                        }
                        QosGraphObject made = next.driverConstructor().create(obj, alloc, e.arg());
                        toDestroy.push(made);
                        yield made;
                    }
                };
                node = next;
            }
        } finally {
            if (result == null) {
                destroyAll(toDestroy);
            }
        }
    }

    /** The object of the node the test consumes (the last interface, or the driver a test consumes directly). */
    public Object object() {
        return object;
    }

    /** The machine's allocator ({@code getDriver("memory")}). */
    public QosAllocator allocator() {
        return allocator;
    }

    /** Runs the destructors, newest object first. */
    @Override
    public void close() {
        destroyAll(toDestroy);
    }

    private static void destroyAll(Deque<QosGraphObject> objs) {
        while (!objs.isEmpty()) {
            objs.pop().destroy();
        }
    }

    private static QosAllocator allocator(QosGraphObject machine, QosNode<?> node) {
        Object a = machine.getDriver("memory");
        if (a != null && !(a instanceof QosAllocator)) {
            throw new IllegalStateException(node.name() + " answers getDriver(\"memory\") with " + a
                    + ", not a QosAllocator");
        }
        return (QosAllocator) a;
    }

    private static QosGraphObject graphObject(Object obj, QosNode<?> node) {
        if (!(obj instanceof QosGraphObject g)) {
            throw new IllegalStateException("object of " + node.kind() + " node " + node.name() + " is " + obj
                    + ", not a QosGraphObject");
        }
        return g;
    }
}
