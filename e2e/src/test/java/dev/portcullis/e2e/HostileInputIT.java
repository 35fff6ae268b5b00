package dev.portcullis.e2e;

import static dev.portcullis.e2e.HostileCases.Carrier.FORM;
import static dev.portcullis.e2e.HostileCases.Carrier.JSON;
import static dev.portcullis.e2e.HostileCases.Carrier.QUERY;
import static dev.portcullis.e2e.HostileInputs.url;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.e2e.HostileCases.Endpoint;
import dev.portcullis.e2e.HostileCases.H;
import dev.portcullis.e2e.HostileCases.P;
import dev.portcullis.e2e.Sweep.Expect;
import dev.portcullis.e2e.Sweep.Format;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sweep of hostile input over every endpoint of the packaged auth-server and mcp-server, generated from the tables
 * of {@link HostileInputs} by {@link HostileCases}: broken encodings, huge sizes, wrong types, duplicates, missing
 * parts, injection strings, wrong methods and content types, and ten identical requests at once where a race could
 * do harm. Every answer must be free of 5xx and in its protocol's own error format; afterwards neither server's log
 * may hold an error or a stack trace, and what was stored before the sweep (a client, its refresh token, the user's
 * consent and notes) must still work. Every failure is collected and reported together, with the sweep's size.
 */
@ExtendWith(StackExtension.class)
class HostileInputIT {

    private static final String REDIRECT = "http://127.0.0.1:1/callback";
    /** An answer slower than this is a failure: it holds a connection (and a thread) as long as the client waits. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int THREADS = 4;
    private static final String CONCURRENT = "concurrent repeats";
    private static final String STATE = "stored state";
    private static final String SCOPES = "scope on every transport";
    private static final String LOGS = "server logs";
    private static final String ALL_SCOPES = "mcp:tools notes:read notes:write";
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    // RFC 6749 §5.2, RFC 8707 §2, RFC 6585 §4 (429 temporarily_unavailable)
    private static final Set<String> TOKEN_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target", "temporarily_unavailable");
    // RFC 7009 §2.2.1
    private static final Set<String> REVOKE_ERRORS = Set.of("invalid_request", "invalid_client", "unsupported_token_type",
            "temporarily_unavailable");
    // RFC 7662 §2.3
    private static final Set<String> INTROSPECT_ERRORS = Set.of("invalid_request", "invalid_client", "temporarily_unavailable");
    // RFC 7591 §3.2.2, RFC 6750 §3.1 (initial access token)
    private static final Set<String> REGISTER_ERRORS = Set.of("invalid_request", "invalid_redirect_uri",
            "invalid_client_metadata", "invalid_software_statement", "unapproved_software_statement", "invalid_token",
            "access_denied", "temporarily_unavailable");
    // RFC 7592 §2, RFC 6750 §3.1
    private static final Set<String> CONFIG_ERRORS = Set.of("invalid_request", "invalid_token", "invalid_redirect_uri",
            "invalid_client_metadata", "insufficient_scope", "temporarily_unavailable");
    private static final Set<String> DOCUMENT_ERRORS = Set.of("invalid_request");

    private static final Pattern LOG_TROUBLE = Pattern.compile("^\\s+at [\\w$.]+\\(|^Caused by: |\\bERROR\\b|^\\S*Exception\\b");

    private Stack stack;
    private int authPort;
    private int mcpPort;
    private String mcpPath;
    private Sweep sweep;
    private final List<String> secrets = new ArrayList<>();

    // stored before the sweep; must survive it
    private String sentinelId;
    private String sentinelRegistrationToken;
    private JsonNode sentinelRegistration;
    private String sentinelRefreshToken;
    private String sentinelNote;
    private String machineId;
    private String machineSecret;
    private String machineRegistrationToken;

    // what the sweep's baselines use
    private FreshTokens sweepTokens;
    private String sessionCookie;
    private String expendableId;
    private String fodderReadId;
    private String fodderReadToken;
    private String fodderDeleteId;
    private String fodderDeleteToken;
    private Map<String, String> signInForm;
    private String accountLoginCsrf;
    private String accountLoginCookie;
    /** The pre-session cookie the sign-in form is bound to (login CSRF). */
    private String signInCsrfCookie;
    private String accountRevokeCsrf;
    private String mcpSession;
    private String fodderMcpSession;
    private McpEventStream eventStream;

    @Test
    void everyEndpointAnswersHostileInputInItsOwnFormatAndNothingStoredIsHarmed(Stack shared) throws Exception {
        stack = shared;
        authPort = URI.create(stack.issuer).getPort();
        mcpPort = URI.create(stack.mcpUrl).getPort();
        mcpPath = URI.create(stack.mcpUrl).getPath();
        long authLogStart = Files.size(stack.authServer().logFile());
        long mcpLogStart = Files.size(stack.mcpServer().logFile());
        sweep = new Sweep(stack.issuer, REDIRECT, TIMEOUT);

        storeWhatMustSurvive();
        prepareBaselines();
        long started = System.nanoTime();
        try {
            HostileCases cases = new HostileCases(REDIRECT);
            endpoints().forEach(cases::sweep);
            sweep.run(cases.cases(), THREADS);
            concurrentRepeats();
            scopesHoldOnEveryTransport();
        } finally {
            eventStream.close();
        }
        storedStateSurvived();
        logsHoldNoErrorNoTraceNoSecret(stack.authServer(), authLogStart, "auth-server");
        logsHoldNoErrorNoTraceNoSecret(stack.mcpServer(), mcpLogStart, "mcp-server");

        String size = sweep.sizeReport() + String.format("  in %.1f s%n", (System.nanoTime() - started) / 1e9);
        Path report = Path.of("target", "hostile-input-sweep.txt").toAbsolutePath();
        Files.createDirectories(report.getParent());
        Files.writeString(report, size + "\n" + sweep.failureReport(), StandardCharsets.UTF_8);
        System.out.println(size + "Every case that failed: " + report);
        if (!sweep.failures().isEmpty()) {
            String summary = sweep.failureSummary(250);
            System.out.println(summary);
            fail("The hostile-input sweep found " + sweep.failures().size() + " failing case(s) in " + sweep.total()
                    + " requests (all of them in " + report + "):\n" + summary);
        }
    }

    // ---- the endpoints and their baselines ----

    private List<Endpoint> endpoints() {
        Expect page = new Expect(Format.PAGE, Set.of());
        Expect mcp = new Expect(Format.MCP, Set.of());
        String fakeCode = random(32);
        String fakeRefreshToken = random(32);
        String verifier = Pkce.newVerifier(RANDOM);
        String machineBasic = "Basic " + Base64.getEncoder().encodeToString((url(machineId) + ":" + url(machineSecret))
                .getBytes(StandardCharsets.UTF_8));
        List<Endpoint> all = new ArrayList<>();

        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration", "/jwks")) {
            all.add(new Endpoint("GET " + path, authPort, "GET", path, new Expect(Format.DOCUMENT, DOCUMENT_ERRORS))
                    .params(QUERY, () -> List.of(new P("q", "1")))
                    .headers(() -> List.of(new H("Accept", "", "application/json"))));
        }
        all.add(new Endpoint("POST /register", authPort, "POST", "/register", new Expect(Format.OAUTH, REGISTER_ERRORS))
                .params(JSON, () -> registrationMembers("sweep"), "redirect_uris")
                .lists("redirect_uris", "grant_types", "response_types").redirectUris("redirect_uris"));
        all.add(new Endpoint("GET /register/{id}", authPort, "GET", "/register/", new Expect(Format.OAUTH, CONFIG_ERRORS))
                .pathValue(() -> fodderReadId)
                .headers(() -> List.of(new H("Authorization", "Bearer ", fodderReadToken)), "Authorization")
                .methodsOnPath("GET", "PUT", "DELETE"));
        all.add(new Endpoint("PUT /register/{id}", authPort, "PUT", "/register/", new Expect(Format.OAUTH, CONFIG_ERRORS))
                .pathValue(() -> fodderReadId)
                .params(JSON, () -> {
                    List<P> members = new ArrayList<>(List.of(new P("client_id", HostileInputs.jsonString(fodderReadId))));
                    members.addAll(registrationMembers("sweep updated"));
                    return members;
                })
                .focus("client_id", "redirect_uris")
                .lists("redirect_uris", "grant_types", "response_types").redirectUris("redirect_uris")
                .headers(() -> List.of(new H("Authorization", "Bearer ", fodderReadToken)), "Authorization")
                .methodsOnPath("GET", "PUT", "DELETE"));
        all.add(new Endpoint("DELETE /register/{id}", authPort, "DELETE", "/register/", new Expect(Format.OAUTH, CONFIG_ERRORS))
                .pathValue(() -> fodderDeleteId)
                .headers(() -> List.of(new H("Authorization", "Bearer ", fodderDeleteToken)), "Authorization")
                .methodsOnPath("GET", "PUT", "DELETE"));

        all.add(new Endpoint("GET /authorize", authPort, "GET", "/authorize", page)
                .params(QUERY, () -> authorizeParams(sentinelId, Pkce.challengeS256(verifier), null),
                        "response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method", "resource")
                .redirectUris("redirect_uri"));
        all.add(new Endpoint("POST /authorize/sign-in", authPort, "POST", "/authorize/sign-in", page)
                .params(FORM, () -> List.of(new P("request_id", url(signInForm.get("request_id"))),
                        new P("csrf_token", url(signInForm.get("csrf_token"))), new P("username", url(Stack.USER)),
                        new P("password", url("not the password"))), "request_id", "csrf_token", "username", "password")
                .headers(() -> List.of(new H("Cookie", "portcullis_login_csrf=", signInCsrfCookie)), "Cookie"));
        all.add(new Endpoint("POST /authorize/consent", authPort, "POST", "/authorize/consent", page)
                .params(FORM, this::freshConsentForm, "request_id", "csrf_token", "decision")
                .headers(() -> List.of(new H("Cookie", "portcullis_session=", sessionCookie)), "Cookie"));

        Sweep.Check noTokens = r -> r.status() == 200 && r.text().contains("access_token")
                ? "tokens issued for a made-up code or refresh token" : null;
        all.add(new Endpoint("POST /token (authorization_code)", authPort, "POST", "/token", new Expect(Format.OAUTH, TOKEN_ERRORS))
                .params(FORM, () -> List.of(new P("grant_type", "authorization_code"), new P("code", fakeCode),
                        new P("redirect_uri", url(REDIRECT)), new P("client_id", url(sentinelId)), new P("code_verifier", verifier),
                        new P("resource", url(stack.mcpUrl))), "grant_type", "code", "redirect_uri", "client_id", "code_verifier")
                .redirectUris("redirect_uri").also(noTokens));
        all.add(new Endpoint("POST /token (refresh_token)", authPort, "POST", "/token", new Expect(Format.OAUTH, TOKEN_ERRORS))
                .params(FORM, () -> List.of(new P("grant_type", "refresh_token"), new P("refresh_token", fakeRefreshToken),
                        new P("client_id", url(sentinelId)), new P("scope", url("mcp:tools"))), "grant_type", "refresh_token", "client_id")
                .also(noTokens));
        all.add(new Endpoint("POST /token (client_credentials)", authPort, "POST", "/token", new Expect(Format.OAUTH, TOKEN_ERRORS))
                .params(FORM, () -> List.of(new P("grant_type", "client_credentials"), new P("scope", url("mcp:tools")),
                        new P("resource", url(stack.mcpUrl))), "grant_type")
                .headers(() -> List.of(new H("Authorization", "", machineBasic)), "Authorization"));
        all.add(new Endpoint("POST /revoke", authPort, "POST", "/revoke", new Expect(Format.OAUTH, REVOKE_ERRORS))
                .params(FORM, () -> List.of(new P("token", fakeRefreshToken), new P("token_type_hint", "refresh_token"),
                        new P("client_id", url(sentinelId))), "token", "client_id"));
        all.add(new Endpoint("POST /introspect", authPort, "POST", "/introspect", new Expect(Format.OAUTH, INTROSPECT_ERRORS))
                .params(FORM, () -> List.of(new P("token", fakeRefreshToken), new P("token_type_hint", "access_token")), "token")
                .headers(() -> List.of(new H("Authorization", "", machineBasic)), "Authorization")
                .also(r -> r.status() == 200 && r.text().contains("\"active\":true") ? "a made-up token is active" : null));

        all.add(new Endpoint("GET /account", authPort, "GET", "/account", page)
                .params(QUERY, () -> List.of(new P("q", "1")))
                .headers(() -> List.of(new H("Cookie", "portcullis_session=", sessionCookie))));
        all.add(new Endpoint("POST /account/sign-in", authPort, "POST", "/account/sign-in", page)
                .params(FORM, () -> List.of(new P("csrf_token", url(accountLoginCsrf)), new P("username", url(Stack.USER)),
                        new P("password", url("not the password"))), "csrf_token", "username", "password")
                .headers(() -> List.of(new H("Cookie", "portcullis_login_csrf=", accountLoginCookie)), "Cookie"));
        all.add(new Endpoint("POST /account/revoke", authPort, "POST", "/account/revoke", page)
                .params(FORM, () -> List.of(new P("client_id", url(expendableId)), new P("csrf_token", url(accountRevokeCsrf))),
                        "client_id", "csrf_token")
                .headers(() -> List.of(new H("Cookie", "portcullis_session=", sessionCookie)), "Cookie"));

        for (String path : List.of("/.well-known/oauth-protected-resource" + mcpPath, "/.well-known/oauth-protected-resource")) {
            all.add(new Endpoint("GET " + path + " (mcp-server)", mcpPort, "GET", path, new Expect(Format.PRM, Set.of()))
                    .params(QUERY, () -> List.of(new P("q", "1")))
                    .headers(() -> List.of(new H("Accept", "", "application/json"))));
        }
        all.add(new Endpoint("POST /mcp (tools/call echo)", mcpPort, "POST", mcpPath, mcp)
                .params(JSON, () -> toolCall("echo", "message", "\"hello\""), "jsonrpc", "method", "params", "params.name")
                .headers(() -> streamableHeaders(mcpSession), "Authorization", "Mcp-Session-Id", "Accept")
                .methodsOnPath("POST", "GET", "DELETE"));
        all.add(new Endpoint("POST /mcp (tools/call notes_delete)", mcpPort, "POST", mcpPath, mcp)
                .params(JSON, () -> toolCall("notes_delete", "id", "\"no-such-note\""))
                .focus("params.arguments.id")
                .headers(() -> streamableHeaders(mcpSession))
                .methodsOnPath("POST", "GET", "DELETE"));
        all.add(new Endpoint("GET /mcp", mcpPort, "GET", mcpPath, new Expect(Format.MCP, Set.of(), true))
                .headers(() -> List.of(new H("Authorization", "Bearer ", sweepTokens.access()), new H("Accept", "", "text/event-stream"),
                        new H("Mcp-Session-Id", "", mcpSession)), "Authorization")
                .methodsOnPath("POST", "GET", "DELETE"));
        all.add(new Endpoint("DELETE /mcp", mcpPort, "DELETE", mcpPath, mcp)
                .headers(() -> List.of(new H("Authorization", "Bearer ", sweepTokens.access()),
                        new H("Mcp-Session-Id", "", fodderMcpSession)), "Authorization", "Mcp-Session-Id")
                .methodsOnPath("POST", "GET", "DELETE"));
        all.add(new Endpoint("GET /mcp/sse", mcpPort, "GET", mcpPath + "/sse", mcp)
                .headers(() -> List.of(new H("Authorization", "Bearer ", sweepTokens.access()), new H("Accept", "", "text/event-stream")),
                        "Authorization"));
        String messages = eventStream.endpoint();
        all.add(new Endpoint("POST /mcp/messages/{id}", mcpPort, "POST", messages.substring(0, messages.lastIndexOf('/') + 1), mcp)
                .pathValue(() -> messages.substring(messages.lastIndexOf('/') + 1))
                .params(JSON, () -> toolCall("echo", "message", "\"hello\""), "jsonrpc", "method", "params", "params.name")
                .headers(() -> List.of(new H("Authorization", "Bearer ", sweepTokens.access())), "Authorization"));
        return all;
    }

    private static List<P> registrationMembers(String name) {
        return List.of(new P("client_name", HostileInputs.jsonString(name)), new P("redirect_uris", "[\"" + REDIRECT + "\"]"),
                new P("token_endpoint_auth_method", "\"none\""), new P("grant_types", "[\"authorization_code\",\"refresh_token\"]"),
                new P("response_types", "[\"code\"]"), new P("scope", "\"mcp:tools\""));
    }

    private List<P> authorizeParams(String clientId, String challenge, String prompt) {
        List<P> params = new ArrayList<>(List.of(new P("response_type", "code"), new P("client_id", url(clientId)),
                new P("redirect_uri", url(REDIRECT)), new P("scope", url("mcp:tools")), new P("state", "s1"),
                new P("code_challenge", challenge), new P("code_challenge_method", "S256"), new P("resource", url(stack.mcpUrl))));
        if (prompt != null) {
            params.add(new P("prompt", prompt));
        }
        return params;
    }

    /** A new pending request, signed in, on the consent page: each consent case gets its own. */
    private List<P> freshConsentForm() {
        try {
            RawHttp.Response consent = auth(RawHttp.Request.of("GET", "/authorize?" + HostileCases.formEncoded(
                    authorizeParams(expendableId, Pkce.challengeS256(Pkce.newVerifier(RANDOM)), "consent")))
                    .header("Cookie", "portcullis_session=" + sessionCookie));
            Map<String, String> form = hidden(expectStatus(200, consent, "the consent page"));
            return List.of(new P("request_id", url(form.get("request_id"))), new P("csrf_token", url(form.get("csrf_token"))),
                    new P("decision", "approve"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<P> toolCall(String tool, String argument, String value) {
        return List.of(new P("jsonrpc", "\"2.0\""), new P("id", "7"), new P("method", "\"tools/call\""),
                new P("params.name", "\"" + tool + "\""), new P("params.arguments." + argument, value));
    }

    private List<H> streamableHeaders(String session) {
        return List.of(new H("Authorization", "Bearer ", sweepTokens.access()), new H("Accept", "", "application/json, text/event-stream"),
                new H("Mcp-Session-Id", "", session), new H("MCP-Protocol-Version", "", "2025-06-18"));
    }

    // ---- before the sweep ----

    /** A client with a refresh token, a confidential client, the user's consent and a note: what the sweep must not harm. */
    private void storeWhatMustSurvive() throws Exception {
        sentinelRegistration = register(registrationJson("sentinel"));
        sentinelId = sentinelRegistration.get("client_id").asText();
        sentinelRegistrationToken = sentinelRegistration.get("registration_access_token").asText();
        Grant sentinel = signInAndApprove(sentinelId, ALL_SCOPES, null);
        sentinelRefreshToken = sentinel.refreshToken();
        String session = initialize(sentinel.accessToken());
        sentinelNote = "sentinel note " + random(6);
        String added = toolText(call(sentinel.accessToken(), session, 2, "notes_add", "{\"text\":\"" + sentinelNote + "\"}"));
        if (!added.startsWith("Added note")) {
            throw new IllegalStateException("the sentinel note was not added: " + added);
        }
        JsonNode machine = register("{\"client_name\":\"sweep machine\",\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\",\"scope\":\"mcp:tools\"}");
        machineId = machine.get("client_id").asText();
        machineSecret = machine.get("client_secret").asText();
        machineRegistrationToken = machine.get("registration_access_token").asText();
        secrets.addAll(List.of(sentinelRefreshToken, sentinel.accessToken(), sentinelRegistrationToken, machineSecret,
                machineRegistrationToken, sentinel.sessionCookie(), Stack.PASSWORD));
    }

    private void prepareBaselines() throws Exception {
        String sweepId = register(registrationJson("sweep baseline")).get("client_id").asText();
        Grant sweepGrant = signInAndApprove(sweepId, ALL_SCOPES, null);
        sessionCookie = sweepGrant.sessionCookie();
        sweepTokens = new FreshTokens(sweepId, sweepGrant.refreshToken());
        secrets.addAll(List.of(sweepGrant.refreshToken(), sessionCookie));

        expendableId = register(registrationJson("expendable")).get("client_id").asText();
        signInAndApprove(expendableId, "mcp:tools", sessionCookie);
        JsonNode fodderRead = register(registrationJson("fodder read"));
        fodderReadId = fodderRead.get("client_id").asText();
        fodderReadToken = fodderRead.get("registration_access_token").asText();
        JsonNode fodderDelete = register(registrationJson("fodder delete"));
        fodderDeleteId = fodderDelete.get("client_id").asText();
        fodderDeleteToken = fodderDelete.get("registration_access_token").asText();

        RawHttp.Response signIn = authorize(sentinelId, "mcp:tools", Pkce.challengeS256(Pkce.newVerifier(RANDOM)), null, null);
        signInForm = hidden(expectStatus(200, signIn, "the sign-in page"));
        signInCsrfCookie = setCookie(signIn, "portcullis_login_csrf");

        RawHttp.Response account = expectStatus(200, auth(RawHttp.Request.of("GET", "/account")), "the account sign-in page");
        accountLoginCookie = setCookie(account, "portcullis_login_csrf");
        accountLoginCsrf = hidden(account).get("csrf_token");
        RawHttp.Response approved = expectStatus(200, auth(RawHttp.Request.of("GET", "/account")
                .header("Cookie", "portcullis_session=" + sessionCookie)), "the account page");
        accountRevokeCsrf = hidden(approved).get("csrf_token");

        mcpSession = initialize(sweepTokens.access());
        fodderMcpSession = initialize(sweepTokens.access());
        eventStream = McpEventStream.open(mcpPort, mcpPath + "/sse", sweepTokens.access());
        postToStream(eventStream, sweepTokens.access(), initializeMessage(1));
        postToStream(eventStream, sweepTokens.access(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    // ---- ten identical requests at once ----

    private void concurrentRepeats() throws Exception {
        Expect page = new Expect(Format.PAGE, Set.of());
        Expect token = new Expect(Format.OAUTH, TOKEN_ERRORS);

        // consent approval: one pending request approved ten times at once gives one code
        String verifier = Pkce.newVerifier(RANDOM);
        Map<String, String> consent = hidden(expectStatus(200, authorize(expendableId, "mcp:tools", Pkce.challengeS256(verifier),
                sessionCookie, "consent"), "the consent page"));
        RawHttp.Request approve = formPost("/authorize/consent", "request_id", consent.get("request_id"),
                "csrf_token", consent.get("csrf_token"), "decision", "approve").header("Cookie", "portcullis_session=" + sessionCookie);
        List<RawHttp.Response> approvals = tenAtOnce("POST /authorize/consent", "approve one request ten times", authPort, approve, page);
        List<String> codes = approvals.stream().filter(r -> r != null && r.status() == 303)
                .map(r -> Sweep.query(URI.create(r.header("Location").orElse("")).getRawQuery()).get("code"))
                .filter(c -> c != null).toList();
        exactlyOne("POST /authorize/consent", "approve one request ten times", codes.size(), approvals);

        // code redemption: one code redeemed ten times at once gives one token response
        if (!codes.isEmpty()) {
            RawHttp.Request redeem = formPost("/token", "grant_type", "authorization_code", "code", codes.get(0),
                    "redirect_uri", REDIRECT, "client_id", expendableId, "code_verifier", verifier, "resource", stack.mcpUrl);
            List<RawHttp.Response> redeemed = tenAtOnce("POST /token (authorization_code)", "redeem one code ten times", authPort,
                    redeem, token);
            exactlyOne("POST /token (authorization_code)", "redeem one code ten times", count(redeemed, 200), redeemed);
            grantRefusals("POST /token (authorization_code)", "redeem one code ten times", redeemed);
        }

        // refresh: one refresh token used ten times at once is rotated once, and every one of the ten gets that same
        // successor (the rotation grace period answers a repeated presentation again); the family survives
        Grant family = signInAndApprove(expendableId, "mcp:tools", sessionCookie);
        RawHttp.Request refresh = formPost("/token", "grant_type", "refresh_token", "refresh_token", family.refreshToken(),
                "client_id", expendableId);
        List<RawHttp.Response> refreshed = tenAtOnce("POST /token (refresh_token)", "refresh one token ten times", authPort, refresh, token);
        List<String> successors = refreshed.stream().filter(r -> r != null && r.status() == 200)
                .map(r -> readJson(r).path("refresh_token").asText()).distinct().toList();
        if (count(refreshed, 200) != 10 || successors.size() != 1) {
            sweep.fail("POST /token (refresh_token)", CONCURRENT, "refresh one token ten times", firstNot(refreshed, 200),
                    count(refreshed, 200) + " of 10 answered 200, with " + successors.size()
                            + " different refresh tokens (expected 10, one and the same successor)");
        }
        String rotated = successors.isEmpty() ? null : successors.get(0);
        if (rotated != null) {
            RawHttp.Response next = auth(formPost("/token", "grant_type", "refresh_token", "refresh_token", rotated, "client_id", expendableId));
            sweep.count("POST /token (refresh_token)", CONCURRENT);
            if (next.status() != 200) {
                sweep.fail("POST /token (refresh_token)", CONCURRENT, "the winner of ten concurrent refreshes refreshes again",
                        next, "the rotated refresh token no longer works");
            } else {
                rotated = readJson(next).path("refresh_token").asText();
            }

            // revocation: ten revocations at once all answer 200, and the token is revoked
            RawHttp.Request revoke = formPost("/revoke", "token", rotated, "token_type_hint", "refresh_token", "client_id", expendableId);
            List<RawHttp.Response> revoked = tenAtOnce("POST /revoke", "revoke one token ten times", authPort, revoke,
                    new Expect(Format.OAUTH, REVOKE_ERRORS));
            if (count(revoked, 200) != 10) {
                sweep.fail("POST /revoke", CONCURRENT, "revoke one token ten times", firstNot(revoked, 200),
                        "only " + count(revoked, 200) + " of 10 revocations answered 200 (RFC 7009 §2.2)");
            }
            RawHttp.Response after = auth(formPost("/token", "grant_type", "refresh_token", "refresh_token", rotated, "client_id", expendableId));
            sweep.count("POST /token (refresh_token)", CONCURRENT);
            if (after.status() != 400 || !after.text().contains("invalid_grant")) {
                sweep.fail("POST /revoke", CONCURRENT, "the refresh token after ten revocations", after, "still usable");
            }
        }

        // registration: ten identical registrations at once are ten clients
        List<RawHttp.Response> registered = tenAtOnce("POST /register", "register ten times at once", authPort,
                RawHttp.Request.of("POST", "/register").header("Content-Type", "application/json").body(registrationJson("ten")),
                new Expect(Format.OAUTH, REGISTER_ERRORS));
        Set<String> ids = new LinkedHashSet<>();
        registered.stream().filter(r -> r != null && r.status() == 201).forEach(r -> ids.add(readJson(r).path("client_id").asText()));
        if (ids.size() != 10) {
            sweep.fail("POST /register", CONCURRENT, "register ten times at once", firstNot(registered, 201),
                    ids.size() + " distinct clients from 10 registrations");
        }

        // client deletion: ten deletions at once, one 204
        JsonNode doomed = register(registrationJson("doomed"));
        RawHttp.Request delete = RawHttp.Request.of("DELETE", "/register/" + doomed.get("client_id").asText())
                .header("Authorization", "Bearer " + doomed.get("registration_access_token").asText());
        List<RawHttp.Response> deleted = tenAtOnce("DELETE /register/{id}", "delete one client ten times", authPort, delete,
                new Expect(Format.OAUTH, CONFIG_ERRORS));
        exactlyOne("DELETE /register/{id}", "delete one client ten times", count(deleted, 204), deleted);

        // sign-in: ten correct sign-ins on one pending request
        RawHttp.Response pendingPage = expectStatus(200, authorize(expendableId, "mcp:tools",
                Pkce.challengeS256(Pkce.newVerifier(RANDOM)), null, null), "the sign-in page");
        Map<String, String> pending = hidden(pendingPage);
        tenAtOnce("POST /authorize/sign-in", "sign in ten times at once", authPort, formPost("/authorize/sign-in",
                "request_id", pending.get("request_id"), "csrf_token", pending.get("csrf_token"), "username", Stack.USER,
                "password", Stack.PASSWORD).header("Cookie", "portcullis_login_csrf=" + setCookie(pendingPage, "portcullis_login_csrf")), page);

        // MCP: ten initializations at once, then one session ended ten times at once
        tenAtOnce("POST /mcp (initialize)", "initialize ten times at once", mcpPort,
                RawHttp.Request.of("POST", mcpPath).header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + sweepTokens.access())
                        .body(initializeMessage(1)), new Expect(Format.MCP, Set.of()));
        String doomedSession = initialize(sweepTokens.access());
        List<RawHttp.Response> ended = tenAtOnce("DELETE /mcp", "end one session ten times", mcpPort,
                RawHttp.Request.of("DELETE", mcpPath).header("Authorization", "Bearer " + sweepTokens.access())
                        .header("Mcp-Session-Id", doomedSession), new Expect(Format.MCP, Set.of()));
        long endedOk = ended.stream().filter(r -> r != null && r.status() >= 200 && r.status() < 300).count();
        exactlyOne("DELETE /mcp", "end one session ten times", (int) endedOk, ended);
    }

    private List<RawHttp.Response> tenAtOnce(String endpoint, String label, int port, RawHttp.Request request, Expect expect)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RawHttp.Response>> running = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                running.add(pool.submit(() -> {
                    start.await();
                    return sweep.send(endpoint, CONCURRENT, label, port, request);
                }));
            }
            start.countDown();
            List<RawHttp.Response> responses = new ArrayList<>();
            Sweep.Case judged = new Sweep.Case(endpoint, CONCURRENT, label, port, () -> request, expect, null);
            for (Future<RawHttp.Response> future : running) {
                RawHttp.Response response = future.get();
                responses.add(response);
                if (response != null) {
                    sweep.judge(judged, request, response);
                }
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private void exactlyOne(String endpoint, String label, int successes, List<RawHttp.Response> responses) {
        if (successes != 1) {
            sweep.fail(endpoint, CONCURRENT, label, responses.stream().filter(r -> r != null).findFirst().orElse(null),
                    successes + " of 10 identical requests succeeded, exactly 1 must");
        }
    }

    private void grantRefusals(String endpoint, String label, List<RawHttp.Response> responses) {
        for (RawHttp.Response r : responses) {
            if (r != null && r.status() != 200 && !(r.status() == 400 && r.text().contains("\"invalid_grant\""))) {
                sweep.fail(endpoint, CONCURRENT, label, r, "a losing request must get 400 invalid_grant (RFC 6749 §5.2)");
                return;
            }
        }
    }

    private static int count(List<RawHttp.Response> responses, int status) {
        return (int) responses.stream().filter(r -> r != null && r.status() == status).count();
    }

    private static RawHttp.Response firstNot(List<RawHttp.Response> responses, int status) {
        return responses.stream().filter(r -> r != null && r.status() != status).findFirst().orElse(null);
    }

    // ---- per-tool scopes, whatever the transport or the shape of the message ----

    private void scopesHoldOnEveryTransport() throws Exception {
        String narrowId = register(registrationJson("narrow")).get("client_id").asText();
        String narrow = signInAndApprove(narrowId, "mcp:tools", sessionCookie).accessToken();
        String session = initialize(narrow);
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("notes_list", "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_list\",\"arguments\":{}}}");
        messages.put("duplicate name key, echo then notes_list", "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"name\":\"notes_list\",\"arguments\":{\"message\":\"x\"}}}");
        messages.put("duplicate method key", "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"ping\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"notes_list\",\"arguments\":{}}}");
        messages.put("in a batch", "[{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_list\",\"arguments\":{}}}]");
        messages.put("notes_add", "{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"tools/call\",\"params\":{\"name\":\"notes_add\",\"arguments\":{\"text\":\"scope bypass\"}}}");
        for (Map.Entry<String, String> message : messages.entrySet()) {
            RawHttp.Request request = RawHttp.Request.of("POST", mcpPath).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + narrow)
                    .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18").body(message.getValue());
            RawHttp.Response response = sweep.send("POST /mcp", SCOPES, message.getKey(), mcpPort, request);
            if (response != null) {
                sweep.judge(new Sweep.Case("POST /mcp", SCOPES, message.getKey(), mcpPort, () -> request,
                        new Expect(Format.MCP, Set.of()), null), request, response);
                if (response.text().contains(sentinelNote) || response.text().contains("Added note")) {
                    sweep.fail("POST /mcp", SCOPES, "token with mcp:tools only, " + message.getKey(), response,
                            "a notes tool ran without notes:read/notes:write");
                }
            }
        }
        try (McpEventStream stream = McpEventStream.open(mcpPort, mcpPath + "/sse", narrow)) {
            postToStream(stream, narrow, initializeMessage(1));
            postToStream(stream, narrow, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            for (Map.Entry<String, String> message : messages.entrySet()) {
                RawHttp.Response posted = postToStream(stream, narrow, message.getValue());
                if (posted != null && posted.status() >= 400) {
                    continue; // refused at the door
                }
                String id = message.getValue().replaceAll(".*\"id\":(\\d+).*", "$1");
                String answer = stream.awaitLine("\"id\":" + id + ",", Duration.ofSeconds(3));
                if (answer != null && (answer.contains(sentinelNote) || answer.contains("Added note"))) {
                    sweep.fail("POST /mcp/messages/{id}", SCOPES, "token with mcp:tools only, " + message.getKey(), posted,
                            "a notes tool ran without notes:read/notes:write over the SSE transport: " + Sweep.shorten(answer, 160));
                }
            }
        }
    }

    private RawHttp.Response postToStream(McpEventStream stream, String token, String message) {
        RawHttp.Request request = RawHttp.Request.of("POST", stream.endpoint()).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).body(message);
        return sweep.send("POST /mcp/messages/{id}", SCOPES, "message on the SSE transport", mcpPort, request);
    }

    // ---- after the sweep ----

    private void storedStateSurvived() throws Exception {
        RawHttp.Response registration = auth(RawHttp.Request.of("GET", "/register/" + sentinelId)
                .header("Authorization", "Bearer " + sentinelRegistrationToken));
        check("GET /register/{id}", "the sentinel client's registration is unchanged", registration,
                registration.status() == 200 && sameRegistration(sentinelRegistration, readJson(registration)));

        RawHttp.Response refreshed = auth(formPost("/token", "grant_type", "refresh_token", "refresh_token", sentinelRefreshToken,
                "client_id", sentinelId));
        check("POST /token (refresh_token)", "the refresh token stored before the sweep still refreshes", refreshed,
                refreshed.status() == 200);
        if (refreshed.status() == 200) {
            String access = readJson(refreshed).path("access_token").asText();
            String session = initialize(access);
            String whoami = toolText(call(access, session, 3, "whoami", "{}"));
            sweep.count("POST /mcp", STATE);
            if (!whoami.contains(Stack.USER)) {
                sweep.fail("POST /mcp", STATE, "whoami with the refreshed access token", null, "answered: " + whoami);
            }
            String notes = toolText(call(access, session, 4, "notes_list", "{}"));
            sweep.count("POST /mcp", STATE);
            if (!notes.contains(sentinelNote)) {
                sweep.fail("POST /mcp", STATE, "the note stored before the sweep", null, "notes_list answered: " + Sweep.shorten(notes, 200));
            }
            RawHttp.Response introspected = auth(formPost("/introspect", "token", access).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((machineId + ":" + machineSecret).getBytes(StandardCharsets.UTF_8))));
            // RFC 7662 §4: a client that is not the token's and not a configured resource server learns nothing
            check("POST /introspect", "another client introspecting the user's refreshed access token learns nothing",
                    introspected, introspected.status() == 200 && introspected.text().contains("\"active\":false"));
        }

        RawHttp.Response machine = auth(formPost("/token", "grant_type", "client_credentials", "scope", "mcp:tools",
                "resource", stack.mcpUrl).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((machineId + ":" + machineSecret).getBytes(StandardCharsets.UTF_8))));
        check("POST /token (client_credentials)", "the confidential client still gets tokens", machine, machine.status() == 200);
        if (machine.status() == 200) {
            RawHttp.Response own = auth(formPost("/introspect", "token", readJson(machine).get("access_token").asText())
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (machineId + ":" + machineSecret).getBytes(StandardCharsets.UTF_8))));
            check("POST /introspect", "the confidential client introspects its own access token", own,
                    own.status() == 200 && own.text().contains("\"active\":true"));
        }

        // the user still signs in, through the authorization endpoint and at the account page, and the consent is kept
        Grant again = signInAndApprove(sentinelId, ALL_SCOPES, null);
        sweep.count("POST /authorize/sign-in", STATE);
        if (again.accessToken() == null || !again.remembered()) {
            sweep.fail("POST /authorize/sign-in", STATE, "the user signs in again; the sentinel's consent is remembered", null,
                    "the consent page was shown again: the remembered consent was lost");
        }
        RawHttp.Response accountPage = auth(RawHttp.Request.of("GET", "/account"));
        RawHttp.Response signedIn = auth(formPost("/account/sign-in", "csrf_token", hidden(accountPage).get("csrf_token"),
                "username", Stack.USER, "password", Stack.PASSWORD)
                .header("Cookie", "portcullis_login_csrf=" + setCookie(accountPage, "portcullis_login_csrf")));
        check("POST /account/sign-in", "the user signs in at the account page", signedIn, signedIn.status() == 303);
        String cookie = setCookie(signedIn, "portcullis_session");
        if (cookie != null) {
            RawHttp.Response list = auth(RawHttp.Request.of("GET", "/account").header("Cookie", "portcullis_session=" + cookie));
            check("GET /account", "the account page lists the sentinel client", list,
                    list.status() == 200 && list.text().contains(sentinelId));
        }
    }

    private void check(String endpoint, String label, RawHttp.Response response, boolean holds) {
        sweep.count(endpoint, STATE);
        if (!holds) {
            sweep.fail(endpoint, STATE, label, response, "stored state was harmed");
        }
    }

    private static boolean sameRegistration(JsonNode before, JsonNode after) {
        for (String member : List.of("client_id", "client_name", "redirect_uris", "grant_types", "token_endpoint_auth_method", "scope")) {
            if (!before.path(member).equals(after.path(member))) {
                return false;
            }
        }
        return true;
    }

    private void logsHoldNoErrorNoTraceNoSecret(ServerProcess server, long from, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(server.logFile());
        String log = new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from),
                StandardCharsets.ISO_8859_1);
        Map<String, Integer> distinct = new LinkedHashMap<>();
        int traceLines = 0;
        for (String line : log.split("\n")) {
            if (LOG_TROUBLE.matcher(line).find()) {
                if (line.startsWith("\tat ") || line.startsWith("    at ")) {
                    traceLines++;
                } else {
                    // one entry per kind of line: without time stamp, thread, ids and numbers
                    String kind = line.replaceFirst("^\\d{4}-\\d\\d-\\d\\d \\S+ ", "").replaceAll("\\([^)]*thread[^)]*\\) ", "")
                            .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}(-\\d+)?", "<id>").replaceAll("\\d+", "N");
                    distinct.merge(Sweep.shorten(kind, 240), 1, Integer::sum);
                }
            }
        }
        sweep.count(name + " log", LOGS);
        int shown = 0;
        for (Map.Entry<String, Integer> kind : distinct.entrySet()) {
            if (shown++ == 40) {
                sweep.fail(name + " log", LOGS, "more lines", null, (distinct.size() - 40) + " more kinds of error lines");
                break;
            }
            sweep.fail(name + " log", LOGS, "error or exception line (" + kind.getValue() + "x)", null, kind.getKey());
        }
        if (traceLines > 0) {
            sweep.fail(name + " log", LOGS, "stack trace lines", null, traceLines + " lines of stack traces (\"\\tat …\")");
        }
        for (String secret : secrets) {
            if (secret != null && log.contains(secret)) {
                sweep.fail(name + " log", LOGS, "no token, secret or password in the log", null,
                        "a secret stored before the sweep appears in the log (" + secret.length() + " characters)");
            }
        }
        Path copy = stack.work.resolve(name + "-after-sweep.log");
        Files.write(copy, bytes);
    }

    // ---- the real flow, over RawHttp ----

    private record Grant(String clientId, String accessToken, String refreshToken, String sessionCookie, boolean remembered) {
    }

    /** Authorization code flow with PKCE for the user; signs in unless a session cookie is given. */
    private Grant signInAndApprove(String clientId, String scope, String cookie) throws IOException {
        String verifier = Pkce.newVerifier(RANDOM);
        RawHttp.Response page = authorize(clientId, scope, Pkce.challengeS256(verifier), cookie, null);
        boolean remembered = true;
        if (page.status() == 200 && page.text().contains("name=\"password\"")) {
            Map<String, String> form = hidden(page);
            page = auth(formPost("/authorize/sign-in", "request_id", form.get("request_id"), "csrf_token", form.get("csrf_token"),
                    "username", Stack.USER, "password", Stack.PASSWORD)
                    .header("Cookie", "portcullis_login_csrf=" + setCookie(page, "portcullis_login_csrf")));
            cookie = setCookie(page, "portcullis_session");
        }
        if (page.status() == 200) {
            remembered = false;
            Map<String, String> form = hidden(page);
            page = auth(formPost("/authorize/consent", "request_id", form.get("request_id"), "csrf_token", form.get("csrf_token"),
                    "decision", "approve").header("Cookie", "portcullis_session=" + cookie));
        }
        if (page.status() != 302 && page.status() != 303) {
            throw new IllegalStateException("no redirect with a code: " + page.status() + " " + Sweep.excerpt(page));
        }
        String code = Sweep.query(URI.create(page.header("Location").orElseThrow()).getRawQuery()).get("code");
        JsonNode tokens = readJson(expectStatus(200, auth(formPost("/token", "grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", clientId, "code_verifier", verifier, "resource", stack.mcpUrl)), "the token response"));
        return new Grant(clientId, tokens.path("access_token").asText(null), tokens.path("refresh_token").asText(null), cookie, remembered);
    }

    private RawHttp.Response authorize(String clientId, String scope, String challenge, String cookie, String prompt) throws IOException {
        List<P> params = new ArrayList<>(authorizeParams(clientId, challenge, prompt));
        params.replaceAll(p -> p.name().equals("scope") ? new P("scope", url(scope)) : p);
        RawHttp.Request request = RawHttp.Request.of("GET", "/authorize?" + HostileCases.formEncoded(params));
        return auth(cookie == null ? request : request.header("Cookie", "portcullis_session=" + cookie));
    }

    private JsonNode register(String json) throws IOException {
        return readJson(expectStatus(201, auth(RawHttp.Request.of("POST", "/register").header("Content-Type", "application/json")
                .body(json)), "the registration"));
    }

    private static String registrationJson(String name) {
        return "{\"client_name\":\"" + name + "\",\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\","
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"scope\":\"" + ALL_SCOPES + " offline_access\"}";
    }

    /** Access tokens live six seconds on this stack: the sweep's are refreshed as they age. */
    private final class FreshTokens {
        private final String clientId;
        private String refreshToken;
        private String accessToken;
        private long obtainedAt;

        FreshTokens(String clientId, String refreshToken) {
            this.clientId = clientId;
            this.refreshToken = refreshToken;
        }

        synchronized String access() {
            if (accessToken == null || System.nanoTime() - obtainedAt > Duration.ofMillis(2500).toNanos()) {
                try {
                    JsonNode tokens = readJson(expectStatus(200, auth(formPost("/token", "grant_type", "refresh_token",
                            "refresh_token", refreshToken, "client_id", clientId)), "a refresh of the sweep's own token"));
                    refreshToken = tokens.path("refresh_token").asText();
                    accessToken = tokens.path("access_token").asText();
                    obtainedAt = System.nanoTime();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return accessToken;
        }
    }

    // ---- MCP ----

    private static String initializeMessage(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile-input sweep\",\"version\":\"1\"}}}";
    }

    private String initialize(String token) throws IOException {
        RawHttp.Response response = expectStatus(200, mcp(RawHttp.Request.of("POST", mcpPath).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .body(initializeMessage(1))), "initialize");
        String session = response.header("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException("no Mcp-Session-Id"));
        mcp(RawHttp.Request.of("POST", mcpPath).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        return session;
    }

    private JsonNode call(String token, String session, int id, String tool, String arguments) throws IOException {
        RawHttp.Response response = mcp(RawHttp.Request.of("POST", mcpPath).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18")
                .body("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":" + arguments + "}}"));
        String body = response.text();
        if (response.contentType().startsWith("text/event-stream")) {
            body = body.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).findFirst().orElse("{}");
        }
        try {
            return JSON_MAPPER.readTree(body);
        } catch (IOException e) {
            return JSON_MAPPER.createObjectNode().put("unreadable", response.status() + " " + Sweep.shorten(body, 200));
        }
    }

    private static String toolText(JsonNode answer) {
        JsonNode text = answer.path("result").path("content").path(0).path("text");
        return text.isTextual() ? text.asText() : answer.toString();
    }

    // ---- HTTP helpers ----

    private RawHttp.Response auth(RawHttp.Request request) throws IOException {
        return RawHttp.send(authPort, request, TIMEOUT);
    }

    private RawHttp.Response mcp(RawHttp.Request request) throws IOException {
        return RawHttp.send(mcpPort, request, TIMEOUT);
    }

    private static RawHttp.Request formPost(String path, String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(url(namesAndValues[i])).append('=').append(url(namesAndValues[i + 1]));
        }
        return RawHttp.Request.of("POST", path).header("Content-Type", "application/x-www-form-urlencoded").body(body.toString());
    }

    private static RawHttp.Response expectStatus(int status, RawHttp.Response response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + " instead of " + status + ": "
                    + Sweep.excerpt(response));
        }
        return response;
    }

    private static JsonNode readJson(RawHttp.Response response) {
        try {
            return JSON_MAPPER.readTree(response.body());
        } catch (IOException e) {
            return JSON_MAPPER.createObjectNode();
        }
    }

    private static Map<String, String> hidden(RawHttp.Response page) {
        Map<String, String> fields = new HashMap<>();
        for (Element input : Jsoup.parse(page.text()).select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return fields;
    }

    private static String setCookie(RawHttp.Response response, String name) {
        for (String cookie : response.headers("Set-Cookie")) {
            if (cookie.startsWith(name + "=")) {
                return cookie.substring(name.length() + 1).split(";", 2)[0];
            }
        }
        return null;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
