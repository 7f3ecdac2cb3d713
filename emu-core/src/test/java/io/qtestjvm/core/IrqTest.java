package io.qtestjvm.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** IRQ lines and their qtest interception (hw/core/irq.c, system/qtest.c qtest_irq_handler). */
class IrqTest {
    private final List<String> events = new ArrayList<>();

    @Test
    void handlerGetsTheLineNumberAndLevel() {
        Irq irq = new Irq((n, level) -> events.add("handler " + n + " " + level), 7);
        irq.raise();
        irq.lower();
        irq.pulse();
        assertEquals(List.of("handler 7 1", "handler 7 0", "handler 7 1", "handler 7 0"), events);
    }

    @Test
    void interceptorSeesTheLevelAfterTheHandlerUnderItsOwnNumber() {
        Irq irq = new Irq((n, level) -> events.add("handler " + n + " " + level), 2);
        irq.intercept((n, level) -> events.add("intercept " + n + " " + level), 0);
        irq.set(1);
        assertEquals(List.of("handler 2 1", "intercept 0 1"), events);
    }

    @Test
    void gpioOutPassesTheLevelToItsTargetThenToTheInterceptor() {
        Irq target = new Irq((n, level) -> events.add("target " + n + " " + level), 5);
        GpioOut out = new GpioOut();
        out.connect(target);
        out.intercept((n, level) -> events.add("intercept " + n + " " + level), 3);
        out.raise();
        assertEquals(List.of("target 5 1", "intercept 3 1"), events);
        assertSame(target, out.target());
    }

    @Test
    void unconnectedGpioOutStillReportsToItsInterceptor() {
        GpioOut out = new GpioOut();
        out.intercept((n, level) -> events.add("intercept " + n + " " + level), 4);
        out.lower();
        assertEquals(List.of("intercept 4 0"), events);
    }

    /** qemu_extend_irqs: lines added to an existing list continue its numbering. */
    @Test
    void gpioInLinesAddedToAnExistingListContinueItsNumbering() {
        List<Integer> seen = new ArrayList<>();
        Device d = new Device("test-device") {
            {
                initGpioIn(UNNAMED, (n, level) -> seen.add(n), 2);
                initGpioIn(UNNAMED, (n, level) -> seen.add(n), 2);
                initGpioOut("named", 1);
                initGpioOut("named", 1);
            }

            @Override
            public void reset() {
            }
        };
        for (int i = 0; i < 4; i++) {
            d.gpioIn(Device.UNNAMED, i).raise();
        }
        assertEquals(List.of(0, 1, 2, 3), seen);
        assertEquals(2, d.gpioOutLists().get("named").length);
        assertEquals(null, d.gpioIn(Device.UNNAMED, 4));
    }
}
