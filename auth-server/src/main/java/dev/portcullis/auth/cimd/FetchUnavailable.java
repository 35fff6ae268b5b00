package dev.portcullis.auth.cimd;

import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.error.PageProblem;

/**
 * A fetch not attempted now because of a limit ({@link FetchGuard}): 429 when the caller's address caused too many
 * fetches, 503 when the server or the fetched host is at its bound. Says nothing about the document itself, so it
 * is never remembered as a failure. Caught as a {@link MetadataDocumentFetcher.FetchRefused} where not handled.
 */
public final class FetchUnavailable extends MetadataDocumentFetcher.FetchRefused {

    private final int status;
    private final long retryAfterSeconds;

    FetchUnavailable(int status, long retryAfterSeconds, String message) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    static FetchUnavailable tooManyFromCaller(long retryAfterSeconds) {
        return new FetchUnavailable(429, retryAfterSeconds,
                "Too many requests needed an application's metadata to be fetched; try again later.");
    }

    static FetchUnavailable busy(long retryAfterSeconds) {
        return new FetchUnavailable(503, retryAfterSeconds,
                "The application's metadata cannot be fetched right now; try again later.");
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** At an OAuth endpoint: 429/503 {@code temporarily_unavailable} with Retry-After. */
    public OAuthProblem oauthProblem() {
        return OAuthProblem.temporarilyUnavailable(status, retryAfterSeconds, getMessage());
    }

    /** On a browser page: the error page, 429/503, with Retry-After. */
    public PageProblem pageProblem() {
        return new PageProblem(status, getMessage(), retryAfterSeconds);
    }
}
