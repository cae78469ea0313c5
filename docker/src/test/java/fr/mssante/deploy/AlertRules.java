package fr.mssante.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a Prometheus rule file the tests read, without a YAML library: alert names and expressions. */
final class AlertRules {

    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)");
    /** {@code expr: one line}, or {@code expr: |} followed by the lines indented deeper than {@code expr}. */
    private static final Pattern EXPR = Pattern.compile("(?m)^(\\s*)expr: (.*)$");

    private AlertRules() {
    }

    static List<String> names(String rules) {
        List<String> names = new ArrayList<>();
        Matcher alert = ALERT.matcher(rules);
        while (alert.find()) {
            names.add(alert.group(1));
        }
        return names;
    }

    static List<String> expressions(String rules) {
        List<String> expressions = new ArrayList<>();
        String[] lines = rules.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher expr = EXPR.matcher(lines[i]);
            if (!expr.matches()) {
                continue;
            }
            if (!expr.group(2).strip().equals("|")) {
                expressions.add(expr.group(2));
                continue;
            }
            int indent = expr.group(1).length();
            StringBuilder block = new StringBuilder();
            while (i + 1 < lines.length && (lines[i + 1].isBlank() || indentOf(lines[i + 1]) > indent)) {
                block.append(lines[++i].strip()).append(' ');
            }
            expressions.add(block.toString());
        }
        return expressions;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
