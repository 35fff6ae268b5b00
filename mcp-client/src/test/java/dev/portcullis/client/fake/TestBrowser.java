package dev.portcullis.client.fake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Plays the user's browser: follows the authorization URL and its redirect to the loopback listener. */
public final class TestBrowser implements Consumer<URI> {

    public final List<URI> opened = new CopyOnWriteArrayList<>();
    public final List<String> pages = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Override
    public void accept(URI url) {
        opened.add(url);
        try {
            pages.add(http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException("browser failed: " + e, e);
        }
    }
}
