package io.qtestjvm.core;

/** What an input line does when its level is set ({@code qemu_irq_handler}). */
@FunctionalInterface
public interface IrqHandler {
    void setIrq(int n, int level);
}
