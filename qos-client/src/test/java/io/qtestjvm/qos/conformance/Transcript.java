package io.qtestjvm.qos.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded QEMU 7.2 session (qemu-7.2-transcripts/README.md): {@code > } qtest commands with the {@code < }
 * lines QEMU answered (async IRQ lines first), {@code qmp> }/{@code qmp< } QMP traffic, {@code <! } where QEMU
 * aborted, and {@code # --- crash probe:} sections each sent to a fresh QEMU.
 */
final class Transcript {
    enum Channel { QTEST, QMP }

    /** One request and what QEMU answered (or that it aborted). */
    record Exchange(Channel channel, String request, List<String> expected, boolean aborted, int lineNo,
                    String section) {
        @Override
        public String toString() {
            return (channel == Channel.QMP ? "qmp> " : "> ") + request.replace("\r", "\\r") + " (line " + lineNo
                    + ")";
        }
    }

    final String name;
    final String cmdline;
    final List<Exchange> main = new ArrayList<>();
    final List<Exchange> probes = new ArrayList<>();

    private Transcript(String name, String cmdline) {
        this.name = name;
        this.cmdline = cmdline;
    }

    static Transcript load(String name) {
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + name);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Transcript parse(String name, String text) {
        String[] lines = text.split("\n", -1);
        String cmd = "";
        for (String l : lines) {
            if (l.startsWith("# cmdline: ")) { // the first line, or after notes on machine names that failed
                cmd = l.substring(11);
                break;
            }
        }
        Transcript t = new Transcript(name, cmd);
        List<Exchange> target = t.main;
        String section = "";
        Channel ch = null;
        String request = null;
        List<String> expected = null;
        boolean aborted = false;
        int reqLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            boolean startsRequest = l.startsWith("> ") || l.equals(">") || l.startsWith("qmp> ");
            boolean probe = l.startsWith("# --- crash probe:");
            if ((startsRequest || probe) && request != null) {
                target.add(new Exchange(ch, request, expected, aborted, reqLine, section));
                request = null;
            }
            if (probe) {
                target = t.probes;
                section = l;
                continue;
            }
            if (startsRequest) {
                ch = l.startsWith("qmp> ") ? Channel.QMP : Channel.QTEST;
                request = ch == Channel.QMP ? l.substring(5) : (l.length() > 2 ? l.substring(2) : "");
                expected = new ArrayList<>();
                aborted = false;
                reqLine = i + 1;
            } else if (request != null && ch == Channel.QTEST && l.startsWith("< ")) {
                expected.add(l.substring(2));
            } else if (request != null && ch == Channel.QMP && l.startsWith("qmp< ")) {
                expected.add(l.substring(5));
            } else if (request != null && l.startsWith("<! ")) {
                aborted = true;
            }
        }
        if (request != null) {
            target.add(new Exchange(ch, request, expected, aborted, reqLine, section));
        }
        return t;
    }

    /** The machine arguments of the recorded command line (what follows {@code -display none}). */
    String machineArgs() {
        int i = cmdline.indexOf("-display none");
        String rest = i < 0 ? cmdline : cmdline.substring(i + "-display none".length());
        return rest.replaceAll("-accel \\S+", "").replace(" -S", "").trim();
    }
}
