package io.qtestjvm.qos.engine;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.runner.QosBackend;
import io.qtestjvm.qos.runner.QosPlan;
import io.qtestjvm.qos.runner.Shard;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The engine's configuration parameters (also read from system properties and {@code junit-platform.properties}):
 * <ul>
 * <li>{@code qos.backend}: comma-separated {@code jvm}, {@code process}, {@code qemu} (default {@code jvm})</li>
 * <li>{@code qos.binary}: the {@code *-system-<arch>} binary for {@code process} or {@code qemu} (default: the
 *     stand-in's launchers under {@code qos.root}, and {@code qemu-system-<arch>} from {@code PATH})</li>
 * <li>{@code qos.arches}: comma-separated arches (default {@code x86_64,i386,arm}; the binary's arch when
 *     {@code qos.binary} is set)</li>
 * <li>{@code qos.compat}: the QEMU version the stand-in emulates ({@code 7.2}, {@code 10.2})</li>
 * <li>{@code qos.filter}: a regex the path name must contain; {@code qos.shard}: {@code i/n}, or Bazel's
 *     {@code TEST_TOTAL_SHARDS}/{@code TEST_SHARD_INDEX}</li>
 * <li>{@code qos.root}: this repository's root, for the {@code process} backend's launchers (default: the system
 *     property {@code qtestjvm.root}, else the working directory's parent)</li>
 * </ul>
 * {@code QTEST_REQUIRE_QEMU} in the environment (or {@code qos.require-qemu=true}) makes a missing QEMU fail the
 * {@code qemu} backend instead of skipping it.
 */
record EngineConfig(List<QosBackend> backends, List<String> arches, QosPlan.Selection selection) {
    static final List<String> DEFAULT_ARCHES = List.of("x86_64", "i386", "arm");

    static EngineConfig from(ConfigurationParameters params, Map<String, String> env) {
        String binary = params.get("qos.binary").filter(s -> !s.isBlank()).orElse(null);
        String compat = params.get("qos.compat").filter(s -> !s.isBlank()).orElse(null);
        Path root = Path.of(params.get("qos.root").orElse(System.getProperty("qtestjvm.root",
                Path.of("..").toAbsolutePath().normalize().toString())));
        boolean requireQemu = params.getBoolean("qos.require-qemu")
                .orElse(env.get("QTEST_REQUIRE_QEMU") != null && !env.get("QTEST_REQUIRE_QEMU").isEmpty());
        List<QosBackend> backends = new ArrayList<>();
        for (String name : params.get("qos.backend").orElse("jvm").split(",")) {
            if (!name.isBlank()) {
                backends.add(QosBackend.named(name, binary, root, compat, requireQemu));
            }
        }
        List<String> arches;
        String a = params.get("qos.arches").orElse("");
        if (!a.isBlank()) {
            arches = List.of(a.trim().split("\\s*,\\s*"));
        } else if (binary != null) {
            arches = List.of(QTestState.archOf(binary));
        } else {
            arches = DEFAULT_ARCHES;
        }
        String filter = params.get("qos.filter").filter(s -> !s.isEmpty()).orElse(null);
        String shardText = params.get("qos.shard").filter(s -> !s.isEmpty()).orElse(null);
        Shard shard = shardText != null ? Shard.parse(shardText) : Shard.fromBazel(env);
        QosPlan.Selection sel = new QosPlan.Selection(filter == null ? null : Pattern.compile(filter), null,
                shard == null ? Shard.all() : shard);
        return new EngineConfig(List.copyOf(backends), arches, sel);
    }
}
