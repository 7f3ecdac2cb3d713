package io.qtestjvm.core;

/** What an input line does when its level is set. */
@FunctionalInterface
public interface IrqHandler {
    void setIrq(int n, int level);

    /**
     * Whether a level change on line {@code n} has an effect anyone can observe beyond the line's final level (a
     * delivered interrupt, a recorded edge). A source may then skip the changes in between, e.g. over a clock warp.
     * Handlers that do not know say yes.
     */
    default boolean levelChangesObserved(int n) {
        return true;
    }
}
