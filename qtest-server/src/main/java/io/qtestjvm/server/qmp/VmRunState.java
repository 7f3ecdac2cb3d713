package io.qtestjvm.server.qmp;

/**
 * The run state of one emulated VM as QMP reports it (qapi/run-state.json {@code RunState}), and the transitions the
 * monitor can ask for. Owned by the machine; read and changed on the machine thread only.
 *
 * <p>Observed on Debian's QEMU 7.2 ({@code QmpRunStateTest}): a VM started with {@code -S} is {@code prelaunch}
 * until {@code cont}; {@code stop} in {@code prelaunch} changes nothing and emits nothing; {@code stop} when running
 * goes to {@code paused} with a STOP event, a second {@code stop} is silent; {@code cont} from {@code prelaunch} or
 * {@code paused} emits RESUME, {@code cont} when running is silent. With {@code --preconfig} the VM is
 * {@code prelaunch} (7.2 has no separate preconfig status) and only preconfig-capable commands run until
 * {@code x-exit-preconfig}, which then starts the VM (RESUME) unless {@code -S} was also given.
 *
 * <p>A guest power-off with {@code -no-shutdown} (without it QEMU exits): a running VM goes to {@code shutdown} with
 * a STOP event after SHUTDOWN; one in {@code prelaunch} stays there. From {@code shutdown}, {@code cont} fails with
 * "Resetting the Virtual Machine is required" until {@code system_reset}, which leaves the VM in {@code prelaunch};
 * {@code cont} then resumes it ({@code GuestShutdownTest}).
 */
public final class VmRunState {
    /** The RunState names this model reaches. */
    public static final String PRELAUNCH = "prelaunch";
    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String SHUTDOWN = "shutdown";
    /** What {@code cont} answers in {@link #SHUTDOWN}. */
    public static final String RESET_REQUIRED = "Resetting the Virtual Machine is required";

    private final boolean startStopped;
    private String status;
    private boolean preconfig;

    /**
     * @param startStopped {@code -S}: stay in prelaunch until {@code cont}
     * @param preconfig    {@code --preconfig}: machine initialization waits for {@code x-exit-preconfig}
     */
    public VmRunState(boolean startStopped, boolean preconfig) {
        this.startStopped = startStopped;
        this.preconfig = preconfig;
        this.status = startStopped || preconfig ? PRELAUNCH : RUNNING;
    }

    /** A VM that runs from the start (no {@code -S}, no {@code --preconfig}). */
    public static VmRunState running() {
        return new VmRunState(false, false);
    }

    public String status() {
        return status;
    }

    public boolean isRunning() {
        return status.equals(RUNNING);
    }

    /** Whether the machine is still waiting in the preconfig phase. */
    public boolean preconfig() {
        return preconfig;
    }

    /** {@code stop}: true when the VM was running and is now paused (the caller emits STOP). */
    public boolean stop() {
        if (!isRunning()) {
            return false;
        }
        status = PAUSED;
        return true;
    }

    /** Whether the VM stopped at a guest power-off and needs {@code system_reset} before {@code cont}. */
    public boolean needsReset() {
        return status.equals(SHUTDOWN);
    }

    /** A guest power-off kept the VM ({@code -no-shutdown}): true when it was running and stopped (emit STOP). */
    public boolean guestShutdown() {
        if (!isRunning()) {
            return false;
        }
        status = SHUTDOWN;
        return true;
    }

    /** {@code system_reset}: a VM stopped at a guest power-off goes back to {@code prelaunch}. */
    public void reset() {
        if (needsReset()) {
            status = PRELAUNCH;
        }
    }

    /**
     * {@code cont}: true when the VM was not running and now runs (the caller emits RESUME). Check
     * {@link #needsReset()} first.
     */
    public boolean cont() {
        if (isRunning()) {
            return false;
        }
        status = RUNNING;
        return true;
    }

    /**
     * {@code x-exit-preconfig}: leaves the preconfig phase. Returns true when the VM starts running (no {@code -S}),
     * so the caller emits RESUME. Call only in the preconfig phase.
     */
    public boolean exitPreconfig() {
        preconfig = false;
        return !startStopped && cont();
    }
}
