package dev.portcullis.e2e;

import static dev.portcullis.e2e.HostileInputs.BIG_BODY;
import static dev.portcullis.e2e.HostileInputs.DEEP;
import static dev.portcullis.e2e.HostileInputs.ENCODINGS;
import static dev.portcullis.e2e.HostileInputs.HUGE;
import static dev.portcullis.e2e.HostileInputs.HUGE_IN_QUERY;
import static dev.portcullis.e2e.HostileInputs.INJECTIONS;
import static dev.portcullis.e2e.HostileInputs.LONG_IN_QUERY;
import static dev.portcullis.e2e.HostileInputs.MANY_PARAMETERS;
import static dev.portcullis.e2e.HostileInputs.TRAILING;
import static dev.portcullis.e2e.HostileInputs.WRONG_BODIES;
import static dev.portcullis.e2e.HostileInputs.WRONG_TYPES;
import static dev.portcullis.e2e.HostileInputs.jsonString;
import static dev.portcullis.e2e.HostileInputs.url;
import static dev.portcullis.e2e.HostileInputs.utf8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generates the sweep's cases from an endpoint's valid-looking baseline request and the tables of
 * {@link HostileInputs}: each case is the baseline with one thing made hostile. The baseline is re-created for every
 * case (a fresh pending request, a fresh access token), so that each case reaches as deep as its input lets it.
 */
final class HostileCases {

    static final String ENCODINGS_CLASS = "encodings";
    static final String SIZES = "sizes";
    static final String TYPES = "types";
    static final String DUPLICATES = "duplicates";
    static final String MISSING = "missing parts";
    static final String INJECTION = "injection strings";
    static final String METHODS = "wrong methods";
    static final String CONTENT_TYPES = "wrong content types";

    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO");

    /** How an endpoint's parameters travel. */
    enum Carrier { QUERY, FORM, JSON, NONE }

    /**
     * A parameter as it goes on the wire: percent-encoded for a query or form, raw JSON text for a JSON body (a dotted
     * name is a nested member: {@code params.arguments.message}).
     */
    record P(String name, String value) {
    }

    /** A header; hostile values replace {@code value}, the {@code prefix} ("Bearer ", "cookie=") stays. */
    record H(String name, String prefix, String value) {
    }

    /** An endpoint's baseline request and what its answers must look like; built fluently. */
    static final class Endpoint {
        final String name;
        final int port;
        final String method;
        final String pathPrefix;
        Supplier<String> pathValue;
        Carrier carrier = Carrier.NONE;
        Supplier<List<P>> params = List::of;
        Supplier<List<H>> headers = List::of;
        Set<String> required = Set.of();
        Set<String> requiredHeaders = Set.of();
        Set<String> lists = Set.of();
        Set<String> redirectUris = Set.of();
        Set<String> methodsOnPath;
        Sweep.Expect expect;
        Sweep.Check also;
        /** When set, only these members are varied, and nothing else (headers, body, method) is. */
        Set<String> focus;

        Endpoint(String name, int port, String method, String pathPrefix, Sweep.Expect expect) {
            this.name = name;
            this.port = port;
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.expect = expect;
            this.methodsOnPath = Set.of(method);
        }

        Endpoint pathValue(Supplier<String> value) {
            this.pathValue = value;
            return this;
        }

        Endpoint params(Carrier how, Supplier<List<P>> baseline, String... requiredNames) {
            this.carrier = how;
            this.params = baseline;
            this.required = Set.of(requiredNames);
            return this;
        }

        Endpoint headers(Supplier<List<H>> baseline, String... requiredNames) {
            this.headers = baseline;
            this.requiredHeaders = Set.of(requiredNames);
            return this;
        }

        /** JSON members holding a list of strings: hostile strings go inside the list. */
        Endpoint lists(String... names) {
            this.lists = Set.of(names);
            return this;
        }

        Endpoint redirectUris(String... names) {
            this.redirectUris = Set.of(names);
            return this;
        }

        /** Every method some endpoint of this path answers: the others are the wrong ones. */
        Endpoint methodsOnPath(String... methods) {
            this.methodsOnPath = Set.of(methods);
            return this;
        }

        private List<P> sampleParams;
        private List<H> sampleHeaders;

        /** One baseline, made once, for the names in it (a baseline may cost a request to make). */
        List<P> sampleParams() {
            if (sampleParams == null) {
                sampleParams = params.get();
            }
            return sampleParams;
        }

        List<H> sampleHeaders() {
            if (sampleHeaders == null) {
                sampleHeaders = headers.get();
            }
            return sampleHeaders;
        }

        /** Vary only these members: a second baseline on an endpoint whose headers and body are swept already. */
        Endpoint focus(String... names) {
            this.focus = Set.of(names);
            return this;
        }

        Endpoint also(Sweep.Check check) {
            this.also = check;
            return this;
        }
    }

    /** One change to the baseline. */
    private record Mutation(UnaryOperator<List<P>> params, UnaryOperator<List<H>> headers, UnaryOperator<String> pathValue,
            UnaryOperator<RawHttp.Request> request) {
        static Mutation ofParams(UnaryOperator<List<P>> change) {
            return new Mutation(change, h -> h, v -> v, r -> r);
        }

        static Mutation ofHeaders(UnaryOperator<List<H>> change) {
            return new Mutation(p -> p, change, v -> v, r -> r);
        }

        static Mutation ofPath(UnaryOperator<String> change) {
            return new Mutation(p -> p, h -> h, change, r -> r);
        }

        static Mutation ofRequest(UnaryOperator<RawHttp.Request> change) {
            return new Mutation(p -> p, h -> h, v -> v, change);
        }
    }

    private final List<Sweep.Case> cases = new ArrayList<>();
    private final Set<String> pathsWithMethodCases = new HashSet<>();
    private final String redirectUri;

    HostileCases(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    List<Sweep.Case> cases() {
        return List.copyOf(cases);
    }

    /** Every input class for one endpoint. */
    void sweep(Endpoint e) {
        if (e.focus != null) {
            focused(e);
            return;
        }
        encodings(e);
        sizes(e);
        types(e);
        duplicates(e);
        missing(e);
        injections(e);
        methods(e);
        contentTypes(e);
    }

    private void add(Endpoint e, String inputClass, String label, Mutation m) {
        cases.add(new Sweep.Case(e.name, inputClass, label, e.port, () -> build(e, m), e.expect, e.also));
    }

    static RawHttp.Request build(Endpoint e, Mutation m) {
        List<P> params = m.params().apply(new ArrayList<>(e.params.get()));
        List<H> headers = m.headers().apply(new ArrayList<>(e.headers.get()));
        String path = e.pathPrefix + (e.pathValue == null ? "" : m.pathValue().apply(e.pathValue.get()));
        String target = path;
        byte[] body = null;
        String contentType = null;
        switch (e.carrier) {
            case QUERY -> target = params.isEmpty() ? path : path + "?" + formEncoded(params);
            case FORM -> {
                body = formEncoded(params).getBytes(StandardCharsets.ISO_8859_1);
                contentType = "application/x-www-form-urlencoded";
            }
            case JSON -> {
                body = json(params).getBytes(StandardCharsets.ISO_8859_1);
                contentType = "application/json";
            }
            case NONE -> {
            }
        }
        RawHttp.Request request = RawHttp.Request.of(e.method, target);
        if (contentType != null) {
            request = request.header("Content-Type", contentType);
        }
        for (H header : headers) {
            request = request.header(header.name(), header.prefix() + header.value());
        }
        return m.request().apply(request.body(body));
    }

    static String formEncoded(List<P> params) {
        return params.stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("&"));
    }

    /** The JSON object of the (dotted) members, in order, repeated names kept. */
    static String json(List<P> params) {
        JsonObject root = new JsonObject();
        for (P p : params) {
            root.put(p.name().split("\\."), 0, p.value());
        }
        return root.toString();
    }

    private static final class JsonObject {
        private final List<Object[]> members = new ArrayList<>();

        void put(String[] path, int at, String value) {
            if (at == path.length - 1) {
                members.add(new Object[] {path[at], value});
                return;
            }
            JsonObject child = null;
            for (Object[] member : members) {
                if (member[0].equals(path[at]) && member[1] instanceof JsonObject object) {
                    child = object;
                }
            }
            if (child == null) {
                child = new JsonObject();
                members.add(new Object[] {path[at], child});
            }
            child.put(path, at + 1, value);
        }

        @Override
        public String toString() {
            return members.stream().map(m -> "\"" + m[0] + "\":" + m[1]).collect(Collectors.joining(",", "{", "}"));
        }
    }

    // ---- parameter list changes ----

    private static List<P> replace(List<P> params, String name, String value) {
        int at = -1;
        List<P> out = new ArrayList<>();
        for (P p : params) {
            if (p.name().equals(name) || p.name().startsWith(name + ".")) {
                if (at < 0) {
                    at = out.size();
                }
            } else {
                out.add(p);
            }
        }
        out.add(at < 0 ? out.size() : at, new P(name, value));
        return out;
    }

    private static List<P> drop(List<P> params, String name) {
        return params.stream().filter(p -> !p.name().equals(name) && !p.name().startsWith(name + ".")).collect(Collectors.toList());
    }

    private static List<P> again(List<P> params, String name, String value) {
        List<P> out = new ArrayList<>(params);
        int last = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name().equals(name)) {
                last = i;
            }
        }
        out.add(last + 1, new P(name, value));
        return out;
    }

    private static List<H> replaceHeader(List<H> headers, String name, String value) {
        return headers.stream().map(h -> h.name().equals(name) ? new H(h.name(), h.prefix(), value) : h).collect(Collectors.toList());
    }

    /** The leaves of the baseline (the members that hold values). */
    private static List<String> leaves(Endpoint e) {
        return e.sampleParams().stream().map(P::name).distinct().filter(n -> e.focus == null || e.focus.contains(n)).toList();
    }

    /** Leaves and, in JSON, the objects above them. */
    private static List<String> members(Endpoint e) {
        Set<String> names = new LinkedHashSet<>();
        for (String leaf : leaves(e)) {
            String[] parts = leaf.split("\\.");
            for (int i = 1; i < parts.length && e.focus == null; i++) {
                names.add(String.join(".", java.util.Arrays.copyOf(parts, i)));
            }
            names.add(leaf);
        }
        return List.copyOf(names);
    }

    private static List<String> mutableHeaders(Endpoint e) {
        if (e.focus != null) {
            return List.of();
        }
        return e.sampleHeaders().stream().map(H::name).filter(n -> !n.equalsIgnoreCase("Content-Type")).distinct().toList();
    }

    private static boolean hasBody(Endpoint e) {
        return e.carrier == Carrier.FORM || e.carrier == Carrier.JSON;
    }

    /** A hostile string in the form a member takes: percent-encoded, or a JSON string (inside a list where one is expected). */
    private String value(Endpoint e, String name, String text) {
        if (e.carrier != Carrier.JSON) {
            return url(text);
        }
        return e.lists.contains(name) ? "[" + jsonString(text) + "]" : jsonString(text);
    }

    private String wire(Endpoint e, String name, HostileInputs.Hostile h) {
        if (e.carrier != Carrier.JSON) {
            return h.url();
        }
        return e.lists.contains(name) ? "[" + h.json() + "]" : h.json();
    }

    // ---- the input classes ----

    /** A focused baseline: only its members' values, by every class that applies to a value. */
    private void focused(Endpoint e) {
        for (String name : leaves(e)) {
            for (HostileInputs.Hostile h : ENCODINGS) {
                add(e, ENCODINGS_CLASS, name + ": " + h.label(), Mutation.ofParams(p -> replace(p, name, wire(e, name, h))));
            }
            for (String[] injection : INJECTIONS) {
                add(e, INJECTION, name + ": " + injection[0], Mutation.ofParams(p -> replace(p, name, value(e, name, injection[1]))));
            }
            add(e, SIZES, name + ": " + HUGE + " characters", Mutation.ofParams(p -> replace(p, name, value(e, name, "a".repeat(HUGE)))));
            if (e.carrier == Carrier.JSON) {
                for (String[] type : WRONG_TYPES) {
                    add(e, TYPES, name + ": " + type[0], Mutation.ofParams(p -> replace(p, name, type[1])));
                }
            }
            add(e, DUPLICATES, "repeated " + name + ", other value", Mutation.ofParams(p -> again(p, name, value(e, name, "x"))));
            add(e, MISSING, "without " + name, Mutation.ofParams(p -> drop(p, name)));
        }
    }

    private void encodings(Endpoint e) {
        for (String name : leaves(e)) {
            for (HostileInputs.Hostile h : ENCODINGS) {
                add(e, ENCODINGS_CLASS, name + ": " + h.label(), Mutation.ofParams(p -> replace(p, name, wire(e, name, h))));
            }
        }
        if (e.carrier == Carrier.QUERY || e.carrier == Carrier.FORM) {
            for (HostileInputs.Hostile h : ENCODINGS.subList(0, 5)) {
                add(e, ENCODINGS_CLASS, "parameter name: " + h.label(), Mutation.ofParams(p -> again(p, h.url(), "1")));
            }
        }
        for (String header : mutableHeaders(e)) {
            for (String[] h : HostileInputs.HEADER_ENCODINGS) {
                add(e, ENCODINGS_CLASS, header + " header: " + h[0], Mutation.ofHeaders(hs -> replaceHeader(hs, header, h[1])));
            }
        }
        if (e.pathValue != null) {
            for (HostileInputs.Hostile h : ENCODINGS) {
                add(e, ENCODINGS_CLASS, "path: " + h.label(), Mutation.ofPath(v -> h.url()));
            }
        }
        if (hasBody(e)) {
            String type = e.carrier == Carrier.FORM ? "application/x-www-form-urlencoded" : "application/json";
            for (String charset : List.of("x-unknown-42", "utf-7", "", "\"utf-8", "utf-32")) {
                add(e, ENCODINGS_CLASS, "unknown or odd charset \"" + charset + "\"",
                        Mutation.ofRequest(r -> r.replace("Content-Type", type + "; charset=" + charset)));
            }
            add(e, ENCODINGS_CLASS, "body in UTF-16, charset=utf-16", Mutation.ofRequest(r -> r
                    .replace("Content-Type", type + "; charset=utf-16")
                    .body(new String(r.body(), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_16))));
        }
    }

    private void sizes(Endpoint e) {
        for (String name : leaves(e)) {
            if (e.carrier == Carrier.QUERY) {
                add(e, SIZES, name + ": " + LONG_IN_QUERY + " characters", Mutation.ofParams(p -> replace(p, name, "a".repeat(LONG_IN_QUERY))));
                add(e, SIZES, name + ": " + HUGE_IN_QUERY + " characters", Mutation.ofParams(p -> replace(p, name, "a".repeat(HUGE_IN_QUERY))));
            } else {
                add(e, SIZES, name + ": " + HUGE + " characters", Mutation.ofParams(p -> replace(p, name, value(e, name, "a".repeat(HUGE)))));
            }
        }
        for (String header : mutableHeaders(e)) {
            add(e, SIZES, header + " header: 10000 characters", Mutation.ofHeaders(hs -> replaceHeader(hs, header, "a".repeat(10_000))));
            add(e, SIZES, header + " header: 40000 characters", Mutation.ofHeaders(hs -> replaceHeader(hs, header, "a".repeat(40_000))));
        }
        if (e.pathValue != null) {
            add(e, SIZES, "path: 3000 characters", Mutation.ofPath(v -> "a".repeat(3000)));
        }
        if (e.carrier != Carrier.NONE) {
            add(e, SIZES, MANY_PARAMETERS + " parameters", Mutation.ofParams(p -> {
                List<P> out = new ArrayList<>(p);
                IntStream.range(0, MANY_PARAMETERS).forEach(i -> out.add(new P("p" + i, e.carrier == Carrier.JSON ? "1" : "x")));
                return out;
            }));
        }
        if (hasBody(e)) {
            add(e, SIZES, "2 MB body", Mutation.ofParams(p -> again(p, "pad", e.carrier == Carrier.JSON
                    ? "\"" + "a".repeat(BIG_BODY) + "\"" : "a".repeat(BIG_BODY))));
        } else {
            add(e, SIZES, "2 MB body on a " + e.method, Mutation.ofRequest(r -> r.replace("Content-Type", "text/plain")
                    .body("a".repeat(BIG_BODY))));
        }
        if (e.carrier == Carrier.JSON) {
            add(e, SIZES, "body nested " + DEEP + " arrays deep", Mutation.ofRequest(r -> r.body(HostileInputs.deepArray(DEEP))));
            String first = leaves(e).get(0);
            add(e, SIZES, first + ": nested " + DEEP + " objects deep", Mutation.ofParams(p -> replace(p, first, HostileInputs.deepObject(DEEP))));
        }
        add(e, SIZES, "300 extra headers", Mutation.ofRequest(r -> r.headers(IntStream.range(0, 300)
                .mapToObj(i -> new String[] {"X-Sweep-" + i, "v"}).toList())));
    }

    private void types(Endpoint e) {
        switch (e.carrier) {
            case FORM -> {
                String asJson = e.sampleParams().stream().map(p -> "\"" + p.name() + "\":" + jsonString(decode(p.value())))
                        .collect(Collectors.joining(",", "{", "}"));
                add(e, TYPES, "JSON body where a form is expected", Mutation.ofRequest(r -> r.replace("Content-Type", "application/json").body(asJson)));
                add(e, TYPES, "JSON body labelled as a form", Mutation.ofRequest(r -> r.body(asJson)));
                for (String name : leaves(e)) {
                    add(e, TYPES, name + ": as array name " + name + "[]", Mutation.ofParams(p -> p.stream()
                            .map(x -> x.name().equals(name) ? new P(name + "%5B%5D", x.value()) : x).collect(Collectors.toList())));
                }
            }
            case QUERY -> add(e, TYPES, "JSON body with a " + e.method, Mutation.ofRequest(r -> r.replace("Content-Type", "application/json")
                    .body("{\"client_id\":[\"x\"],\"a\":{\"b\":true}}")));
            case JSON -> {
                Set<String> leaves = new HashSet<>(leaves(e));
                for (String name : members(e)) {
                    for (String[] type : WRONG_TYPES) {
                        add(e, TYPES, name + ": " + type[0], Mutation.ofParams(p -> replace(p, name, type[1])));
                    }
                    if (!leaves.contains(name)) {
                        add(e, TYPES, name + ": string \"x\" where an object is expected", Mutation.ofParams(p -> replace(p, name, "\"x\"")));
                    }
                }
                for (String[] body : WRONG_BODIES) {
                    add(e, TYPES, body[0], Mutation.ofRequest(r -> r.body(body[1])));
                }
            }
            case NONE -> {
            }
        }
    }

    private void duplicates(Endpoint e) {
        for (String name : leaves(e)) {
            String label = e.carrier == Carrier.JSON ? "duplicate JSON key " : "repeated parameter ";
            add(e, DUPLICATES, label + name + ", same value", Mutation.ofParams(p -> again(p, name,
                    p.stream().filter(x -> x.name().equals(name)).findFirst().map(P::value).orElse(""))));
            add(e, DUPLICATES, label + name + ", other value", Mutation.ofParams(p -> again(p, name,
                    e.carrier == Carrier.JSON ? value(e, name, "x") : "x")));
        }
        for (String header : mutableHeaders(e)) {
            add(e, DUPLICATES, "repeated header " + header + ", same value", Mutation.ofHeaders(hs -> {
                List<H> out = new ArrayList<>(hs);
                hs.stream().filter(h -> h.name().equals(header)).findFirst().ifPresent(out::add);
                return out;
            }));
            add(e, DUPLICATES, "repeated header " + header + ", other value", Mutation.ofHeaders(hs -> {
                List<H> out = new ArrayList<>(hs);
                hs.stream().filter(h -> h.name().equals(header)).findFirst().ifPresent(h -> out.add(new H(h.name(), h.prefix(), "x")));
                return out;
            }));
        }
        add(e, DUPLICATES, "two Authorization headers (Bearer and Basic)", Mutation.ofRequest(r -> r
                .header("Authorization", "Bearer x").header("Authorization", "Basic eDp5")));
        add(e, DUPLICATES, "two Host headers", Mutation.ofRequest(r -> r.header("Host", "localhost:" + e.port).header("Host", "evil.example")));
        if (hasBody(e)) {
            add(e, DUPLICATES, "two Content-Type headers", Mutation.ofRequest(r -> r.header("Content-Type",
                    e.carrier == Carrier.FORM ? "application/json" : "application/x-www-form-urlencoded")));
            add(e, DUPLICATES, "two different Content-Length headers", Mutation.ofRequest(r -> r
                    .header("Content-Length", String.valueOf(r.body().length)).header("Content-Length", "1")));
            add(e, DUPLICATES, "Transfer-Encoding chunked and Content-Length", Mutation.ofRequest(r -> r
                    .header("Content-Length", "4").header("Transfer-Encoding", "chunked").body(chunked(r.body()))));
        }
        if (e.carrier == Carrier.JSON) {
            for (String[] trailing : TRAILING) {
                add(e, DUPLICATES, trailing[0] + " after the JSON", Mutation.ofRequest(r -> r.body(
                        new String(r.body(), StandardCharsets.ISO_8859_1) + trailing[1])));
            }
        }
    }

    private void missing(Endpoint e) {
        for (String name : e.required) {
            add(e, MISSING, "without " + name, Mutation.ofParams(p -> drop(p, name)));
            add(e, MISSING, name + " empty", Mutation.ofParams(p -> replace(p, name, e.carrier == Carrier.JSON ? "\"\"" : "")));
        }
        for (String header : e.requiredHeaders) {
            add(e, MISSING, "without the " + header + " header", Mutation.ofHeaders(hs -> hs.stream()
                    .filter(h -> !h.name().equals(header)).collect(Collectors.toList())));
            add(e, MISSING, header + " header with nothing after its prefix", Mutation.ofHeaders(hs -> replaceHeader(hs, header, "")));
        }
        if (hasBody(e)) {
            add(e, MISSING, "empty body", Mutation.ofRequest(r -> r.body(new byte[0])));
            add(e, MISSING, "no body, no Content-Length", Mutation.ofRequest(r -> r.body((byte[]) null)));
        }
        if (e.pathValue != null) {
            add(e, MISSING, "empty path segment", Mutation.ofPath(v -> ""));
        }
    }

    private void injections(Endpoint e) {
        for (String name : leaves(e)) {
            List<String[]> values = new ArrayList<>(INJECTIONS);
            if (e.redirectUris.contains(name)) {
                values.addAll(HostileInputs.redirectUriInjections(redirectUri));
            }
            for (String[] injection : values) {
                add(e, INJECTION, name + ": " + injection[0], Mutation.ofParams(p -> replace(p, name, value(e, name, injection[1]))));
            }
        }
        for (String header : mutableHeaders(e)) {
            for (String[] injection : HostileInputs.HEADER_INJECTIONS) {
                add(e, INJECTION, header + " header: " + injection[0], Mutation.ofHeaders(hs -> replaceHeader(hs, header, utf8(injection[1]))));
            }
        }
        if (e.pathValue != null) {
            for (String[] injection : INJECTIONS) {
                add(e, INJECTION, "path: " + injection[0], Mutation.ofPath(v -> url(injection[1]).replace("+", "%20")));
            }
            add(e, INJECTION, "path: raw traversal", Mutation.ofPath(v -> "../../../../etc/passwd"));
            add(e, INJECTION, "path: encoded traversal", Mutation.ofPath(v -> "..%2f..%2f..%2fetc%2fpasswd"));
            add(e, INJECTION, "path: matrix parameter", Mutation.ofPath(v -> v + ";jsessionid=x"));
        }
    }

    private void methods(Endpoint e) {
        if (!pathsWithMethodCases.add(e.port + e.pathPrefix)) {
            return;
        }
        for (String method : ALL_METHODS) {
            if (!e.methodsOnPath.contains(method)) {
                add(e, METHODS, method + " " + e.pathPrefix + (e.pathValue == null ? "" : "{id}"),
                        Mutation.ofRequest(r -> r.method(method)));
            }
        }
    }

    private void contentTypes(Endpoint e) {
        if (hasBody(e)) {
            List<String> types = new ArrayList<>(List.of("text/plain", "application/xml", "text/html", "*/*", ";;;=", "application/octet-stream",
                    e.carrier == Carrier.FORM ? "application/json" : "application/x-www-form-urlencoded"));
            for (String type : types) {
                add(e, CONTENT_TYPES, "Content-Type " + type, Mutation.ofRequest(r -> r.replace("Content-Type", type)));
            }
            add(e, CONTENT_TYPES, "no Content-Type", Mutation.ofRequest(r -> r.without("Content-Type")));
            if (e.carrier == Carrier.FORM) {
                add(e, CONTENT_TYPES, "the fields as multipart/form-data", Mutation.ofRequest(r -> multipart(r)));
            }
        }
        for (String accept : List.of("text/html", "application/xml", "image/png;q=0.5, */*;q=0")) {
            add(e, CONTENT_TYPES, "Accept " + accept, Mutation.ofRequest(r -> r.replace("Accept", accept)));
        }
    }

    private static RawHttp.Request multipart(RawHttp.Request r) {
        String boundary = "SweepBoundary42";
        StringBuilder body = new StringBuilder();
        for (String pair : new String(r.body(), StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(pair, 0, eq).append("\"\r\n\r\n").append(utf8(decode(pair.substring(eq + 1)))).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return r.replace("Content-Type", "multipart/form-data; boundary=" + boundary).body(body.toString());
    }

    private static byte[] chunked(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return (Integer.toHexString(body.length) + "\r\n" + text + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String decode(String urlEncoded) {
        try {
            return java.net.URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return urlEncoded;
        }
    }
}
