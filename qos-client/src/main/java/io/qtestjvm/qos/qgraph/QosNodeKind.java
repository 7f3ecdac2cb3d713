package io.qtestjvm.qos.qgraph;

/**
 * The four node kinds of qgraph ({@code QOSNodeType}, tests/qtest/libqos/qgraph_internal.h). The ordinal is QEMU's
 * enum value, which {@code qos_dump_graph} prints as {@code type=N}.
 */
public enum QosNodeKind {
    /** {@code <arch>/<machine>}, a child of the root; its fragment is {@code -M <machine>...}. */
    MACHINE,
    /** A device (or a part of one); its fragment is {@code " -device <name or qemu_name>"}. */
    DRIVER,
    /** A name other nodes produce and consume; no command-line fragment, no object of its own. */
    INTERFACE,
    /** {@code <interface>-tests/<name>}, a leaf: available from creation. */
    TEST
}
