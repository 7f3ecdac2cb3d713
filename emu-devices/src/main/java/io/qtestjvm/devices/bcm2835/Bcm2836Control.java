package io.qtestjvm.devices.bcm2835;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;
import java.util.Arrays;

/**
 * The BCM2836 ARM-local peripherals (QOM type {@value #TYPE}) after Broadcom's "BCM2836 ARM-local peripherals"
 * (QA7, rev 3.4): the interrupt router that gives every core an IRQ and an FIQ line (QA7 3), fed by the GPU
 * interrupt of the bcm2835-ic (3.2, routing register 0x0c), the four generic timer lines of each core (4.6, the
 * core timers interrupt control registers 0x40-0x4c), the four mailboxes of each core (4.7, control 0x50-0x5c,
 * write-set 0x80-0xbc, read / write-clear 0xc0-0xfc) and the local timer (4.11, 38.4 MHz reload counter, routing
 * 0x24, control and status 0x34, write flags 0x38); each core's pending sources read back at 0x60 (IRQ) and 0x70
 * (FIQ), 4.10. Only word accesses are valid.
 *
 * <p>Behaviour as QEMU 7.2 has it (Bcm2835InterruptChainTest): the control register (0x00), core timer prescaler,
 * PMU routing and core timer access registers are not modelled and read 0; writes to them and to the read-only
 * source registers change nothing. A source whose FIQ control bit is set goes to FIQ even if its IRQ bit is set.
 * A local timer enabled with a reload value of 0 is taken to expire every tick (QEMU aborts). Reset clears the
 * routing and control registers and the mailboxes but leaves the outputs as they are until the next change.
 *
 * <p>Wiring: map {@link #mmio()} at 0x40000000; the bcm2835-ic's outputs go to {@code gpioIn("gpu-irq", 0)} and
 * {@code gpioIn("gpu-fiq", 0)}, and {@code gpioOut("irq", n)}/{@code gpioOut("fiq", n)} to core n.
 */
public final class Bcm2836Control extends Device {
    public static final String TYPE = "bcm2836-control";
    public static final int CORES = 4;

    // QA7 rev 3.4, chapter 4: register offsets.
    static final int GPU_INTERRUPTS_ROUTING = 0x0c;
    static final int LOCAL_TIMER_ROUTING = 0x24;
    static final int LOCAL_TIMER_CONTROL_STATUS = 0x34;
    static final int LOCAL_TIMER_WRITE_FLAGS = 0x38;
    static final int CORE_TIMERS_INTERRUPT_CONTROL = 0x40;
    static final int CORE_MAILBOXES_INTERRUPT_CONTROL = 0x50;
    static final int CORE_IRQ_SOURCE = 0x60;
    static final int CORE_FIQ_SOURCE = 0x70;
    static final int CORE_MAILBOX_WRITE_SET = 0x80;
    static final int CORE_MAILBOX_READ_CLEAR = 0xc0;
    static final int REGISTER_SPACE = 0x100;

    // 4.11: local timer control and status, and the write flags register.
    static final int LOCALTIMER_INTFLAG = 1 << 31;   // status: interrupt pending; write flags: clear it
    static final int LOCALTIMER_RELOAD = 1 << 30;    // write flags: reload the timer, no interrupt
    static final int LOCALTIMER_INTENABLE = 1 << 29;
    static final int LOCALTIMER_ENABLE = 1 << 28;
    static final int LOCALTIMER_RELOAD_VALUE = 0x0fff_ffff;
    static final long LOCALTIMER_HZ = 38_400_000;
    private static final long NS_PER_S = 1_000_000_000L;

    // 4.10: bits of the core IRQ / FIQ source registers.
    static final int SOURCE_MAILBOX0 = 4;
    static final int SOURCE_GPU = 8;
    static final int SOURCE_LOCAL_TIMER = 11;
    /** 4.6: the core timer lines in source-bit order: CNTPSIRQ, CNTPNSIRQ, CNTHPIRQ, CNTVIRQ. */
    private static final String[] TIMER_LINES = {"cntpsirq", "cntpnsirq", "cnthpirq", "cntvirq"};
    static final int MAILBOXES = 4;

    /** One core's interrupt inputs, their control registers and what reaches its IRQ and FIQ. */
    private static final class Core {
        /** Levels of the four generic timer lines, bit n = source bit n. */
        int timerLines;
        /** 4.6: bits 3:0 route timer n to IRQ, bits 7:4 to FIQ. */
        int timersControl;
        /** 4.7: bits 3:0 route mailbox n to IRQ, bits 7:4 to FIQ. */
        int mailboxesControl;
        final int[] mailbox = new int[MAILBOXES];
        int irqSources;
        int fiqSources;
        GpioOut irq;
        GpioOut fiq;

        /** Routes local source {@code bit} by control bits {@code n} (IRQ) and {@code n + 4} (FIQ, preferred). */
        void route(int bit, int control, int n) {
            if ((control >> (n + 4) & 1) != 0) {
                fiqSources |= 1 << bit;
            } else if ((control >> n & 1) != 0) {
                irqSources |= 1 << bit;
            }
        }

        /** The sources that belong to this core alone: its timer lines and its mailboxes. */
        void collectOwnSources() {
            for (int n = 0; n < TIMER_LINES.length; n++) {
                if ((timerLines >> n & 1) != 0) {
                    route(n, timersControl, n);
                }
            }
            for (int n = 0; n < MAILBOXES; n++) {
                if (mailbox[n] != 0) {
                    route(SOURCE_MAILBOX0 + n, mailboxesControl, n);
                }
            }
        }

        void reset() {
            timersControl = 0;
            mailboxesControl = 0;
            Arrays.fill(mailbox, 0);
        }
    }

    private final Clock clock;
    private final MemoryRegion mmio;
    private final Timer localTimer;
    private final Core[] cores = new Core[CORES];
    private boolean gpuIrqLine;
    private boolean gpuFiqLine;
    /** 3.2 / 0x0c: bits 1:0 the core that gets the GPU IRQ, bits 3:2 the core that gets the GPU FIQ. */
    private int gpuRouting;
    /** 4.11 / 0x24: bits 1:0 the core, bit 2 set for FIQ. */
    private int localTimerRouting;
    private int localTimerControl;

    /** @param virtualClock the clock of the local timer */
    public Bcm2836Control(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        this.localTimer = virtualClock.newTimer(this::localTimerExpired);
        for (int n = 0; n < CORES; n++) {
            cores[n] = new Core();
        }
        for (int i = 0; i < TIMER_LINES.length; i++) {
            int bit = i;
            initGpioIn(TIMER_LINES[i], (core, level) -> {
                Core c = cores[core];
                c.timerLines = level != 0 ? c.timerLines | 1 << bit : c.timerLines & ~(1 << bit);
                routeInterrupts();
            }, CORES);
        }
        initGpioIn("gpu-irq", (n, level) -> {
            gpuIrqLine = level != 0;
            routeInterrupts();
        }, 1);
        initGpioIn("gpu-fiq", (n, level) -> {
            gpuFiqLine = level != 0;
            routeInterrupts();
        }, 1);
        GpioOut[] irq = initGpioOut("irq", CORES);
        GpioOut[] fiq = initGpioOut("fiq", CORES);
        for (int n = 0; n < CORES; n++) {
            cores[n].irq = irq[n];
            cores[n].fiq = fiq[n];
        }
        this.mmio = MemoryRegion.io(TYPE, REGISTER_SPACE, new Registers(), AccessRules.sizes(4, 4, Endianness.NATIVE));
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    @Override
    public void reset() {
        gpuRouting = 0;
        localTimer.del();
        localTimerRouting = 0;
        localTimerControl = 0;
        for (Core c : cores) {
            c.reset();
        }
    }

    @Override
    public void unrealize() {
        localTimer.del();
    }

    /** QA7 3: recomputes every core's IRQ and FIQ sources and drives the outputs. */
    private void routeInterrupts() {
        for (Core c : cores) {
            c.irqSources = 0;
            c.fiqSources = 0;
        }
        if (gpuIrqLine) {
            cores[gpuRouting & 3].irqSources |= 1 << SOURCE_GPU;
        }
        if (gpuFiqLine) {
            cores[gpuRouting >> 2 & 3].fiqSources |= 1 << SOURCE_GPU;
        }
        if ((localTimerControl & LOCALTIMER_INTENABLE) != 0 && (localTimerControl & LOCALTIMER_INTFLAG) != 0) {
            Core c = cores[localTimerRouting & 3];
            if ((localTimerRouting & 4) != 0) {
                c.fiqSources |= 1 << SOURCE_LOCAL_TIMER;
            } else {
                c.irqSources |= 1 << SOURCE_LOCAL_TIMER;
            }
        }
        for (Core c : cores) {
            c.collectOwnSources();
        }
        for (Core c : cores) {
            c.irq.set(c.irqSources != 0 ? 1 : 0);
            c.fiq.set(c.fiqSources != 0 ? 1 : 0);
        }
    }

    /** 4.11: the timer counts its reload value down at 38.4 MHz, then flags an interrupt and reloads. */
    private void startLocalTimerPeriod() {
        long ticks = Math.max(1, localTimerControl & LOCALTIMER_RELOAD_VALUE);
        localTimer.modIn(ticks * NS_PER_S / LOCALTIMER_HZ);
    }

    private void localTimerExpired() {
        startLocalTimerPeriod();
        localTimerControl |= LOCALTIMER_INTFLAG;
        routeInterrupts();
    }

    /** The per-core register at {@code offset} in the bank starting at {@code bank} (one word per core). */
    private static int coreOf(int offset, int bank) {
        return (offset - bank) >> 2;
    }

    private final class Registers implements MmioOps {
        @Override
        public long read(long offset, int size) {
            int o = (int) offset;
            int value;
            if (o == GPU_INTERRUPTS_ROUTING) {
                value = gpuRouting;
            } else if (o == LOCAL_TIMER_ROUTING) {
                value = localTimerRouting;
            } else if (o == LOCAL_TIMER_CONTROL_STATUS) {
                value = localTimerControl;
            } else if (o >= CORE_TIMERS_INTERRUPT_CONTROL && o < CORE_MAILBOXES_INTERRUPT_CONTROL) {
                value = cores[coreOf(o, CORE_TIMERS_INTERRUPT_CONTROL)].timersControl;
            } else if (o >= CORE_MAILBOXES_INTERRUPT_CONTROL && o < CORE_IRQ_SOURCE) {
                value = cores[coreOf(o, CORE_MAILBOXES_INTERRUPT_CONTROL)].mailboxesControl;
            } else if (o >= CORE_IRQ_SOURCE && o < CORE_FIQ_SOURCE) {
                value = cores[coreOf(o, CORE_IRQ_SOURCE)].irqSources;
            } else if (o >= CORE_FIQ_SOURCE && o < CORE_MAILBOX_WRITE_SET) {
                value = cores[coreOf(o, CORE_FIQ_SOURCE)].fiqSources;
            } else if (o >= CORE_MAILBOX_READ_CLEAR && o < REGISTER_SPACE) {
                value = mailboxAt(o - CORE_MAILBOX_READ_CLEAR);
            } else {
                value = 0; // write flags, write-set mailboxes, unmodelled registers
            }
            return value & 0xffff_ffffL;
        }

        @Override
        public void write(long offset, long value, int size) {
            int o = (int) offset;
            int v = (int) value;
            if (o == GPU_INTERRUPTS_ROUTING) {
                gpuRouting = v & 0xf;
            } else if (o == LOCAL_TIMER_ROUTING) {
                localTimerRouting = v & 7;
            } else if (o == LOCAL_TIMER_CONTROL_STATUS) {
                localTimerControl = v;
                if ((v & LOCALTIMER_ENABLE) != 0) {
                    startLocalTimerPeriod();
                } else {
                    localTimer.del();
                }
            } else if (o == LOCAL_TIMER_WRITE_FLAGS) {
                if ((v & LOCALTIMER_INTFLAG) != 0) {
                    localTimerControl &= ~LOCALTIMER_INTFLAG;
                }
                if ((v & LOCALTIMER_RELOAD) != 0 && (localTimerControl & LOCALTIMER_ENABLE) != 0) {
                    startLocalTimerPeriod();
                }
            } else if (o >= CORE_TIMERS_INTERRUPT_CONTROL && o < CORE_MAILBOXES_INTERRUPT_CONTROL) {
                cores[coreOf(o, CORE_TIMERS_INTERRUPT_CONTROL)].timersControl = v & 0xff;
            } else if (o >= CORE_MAILBOXES_INTERRUPT_CONTROL && o < CORE_IRQ_SOURCE) {
                cores[coreOf(o, CORE_MAILBOXES_INTERRUPT_CONTROL)].mailboxesControl = v & 0xff;
            } else if (o >= CORE_MAILBOX_WRITE_SET && o < CORE_MAILBOX_READ_CLEAR) {
                int i = o - CORE_MAILBOX_WRITE_SET;
                cores[i >> 4].mailbox[i >> 2 & 3] |= v;
            } else if (o >= CORE_MAILBOX_READ_CLEAR && o < REGISTER_SPACE) {
                int i = o - CORE_MAILBOX_READ_CLEAR;
                cores[i >> 4].mailbox[i >> 2 & 3] &= ~v;
            } else {
                return; // read-only or unmodelled: nothing changes
            }
            routeInterrupts();
        }

        /** 4.7: mailbox m of core n is word {@code 4n + m} of a mailbox bank. */
        private int mailboxAt(int i) {
            return cores[i >> 4].mailbox[i >> 2 & 3];
        }
    }
}
