package io.qtestjvm.core;

/**
 * A CPU whose interrupt inputs no board here drives (an x86 CPU, whose local APIC is not modelled; a POWER thread):
 * the QOM object with its index and property values ({@link CpuDevice}), nothing to reset.
 */
public final class StatelessCpu extends CpuDevice {
    public StatelessCpu(String typeName, int index) {
        super(typeName, index);
    }

    @Override
    public void reset() {
        // no state: the property values are configuration
    }
}
