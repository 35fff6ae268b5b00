package dev.portcullis.auth.cimd;

import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.error.PageProblem;
import java.util.function.Supplier;

/**
 * A client id naming a Client ID Metadata Document that cannot be used: refused (not fetched, or fetched but
 * invalid; the message says only what is safe to show) or not fetched now because a limit says "later"
 * ({@link FetchUnavailable}). Unchecked, so that it passes through the one client lookup
 * ({@link dev.portcullis.auth.client.Clients#find}) to the endpoint, which answers in its own format.
 */
public final class UnusableDocument extends RuntimeException {

    private final MetadataDocumentFetcher.FetchRefused refusal;

    public UnusableDocument(MetadataDocumentFetcher.FetchRefused refusal) {
        super(refusal.getMessage(), refusal, false, false);
        this.refusal = refusal;
    }

    /** On a browser page: the error page, never a redirect, since the client cannot be established. */
    public PageProblem pageProblem() {
        if (refusal instanceof FetchUnavailable unavailable) {
            // RFC 6585 §4 / RFC 9110 §15.6.4: a fetch limit says "later"; an error page, do not redirect
            return unavailable.pageProblem();
        }
        // OAuth 2.1 §4.1.2.1: the client cannot be established, do not redirect
        return new PageProblem("The application's metadata document cannot be used: " + getMessage());
    }

    /**
     * At an OAuth endpoint: 429/503 {@code temporarily_unavailable} with Retry-After when a fetch limit says "later";
     * else the endpoint's own answer for an unknown client (a refused document is not told apart from one).
     */
    public OAuthProblem oauthProblem(Supplier<OAuthProblem> unknownClient) {
        if (refusal instanceof FetchUnavailable unavailable) {
            // RFC 6585 §4 / RFC 9110 §15.6.4: temporarily_unavailable, with Retry-After
            return unavailable.oauthProblem();
        }
        return unknownClient.get();
    }
}
