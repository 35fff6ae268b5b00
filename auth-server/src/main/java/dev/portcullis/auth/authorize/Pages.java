package dev.portcullis.auth.authorize;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The browser pages (templates/signIn.html, consent.html, error.html), type-checked at build time. */
@CheckedTemplate
public class Pages {

    /** Form contract: POST /authorize/sign-in with request_id, csrf_token, username, password. */
    public static native TemplateInstance signIn(String requestId, String csrfToken, String clientName,
            String username, String error);

    /** Form contract: POST /authorize/consent with request_id, csrf_token, decision=approve|deny. */
    public static native TemplateInstance consent(String requestId, String csrfToken, String clientName,
            String clientId, String clientHost, String username, List<String> scopes, String resource);

    public static native TemplateInstance error(String message);
}
