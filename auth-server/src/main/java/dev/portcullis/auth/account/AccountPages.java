package dev.portcullis.auth.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The account pages (templates/accountSignIn.html, approvedClients.html). */
@CheckedTemplate
public class AccountPages {

    /** One remembered consent as the page shows it. */
    public record Approval(String clientId, String clientName, String resource, String scope) {
    }

    /** Form contract: POST /account/sign-in with csrf_token (equal to the portcullis_login_csrf cookie), username, password. */
    public static native TemplateInstance accountSignIn(String csrfToken, String username, String error);

    /** Form contract: POST /account/revoke with client_id and csrf_token. */
    public static native TemplateInstance approvedClients(String username, List<Approval> approvals, String csrfToken);
}
