package dev.portcullis.client.token;

import dev.portcullis.client.transport.BearerTokens;
import java.util.function.Supplier;

/**
 * Bearer tokens from a stored credential record: refreshed through {@link TokenManager}; when the grant is gone
 * ({@code invalid_grant}, no refresh token) the {@code reauthorize} supplier runs the interactive sign-in once.
 */
public final class CredentialBearerTokens implements BearerTokens {

    private final TokenManager manager;
    private final Supplier<StoredCredentials> reauthorize;
    private volatile StoredCredentials credentials;

    public CredentialBearerTokens(StoredCredentials credentials, TokenManager manager,
            Supplier<StoredCredentials> reauthorize) {
        this.credentials = credentials;
        this.manager = manager;
        this.reauthorize = reauthorize;
    }

    @Override
    public String current() {
        StoredCredentials known = credentials;
        try {
            credentials = manager.fresh(known);
        } catch (ReauthorizationRequiredException e) {
            reauthorizeReplacing(known);
        }
        return credentials.accessToken();
    }

    @Override
    public String afterRejection(String rejected) {
        StoredCredentials known = credentials;
        if (!known.accessToken().equals(rejected)) {
            return known.accessToken(); // another request already replaced it
        }
        try {
            credentials = manager.refreshAfterRejection(known);
        } catch (ReauthorizationRequiredException e) {
            reauthorizeReplacing(known);
        }
        return credentials.accessToken();
    }

    public StoredCredentials credentials() {
        return credentials;
    }

    /** One interactive sign-in even when several requests find the grant gone at the same time. */
    private synchronized void reauthorizeReplacing(StoredCredentials stale) {
        if (credentials == stale) {
            credentials = reauthorize.get();
        }
    }
}
