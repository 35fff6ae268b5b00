package dev.portcullis.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a user does on auth-server's sign-in and consent pages (auth-server/src/main/resources/templates): which form
 * is sent, with which fields and which button. The one place the Java tests know those pages, so that a change to
 * them is met here and not in every test; {@code scripted-browser.mjs} beside this module does the same for the
 * scripts. Framework-neutral: {@link ScriptedBrowser} sends the result over HttpClient, auth-server's tests with
 * REST Assured.
 */
public final class SignInPages {

    /** The field names of the sign-in form and the button of the consent form. */
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String DECISION = "decision";

    private SignInPages() {
    }

    /** A form as a browser would send it: the form's action as written in the page, and the fields in page order. */
    public record FormPost(String action, Map<String, String> fields) {
    }

    /** Whether the page is a sign-in page: a POST form with a password field. */
    public static boolean isSignIn(Document page) {
        Element form = postForm(page);
        return form != null && form.selectFirst("input[type=password]") != null;
    }

    /** Whether the page is a consent page: a POST form with decision buttons. */
    public static boolean isConsent(Document page) {
        Element form = postForm(page);
        return form != null && form.selectFirst("button[name=" + DECISION + "]") != null;
    }

    /** The sign-in form filled in: its hidden fields (request, CSRF token) and the credentials. */
    public static FormPost signIn(Document page, String username, String password) {
        Element form = form(page);
        Map<String, String> fields = hiddenFields(form);
        fields.put(USERNAME, username);
        fields.put(PASSWORD, password);
        return new FormPost(form.attr("action"), fields);
    }

    /**
     * The consent form sent with the button of the decision ({@code approve} or {@code deny}; another value is sent
     * as given, as a tampering browser would).
     */
    public static FormPost consent(Document page, String decision) {
        Element form = form(page);
        Map<String, String> fields = hiddenFields(form);
        fields.put(DECISION, decision);
        return new FormPost(form.attr("action"), fields);
    }

    /** The value of the page's hidden field with that name. */
    public static String hidden(Document page, String name) {
        Element input = page.selectFirst("input[type=hidden][name=" + name + "]");
        if (input == null) {
            throw new AssertionError("no hidden field " + name + " on the page:\n" + page.outerHtml());
        }
        return input.attr("value");
    }

    /** The page's POST form; an assertion error with the page when there is none. */
    public static Element form(Document page) {
        Element form = postForm(page);
        if (form == null) {
            throw new AssertionError("no form on the page:\n" + page.outerHtml());
        }
        return form;
    }

    static Element postForm(Document page) {
        return page.selectFirst("form[method=post], form[method=POST]");
    }

    private static Map<String, String> hiddenFields(Element form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return fields;
    }
}
