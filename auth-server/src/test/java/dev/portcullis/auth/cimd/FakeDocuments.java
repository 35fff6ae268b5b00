package dev.portcullis.auth.cimd;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only: serves Client ID Metadata Documents from memory (http on localhost, allowed by the test allow-list). */
@Path("/test-cimd/{name}")
public class FakeDocuments {

    record Document(String body, String cacheControl) {
    }

    static final Map<String, Document> DOCUMENTS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FETCHES = new ConcurrentHashMap<>();

    @GET
    public Response get(@PathParam("name") String name) {
        FETCHES.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        Document document = DOCUMENTS.get(name);
        if (document == null) {
            return Response.status(404).build();
        }
        Response.ResponseBuilder response = Response.ok(document.body()).type("application/json");
        if (document.cacheControl() != null) {
            response.header("Cache-Control", document.cacheControl());
        }
        return response.build();
    }
}
