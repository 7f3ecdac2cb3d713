package io.qtestjvm.devices.bcm2835;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The BCM2836 ARM control block (QOM type {@value #TYPE}), as QEMU 7.2's hw/intc/bcm2836_control.c models it
 * (QA7 rev 3.4): routes the bcm2835-ic's GPU IRQ/FIQ to one core (GPU route register 0x0c), the four per-core
 * generic timer inputs and the 16 mailboxes by the per-core timer/mailbox control registers, the local timer
 * (38.4 MHz reload counter, 0x24/0x34/0x38) to the core its routing names; IRQ and FIQ source registers per core
 * (0x60/0x70) and one {@code irq}/{@code fiq} output per core. Only 4-byte accesses are valid.
 *
 * <p>Wiring: map {@link #mmio()} at 0x40000000; connect the bcm2835-ic outputs to {@code gpioIn("gpu-irq", 0)}
 * and {@code gpioIn("gpu-fiq", 0)}, and {@code gpioOut("irq", n)}/{@code gpioOut("fiq", n)} to core n's IRQ/FIQ.
 */
public final class Bcm2836Control extends Device {
    public static final String TYPE = "bcm2836-control";
    public static final int CORES = 4;
    static final int MB_PER_CORE = 4;
    static final int REG_GPU_ROUTE = 0x0c;
    static final int REG_LOCALTIMERROUTING = 0x24;
    static final int REG_LOCALTIMERCONTROL = 0x34;
    static final int REG_LOCALTIMERACK = 0x38;
    static final int REG_TIMERCONTROL = 0x40;
    static final int REG_MBOXCONTROL = 0x50;
    static final int REG_IRQSRC = 0x60;
    static final int REG_FIQSRC = 0x70;
    static final int REG_MBOX0_WR = 0x80;
    static final int REG_MBOX0_RDCLR = 0xc0;
    static final int REG_LIMIT = 0x100;
    static final int IRQ_CNTVIRQ = 3;
    static final int IRQ_MAILBOX0 = 4;
    static final int IRQ_GPU = 8;
    static final int IRQ_TIMER = 11;
    static final long LOCALTIMER_FREQ = 38_400_000;
    static final int LOCALTIMER_INTFLAG = 1 << 31;
    static final int LOCALTIMER_RELOAD = 1 << 30;
    static final int LOCALTIMER_INTENABLE = 1 << 29;
    static final int LOCALTIMER_ENABLE = 1 << 28;
    static final int LOCALTIMER_VALUE = 0x0fff_ffff;
    private static final long NS_PER_S = 1_000_000_000L;

    private final Clock clock;
    private final MemoryRegion mmio;
    private final Timer localTimer;
    private final GpioOut[] irqOut;
    private final GpioOut[] fiqOut;
    private final int[] mailboxes = new int[CORES * MB_PER_CORE];
    private final int[] timerControl = new int[CORES];
    private final int[] mailboxControl = new int[CORES];
    private final int[] timerIrqs = new int[CORES];
    private final int[] irqSrc = new int[CORES];
    private final int[] fiqSrc = new int[CORES];
    private int routeGpuIrq;
    private int routeGpuFiq;
    private int routeLocalTimer;
    private int localTimerControl;
    private boolean gpuIrq;
    private boolean gpuFiq;

    /** @param virtualClock QEMU_CLOCK_VIRTUAL, for the local timer */
    public Bcm2836Control(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        this.localTimer = virtualClock.newTimer(this::localTimerTick);
        String[] timerInputs = {"cntpsirq", "cntpnsirq", "cnthpirq", "cntvirq"};
        for (int i = 0; i < timerInputs.length; i++) {
            int localIrq = i;
            initGpioIn(timerInputs[i], (core, level) -> setLocalIrq(core, localIrq, level), CORES);
        }
        initGpioIn("gpu-irq", (n, level) -> {
            gpuIrq = level != 0;
            update();
        }, 1);
        initGpioIn("gpu-fiq", (n, level) -> {
            gpuFiq = level != 0;
            update();
        }, 1);
        this.irqOut = initGpioOut("irq", CORES);
        this.fiqOut = initGpioOut("fiq", CORES);
        // bcm2836_control_ops: native endian, valid 4 bytes
        this.mmio = MemoryRegion.io(TYPE, REG_LIMIT, new Ops(), AccessRules.sizes(4, 4, Endianness.NATIVE));
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    @Override
    public void reset() {
        routeGpuIrq = 0;
        routeGpuFiq = 0;
        localTimer.del();
        routeLocalTimer = 0;
        localTimerControl = 0;
        java.util.Arrays.fill(timerControl, 0);
        java.util.Arrays.fill(mailboxControl, 0);
        java.util.Arrays.fill(mailboxes, 0);
    }

    @Override
    public void unrealize() {
        localTimer.del();
    }

    private void setLocalIrq(int core, int localIrq, int level) {
        timerIrqs[core] = level != 0 ? timerIrqs[core] | (1 << localIrq) : timerIrqs[core] & ~(1 << localIrq);
        update();
    }

    /** Control bit {@code idx} delivers {@code irq} as FIQ (bit idx+4) before IRQ (bit idx); else masked. */
    private void deliverLocal(int core, int irq, int control, int idx) {
        if ((control & (1 << (idx + 4))) != 0) {
            fiqSrc[core] |= 1 << irq;
        } else if ((control & (1 << idx)) != 0) {
            irqSrc[core] |= 1 << irq;
        }
    }

    private void update() {
        java.util.Arrays.fill(irqSrc, 0);
        java.util.Arrays.fill(fiqSrc, 0);
        if (gpuIrq) {
            irqSrc[routeGpuIrq] |= 1 << IRQ_GPU;
        }
        if (gpuFiq) {
            fiqSrc[routeGpuFiq] |= 1 << IRQ_GPU;
        }
        if ((localTimerControl & LOCALTIMER_INTENABLE) != 0 && (localTimerControl & LOCALTIMER_INTFLAG) != 0) {
            int[] dst = (routeLocalTimer & 4) != 0 ? fiqSrc : irqSrc;
            dst[routeLocalTimer & 3] |= 1 << IRQ_TIMER;
        }
        for (int core = 0; core < CORES; core++) {
            for (int j = 0; j <= IRQ_CNTVIRQ; j++) {
                if ((timerIrqs[core] & (1 << j)) != 0) {
                    deliverLocal(core, j, timerControl[core], j);
                }
            }
            for (int j = 0; j < MB_PER_CORE; j++) {
                if (mailboxes[core * MB_PER_CORE + j] != 0) {
                    deliverLocal(core, j + IRQ_MAILBOX0, mailboxControl[core], j);
                }
            }
        }
        for (int core = 0; core < CORES; core++) {
            irqOut[core].set(irqSrc[core] != 0 ? 1 : 0);
            fiqOut[core].set(fiqSrc[core] != 0 ? 1 : 0);
        }
    }

    /**
     * Arms the local timer one reload period ahead. QEMU asserts a non-zero reload value here; a zero value
     * (a guest enabling the timer without one) is taken as the smallest period instead of aborting.
     */
    private void localTimerSetNext() {
        long ticks = Math.max(1, localTimerControl & LOCALTIMER_VALUE);
        localTimer.modIn(ticks * NS_PER_S / LOCALTIMER_FREQ);
    }

    private void localTimerTick() {
        localTimerSetNext();
        localTimerControl |= LOCALTIMER_INTFLAG;
        update();
    }

    private final class Ops implements MmioOps {
        @Override
        public long read(long offset, int size) {
            int o = (int) offset;
            int r;
            if (o == REG_GPU_ROUTE) {
                r = (routeGpuFiq << 2) | routeGpuIrq;
            } else if (o == REG_LOCALTIMERROUTING) {
                r = routeLocalTimer;
            } else if (o == REG_LOCALTIMERCONTROL) {
                r = localTimerControl;
            } else if (o >= REG_TIMERCONTROL && o < REG_MBOXCONTROL) {
                r = timerControl[(o - REG_TIMERCONTROL) >> 2];
            } else if (o >= REG_MBOXCONTROL && o < REG_IRQSRC) {
                r = mailboxControl[(o - REG_MBOXCONTROL) >> 2];
            } else if (o >= REG_IRQSRC && o < REG_FIQSRC) {
                r = irqSrc[(o - REG_IRQSRC) >> 2];
            } else if (o >= REG_FIQSRC && o < REG_MBOX0_WR) {
                r = fiqSrc[(o - REG_FIQSRC) >> 2];
            } else if (o >= REG_MBOX0_RDCLR && o < REG_LIMIT) {
                r = mailboxes[(o - REG_MBOX0_RDCLR) >> 2];
            } else {
                r = 0; // the local timer ack, the write-only mailboxes and unknown offsets read 0
            }
            return r & 0xffff_ffffL;
        }

        @Override
        public void write(long offset, long value, int size) {
            int o = (int) offset;
            int v = (int) value;
            if (o == REG_GPU_ROUTE) {
                routeGpuIrq = v & 3;
                routeGpuFiq = (v >> 2) & 3;
            } else if (o == REG_LOCALTIMERROUTING) {
                routeLocalTimer = v & 7;
            } else if (o == REG_LOCALTIMERCONTROL) {
                localTimerControl = v;
                if ((v & LOCALTIMER_ENABLE) != 0) {
                    localTimerSetNext();
                } else {
                    localTimer.del();
                }
            } else if (o == REG_LOCALTIMERACK) {
                if ((v & LOCALTIMER_INTFLAG) != 0) {
                    localTimerControl &= ~LOCALTIMER_INTFLAG;
                }
                if ((v & LOCALTIMER_RELOAD) != 0 && (localTimerControl & LOCALTIMER_ENABLE) != 0) {
                    localTimerSetNext();
                }
            } else if (o >= REG_TIMERCONTROL && o < REG_MBOXCONTROL) {
                timerControl[(o - REG_TIMERCONTROL) >> 2] = v & 0xff;
            } else if (o >= REG_MBOXCONTROL && o < REG_IRQSRC) {
                mailboxControl[(o - REG_MBOXCONTROL) >> 2] = v & 0xff;
            } else if (o >= REG_MBOX0_WR && o < REG_MBOX0_RDCLR) {
                mailboxes[(o - REG_MBOX0_WR) >> 2] |= v;
            } else if (o >= REG_MBOX0_RDCLR && o < REG_LIMIT) {
                mailboxes[(o - REG_MBOX0_RDCLR) >> 2] &= ~v;
            } else {
                return; // guest error (IRQ/FIQ source registers are read-only): no update, as QEMU
            }
            update();
        }
    }
}
