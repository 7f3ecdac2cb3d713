package io.qtestjvm.qos.tracediff;

import java.util.List;

/** One request and everything answered to it, on the qtest or the QMP channel. */
public record Exchange(Channel channel, String request, List<String> replies) {
    /** Which socket carried the exchange. */
    public enum Channel { QTEST, QMP }

    @Override
    public String toString() {
        return (channel == Channel.QMP ? "qmp> " : "> ") + request + "  =>  " + String.join(" | ", replies);
    }
}
