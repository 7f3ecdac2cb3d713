package io.qtestjvm.qos.backend;

import io.qtestjvm.qos.libqtest.InJvmMachines;
import io.qtestjvm.qos.libqtest.QtestTransport;
import io.qtestjvm.server.InJvmServer;

/**
 * The {@link InJvmMachines} provider: the stand-in's engine ({@code qtest-server}'s {@link InJvmServer}) behind
 * {@link InJvmTransport}. It lives in qos-client's test scope, which may see qtest-server, and is packaged alone as
 * {@code qos-client-<version>-jvm.jar} (with its {@code META-INF/services} entry) for {@code bin/qos-test} and for
 * projects that run graph tests on {@code [jvm]}.
 */
public final class InJvmProvider implements InJvmMachines {
    /** Its machines share each arch's QOM types (built once per provider, not once per machine). */
    private final InJvmServer.Factory machines = new InJvmServer.Factory();

    @Override
    public QtestTransport start(String arch, String commandLine, String compat) {
        String t = commandLine.trim();
        String[] args = t.isEmpty() ? new String[0] : t.split("\\s+");
        return new InJvmTransport(machines.start(compat, arch, args));
    }
}
