package dev.swapdeck.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code apiKeys} (llama-swap's key and rules: non-empty, no spaces) and the
 * {@code security:} section (Swapdeck's own: llama-swap has no such settings) into a {@link SecurityConfig}.
 */
final class SecuritySection {
    static final String API_KEYS = "apiKeys";
    static final String SECURITY = "security";

    private static final long MAX_BODY_BYTES = 1024L * 1024 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");
    /** {@code scheme://host[:port]} or {@code scheme://host:*}; IPv6 hosts in brackets. */
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://(\\[[0-9a-f:.]+]|[^/:\\s\\[\\]]+)(:(\\d{1,5}|\\*))?");
    private static final Pattern HOST = Pattern.compile("\\*|\\[[0-9a-fA-F:.]+]|[A-Za-z0-9_.-]+");
    /** Names the Host check admits anyway: listing them changes nothing. */
    private static final Pattern LOOPBACK = Pattern.compile("(?i)localhost\\.?|127(\\.\\d+){1,3}|\\[(0{0,4}:){2,7}0{0,3}1]");

    private SecuritySection() {
    }

    static SecurityConfig read(Map<String, YamlNodes.Entry> top, Problems p) {
        SecurityConfig config = SecurityConfig.defaults();
        YamlNodes.Entry keys = top.get(API_KEYS);
        if (keys != null) {
            config = config.withApiKeys(apiKeys(keys, p));
        }
        YamlNodes.Entry section = top.get(SECURITY);
        if (section == null) {
            return config;
        }
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(section.value(), section.path(),
                "a mapping of security settings", p).orElse(Map.of());
        List<String> hosts = List.of();
        List<String> origins = List.of();
        long maxBody = config.maxBodyBytes();
        long budget = config.bodyBudgetBytes();
        Duration headerTimeout = config.requestHeaderTimeout();
        Duration idle = config.idleTimeout();
        for (YamlNodes.Entry e : entries.values()) {
            switch (e.key()) {
                case "allowedHosts":
                    hosts = matching(e, HOST, "a host name or address without a port", p);
                    if (hosts.contains("*")) {
                        p.warn(e.value(), e.path(), "\"*\" turns the DNS-rebinding check off: a web page on any site "
                                + "can then read Swapdeck's status and logs through a name that points here; "
                                + "list the names you use instead");
                    } else if (!config.requiresKeys()) {
                        warnOfPlainNames(e, hosts, p);
                    }
                    break;
                case "cors": origins = origins(e, p); break;
                case "maxBodySize": maxBody = maxBodySize(e, p).orElse(maxBody); break;
                case "bodyBudget": budget = size(e, p).orElse(budget); break;
                case "requestHeaderTimeout": headerTimeout = seconds(e, p).orElse(headerTimeout); break;
                case "idleTimeout": idle = seconds(e, p).orElse(idle); break;
                default: IgnoredKeys.unknown(e, p);
            }
        }
        if (budget < maxBody) {
            p.warn(entries.containsKey("bodyBudget") ? entries.get("bodyBudget").value() : section.keyNode(),
                    "security.bodyBudget", "smaller than maxBodySize, so one body could never fit; using "
                            + maxBody + " bytes");
            budget = maxBody;
        }
        return config.withAllowed(hosts, origins).withLimits(maxBody, budget, headerTimeout, idle);
    }

    /**
     * Browsers tell a host where a request comes from ({@code Sec-Fetch-Site}) only when it is loopback or
     * https: to a plain name they send a GET with at most a {@code Referer}, which a page can withhold.
     */
    private static void warnOfPlainNames(YamlNodes.Entry e, List<String> hosts, Problems p) {
        hosts.stream().filter(host -> !LOOPBACK.matcher(host).matches()).findFirst().ifPresent(host -> p.warn(e.value(),
                e.path(), "without apiKeys, a web page can send GET requests to Swapdeck by the name \"" + host
                        + "\" (browsers tell a plain-http name nothing of the page that sends them): GET /unload stops "
                        + "every model, GET /upstream/MODEL/ starts one; set apiKeys to guard it"));
    }

    private static List<String> apiKeys(YamlNodes.Entry e, Problems p) {
        List<String> keys = new ArrayList<>();
        List<Located<String>> items = YamlNodes.textList(e.value(), e.path(), p);
        for (int i = 0; i < items.size(); i++) {
            String key = items.get(i).value();
            if (key.isEmpty()) {
                p.error(items.get(i).node(), e.path() + "[" + i + "]", "an API key cannot be empty");
            } else if (key.chars().anyMatch(Character::isWhitespace)) {
                p.error(items.get(i).node(), e.path() + "[" + i + "]", "an API key cannot contain spaces");
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<String> origins(YamlNodes.Entry cors, Problems p) {
        List<String> origins = List.of();
        for (YamlNodes.Entry e : YamlNodes.mapping(cors.value(), cors.path(), "a mapping with allowedOrigins", p)
                .orElse(Map.of()).values()) {
            if (e.key().equals("allowedOrigins")) {
                origins = matching(e, null, "\"*\" or an origin such as http://localhost:3000", p);
            } else {
                IgnoredKeys.unknown(e, p);
            }
        }
        return origins;
    }

    /** The list's items that match {@code form} (origins when null), lower-cased for comparison. */
    private static List<String> matching(YamlNodes.Entry e, Pattern form, String expected, Problems p) {
        List<String> values = new ArrayList<>();
        List<Located<String>> items = YamlNodes.textList(e.value(), e.path(), p);
        for (int i = 0; i < items.size(); i++) {
            Located<String> item = items.get(i);
            String value = item.value().trim().toLowerCase(Locale.ROOT);
            boolean ok = form == null ? value.equals("*") || ORIGIN.matcher(value).matches()
                    : form.matcher(value).matches();
            if (ok) {
                values.add(value);
            } else {
                p.error(item.node(), e.path() + "[" + i + "]", "expected " + expected + ", got \"" + item.value() + "\"");
            }
        }
        return values;
    }

    /** Bytes, written as a whole number or with a binary unit: {@code 67108864}, {@code 64MiB}, {@code 64M}. */
    private static Optional<Long> size(YamlNodes.Entry e, Problems p) {
        Optional<Located<String>> text = YamlNodes.text(e.value(), e.path(), p);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SIZE.matcher(text.get().value().trim().replace("_", "").toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).length() > 12 || Long.parseLong(m.group(1)) == 0) {
            p.error(e.value(), e.path(), "expected a size above 0 such as 67108864, 512KiB, 64MiB or 1GiB, got "
                    + YamlNodes.describe(e.value()));
            return Optional.empty();
        }
        long unit = switch (m.group(2).isEmpty() ? 'b' : m.group(2).charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Optional.of(Long.parseLong(m.group(1)) * unit);
    }

    /** At most 1 GiB: a body is held in memory as byte arrays, and no prompt comes near it. */
    private static Optional<Long> maxBodySize(YamlNodes.Entry e, Problems p) {
        Optional<Long> size = size(e, p);
        if (size.isPresent() && size.get() > MAX_BODY_BYTES) {
            p.error(e.value(), e.path(), "at most 1GiB, got " + size.get() + " bytes");
            return Optional.empty();
        }
        return size;
    }

    private static Optional<Duration> seconds(YamlNodes.Entry e, Problems p) {
        Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number of seconds", p);
        if (value.isPresent() && value.get().value() < 1) {
            p.error(e.value(), e.path(), "expected at least 1 second, got " + value.get().value());
            return Optional.empty();
        }
        return value.map(v -> Duration.ofSeconds(v.value()));
    }
}
