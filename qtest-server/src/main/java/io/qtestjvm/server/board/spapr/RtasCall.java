package io.qtestjvm.server.board.spapr;

/** One RTAS service: reads its input cells, writes its status and output cells. */
@FunctionalInterface
public interface RtasCall {
    void call(RtasCells cells);
}
