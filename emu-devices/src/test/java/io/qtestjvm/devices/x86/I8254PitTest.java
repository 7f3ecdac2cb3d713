package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class I8254PitTest {
    private final Clock clock = Clock.virtual();
    private final PortIo io = new PortIo();
    private LevelRecorder irq0;
    private I8254Pit pit;

    @BeforeEach
    void setUp() {
        pit = new I8254Pit(clock);
        irq0 = new LevelRecorder(clock);
        pit.gpioOut(Device.UNNAMED, 0).connect(irq0.line);
        pit.realize();
        io.map(I8254Pit.IO_BASE, pit.ioRegion());
    }

    @Test
    void firstDeadlineOnAFreshMachineIsTheTranscriptsClockStep() {
        assertEquals(27462700L, clock.nextDeadline());
        assertEquals(3, pit.mode(0));
        assertEquals(0x10000, pit.initialCount(0));
    }

    @Test
    void channelZeroTransitionsAreTimedAsQemuComputesThem() {
        clock.warpTo(140_000_000L);
        // QEMU's rounding: a transition is first seen 1 ns after the computed half period
        assertEquals(List.of(new LevelRecorder.Change(27462700L, 1), new LevelRecorder.Change(27462701L, 0),
                new LevelRecorder.Change(54925402L, 1), new LevelRecorder.Change(82388102L, 0),
                new LevelRecorder.Change(109850803L, 1), new LevelRecorder.Change(137313503L, 0)), irq0.changes);
    }

    @Test
    void transcriptStepsOfTenMillisecondsAfterFiveSecondsCrossNoTransition() {
        clock.warpTo(27462700L);
        clock.warpTo(27463700L);
        clock.warpTo(1027463700L);
        clock.warpTo(5_000_000_000L);
        int before = irq0.changes.size();
        clock.warpTo(5_010_000_000L);
        clock.warpTo(5_020_000_000L);
        assertEquals(before, irq0.changes.size());
        assertEquals(new LevelRecorder.Change(4998211506L, 1), irq0.changes.get(before - 1));
        clock.warpTo(5_030_000_000L);
        assertEquals(new LevelRecorder.Change(5025674206L, 0), irq0.changes.get(before));
    }

    @Test
    void latchedCountOfAProgrammedChannelReadsLowThenHighByte() {
        io.outb(0x43, 0x34); // channel 0, lobyte/hibyte, mode 2
        io.outb(0x40, 0x00);
        io.outb(0x40, 0x10); // count 0x1000 loaded at time 0
        clock.warpTo(1_000_000L); // 1193 ticks
        io.outb(0x43, 0x00); // latch channel 0
        clock.warpTo(2_000_000L); // the latch holds the old value
        int lo = io.inb(0x40);
        int hi = io.inb(0x40);
        assertEquals(0x1000 - 1193, (hi << 8) | lo);
        assertEquals(2, pit.mode(0));
    }

    @Test
    void unlatchedReadsFollowTheClock() {
        io.outb(0x43, 0xb0); // channel 2, lobyte/hibyte, mode 0
        io.outb(0x42, 0xff);
        io.outb(0x42, 0xff);
        clock.warpTo(10_000_000L); // 11931 ticks
        int lo = io.inb(0x42);
        int hi = io.inb(0x42);
        assertEquals(0xffff - 11931, (hi << 8) | lo);
    }

    @Test
    void readBackLatchesTheStatusWithTheOutputPin() {
        io.outb(0x43, 0x34);
        io.outb(0x40, 0x00);
        io.outb(0x40, 0x10);
        io.outb(0x43, 0xe2); // read-back: status only, channel 0
        // QEMU's mode 2 output is high only on the tick that ends a period (d % count == 0, d != 0): low at load
        assertEquals((0 << 7) | (3 << 4) | (2 << 1), io.inb(0x40));
    }

    @Test
    void commandRegisterReadsZero() {
        assertEquals(0, io.inb(0x43));
    }

    @Test
    void reprogrammingChannelZeroReschedulesItsTimer() {
        io.outb(0x43, 0x36); // channel 0, lobyte/hibyte, mode 3
        io.outb(0x40, 0x9c);
        io.outb(0x40, 0x2e); // 11932 = 100 Hz
        assertEquals(MulDiv.muldiv64(5966, 1_000_000_000L, 1_193_182L), clock.nextDeadline());
    }

    @Test
    void irqControlInputSilencesChannelZero() {
        pit.gpioIn(Device.UNNAMED, 0).set(0);
        assertEquals(-1L, clock.nextDeadline());
        pit.gpioIn(Device.UNNAMED, 0).set(1);
        assertEquals(27462700L, clock.nextDeadline());
    }

    @Test
    void resetRestartsCountingAtTheCurrentTime() {
        clock.warpTo(1_000_000_000L);
        pit.reset();
        assertEquals(1_000_000_000L + 27462700L, clock.nextDeadline());
    }
}
