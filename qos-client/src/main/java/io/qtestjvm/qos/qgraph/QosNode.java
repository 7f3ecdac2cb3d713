package io.qtestjvm.qos.qgraph;

/**
 * One node ({@code struct QOSGraphNode}, tests/qtest/libqos/qgraph_internal.h). The command-line fragment and the
 * availability are the only mutable parts: availability is set from QMP discovery and an abstract QOM type deletes
 * the fragment (qos_external.c).
 *
 * @param <H> the machine handle type of the graph
 */
public final class QosNode<H> {
    private final String name;
    private final QosNodeKind kind;
    private final String qemuName;
    private final QosMachineConstructor<H> machineConstructor;
    private final QosDriverConstructor driverConstructor;
    private final QosTestFunction testFunction;
    private final QosTestOptions testOptions;
    private String commandLine;
    private boolean available;

    QosNode(String name, QosNodeKind kind, String qemuName, String commandLine,
            QosMachineConstructor<H> machineConstructor, QosDriverConstructor driverConstructor,
            QosTestFunction testFunction, QosTestOptions testOptions) {
        this.name = name;
        this.kind = kind;
        this.qemuName = qemuName;
        this.commandLine = commandLine;
        this.machineConstructor = machineConstructor;
        this.driverConstructor = driverConstructor;
        this.testFunction = testFunction;
        this.testOptions = testOptions;
        this.available = kind == QosNodeKind.TEST;
    }

    public String name() {
        return name;
    }

    public QosNodeKind kind() {
        return kind;
    }

    /** The QOM type name of a node made with {@code createDriverNamed}, else null. */
    public String qemuName() {
        return qemuName;
    }

    /** The name QMP discovery matches against: {@code qemu_name ?: name}. */
    public String matchName() {
        return qemuName != null ? qemuName : name;
    }

    /** The fragment walk_path appends ({@code "-M pc "}, {@code " -device sdhci-pci"}), or null. */
    public String commandLine() {
        return commandLine;
    }

    public boolean available() {
        return available;
    }

    public QosMachineConstructor<H> machineConstructor() {
        return machineConstructor;
    }

    public QosDriverConstructor driverConstructor() {
        return driverConstructor;
    }

    public QosTestFunction testFunction() {
        return testFunction;
    }

    /** Test nodes only; null otherwise. */
    public QosTestOptions testOptions() {
        return testOptions;
    }

    void setAvailable(boolean v) {
        available = v;
    }

    void deleteCommandLine() {
        commandLine = null;
    }

    @Override
    public String toString() {
        return name;
    }
}
