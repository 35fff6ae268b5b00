package dev.portcullis.client.token;

import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.RestClientCall;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;

/**
 * Any MicroProfile REST Client interface, for a resource protected by the same authorization as an MCP server (the
 * seed's {@code to_authorized_http_client}): every method call goes through the {@link AuthClient} policy — the bearer
 * token, one refresh and retry after a 401, a step-up after 403 {@code insufficient_scope}, {@code AccessDeniedException}
 * for any other 403 — and through the same transient-failure guards as the MCP transport. Other 4xx and 5xx answers
 * reach the caller as the REST Client's {@code WebApplicationException} (or as the {@code Response} a method returns).
 */
final class AuthorizedRestClient implements InvocationHandler {

    private final Http http;
    private final URI baseUri;
    private final Object delegate;
    private final AuthClient client;

    private AuthorizedRestClient(Http http, URI baseUri, Object delegate, AuthClient client) {
        this.http = http;
        this.baseUri = baseUri;
        this.delegate = delegate;
        this.client = client;
    }

    static <T> T create(Http http, URI baseUri, Class<T> api, AuthClient client) {
        Object delegate = http.builder(baseUri, client.bearerFilter()).build(api);
        AuthorizedRestClient handler = new AuthorizedRestClient(http, baseUri, delegate, client);
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api, AutoCloseable.class},
                handler));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == AutoCloseable.class) {
            if (method.getName().equals("close")) {
                ((AutoCloseable) delegate).close();
                return null;
            }
            return method.invoke(delegate, args);
        }
        return client.send(baseUri, () -> RestClientCall.invoke(http, baseUri, delegate, method, args)).result();
    }
}
