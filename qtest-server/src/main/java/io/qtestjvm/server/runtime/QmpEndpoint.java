package io.qtestjvm.server.runtime;

import io.qtestjvm.server.qmp.QmpMonitor;
import io.qtestjvm.server.qmp.QmpSession;

/** Binds a QMP monitor to a transport: a new session (greeting, negotiation) for every connection. */
final class QmpEndpoint implements Endpoint {
    private final QmpMonitor monitor;
    private QmpSession session;
    private Link link;

    QmpEndpoint(QmpMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void connected(Link newLink) {
        this.link = newLink;
        session = monitor.openSession((b, off, len) -> {
            Link l = link;
            if (l != null) {
                l.write(b, off, len);
            }
        });
    }

    @Override
    public void received(byte[] buf, int off, int len) {
        if (session != null) {
            session.feed(buf, off, len);
        }
    }

    @Override
    public void disconnected() {
        if (session != null) {
            session.close();
            session = null;
        }
        link = null;
    }
}
