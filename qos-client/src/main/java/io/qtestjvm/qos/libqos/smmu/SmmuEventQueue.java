package io.qtestjvm.qos.libqos.smmu;

import io.qtestjvm.qos.libqtest.QTestState;

import java.util.ArrayList;
import java.util.List;

/**
 * The event queue as a driver consumes it (Arm IHI 0070 3.5 queues, 7.2, 6.3.29 - 6.3.31): a ring of
 * 2^log2Size 32-byte records at {@code base}; the SMMU writes at PROD, the driver reads from CONS and publishes its
 * CONS back. PROD and CONS carry the index, the wrap bit just above it, and PROD.OVFLG / CONS.OVACKFLG in bit 31.
 */
public final class SmmuEventQueue {
    public static final int OVERFLOW = 1 << 31;

    private final QTestState qts;
    private final long smmu;
    private final long base;
    private final int log2Size;

    /** Points EVENTQ_BASE at {@code base} (aligned to the queue's size) and resets PROD/CONS to 0. */
    public SmmuEventQueue(QTestState qts, long smmu, long base, int log2Size) {
        this.qts = qts;
        this.smmu = smmu;
        this.base = base;
        this.log2Size = log2Size;
        qts.writeq(smmu + SmmuRegs.EVENTQ_BASE, base | log2Size);
        qts.writel(smmu + SmmuRegs.EVENTQ_PROD, 0);
        qts.writel(smmu + SmmuRegs.EVENTQ_CONS, 0);
    }

    public long base() {
        return base;
    }

    public int entries() {
        return 1 << log2Size;
    }

    /** EVENTQ_PROD as read from page 1 (6.2: page 1 holds the queue pointers a driver reads). */
    public int prod() {
        return qts.readl(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_PROD);
    }

    public int cons() {
        return qts.readl(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS);
    }

    /** PROD.OVFLG differs from CONS.OVACKFLG: records were lost since the last acknowledgement (7.2.2). */
    public boolean overflowed() {
        return ((prod() ^ cons()) & OVERFLOW) != 0;
    }

    /** How many records PROD is ahead of CONS. */
    public int pending() {
        int mask = (entries() << 1) - 1;
        return ((prod() & mask) - (cons() & mask)) & mask;
    }

    /** Reads every record between CONS and PROD, then moves CONS to PROD (acknowledging an overflow). */
    public List<SmmuEvent> drain() {
        int prod = prod();
        int cons = cons();
        int wrapMask = (entries() << 1) - 1;
        List<SmmuEvent> out = new ArrayList<>();
        while ((cons & wrapMask) != (prod & wrapMask)) {
            long slot = base + (long) SmmuEvent.BYTES * (cons & (entries() - 1));
            long[] w = new long[4];
            for (int i = 0; i < 4; i++) {
                w[i] = qts.readq(slot + 8L * i);
            }
            out.add(SmmuEvent.decode(w));
            cons = (cons & OVERFLOW) | ((cons + 1) & wrapMask);
        }
        qts.writel(smmu + SmmuRegs.PAGE1 + SmmuRegs.EVENTQ_CONS, (cons & wrapMask) | (prod & OVERFLOW));
        return out;
    }
}
