package io.qtestjvm.qos.tracediff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one documented list of differences trace-diff ignores ({@code trace-diff-allowlist.txt} beside this class).
 * Each rule names a channel ({@code qtest} or {@code qmp}), a reason, and a regular expression; text matching the
 * expression is masked on both sides before they are compared.
 */
public final class AllowList {
    /** One rule: on {@code channel}, mask what {@code pattern} matches. */
    public record Rule(Exchange.Channel channel, Pattern pattern, String reason) {
    }

    private final List<Rule> rules;

    private AllowList(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static AllowList none() {
        return new AllowList(List.of());
    }

    /** The project's allow-list. */
    public static AllowList standard() {
        try (InputStream in = AllowList.class.getResourceAsStream("trace-diff-allowlist.txt")) {
            if (in == null) {
                throw new IllegalStateException("trace-diff-allowlist.txt is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses rules: {@code CHANNEL REGEX}, each preceded by {@code # } comment lines that give its reason (the last
     * comment block before a rule is its reason).
     */
    public static AllowList parse(String text) {
        List<Rule> rules = new ArrayList<>();
        StringBuilder reason = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty()) {
                    reason.setLength(0);
                } else if (t.startsWith("#")) {
                    reason.append(reason.isEmpty() ? "" : " ").append(t.substring(1).strip());
                } else {
                    int sp = t.indexOf(' ');
                    if (sp < 0) {
                        throw new IllegalArgumentException("allow-list rule without a pattern: " + t);
                    }
                    Exchange.Channel ch = switch (t.substring(0, sp)) {
                        case "qtest" -> Exchange.Channel.QTEST;
                        case "qmp" -> Exchange.Channel.QMP;
                        default -> throw new IllegalArgumentException("allow-list channel must be qtest or qmp: " + t);
                    };
                    if (reason.isEmpty()) {
                        throw new IllegalArgumentException("allow-list rule without a reason: " + t);
                    }
                    rules.add(new Rule(ch, Pattern.compile(t.substring(sp + 1).strip()), reason.toString()));
                    reason.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new AllowList(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The text with every allowed difference on {@code channel} masked. */
    public String mask(Exchange.Channel channel, String text) {
        String out = text;
        for (Rule rule : rules) {
            if (rule.channel() == channel) {
                out = rule.pattern().matcher(out).replaceAll("<allowed>");
            }
        }
        return out;
    }
}
