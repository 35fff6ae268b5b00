package dev.portcullis.auth.account;

import dev.portcullis.auth.authorize.Templates;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The account pages (templates/accountSignIn.html, approvedClients.html), rendered to HTML strings. */
public final class AccountPages {

    private AccountPages() {
    }

    /** One remembered consent as the page shows it (read by the template through reflection). */
    @RegisterForReflection
    public record Approval(String clientId, String clientName, String resource, String scope) {
    }

    /** Form contract: POST /account/sign-in with csrf_token (bound to the portcullis_login_csrf cookie), username, password. */
    public static String accountSignIn(String csrfToken, String username, String error) {
        return Templates.render("accountSignIn", "csrfToken", csrfToken, "username", username, "error", error);
    }

    /** Form contract: POST /account/revoke with client_id and csrf_token. */
    public static String approvedClients(String username, List<Approval> approvals, String csrfToken) {
        return Templates.render("approvedClients", "username", username, "approvals", approvals, "csrfToken", csrfToken);
    }
}
