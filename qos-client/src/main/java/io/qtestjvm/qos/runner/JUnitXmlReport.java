package io.qtestjvm.qos.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JUnit XML report CI systems read (the Ant/Surefire schema: {@code testsuites/testsuite/testcase} with
 * {@code failure} and {@code skipped} children): one test case per path, named by the QEMU path, its class name
 * {@code qos.<arch>.<backend>}.
 */
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    public static void write(Path file, String backend, List<PathResult> results, long wallNanos)
            throws IOException {
        int failures = 0;
        int skipped = 0;
        for (PathResult r : results) {
            failures += r.outcome() == PathResult.Outcome.FAIL ? 1 : 0;
            skipped += r.outcome() == PathResult.Outcome.SKIP ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites>\n");
        sb.append("  <testsuite name=\"qos-test [").append(escape(backend)).append("]\" tests=\"")
                .append(results.size()).append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"")
                .append(skipped).append("\" time=\"").append(seconds(wallNanos)).append("\">\n");
        for (PathResult r : results) {
            sb.append("    <testcase classname=\"qos.").append(escape(r.item().arch())).append('.')
                    .append(escape(backend)).append("\" name=\"").append(escape(r.item().name()))
                    .append("\" time=\"").append(seconds(r.nanos())).append('"');
            switch (r.outcome()) {
                case PASS -> sb.append("/>\n");
                case SKIP -> sb.append(">\n      <skipped message=\"").append(escape(r.message()))
                        .append("\"/>\n    </testcase>\n");
                case FAIL -> {
                    sb.append(">\n      <failure message=\"").append(escape(r.message())).append("\">");
                    sb.append(escape(r.message()));
                    for (String e : r.lastExchanges()) {
                        sb.append('\n').append(escape(e));
                    }
                    sb.append("</failure>\n    </testcase>\n");
                }
                default -> throw new IllegalStateException(r.outcome().toString());
            }
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, sb);
    }

    private static String seconds(long nanos) {
        return Seconds.of(nanos, 3);
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\n', '\t' -> sb.append(c);
                default -> {
                    if (c < 0x20) {
                        sb.append("\\x").append(String.format("%02x", (int) c)); // not allowed in XML 1.0
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
