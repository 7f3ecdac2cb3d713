package io.qtestjvm.server.qmp;

/** What the monitor needs from the emulator around it. Called on the machine thread. */
public interface QmpHost {
    /**
     * The RunState name (qapi/run-state.json): "running"; "prelaunch" for a VM started with -S that was never
     * continued (runstate stays RUN_STATE_PRELAUNCH until 'cont'); "paused" after 'stop'; and so on.
     */
    String runState();

    /** Leave the process with this status; called after the reply to 'quit' was written. */
    void requestExit(int status);
}
