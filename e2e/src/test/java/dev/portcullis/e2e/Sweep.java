package dev.portcullis.e2e;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the cases of the hostile-input sweep, judges every answer by the format its endpoint must use, counts the
 * requests by input class and endpoint, and collects every failure (it never stops at the first) for one readable
 * report at the end.
 */
final class Sweep {

    /** The format an endpoint's answers must have. */
    enum Format {
        /** OAuth endpoints: errors are JSON with an {@code error} member from the RFC's list. */
        OAUTH,
        /** Browser pages: HTML, or a redirect to the registered redirect URI or back to this server. */
        PAGE,
        /** The MCP endpoint: JSON-RPC (or an event stream of it), or a 401/403 with a Bearer challenge. */
        MCP,
        /** auth-server metadata and keys: a JSON object; errors as at OAuth endpoints. */
        DOCUMENT,
        /** mcp-server's protected resource metadata: a JSON object when it answers 2xx. */
        PRM
    }

    /**
     * @param errors the {@code error} codes the endpoint may answer
     * @param mayAnswer405 the MCP spec's answer to a GET when the server offers no stream there (transports §2.2.3)
     */
    record Expect(Format format, Set<String> errors, boolean mayAnswer405) {
        Expect(Format format, Set<String> errors) {
            this(format, errors, false);
        }
    }

    /** A further condition on one case's answer: null when it holds, else what is wrong. */
    @FunctionalInterface
    interface Check {
        String problem(RawHttp.Response response);
    }

    record Case(String endpoint, String inputClass, String label, int port, Supplier<RawHttp.Request> request,
            Expect expect, Check also) {
    }

    record Failure(String endpoint, String inputClass, String label, String status, String problem, String excerpt) {
        @Override
        public String toString() {
            return endpoint + " | " + inputClass + " | " + label + " | " + status + " | " + problem + " | " + excerpt;
        }
    }

    /** RFC 6749 §4.1.2.1 (+ RFC 8707 §2, OpenID Connect Core §3.1.2.6): errors an authorization response may carry. */
    static final Set<String> AUTHORIZATION_ERRORS = Set.of("invalid_request", "unauthorized_client", "access_denied",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable", "invalid_target",
            "login_required", "consent_required", "interaction_required");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(?m)(^\\s*at [\\w$.]+\\(|\\bCaused by: |\\b[a-z][\\w$]*\\.[\\w$.]*(Exception|Error)\\b|\\.java:\\d+\\))");
    private static final Pattern MARKUP = Pattern.compile("<script>alert\\(1\\)</script>|<img src=x onerror=alert\\(1\\)>");

    private final String issuer;
    private final String redirectUri;
    private final Duration timeout;
    private final Map<String, LongAdder> byClass = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanosByEndpoint = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    /** Answers of the HTTP layer itself (a bare status), judged right for requests it cannot parse. */
    private final LongAdder bareHttpAnswers = new LongAdder();
    private final Collection<Failure> failures = new ConcurrentLinkedQueue<>();

    Sweep(String issuer, String redirectUri, Duration timeout) {
        this.issuer = issuer;
        this.redirectUri = redirectUri;
        this.timeout = timeout;
    }

    /** Runs every case on a few threads and judges each answer. */
    void run(List<Case> cases, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Case c : cases) {
                running.add(pool.submit(() -> runOne(c)));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(new Failure("(sweep)", "(sweep)", "a case could not be run", "-", e.getCause().toString(), ""));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runOne(Case c) {
        RawHttp.Request request;
        try {
            request = c.request().get();
        } catch (RuntimeException e) {
            failures.add(new Failure(c.endpoint(), c.inputClass(), c.label(), "-", "could not prepare the request: " + e, ""));
            return;
        }
        RawHttp.Response response = send(c.endpoint(), c.inputClass(), c.label(), c.port(), request);
        if (response != null) {
            judge(c, request, response);
        }
    }

    /** Sends one request and counts it; an I/O failure (no answer) is recorded and gives null. */
    RawHttp.Response send(String endpoint, String inputClass, String label, int port, RawHttp.Request request) {
        count(endpoint, inputClass);
        long start = System.nanoTime();
        try {
            return RawHttp.send(port, request, timeout);
        } catch (IOException e) {
            failures.add(new Failure(endpoint, inputClass, label, "no answer", e.toString(), ""));
            return null;
        } finally {
            nanosByEndpoint.computeIfAbsent(endpoint, k -> new LongAdder()).add(System.nanoTime() - start);
        }
    }

    void count(String endpoint, String inputClass) {
        total.increment();
        byClass.computeIfAbsent(inputClass, k -> new LongAdder()).increment();
        byEndpoint.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    void fail(String endpoint, String inputClass, String label, RawHttp.Response response, String problem) {
        failures.add(new Failure(endpoint, inputClass, label, response == null ? "-" : String.valueOf(response.status()),
                problem, response == null ? "" : excerpt(response)));
    }

    void judge(Case c, RawHttp.Request request, RawHttp.Response response) {
        List<String> problems = problems(c.expect(), request, response);
        if (c.also() != null) {
            String extra = c.also().problem(response);
            if (extra != null) {
                problems.add(extra);
            }
        }
        if (!problems.isEmpty()) {
            failures.add(new Failure(c.endpoint(), c.inputClass(), c.label(), String.valueOf(response.status()),
                    String.join("; ", problems), excerpt(response)));
        }
    }

    /** Everything wrong with the answer, judged by the endpoint's format; empty when it is right. */
    List<String> problems(Expect expect, RawHttp.Request request, RawHttp.Response response) {
        List<String> problems = new ArrayList<>();
        int status = response.status();
        String body = response.text();
        if (status >= 500) {
            problems.add("server error " + status);
        }
        if (STACK_TRACE.matcher(body).find()) {
            problems.add("a stack trace or exception name in the body");
        }
        if (!response.headers("X-Injected").isEmpty()) {
            problems.add("a header injected through a value (CRLF)");
        }
        if (body.isEmpty() && response.contentType().isEmpty() && unparseableHttp(request, status)) {
            // Refused by the HTTP layer (Vert.x's codec, Quarkus's size limit) before any application code runs: not a
            // request of any endpoint's protocol, so the HTTP status alone is the answer (RFC 9112 §2.2, §6.3;
            // RFC 6585 §5); counted apart so the figure shows
            bareHttpAnswers.increment();
            return problems;
        }
        boolean head = request.method().equals("HEAD");
        boolean options = request.method().equals("OPTIONS") && status < 300;
        if (head || options) {
            return problems; // no body to judge
        }
        switch (expect.format()) {
            case OAUTH -> {
                if (status >= 300 && status < 400) {
                    problems.add("an OAuth endpoint redirects");
                } else if (status >= 400) {
                    oauthError(response, expect.errors(), problems);
                } else if (response.contentType().startsWith("application/json") && body.length() > 0) {
                    json(body, problems);
                }
            }
            case DOCUMENT -> {
                if (status >= 400) {
                    oauthError(response, expect.errors(), problems);
                } else if (status >= 200 && status < 300) {
                    JsonNode document = json(body, problems);
                    if (document != null && !document.isObject()) {
                        problems.add("not a JSON object");
                    }
                } else {
                    problems.add("unexpected status");
                }
            }
            case PRM -> {
                if (status >= 200 && status < 300) {
                    JsonNode document = json(body, problems);
                    if (document != null && !document.has("resource")) {
                        problems.add("no resource member");
                    }
                }
            }
            case PAGE -> {
                if (status >= 300 && status < 400) {
                    redirect(response, problems);
                } else {
                    if (!response.contentType().startsWith("text/html")) {
                        problems.add("a browser page answered " + (response.contentType().isEmpty() ? "without Content-Type"
                                : response.contentType()) + ", not HTML");
                    } else if (!body.toLowerCase(Locale.ROOT).contains("<html")) {
                        problems.add("no HTML document in the body");
                    }
                    if (MARKUP.matcher(body).find()) {
                        problems.add("hostile markup reflected unescaped");
                    }
                }
            }
            case MCP -> mcp(expect, response, problems);
        }
        return problems;
    }

    private static final java.util.regex.Pattern INVALID_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /**
     * Whether the request is one the HTTP codec itself refuses: a request line or header over its limit (414, 431), a
     * control character in a header value, or conflicting framing (two Content-Length headers, or Transfer-Encoding
     * with Content-Length).
     */
    static boolean unparseableHttp(RawHttp.Request request, int status) {
        if (status == 414 || status == 431) {
            return true;
        }
        if (status == 413) {
            // Quarkus's own limit (quarkus.http.limits.max-body-size, 1M here) ends the exchange before any route
            return request.body() != null && request.body().length > 1024 * 1024;
        }
        if (status != 400) {
            return false;
        }
        if (INVALID_ESCAPE.matcher(request.target()).find()
                || request.target().chars().anyMatch(ch -> ch <= 0x20 || ch == 0x7f)) {
            return true; // a request target that is no URI (RFC 3986 §2.1): refused before any route
        }
        int contentLengths = 0;
        boolean chunked = false;
        for (String[] header : request.headers()) {
            if (header[1].chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
                return true;
            }
            contentLengths += header[0].equalsIgnoreCase("Content-Length") ? 1 : 0;
            chunked |= header[0].equalsIgnoreCase("Transfer-Encoding");
        }
        return contentLengths > 1 || chunked && contentLengths > 0;
    }

    private static void oauthError(RawHttp.Response response, Set<String> allowed, List<String> problems) {
        if (!response.contentType().startsWith("application/json")) {
            problems.add("error answered " + (response.contentType().isEmpty() ? "without Content-Type" : response.contentType())
                    + ", not JSON");
            return;
        }
        JsonNode error = json(response.text(), problems);
        if (error == null) {
            return;
        }
        if (!error.path("error").isTextual()) {
            problems.add("no error member");
        } else if (!allowed.contains(error.get("error").asText())) {
            problems.add("error \"" + error.get("error").asText() + "\" is not one this endpoint may answer");
        }
        if (error.has("error_description") && !error.get("error_description").isTextual()) {
            problems.add("error_description is not a string");
        }
    }

    private void redirect(RawHttp.Response response, List<String> problems) {
        String location = response.header("Location").orElse(null);
        if (location == null) {
            problems.add("a redirect without Location");
            return;
        }
        if (location.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            problems.add("Location holds a control character, space or raw non-ASCII byte");
            return;
        }
        URI target;
        try {
            target = URI.create(issuer + "/").resolve(location);
        } catch (IllegalArgumentException e) {
            problems.add("Location is not a URI");
            return;
        }
        URI registered = URI.create(redirectUri);
        boolean back = location.startsWith("/") && !location.startsWith("//") || location.startsWith(issuer + "/");
        // RFC 8252 §7.3: a loopback redirect URI matches on any port
        boolean toClient = target.getRawUserInfo() == null && target.getRawFragment() == null
                && registered.getScheme().equals(target.getScheme()) && registered.getHost().equals(target.getHost())
                && registered.getRawPath().equals(target.getRawPath());
        if (!back && !toClient) {
            problems.add("redirects to a place that is neither this server nor the registered redirect URI");
            return;
        }
        if (toClient) {
            Map<String, String> query = query(target.getRawQuery());
            if (!query.containsKey("code") && !AUTHORIZATION_ERRORS.contains(query.get("error"))) {
                problems.add("redirect to the client without code or a known error");
            }
            if (!query.containsKey("iss")) {
                problems.add("redirect to the client without iss (RFC 9207)");
            }
        }
    }

    private static void mcp(Expect expect, RawHttp.Response response, List<String> problems) {
        int status = response.status();
        String body = response.text();
        if (status == 401 || status == 403) {
            boolean challenge = response.headers("WWW-Authenticate").stream().anyMatch(v -> v.regionMatches(true, 0, "Bearer", 0, 6));
            boolean rpcError = status == 403 && body.length() > 0 && isRpcError(body);
            if (!challenge && !rpcError) {
                problems.add("a " + status + " without a Bearer challenge or JSON-RPC error");
            }
            if (body.length() > 0) {
                json(body, problems);
            }
            return;
        }
        if (status == 405 && expect.mayAnswer405()) {
            return;
        }
        if (status >= 300 && status < 400) {
            problems.add("the MCP endpoint redirects");
            return;
        }
        if (status >= 400) {
            if (body.isEmpty()) {
                problems.add("an empty " + status + ", no JSON-RPC error");
            } else if (!isRpcError(body)) {
                problems.add("the body is not a JSON-RPC error");
            }
            return;
        }
        if (response.contentType().startsWith("text/event-stream")) {
            String event = "message";
            for (String line : body.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && event.equals("message") && !isRpcMessage(line.substring(5).trim())) {
                    problems.add("an event that is not a JSON-RPC message");
                } else if (line.isBlank()) {
                    event = "message";
                }
            }
        } else if (body.length() > 0 && !isRpcMessage(body)) {
            problems.add("the body is not a JSON-RPC message");
        }
    }

    private static boolean isRpcError(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.isObject() && "2.0".equals(node.path("jsonrpc").asText()) && node.has("id")
                    && node.path("error").path("code").isIntegralNumber() && node.path("error").path("message").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isRpcMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            for (JsonNode message : node.isArray() ? node : List.of(node)) {
                if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())
                        || !(message.has("result") || message.has("error") || message.has("method"))) {
                    return false;
                }
            }
            return !node.isArray() || !node.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode json(String body, List<String> problems) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            problems.add("the body is not valid JSON");
            return null;
        }
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new TreeMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    try {
                        values.putIfAbsent(pair.substring(0, eq),
                                java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException malformed) {
                        values.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
        }
        return values;
    }

    static String excerpt(RawHttp.Response response) {
        StringBuilder out = new StringBuilder();
        out.append('[').append(response.contentType().isEmpty() ? "no Content-Type" : response.contentType()).append(']');
        response.header("Location").ifPresent(l -> out.append(" Location: ").append(shorten(l, 120)));
        response.header("WWW-Authenticate").ifPresent(w -> out.append(" WWW-Authenticate: ").append(shorten(w, 80)));
        String body = response.text();
        if (!body.isEmpty()) {
            out.append(' ').append(shorten(body, 160));
        }
        return out.toString();
    }

    static String shorten(String text, int max) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    long total() {
        return total.sum();
    }

    /** The sweep's size by input class and by endpoint. */
    String sizeReport() {
        StringBuilder out = new StringBuilder("Hostile-input sweep: ").append(total.sum()).append(" requests (").append(bareHttpAnswers.sum())
                .append(" of them refused by the HTTP layer itself with a bare status: unparseable HTTP, a request target that is no URI, a body over the size limit)\n  by input class:\n");
        table(byClass, out);
        out.append("  by endpoint (requests, seconds spent waiting for answers):\n");
        byEndpoint.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append(String.format(
                "    %-60s %6d %7.1f s%n", e.getKey(), e.getValue().sum(),
                nanosByEndpoint.getOrDefault(e.getKey(), new LongAdder()).sum() / 1e9)));
        return out.toString();
    }

    private static void table(Map<String, LongAdder> counts, StringBuilder out) {
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append(String.format("    %-60s %6d%n", e.getKey(), e.getValue().sum())));
    }

    /**
     * The failures grouped by endpoint, input class and problem, with how many cases and one example of each: short
     * enough for a test report, while {@link #failureReport()} lists every case.
     */
    String failureSummary(int maxGroups) {
        Map<String, List<Failure>> groups = new TreeMap<>();
        for (Failure f : failures) {
            String problem = f.problem().replaceAll("\\d+", "N").replaceAll("\"[^\"]*\"", "\"…\"");
            groups.computeIfAbsent(f.endpoint() + " | " + f.inputClass() + " | " + f.status() + " | " + shorten(problem, 150),
                    k -> new ArrayList<>()).add(f);
        }
        StringBuilder out = new StringBuilder().append(failures.size()).append(" failing case(s) in ").append(groups.size())
                .append(" group(s) (endpoint | input class | status | problem: cases, e.g. case → answer):\n");
        int shown = 0;
        for (Map.Entry<String, List<Failure>> group : groups.entrySet()) {
            if (shown++ == maxGroups) {
                out.append("    … ").append(groups.size() - maxGroups).append(" more group(s), see the full report\n");
                break;
            }
            Failure example = group.getValue().get(0);
            out.append("    ").append(group.getKey()).append(": ").append(group.getValue().size()).append(", e.g. ")
                    .append(shorten(example.label(), 70)).append(" → ").append(shorten(example.excerpt(), 140)).append('\n');
        }
        return out.toString();
    }

    /** Every failure, grouped by endpoint and input class, one line per case. */
    String failureReport() {
        List<Failure> all = new ArrayList<>(failures);
        all.sort(Comparator.comparing(Failure::endpoint).thenComparing(Failure::inputClass).thenComparing(Failure::label));
        Map<String, Long> byProblem = all.stream().collect(Collectors.groupingBy(
                f -> f.endpoint() + " | " + f.inputClass(), TreeMap::new, Collectors.counting()));
        StringBuilder out = new StringBuilder().append(all.size()).append(" failing case(s)\n  per endpoint and input class:\n");
        byProblem.forEach((k, v) -> out.append(String.format("    %-80s %5d%n", k, v)));
        out.append("  every case (endpoint | input class | case | status | problem | answer):\n");
        all.forEach(f -> out.append("    ").append(f).append('\n'));
        return out.toString();
    }
}
