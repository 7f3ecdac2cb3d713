package io.qtestjvm.core;

/**
 * An interrupt line: setting its level calls the owner's handler with the line number. An interceptor (qtest's
 * {@code irq_intercept_in}) sees the level after it has been passed on to the handler, and reports it under its
 * own number (the {@code IRQ raise N}/{@code IRQ lower N} lines of the qtest protocol, qemu-qtest-reference.md §1).
 */
public final class Irq {
    private final IrqHandler handler;
    private final int n;
    private IrqInterceptor interceptor;
    private int interceptNumber;

    public Irq(IrqHandler handler, int n) {
        this.handler = handler;
        this.n = n;
    }

    /** Line {@code n} that passes every level on to {@code next}, and asks it whether changes are observed. */
    public static Irq forwardingTo(Irq next, int n) {
        return new Irq(new IrqHandler() {
            @Override
            public void setIrq(int line, int level) {
                next.set(level);
            }

            @Override
            public boolean levelChangesObserved(int line) {
                return next.levelChangesObserved();
            }
        }, n);
    }

    /** A line that goes nowhere (an unconnected output). */
    public static Irq unconnected() {
        return new Irq((n, level) -> { }, 0);
    }

    /** Passes the level on to the handler, then reports it to an interceptor (qemu-qtest-reference.md §1.5). */
    public void set(int level) {
        handler.setIrq(n, level);
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

    public void pulse() {
        set(1);
        set(0);
    }

    public int number() {
        return n;
    }

    public void intercept(IrqInterceptor interceptor, int reportedNumber) {
        this.interceptor = interceptor;
        this.interceptNumber = reportedNumber;
    }

    public boolean intercepted() {
        return interceptor != null;
    }

    /** Whether level changes on this line are intercepted or have an observable effect in its handler. */
    public boolean levelChangesObserved() {
        return interceptor != null || handler.levelChangesObserved(n);
    }
}
