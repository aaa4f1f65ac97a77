package dev.herald.app.cli;

import dev.herald.client.HeraldClient;
import dev.herald.client.Publication;
import dev.herald.client.PublishException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
        Publication.Builder publication = Publication.builder()
                .data(payload.stdin ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : payload.data)
                .id(id)
                .type(type)
                .retry(retry)
                .privateUpdate(privateUpdate);
        topics.forEach(publication::topic);
        String storedId;
        try {
            storedId = HeraldClient.create(hub).publish(publication.build(), token == null || token.isEmpty() ? null : token);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("herald publish: " + e.getMessage());
            return 2;
        } catch (PublishException e) {
            spec.commandLine().getErr().println("herald publish: hub answered " + e.status() + ": " + e.body().strip());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("herald publish: cannot reach " + hub + ": " + e);
            return 1;
        }
        spec.commandLine().getOut().println(storedId); // the id exactly as the hub stored it
        return 0;
    }
}
