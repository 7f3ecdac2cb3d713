package io.qtestjvm.server.qmp;

/** What the monitor needs from the emulator around it. Called on the machine thread. */
public interface QmpHost {
    /**
     * The VM's run state (qapi/run-state.json): "running"; "prelaunch" for a VM started with -S that was never
     * continued; "paused" after 'stop'; and whether the machine still waits in the preconfig phase.
     */
    VmRunState runState();

    /** Leave the process with this status; called after the reply to 'quit' was written. */
    void requestExit(int status);
}
