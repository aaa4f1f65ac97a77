package dev.herald.server.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example, read from README.md itself, compiles against the modules and
 * runs: a hub starts, takes a publish and stops. Only the port changes (8080 to a free one).
 */
class ReadmeEmbedExampleIT {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import dev.herald.event.Update;
            import dev.herald.hub.Hub;
            import dev.herald.hub.HubConfig;
            import dev.herald.server.HeraldServer;
            import dev.herald.server.ServerConfig;
            import dev.herald.protocol.auth.AuthConfig;
            import dev.herald.transport.InMemoryTransport;
            import java.time.Duration;
            """;

    @Test
    void theEmbeddingExampleCompilesAndRuns(@TempDir Path work) throws Exception {
        String example = embeddingExample();
        assertThat(example).contains(".withPort(8080)");
        String source = IMPORTS + "public class EmbedExample {\n    public static void run() throws Exception {\n"
                + example.replace(".withPort(8080)", ".withPort(0)") + "\n    }\n}\n";
        Path file = work.resolve("EmbedExample.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", work.toString(), file.toString());
        assertThat(status).as("javac exit status for:\n" + source).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()},
                ReadmeEmbedExampleIT.class.getClassLoader())) {
            Method run = loader.loadClass("EmbedExample").getMethod("run");
            run.invoke(null);
        }
    }

    /** The one Java block of the README that starts a HeraldServer. */
    private static String embeddingExample() throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(README));
        List<String> found = blocks.results().map(m -> m.group(1))
                .filter(code -> code.contains("HeraldServer.start(")).toList();
        assertThat(found).as("Java blocks in README.md that start a HeraldServer").hasSize(1);
        return found.get(0);
    }
}
