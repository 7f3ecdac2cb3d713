package io.qtestjvm.devices.arm;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Timer;

/**
 * A push button on a GPIO line ({@code gpio-key}, and {@code gpio-pwr} for the secure power button): a rising
 * edge on its one unnamed input presses the key, which raises its output and releases it 100 ms of virtual time
 * later, as QEMU's virt machine uses it for the ACPI-less power button on PL061 line 3.
 */
public final class GpioKey extends Device {
    public static final String TYPE = "gpio-key";
    static final long RELEASE_NS = 100_000_000L;

    private final GpioOut out;
    private final Timer release;

    public GpioKey(String type, Clock clock) {
        super(type);
        this.out = initGpioOut(UNNAMED, 1)[0];
        this.release = clock.newTimer(() -> out.set(0));
        initGpioIn(UNNAMED, (n, level) -> {
            if (level != 0) {
                out.set(1);
                release.mod(clock.now() + RELEASE_NS);
            }
        }, 1);
    }

    public GpioOut output() {
        return out;
    }

    @Override
    public void reset() {
        release.del();
        out.set(0);
    }
}
