package io.qtestjvm.core;

/**
 * An output pin of a device: wired to at most one input {@link Irq} (the GPIO wiring QOM shows). An
 * interceptor ({@code irq_intercept_out}) sees every level and the level still reaches the wired input.
 */
public final class GpioOut {
    private Irq target;
    private IrqInterceptor interceptor;
    private int interceptNumber;

    public void connect(Irq target) {
        this.target = target;
    }

    public Irq target() {
        return target;
    }

    public void set(int level) {
        Irq t = target;
        if (t != null) {
            t.set(level);
        }
        IrqInterceptor i = interceptor;
        if (i != null) {
            i.intercepted(interceptNumber, level);
        }
    }

    public void raise() {
        set(1);
    }

    public void lower() {
        set(0);
    }

    /** Whether level changes on this pin are intercepted or observed by the input it drives. */
    public boolean levelChangesObserved() {
        Irq t = target;
        return interceptor != null || (t != null && t.levelChangesObserved());
    }

    public void intercept(IrqInterceptor interceptor, int reportedNumber) {
        this.interceptor = interceptor;
        this.interceptNumber = reportedNumber;
    }
}
