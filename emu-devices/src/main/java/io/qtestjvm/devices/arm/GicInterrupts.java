package io.qtestjvm.devices.arm;

/**
 * The per-interrupt state both GIC architectures keep in the distributor (Arm IHI 0048B 1.4 "Interrupt
 * handling and prioritization", 3.2 "General handling of interrupts"; IHI 0069 1.2, 4.1): for each INTID whether
 * it is enabled, pending, active, its priority, its trigger (level or edge), its group, its target CPUs and the
 * level of its input line. SGIs and PPIs (INTIDs 0-31) are banked per CPU; SPIs (32 onwards) are shared.
 *
 * <p>Pending follows 3.2.4 of IHI 0048B: a level-sensitive interrupt is pending while its line is asserted or
 * while software latched it pending (ISPENDR); an edge-triggered one becomes pending on a rising edge and stays so
 * until acknowledged or cleared. Indexing: private interrupt {@code intid} of CPU {@code c} is slot
 * {@code c * 32 + intid}; SPI {@code intid} is slot {@code cpus * 32 + intid - 32}.
 */
final class GicInterrupts {
    static final int PRIVATE = 32;
    static final int SGIS = 16;
    static final int SPURIOUS = 1023;

    final int cpus;
    final int intids;
    private final boolean[] enabled;
    private final boolean[] latched;
    private final boolean[] active;
    private final boolean[] edge;
    private final boolean[] level;
    private final boolean[] group1;
    private final byte[] priority;
    private final byte[] targets;

    /** @param intids the number of INTIDs (32 private + SPIs), a multiple of 32 */
    GicInterrupts(int cpus, int intids) {
        this.cpus = cpus;
        this.intids = intids;
        int n = cpus * PRIVATE + intids - PRIVATE;
        enabled = new boolean[n];
        latched = new boolean[n];
        active = new boolean[n];
        edge = new boolean[n];
        level = new boolean[n];
        group1 = new boolean[n];
        priority = new byte[n];
        targets = new byte[n];
        reset();
    }

    void reset() {
        java.util.Arrays.fill(enabled, false);
        java.util.Arrays.fill(latched, false);
        java.util.Arrays.fill(active, false);
        java.util.Arrays.fill(edge, false);
        java.util.Arrays.fill(group1, false);
        java.util.Arrays.fill(priority, (byte) 0);
        java.util.Arrays.fill(targets, (byte) 0);
        for (int c = 0; c < cpus; c++) {
            for (int i = 0; i < SGIS; i++) {
                edge[c * PRIVATE + i] = true; // SGIs are always edge-triggered (IHI 0048B 4.3.13)
            }
        }
        // input levels are wires, not state: a reset keeps them
    }

    /** The slot of {@code intid} as seen by {@code cpu}, or -1 when it does not exist. */
    int slot(int cpu, int intid) {
        if (intid < 0 || intid >= intids || cpu < 0 || cpu >= cpus) {
            return -1;
        }
        return intid < PRIVATE ? cpu * PRIVATE + intid : cpus * PRIVATE + intid - PRIVATE;
    }

    boolean enabled(int s) {
        return enabled[s];
    }

    void setEnabled(int s, boolean on) {
        enabled[s] = on;
    }

    boolean pending(int s) {
        return latched[s] || (!edge[s] && level[s]);
    }

    void setPending(int s, boolean on) {
        latched[s] = on;
    }

    boolean active(int s) {
        return active[s];
    }

    void setActive(int s, boolean on) {
        active[s] = on;
    }

    boolean edgeTriggered(int s) {
        return edge[s];
    }

    void setEdgeTriggered(int s, boolean on) {
        edge[s] = on;
    }

    boolean group1(int s) {
        return group1[s];
    }

    void setGroup1(int s, boolean on) {
        group1[s] = on;
    }

    int priority(int s) {
        return priority[s] & 0xff;
    }

    void setPriority(int s, int p) {
        priority[s] = (byte) p;
    }

    int targets(int s) {
        return targets[s] & 0xff;
    }

    void setTargets(int s, int mask) {
        targets[s] = (byte) mask;
    }

    /** An input line changed: a rising edge latches an edge-triggered interrupt. */
    void setLevel(int s, boolean high) {
        if (high && !level[s] && edge[s]) {
            latched[s] = true;
        }
        level[s] = high;
    }

    /** Acknowledge (IHI 0048B 3.2.4): pending becomes active; a level interrupt whose line is high stays pending. */
    void acknowledge(int s) {
        latched[s] = false;
        active[s] = true;
    }
}
