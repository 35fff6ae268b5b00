package dev.portcullis.client;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** The default way to show the authorization URL: alone on a line of stdout, and in the system browser if there is one. */
final class SystemBrowser {

    private SystemBrowser() {
    }

    static void open(URI url) {
        System.out.println(url);
        System.out.flush();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String command = null;
        if (os.contains("mac")) {
            command = "open";
        } else if (os.contains("linux") && (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null)) {
            command = "xdg-open";
        }
        if (command == null) {
            return;
        }
        try {
            new ProcessBuilder(command, url.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException ignored) {
            // no browser: the printed URL is enough
        }
    }
}
