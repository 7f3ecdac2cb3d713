package io.qtestjvm.bench;

import io.qtestjvm.server.qmp.JsonMessageReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The QMP parse path: the bytes of typical libqtest/libqos commands, as one socket read delivers them, through the
 * server's JSON stream reader up to the parsed values handed to the session. {@code typicalCommands} feeds five
 * commands (capabilities, query-status, qom-get with an id, device_add with arguments, a human-monitor-command);
 * {@code queryStatus} one short command, the common case of a test's sync point.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class QmpParseBenchmark {
    private static final String TYPICAL = "{\"execute\":\"qmp_capabilities\"}\r\n"
            + "{\"execute\": \"query-status\"}\r\n"
            + "{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"/machine/peripheral/dev0\","
            + " \"property\": \"realized\"}, \"id\": \"libqtest-7\"}\r\n"
            + "{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"virtio-blk-pci\", \"id\": \"drv0\","
            + " \"drive\": \"drive0\", \"addr\": \"0x6\", \"bus\": \"pci.0\", \"multifunction\": false,"
            + " \"num-queues\": 4}}\r\n"
            + "{\"execute\": \"human-monitor-command\", \"arguments\": {\"command-line\": \"info qtree\"}}\r\n";

    private final byte[] typical = TYPICAL.getBytes(StandardCharsets.UTF_8);
    private final byte[] queryStatus = "{\"execute\": \"query-status\"}\r\n".getBytes(StandardCharsets.UTF_8);
    private Blackhole sink;
    private JsonMessageReader reader;

    @Setup
    public void setUp(Blackhole bh) {
        sink = bh;
        reader = new JsonMessageReader((value, error) -> sink.consume(value));
    }

    @Benchmark
    public void typicalCommands() {
        reader.feed(typical, 0, typical.length);
    }

    @Benchmark
    public void queryStatus() {
        reader.feed(queryStatus, 0, queryStatus.length);
    }
}
