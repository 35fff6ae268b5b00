package dev.portcullis.conformance.client;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.HttpResult;
import dev.portcullis.common.oauth.Loopback;
import java.net.URI;
import java.util.function.Consumer;

/**
 * The browser step for authorization servers that approve at once (the MCP conformance suite's mock): requests the
 * authorization URL without following redirects, takes the {@code Location}, and delivers it to the loopback listener
 * (only to a loopback address: anything else would leak the code).
 */
final class HeadlessBrowser implements Consumer<URI> {

    private final Http http;

    HeadlessBrowser(Http http) {
        this.http = http;
    }

    @Override
    public void accept(URI authorizationUrl) {
        HttpResult answer = http.call(authorizationUrl, e -> e.get("text/html"));
        String location = answer.header("Location");
        if (answer.status() / 100 != 3 || location == null) {
            throw new AuthorizationRequiredException("The authorization endpoint answered HTTP " + answer.status()
                    + " instead of redirecting back at once; this command cannot sign in interactively.");
        }
        URI redirect = authorizationUrl.resolve(location);
        if (!Loopback.isLoopbackHost(redirect.getHost())) {
            throw new AuthorizationRequiredException("The authorization endpoint redirected to " + redirect.getHost()
                    + ", not to this client's loopback listener.");
        }
        http.call(redirect, e -> e.get("text/html"), false);
    }
}
