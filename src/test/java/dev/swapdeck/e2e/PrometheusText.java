package dev.swapdeck.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as a scraper reads it: every line
 * is a HELP or TYPE comment or a sample {@code name{label="value",...} number}; each family's TYPE
 * comes before its samples and is one of the known types. Anything else fails the parse.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+-?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                require(parts.length == 2 && NAME.matcher(parts[0]).matches() && TYPES.contains(parts[1]), line);
                types.put(parts[0], parts[1]);
            } else if (line.startsWith("# HELP ")) {
                require(NAME.matcher(line.substring(7).split(" ", 2)[0]).matches(), line);
            } else if (!line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                require(m.matches(), line);
                String name = m.group(1);
                require(types.containsKey(family(name, types)), "a sample before its TYPE: " + line);
                samples.add(new Sample(name, labels(m.group(3), line), number(m.group(4), line)));
            }
        }
        require(!samples.isEmpty(), "no samples at all");
        return new PrometheusText(samples);
    }

    /** The value of the one sample with this name and these labels (others may be present). */
    double value(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + " " + List.of(labelPairs) + ": " + found);
        }
        return found.get(0).value();
    }

    double valueOrZero(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        return found.isEmpty() ? 0 : value(name, labelPairs);
    }

    private List<Sample> find(String name, String... labelPairs) {
        List<Sample> found = new ArrayList<>();
        outer:
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                    continue outer;
                }
            }
            found.add(sample);
        }
        return found;
    }

    private static String family(String name, Map<String, String> types) {
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_max"}) {
            if (name.endsWith(suffix) && !types.containsKey(name)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            labels.put(m.group(1), m.group(2));
            end = m.end();
        }
        require(end == text.length(), "bad labels in " + line);
        return labels;
    }

    private static double number(String text, String line) {
        switch (text) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("not a number in " + line);
                }
        }
    }

    private static void require(boolean condition, String line) {
        if (!condition) {
            throw new AssertionError("not Prometheus text: " + line);
        }
    }
}
