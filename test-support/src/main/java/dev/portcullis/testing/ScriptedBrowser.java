package dev.portcullis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Plays the user's browser over plain HTTP on auth-server's real pages: opens an authorization URL, signs in, decides
 * on the consent page and stops at the redirect back to the client. Cookies are kept as a browser keeps them (the
 * pre-session cookie the sign-in form is bound to, then the session); redirects are taken one by one so that a test
 * can check each step ({@link #get}, {@link #signIn}, {@link #decide}, {@link #follow}) or let {@link #authorize} walk
 * the whole way. Which fields and buttons are used is {@link SignInPages}'s business. Not a real browser: no
 * JavaScript, no Origin header (RealBrowserIT in e2e drives Chromium for that).
 */
public final class ScriptedBrowser {

    /** More steps than sign-in, consent and their redirects ever take. */
    private static final int MAX_STEPS = 20;
    /** One client for every browser: each keeps its own cookies, applied by hand around each exchange. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final CookieManager cookies = new CookieManager();

    /** One answer: its status, where it came from, its Location (3xx) and its page. */
    public record Page(int status, URI uri, String location, Document document, String body) {

        /** The page's POST form; an assertion error with the page when there is none. */
        public Element form() {
            Element form = SignInPages.postForm(document);
            if (form == null) {
                throw new AssertionError("no form on the page at " + uri + " (status " + status + "):\n" + body);
            }
            return form;
        }

        /** Where a 3xx answer sends the browser, or null. */
        public URI redirect() {
            return status >= 300 && status < 400 && location != null ? uri.resolve(location) : null;
        }
    }

    public Page get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** Sends the sign-in form of the page with the credentials. */
    public Page signIn(Page page, String username, String password) {
        page.form(); // no form: fails with the page's address and status
        return post(page, SignInPages.signIn(page.document(), username, password));
    }

    /** Presses the consent page's button of the decision ({@code approve} or {@code deny}). */
    public Page decide(Page page, String decision) {
        page.form(); // no form: fails with the page's address and status
        return post(page, SignInPages.consent(page.document(), decision));
    }

    /** Follows 3xx redirects until a page or the client's listener answers. */
    public Page follow(Page page) {
        Page current = page;
        for (int hops = 0; current.redirect() != null && hops < 5; hops++) {
            current = get(current.redirect());
        }
        return current;
    }

    /**
     * The whole walk: from the authorization URL through the sign-in page (skipped with a session) and the consent
     * page (skipped when consent is remembered) to the first redirect that leaves the authorization server, which is
     * returned without being followed (the client's redirect URI with code, state and iss, or an error). An assertion
     * error with the page when a page is not what a user would expect (e.g. the sign-in page again: wrong password).
     */
    public URI authorize(URI authorizationUrl, String username, String password, String decision) {
        Page page = get(authorizationUrl);
        boolean signedIn = false;
        boolean decided = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            URI next = page.redirect();
            if (next != null) {
                if (!sameOrigin(next, authorizationUrl)) {
                    return next;
                }
                page = get(next);
            } else if (page.status() == 200 && !signedIn && SignInPages.isSignIn(page.document())) {
                signedIn = true;
                page = signIn(page, username, password);
            } else if (page.status() == 200 && !decided && SignInPages.isConsent(page.document())) {
                decided = true;
                page = decide(page, decision);
            } else {
                throw new AssertionError("unexpected page (status " + page.status() + ") at " + page.uri() + ":\n"
                        + page.body());
            }
        }
        throw new AssertionError("no redirect back to the client after " + MAX_STEPS + " steps from " + authorizationUrl);
    }

    /** The decoded query parameters of a URI (a redirect's code, state, iss or error). */
    public static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** application/x-www-form-urlencoded, in the map's order (for a query or a form body). */
    public static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Page post(Page page, SignInPages.FormPost form) {
        URI action = page.uri().resolve(form.action().isEmpty() ? page.uri().toString() : form.action());
        return send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form.fields()))));
    }

    private Page send(HttpRequest.Builder builder) {
        URI uri = builder.build().uri();
        try {
            List<String> sent = cookies.get(uri, Map.of()).getOrDefault("Cookie", List.of());
            if (!sent.isEmpty()) {
                builder.header("Cookie", String.join("; ", sent)); // one Cookie header (RFC 6265, section 5.4)
            }
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            cookies.put(uri, response.headers().map());
            String location = response.headers().firstValue("Location").orElse(null);
            return new Page(response.statusCode(), uri, location, Jsoup.parse(response.body(), uri.toString()),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the browser could not reach " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + uri, e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
