package io.qtestjvm.bench;

import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.server.InJvmServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The in-JVM qtest path: a whole {@code readl} / {@code inl} command (parse, dispatch, format) against the
 * {@code pc} machine, next to its baseline in the same run, the bare {@link AddressSpace#load} the command ends in.
 * The difference is what the protocol engine costs per command; {@code -prof gc} shows it allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class QtestPathBenchmark {
    private InJvmServer server;
    private AddressSpace memory;
    private AddressSpace io;
    private final byte[] readl = "readl 0x1000".getBytes(StandardCharsets.US_ASCII);
    private final byte[] inl = "inl 0xcfc".getBytes(StandardCharsets.US_ASCII);
    private final byte[] reply = new byte[64];

    @Setup
    public void setUp() {
        server = InJvmServer.start("x86_64", "-machine", "pc");
        server.qtest("writel 0x1000 0xdeadbeef");
        server.qtest("outl 0xcf8 0x80000000");
        memory = server.board().cpuMemory();
        io = server.board().ioPorts();
    }

    @TearDown
    public void tearDown() {
        server.close();
    }

    @Benchmark
    public int qtestReadlRam() {
        return server.qtest(readl, 0, readl.length, reply);
    }

    @Benchmark
    public long baselineLoadRam() {
        return memory.load(0x1000, 4, false);
    }

    @Benchmark
    public int qtestInlPciConfig() {
        return server.qtest(inl, 0, inl.length, reply);
    }

    @Benchmark
    public long baselineLoadPciConfig() {
        return io.load(0xcfc, 4, false);
    }
}
