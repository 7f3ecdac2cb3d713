package io.qtestjvm.smmuv3.queue;

/**
 * The SMMU's wired interrupt outputs (IHI 0070 3.18: event queue, PRI queue, CMD_SYNC completion, global error),
 * each an edge the device layer turns into a pulse on its SPI.
 */
public interface SmmuInterrupts {
    int EVENTQ = 0;
    int PRIQ = 1;
    int CMD_SYNC = 2;
    int GERROR = 3;

    void pulse(int line);

    SmmuInterrupts NONE = line -> {
    };
}
