package io.qtestjvm.server.board;

import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.qtest.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Shared QOM types are built once per arch and compat version, and a machine made with them is indistinguishable
 * from one that built its own.
 */
class TypeCatalogsTest {
    @Test
    void sharedCatalogsBuildEachArchAndVersionOnce() {
        TypeCatalogs shared = TypeCatalogs.shared();
        QomTypes pc = shared.of("x86_64", Compat.parse("7.2"));
        assertSame(pc, shared.of("x86_64", Compat.parse("7.2")));
        assertNotSame(pc, shared.of("x86_64", Compat.parse("10.2")), "another version has its own types");
        assertNotSame(pc, shared.of("i386", Compat.parse("7.2")), "another arch has its own types");
        assertNotSame(pc, TypeCatalogs.shared().of("x86_64", Compat.parse("7.2")), "another owner builds its own");
    }

    @Test
    void perMachineCatalogsBuildForEveryMachine() {
        TypeCatalogs each = TypeCatalogs.perMachine();
        assertNotSame(each.of("ppc64", Compat.parse("7.2")), each.of("ppc64", Compat.parse("7.2")));
    }

    @Test
    void sharedCatalogsOfSeveralThreadsAreOneInstance() throws Exception {
        TypeCatalogs shared = TypeCatalogs.shared();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<QomTypes>> work = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                work.add(() -> shared.of("aarch64", Compat.parse("7.2")));
            }
            List<Future<QomTypes>> got = pool.invokeAll(work);
            for (Future<QomTypes> f : got) {
                assertSame(got.getFirst().get(), f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The second machine of a factory uses the types the first one built: its answers are those of its own. */
    @ParameterizedTest
    @ValueSource(strings = {"x86_64:pc", "arm:raspi2b", "aarch64:virt", "ppc64:pseries"})
    void aMachineOnSharedTypesAnswersAsOneOnItsOwn(String archAndMachine) {
        String arch = archAndMachine.substring(0, archAndMachine.indexOf(':'));
        String machine = archAndMachine.substring(archAndMachine.indexOf(':') + 1);
        InJvmServer.Factory factory = new InJvmServer.Factory();
        List<String> commands = List.of(
                "{\"execute\": \"qom-list-types\", \"arguments\": {\"abstract\": true}}",
                "{\"execute\": \"qom-list\", \"arguments\": {\"path\": \"/machine\"}}",
                "{\"execute\": \"query-cpus-fast\"}");
        List<String> own = answers(InJvmServer.startAs("7.2", arch, "-machine", machine), commands);
        answers(factory.start("7.2", arch, "-machine", machine), commands);
        List<String> shared = answers(factory.start("7.2", arch, "-machine", machine), commands);
        assertEquals(own, shared);
    }

    private static List<String> answers(InJvmServer s, List<String> commands) {
        try (s) {
            s.qmp("{\"execute\": \"qmp_capabilities\"}");
            List<String> out = new ArrayList<>();
            for (String c : commands) {
                out.add(s.qmp(c));
            }
            out.add(s.qtest("readl 0x0"));
            return out;
        }
    }
}
