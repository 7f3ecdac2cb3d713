package io.qtestjvm.server.runtime;

import io.qtestjvm.memory.SparseRam;
import io.qtestjvm.server.cli.StartupException;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in JVM started ahead of its launch, so that a launch finds the JVM running, its start-up done, and only
 * has to hand over its command line ({@code QTEST_JVM_WARM=1}; {@code bin/qemu-jvm-launch} starts one in the
 * background at each launch and hands the next launch to it). The launcher stays the process its caller started
 * (libqtest's PID): it forwards SIGTERM, SIGINT and SIGHUP to this JVM and ends with the exit status this JVM
 * reports ({@link ExitReport}); this JVM writes to the launcher's standard output and error and ends when the
 * launcher is gone. A launch this JVM cannot serve as a process of its own would (another working directory, a
 * {@code stdio} chardev or {@code -nographic}, which need the launcher's standard input, a descriptor the launcher
 * inherited, help and version requests) is declined, and the launcher starts a JVM the usual way.
 *
 * <p>While it waits the JVM has done what a start does before it reads the command line ({@link StartupWarmup}: the
 * JDK's socket set-up, the arch's CPU models); it does not build a machine ahead: on a 2-core host that work, done
 * in the background during the test before, slowed that test more than it saved (docs/performance.md, seventh
 * round).
 *
 * <p>The files, in the arch's pool directory, named by this JVM's PID: {@code N.req} and {@code N.out} (FIFOs the
 * launcher made; the command line comes in on the first, the answer goes out on the second: {@code serving},
 * {@code decline}, then the exit status), {@code N.ready} (present while the JVM waits), {@code N.claim} (made with
 * {@code O_EXCL} by the one launcher that takes the JVM, or by the JVM itself when it has waited
 * {@link #IDLE_MS} in vain). Files of JVMs that are gone are removed by the next one.
 */
final class WarmLaunch {
    /** The pool directory and the launcher's token: {@code <dir>/s.<pid>} names the FIFOs it made. */
    static final String SPAWN_PROPERTY = "qtestjvm.warm";
    /** The {@code QTEST_JVM_COMPAT} of the launch, which the process did not inherit. */
    static final String COMPAT_PROPERTY = "qtestjvm.compat";
    static final String MAGIC = "qtestjvm-warm-1";
    /** The request's fields before the command line: magic, launcher PID, directory, program, compat, argument count. */
    private static final int HEADER = 6;
    /** How long an unclaimed JVM waits before it ends. */
    static final long IDLE_MS = 5_000;
    private static final long LAUNCHER_POLL_MS = 20;

    private WarmLaunch() {
    }

    public static void main(String[] args) throws IOException {
        String arch = System.getProperty("qtestjvm.arch", "x86_64");
        Path spawned = Path.of(System.getProperty(SPAWN_PROPERTY));
        Path dir = spawned.getParent();
        long pid = ProcessHandle.current().pid();
        Path req = dir.resolve(pid + ".req");
        Path out = dir.resolve(pid + ".out");
        Path ready = dir.resolve(pid + ".ready");
        Path claim = dir.resolve(pid + ".claim");
        Files.move(spawned.resolveSibling(spawned.getFileName() + ".req"), req);
        Files.move(spawned.resolveSibling(spawned.getFileName() + ".out"), out);
        removeLeftovers(dir);
        System.setProperty(SparseRam.BACKING_PROPERTY, "file"); // one machine in this process, as ServerMain's
        StartupWarmup warmup = StartupWarmup.start(arch);
        // held open for the JVM's life: the launcher's open for reading then never waits, and sees end of file
        // when this JVM is gone
        RandomAccessFile answer = new RandomAccessFile(out.toFile(), "rw");
        Files.createFile(ready);
        Thread idle = new Thread(() -> endWhenUnclaimed(ready, claim, req), "warm-idle");
        idle.setDaemon(true);
        idle.start();
        List<String> request = read(req); // waits in open(2) until a launcher (or the idle thread) opens it
        Files.deleteIfExists(ready);
        Files.deleteIfExists(req);
        if (!complete(request) || !sameDirectory(request.get(2))
                || !servable(request.subList(HEADER, request.size()))) {
            decline(answer);
        }
        String launcher = request.get(1);
        String prog = request.get(3);
        String compat = request.get(4);
        List<String> cl = new ArrayList<>();
        for (String a : request.subList(HEADER, request.size())) {
            cl.add(ownDescriptors(a, launcher));
        }
        try {
            System.setErr(new PrintStream(new FileOutputStream("/proc/" + launcher + "/fd/2", true), true));
            System.setOut(new PrintStream(new FileOutputStream("/proc/" + launcher + "/fd/1", true), false));
        } catch (IOException e) {
            decline(answer); // e.g. a socket: not to be reopened
        }
        answer.write("serving\n".getBytes(StandardCharsets.US_ASCII));
        System.setProperty(ExitReport.CHANNEL_PROPERTY, out.toString());
        System.setProperty("qtestjvm.prog", prog);
        System.setProperty(COMPAT_PROPERTY, compat);
        long launcherPid = Long.parseLong(launcher);
        Thread watch = new Thread(() -> endWithLauncher(launcherPid), "warm-launcher-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            ServerMain.run(arch, prog, cl.toArray(new String[0]), warmup);
        } catch (StartupException e) {
            System.err.print(e.render(prog));
            System.err.flush();
            ExitReport.report(1);
            Runtime.getRuntime().halt(1);
        }
    }

    /** Tells the launcher to start the usual way, and ends. */
    private static void decline(RandomAccessFile answer) throws IOException {
        answer.write("decline\n".getBytes(StandardCharsets.US_ASCII));
        Runtime.getRuntime().halt(0);
    }

    /**
     * Whether {@code request} is ours and whole: the magic, a launcher PID, and as many arguments as its header
     * counts.
     */
    static boolean complete(List<String> request) {
        try {
            return request.size() >= HEADER && request.get(0).equals(MAGIC) && Long.parseLong(request.get(1)) > 0
                    && Integer.parseInt(request.get(HEADER - 1)) == request.size() - HEADER;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether a process of our own would serve this command line as a launched one does: no standard input (no
     * {@code stdio} chardev, no {@code -nographic}), no descriptor inherited from the launcher ({@code fd=N} of a
     * {@code -netdev} or chardev, {@code -add-fd}: a socket cannot be reopened through {@code /proc}), no help or
     * version output, no exit with a parent it does not have, a qtest log named (without one the log goes to this
     * JVM's own standard error).
     */
    static boolean servable(List<String> args) {
        boolean qtest = false;
        boolean qtestLog = false;
        for (String a : args) {
            if (a.contains("stdio") || a.equals("-nographic") || a.contains("fd=") || a.equals("-add-fd")
                    || a.contains("help") || a.equals("-version") || a.equals("--version")
                    || a.contains("exit-with-parent") || a.equals("-daemonize")) {
                return false;
            }
            qtest |= a.equals("-qtest");
            qtestLog |= a.equals("-qtest-log");
        }
        return !qtest || qtestLog;
    }

    /** Whether {@code dir} (the launcher's {@code $PWD}, which may go through links) is this JVM's directory. */
    static boolean sameDirectory(String dir) {
        try {
            return Path.of(dir).toRealPath().equals(Path.of(System.getProperty("user.dir")).toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The launcher's own descriptors where the command line names the process's ({@code /dev/fd/2} and the like). */
    static String ownDescriptors(String arg, String launcher) {
        String proc = "/proc/" + launcher + "/fd/";
        return arg.replace("/dev/stdout", proc + "1").replace("/dev/stderr", proc + "2")
                .replace("/dev/fd/", proc).replace("/proc/self/fd/", proc);
    }

    /** The request: NUL-separated strings up to end of file. */
    private static List<String> read(Path req) throws IOException {
        byte[] all;
        try (InputStream in = new FileInputStream(req.toFile())) {
            all = in.readAllBytes();
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                out.add(new String(all, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    /** Ends this JVM when nobody has claimed it in {@link #IDLE_MS}; the claim keeps a launcher from taking it. */
    private static void endWhenUnclaimed(Path ready, Path claim, Path req) {
        try {
            Thread.sleep(IDLE_MS);
            Files.createFile(claim);
        } catch (FileAlreadyExistsException e) {
            return; // a launcher took it
        } catch (IOException | InterruptedException e) {
            return;
        }
        try {
            Files.deleteIfExists(ready);
            Files.deleteIfExists(req); // the main thread's open(2) still waits on the FIFO it found
        } catch (IOException e) {
            // the next JVM removes what is left
        }
        Runtime.getRuntime().halt(0);
    }

    /**
     * Whether process {@code pid} has ended: no {@code /proc} entry, or a zombie's (ended, not yet reaped; the
     * launcher tells a claimed JVM that has ended the same way).
     */
    static boolean ended(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2); // after "pid (comm) "
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Ends this JVM when the launcher has gone (killed without a signal it could forward). */
    private static void endWithLauncher(long launcher) {
        try {
            while (!ended(launcher)) {
                Thread.sleep(LAUNCHER_POLL_MS);
            }
        } catch (InterruptedException e) {
            return;
        }
        Runtime.getRuntime().halt(0);
    }

    /** Removes the files of warm JVMs that are gone (named by their PIDs). */
    private static void removeLeftovers(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                String owned = name.startsWith("s.") ? name.substring(2) : name; // s.<launcher>: FIFOs not taken
                int dot = owned.indexOf('.');
                if (dot <= 0) {
                    continue;
                }
                try {
                    if (ended(Long.parseLong(owned.substring(0, dot)))) {
                        Files.deleteIfExists(p);
                    }
                } catch (NumberFormatException | IOException e) {
                    // not ours, or already gone
                }
            }
        } catch (IOException e) {
            // nothing to clean
        }
    }
}
