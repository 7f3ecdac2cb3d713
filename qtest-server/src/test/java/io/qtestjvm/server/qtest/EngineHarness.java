package io.qtestjvm.server.qtest;

import java.nio.charset.StandardCharsets;

/** Runs an engine over a {@link TestTarget} and collects what it sends. */
final class EngineHarness {
    final TestTarget target;
    final QtestEngine engine;
    final StringBuilder sent = new StringBuilder();

    EngineHarness(Compat compat, boolean bigEndian, boolean qtestAccel) {
        target = new TestTarget(bigEndian);
        engine = new QtestEngine(target, compat, qtestAccel,
                (b, off, len) -> sent.append(new String(b, off, len, StandardCharsets.ISO_8859_1)), null);
        engine.opened();
    }

    static EngineHarness v10() {
        return new EngineHarness(Compat.V10_2, false, true);
    }

    static EngineHarness v72() {
        return new EngineHarness(Compat.V7_2, false, true);
    }

    /** Sends one line and returns everything the engine sent in response, newline-terminated lines. */
    String send(String line) {
        sent.setLength(0);
        engine.execute(line);
        return sent.toString();
    }

    /** The reply without its newline, asserting there was exactly one line. */
    String reply(String line) {
        String r = send(line);
        if (r.indexOf('\n') != r.length() - 1) {
            throw new AssertionError("expected one reply line to '" + line + "', got: " + r);
        }
        return r.substring(0, r.length() - 1);
    }
}
