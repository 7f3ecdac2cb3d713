package io.qtestjvm.qos.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A graph test ({@code qos_add_test}) as a method: it consumes the interface or driver {@link #consumes()}, and runs
 * once per graph path that reaches it, on every configured backend. The method's parameters are filled by type: the
 * consumed object (e.g. {@code QSdhci} for {@code sdhci}), a {@code QosAllocator} (the machine's guest allocator),
 * and an {@code Object} for the test's argument; it runs on a new instance of its class. The members other than
 * {@code consumes} are QEMU's {@code QOSGraphEdgeOptions} of the edge from the interface to the test, empty meaning
 * unset.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface QosTest {
    /** The interface or driver node the test consumes, e.g. {@code sdhci} or {@code pci-device}. */
    String consumes();

    /** The test's name in the path ({@code <iface>-tests/<name>}); default: the method's name. */
    String name() default "";

    /** Appended to the consumer's {@code -device} option, e.g. {@code addr=04.0}. */
    String extraDeviceOpts() default "";

    /** Added to the command line where the edge is walked. */
    String beforeCmdLine() default "";

    /** Added after all {@code -device} options. */
    String afterCmdLine() default "";

    /** The path component for the edge; default: the test's name. */
    String edgeName() default "";

    /** Non-empty when the test moves the virtual clock, saying why (not applicable where the clock stands still). */
    String needsVirtualTime() default "";
}
