package dev.herald.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald publish}: send one update to a running hub. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish one update to a running hub; prints the update id.")
final class PublishCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hub", defaultValue = "${env:HERALD_HUB_URL:-http://localhost:8080/.well-known/mercure}",
            description = "Hub URL (env HERALD_HUB_URL, default ${DEFAULT-VALUE}).")
    URI hub;

    @Option(names = "--topic", required = true, description = "Topic; repeat for alternate topics.")
    List<String> topics;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Payload payload;

    static final class Payload {
        @Option(names = "--data", description = "The update's data.")
        String data;

        @Option(names = "--stdin", description = "Read the data from standard input (all of it).")
        boolean stdin;
    }

    @Option(names = "--id", description = "Event id (default: the hub generates one).")
    String id;

    @Option(names = "--type", description = "Event type (the SSE 'event' field).")
    String type;

    @Option(names = "--retry", description = "Reconnection time for clients, in milliseconds.")
    Long retry;

    @Option(names = "--private", description = "Mark the update private.")
    boolean privateUpdate;

    @Option(names = "--token", defaultValue = "${env:HERALD_PUBLISHER_TOKEN}",
            description = "Bearer token (env HERALD_PUBLISHER_TOKEN).")
    String token;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String data = payload.stdin ? readAll(System.in) : payload.data;
        StringBuilder form = new StringBuilder();
        for (String topic : topics) {
            field(form, "topic", topic);
        }
        field(form, "data", data);
        if (id != null) {
            field(form, "id", id);
        }
        if (type != null) {
            field(form, "type", type);
        }
        if (retry != null) {
            field(form, "retry", retry.toString());
        }
        if (privateUpdate) {
            field(form, "private", "on");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(hub)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("herald publish: cannot reach " + hub + ": " + e);
            return 1;
        }
        if (response.statusCode() != 200) {
            spec.commandLine().getErr().println("herald publish: hub answered " + response.statusCode()
                    + ": " + response.body().strip());
            return 1;
        }
        spec.commandLine().getOut().println(response.body()); // the id exactly as the hub stored it
        return 0;
    }

    private static void field(StringBuilder form, String name, String value) {
        if (form.length() > 0) {
            form.append('&');
        }
        form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
