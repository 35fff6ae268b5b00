package dev.portcullis.e2e;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Plays the user's browser over plain HTTP: follows the authorization URL, fills in the real sign-in form, presses
 * a button on the real consent page and follows the final redirect to the client's loopback listener. Cookies are
 * kept as a browser keeps them; redirects are followed one by one so each step can be checked.
 */
final class Browser {

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Page(int status, URI uri, String location, Document document, String body) {
        Element form() {
            Element form = document.selectFirst("form[method=post], form[method=POST]");
            if (form == null) {
                throw new AssertionError("no form on the page at " + uri + " (status " + status + "):\n" + body);
            }
            return form;
        }
    }

    Page get(URI uri) throws Exception {
        return page(uri, http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Submits the page's POST form with its hidden fields, the given fields, and the named button. */
    Page submit(Page page, Map<String, String> fields, String buttonName, String buttonValue) throws Exception {
        Element form = page.form();
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            values.put(input.attr("name"), input.attr("value"));
        }
        values.putAll(fields);
        if (buttonName != null) {
            values.put(buttonName, buttonValue);
        }
        String body = values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI action = page.uri().resolve(form.attr("action").isEmpty() ? page.uri().toString() : form.attr("action"));
        HttpRequest request = HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return page(action, http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Follows 3xx redirects until a page or the loopback listener answers. */
    Page follow(Page page) throws Exception {
        Page current = page;
        for (int hops = 0; current.location() != null && hops < 5; hops++) {
            current = get(current.uri().resolve(current.location()));
        }
        return current;
    }

    private static Page page(URI uri, HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse(null);
        return new Page(response.statusCode(), uri, location, Jsoup.parse(response.body(), uri.toString()), response.body());
    }
}
