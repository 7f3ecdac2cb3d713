package io.qtestjvm.core;

/** Sees every level set on an intercepted line, after the level is passed on ({@code qtest_irq_handler}). */
@FunctionalInterface
public interface IrqInterceptor {
    void intercepted(int n, int level);
}
