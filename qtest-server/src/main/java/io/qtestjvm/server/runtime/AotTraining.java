package io.qtestjvm.server.runtime;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.board.MachineConfig;
import io.qtestjvm.server.board.Targets;
import io.qtestjvm.server.cli.QemuCommandLine;
import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.monitor.MachineMonitor;
import io.qtestjvm.server.qmp.QmpHost;
import io.qtestjvm.server.qmp.VmRunState;
import io.qtestjvm.server.qmp.QmpMonitor;
import io.qtestjvm.server.qmp.QmpSession;
import io.qtestjvm.server.qtest.Compat;
import io.qtestjvm.server.qtest.QtestEngine;
import io.qtestjvm.server.qtest.QtestLog;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The training run of the JDK's AOT cache (JEP 483/514), run by the Maven build with {@code -XX:AOTCacheOutput}:
 * it walks the start-up path a libqtest launch takes — command line, board, qtest and QMP over unix sockets
 * through the event loop — so that those classes are loaded and linked from the cache when the launchers start.
 * Then what tests do once a machine runs: the devices they use most, made as they make them, and the qtest
 * sessions recorded from qos-test's paths ({@code qtest-server/src/aot}, named by the launcher) replayed on their
 * machines, so that a device's classes and lambdas come from the cache instead of being loaded and spun in every
 * short-lived stand-in (docs/performance.md, fifth round). It must end normally (the cache is written at exit).
 */
public final class AotTraining {
    /**
     * The system property set while training: {@link ProcessLife#exitNow} then unwinds instead of ending the JVM.
     * A property of the training process, not a static field (main code keeps no mutable static state).
     */
    static final String ACTIVE_PROPERTY = "qtestjvm.aot-training";

    /** The directory of recorded qtest sessions to replay (the launcher's {@code qtest-server/src/aot}). */
    static final String SESSIONS_PROPERTY = "qtestjvm.aot-sessions";

    /** Thrown instead of exiting during training; carries the status the process would have had. */
    static final class TrainingExit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TrainingExit(int status) {
            super("exit " + status, null, false, false);
        }
    }

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(ACTIVE_PROPERTY, "true");
        StartupWarmup.nameSelectorProvider(); // as ServerMain does, before the first channel
        for (String arch : new String[] {"x86_64", "aarch64", "ppc64"}) {
            train(arch);
        }
        trainServerMain();
        trainDevices();
        String sessions = System.getProperty(SESSIONS_PROPERTY);
        if (sessions != null) {
            replaySessions(Path.of(sessions));
        }
        NativeExit.prepareInBackground(null); // the FFM classes of the exit path, linked as at run time
        Thread.sleep(200);
    }

    private static void train(String arch) throws StartupException, IOException {
        Compat compat = Compat.V10_2;
        String[] cmdline = switch (arch) {
            case "x86_64" -> new String[] {"-machine", "pc", "-device", "edu,addr=04.0", "-display", "none",
                "-accel", "qtest"};
            case "aarch64" -> new String[] {"-machine", "virt,", "-cpu", "max", "-device", "edu,addr=04.0",
                "-display", "none", "-accel", "qtest"};
            case "ppc64" -> new String[] {"-machine", "pseries", "-device", "sdhci-pci,addr=02.0", "-display", "none",
                "-accel", "qtest"};
            default -> new String[] {"-machine", "none", "-display", "none", "-accel", "qtest"};
        };
        MachineConfig config = MachineConfig.from(arch, QemuCommandLine.parse(cmdline), compat);
        Board board = Targets.create(config);
        board.plugConfiguredDevices();

        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qtj-aot");
        Path qtestPath = dir.resolve("q.sock");
        Path qmpPath = dir.resolve("m.sock");
        try (ServerSocketChannel qs = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ServerSocketChannel ms = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            qs.bind(UnixDomainSocketAddress.of(qtestPath));
            ms.bind(UnixDomainSocketAddress.of(qmpPath));
            EventLoop loop = new EventLoop();
            QtestEndpoint qtest = new QtestEndpoint(board, compat, true, QtestLog.none());
            loop.attach("-qtest", ChardevSpec.parseCompat("qtest", "unix:" + qtestPath), qtest);
            VmRunState vm = VmRunState.running();
            QmpHost host = new QmpHost() {
                @Override
                public VmRunState runState() {
                    return vm;
                }

                @Override
                public void requestExit(int status) {
                    loop.stop();
                }
            };
            QmpMonitor monitor = MachineMonitor.create(board, compat, host);
            loop.attach("-mon", ChardevSpec.parseCompat("qmp", "unix:" + qmpPath), new QmpEndpoint(monitor));
            try (SocketChannel q = qs.accept(); SocketChannel m = ms.accept()) {
                Thread client = new Thread(() -> drive(q, m), "aot-client");
                client.start();
                loop.run();
                try {
                    client.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            Files.deleteIfExists(qtestPath);
            Files.deleteIfExists(qmpPath);
            Files.deleteIfExists(dir);
        }
        // the in-process path too (tests and benchmarks use it)
        QtestEngine engine = new QtestEngine(board, compat, true, (b, off, len) -> { }, QtestLog.none());
        engine.opened();
        for (String c : COMMANDS) {
            engine.execute(c);
        }
        QmpSession s = MachineMonitor.create(board, compat, new QmpHost() {
            @Override
            public VmRunState runState() {
                return VmRunState.running();
            }

            @Override
            public void requestExit(int status) {
            }
        }).openSession((b, off, len) -> { });
        byte[] cap = "{\"execute\": \"qmp_capabilities\"}\n".getBytes(StandardCharsets.UTF_8);
        s.feed(cap, 0, cap.length);
    }

    /**
     * The devices qtest runs most often, made as their tests make them (an SD card and virtio-blk on files, a
     * null-co drive, virtio-rng, virtio-net on a hub port): their classes and lambdas come from the cache too.
     */
    private static void trainDevices() throws StartupException, IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qtj-aot");
        Path card = dir.resolve("card.img");
        Path disk = dir.resolve("disk.img");
        try {
            sparseImage(card, 1 << 20);
            sparseImage(disk, 1 << 20);
            MachineConfig config = MachineConfig.from("x86_64", QemuCommandLine.parse(new String[] {
                "-display", "none", "-M", "pc",
                "-device", "sdhci-pci,addr=04.0", "-drive", "if=none,id=sdcard0,file=" + card + ",format=raw",
                "-device", "sd-card,drive=sdcard0",
                "-device", "virtio-blk-pci,id=drv0,drive=drive0,addr=05.0",
                "-drive", "if=none,id=drive0,file=" + disk + ",format=raw,auto-read-only=off",
                "-drive", "if=none,id=drive1,file=null-co://,file.read-zeroes=on,format=raw",
                "-device", "virtio-blk-pci,id=drv1,drive=drive1,addr=06.0,packed=on",
                "-device", "virtio-rng-pci,addr=07.0",
                "-device", "virtio-net-pci,netdev=hs0,addr=08.0", "-netdev", "hubport,hubid=0,id=hs0",
                "-accel", "qtest"}), Compat.V10_2);
            Board board = Targets.create(config);
            board.plugConfiguredDevices();
            board.close();
        } finally {
            Files.deleteIfExists(card);
            Files.deleteIfExists(disk);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Replays the recorded qtest sessions in {@code dir} ({@code *.qtest}: the commands qos-test sent for one graph
     * path, after {@code # arch:}, {@code # image-size:} and {@code # args:} header lines; {@code @IMAGE@} in the
     * arguments is a sparse file of that size), each on a machine made from its arguments, so that what the devices do
     * when a test drives them (SD commands and transfers, virtqueue requests) runs in training too. A session that no
     * longer fits the stand-in just trains less: the training goes on (RecordedSessionsTest keeps them fitting).
     */
    private static void replaySessions(Path dir) throws IOException {
        for (Path f : sessions(dir)) {
            try {
                replay(f, (b, off, len) -> { });
            } catch (StartupException | RuntimeException e) {
                System.err.println("AOT training: " + f.getFileName() + " did not replay: " + e);
            }
        }
    }

    /** The recorded sessions in {@code dir}, in name order. */
    static List<Path> sessions(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.qtest")) {
            for (Path p : ds) {
                files.add(p);
            }
        }
        Collections.sort(files);
        return files;
    }

    /**
     * Replays one recorded session on a machine made from its arguments, the replies to {@code replies}; returns
     * how many commands it sent.
     */
    static int replay(Path session, QtestEngine.Output replies) throws IOException, StartupException {
        String arch = "x86_64";
        long imageSize = 0;
        String args = null;
        List<String> commands = new ArrayList<>();
        for (String l : Files.readAllLines(session, StandardCharsets.UTF_8)) {
            if (l.startsWith("# arch:")) {
                arch = l.substring("# arch:".length()).strip();
            } else if (l.startsWith("# image-size:")) {
                imageSize = Long.parseLong(l.substring("# image-size:".length()).strip());
            } else if (l.startsWith("# args:")) {
                args = l.substring("# args:".length()).strip();
            } else if (!l.startsWith("#") && !l.isBlank()) {
                commands.add(l);
            }
        }
        if (args == null) {
            throw new StartupException(session.getFileName() + ": no '# args:' line");
        }
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qtj-aot");
        Path image = dir.resolve("image.img");
        try {
            sparseImage(image, imageSize);
            List<String> argv = new ArrayList<>(List.of(args.replace("@IMAGE@", image.toString()).split(" ")));
            argv.addAll(List.of("-display", "none", "-accel", "qtest"));
            Compat compat = Compat.V10_2;
            Board board = Targets.create(MachineConfig.from(arch,
                    QemuCommandLine.parse(argv.toArray(new String[0])), compat));
            try {
                board.plugConfiguredDevices();
                QtestEngine engine = new QtestEngine(board, compat, true, replies, QtestLog.none());
                engine.opened();
                for (String c : commands) {
                    engine.execute(c);
                    board.runDeferred();
                }
            } finally {
                board.close();
            }
            return commands.size();
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
    }

    /** Makes {@code path} a file of {@code size} bytes that reads as zeros (a hole, no data written). */
    private static void sparseImage(Path path, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** The process entry itself, as a launcher starts it: ServerMain.run until QMP quit unwinds it. */
    private static void trainServerMain() throws IOException {
        // as ServerMain.main does: its classes and lambdas come from the cache too
        StartupWarmup warmup = StartupWarmup.start("x86_64");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "qtj-aot");
        Path qtestPath = dir.resolve("q.sock");
        Path qmpPath = dir.resolve("m.sock");
        try (ServerSocketChannel qs = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ServerSocketChannel ms = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            qs.bind(UnixDomainSocketAddress.of(qtestPath));
            ms.bind(UnixDomainSocketAddress.of(qmpPath));
            Thread server = new Thread(() -> {
                try {
                    ServerMain.run("x86_64", "qemu-jvm-system-x86_64", new String[] {
                        "-qtest", "unix:" + qtestPath, "-qtest-log", "/dev/null",
                        "-chardev", "socket,path=" + qmpPath + ",id=char0", "-mon", "chardev=char0,mode=control",
                        "-display", "none", "-audio", "none", "-machine", "pc", "-device", "edu,addr=04.0",
                        "-accel", "qtest"}, warmup);
                } catch (TrainingExit | StartupException e) {
                    // the quit at the end of the training
                }
            }, "aot-server-main");
            server.start();
            try (SocketChannel q = qs.accept(); SocketChannel m = ms.accept()) {
                drive(q, m);
            }
            try {
                server.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            Files.deleteIfExists(qtestPath);
            Files.deleteIfExists(qmpPath);
            Files.deleteIfExists(dir);
        }
    }

    private static final String[] COMMANDS = {
        "endianness", "rtas ibm,read-pci-config 4 0x10000 2 0x10100",
        "rtas get-time-of-day 0 0x10000 8 0x10100",
        "outw 0x510 0x3", "inb 0x511", "outl 0xcf8 0x80000000", "inl 0xcfc", "inw 0xcfc",
        "readl 0x1000", "writel 0x1000 0xdeadbeef", "readq 0x1000", "writeq 0x1000 0x1", "readb 0x1000",
        "writeb 0x1000 0x1", "readw 0x1000", "writew 0x1000 0x1", "read 0x1000 0x10", "write 0x1000 0x4 0x01020304",
        "b64read 0x1000 0x8", "b64write 0x1000 0x4 AQIDBA==", "memset 0x1000 0x10 0x0", "clock_step",
        "clock_step 1000", "clock_set 100000000", "irq_intercept_in ioapic", "set_irq_in ioapic unnamed-gpio-in 5 1",
        "outb 0x70 0x0c", "inb 0x71", "readl 0xe0000000", "frobnicate",
    };

    private static void drive(SocketChannel q, SocketChannel m) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            m.read(buf);
            exchange(m, "{\"execute\": \"qmp_capabilities\"}\n", buf);
            exchange(m, "{\"execute\": \"query-status\"}\n", buf);
            for (int round = 0; round < 200; round++) {
                for (String c : COMMANDS) {
                    exchange(q, c + "\n", buf);
                }
            }
            // the qtest client leaves first, as a test's does: the machine closes a connected channel at its end
            // of file (the JDK's linger check loads the socket-option classes, ~3 ms when not in the cache)
            q.close();
            exchange(m, "{\"execute\": \"query-status\"}\n", buf);
            exchange(m, "{\"execute\": \"query-status\"}\n", buf);
            exchange(m, "{\"execute\": \"quit\"}\n", buf);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exchange(SocketChannel ch, String text, ByteBuffer buf) throws IOException {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        buf.clear();
        while (true) {
            int n = ch.read(buf);
            if (n < 0) {
                return;
            }
            if (buf.position() > 0 && buf.get(buf.position() - 1) == '\n') {
                return;
            }
        }
    }
}
