package io.qtestjvm.devices.x86;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Irq;
import java.util.ArrayList;
import java.util.List;

/** An input line that records each level change with the clock's time, as qtest's IRQ cache reports changes. */
final class LevelRecorder {
    record Change(long timeNs, int level) {
    }

    final List<Change> changes = new ArrayList<>();
    final Irq line;
    int level = -1;

    LevelRecorder(Clock clock) {
        this.line = new Irq((n, l) -> {
            if (l != level) {
                level = l;
                changes.add(new Change(clock.now(), l));
            }
        }, 0);
    }
}
