package io.qtestjvm.server.qtest;

/** The RTAS a machine offers to the qtest {@code rtas NAME NARGS ARGS NRET RETS} command (sPAPR machines). */
public interface QtestRtas {
    /** Whether a service called {@code name} exists on the machine (modelled or not). */
    boolean known(String name);

    /** Whether qtest-jvm models the service {@code name}. */
    boolean modelled(String name);

    /** Runs a modelled or unknown service; the value the command answers after {@code OK} (unsigned). */
    long call(String name, int nargs, long args, int nret, long rets);
}
