package io.qtestjvm.core;

/** Sees every level set on an intercepted line, after the level is passed on (qtest's
 * {@code irq_intercept_in}/{@code irq_intercept_out}, qemu-qtest-reference.md §1.5). */
@FunctionalInterface
public interface IrqInterceptor {
    void intercepted(int n, int level);
}
