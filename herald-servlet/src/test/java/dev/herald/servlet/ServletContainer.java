package dev.herald.servlet;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real Servlet container serving one servlet at the hub's path, on a free port. */
interface ServletContainer extends AutoCloseable {
    String PATH = "/.well-known/mercure";

    int port();

    @Override
    void close() throws Exception;

    /** The containers every adapter test runs on. */
    enum Kind {
        JETTY, TOMCAT;

        ServletContainer start(HttpServlet servlet) throws Exception {
            return this == JETTY ? jetty(servlet) : tomcat(servlet);
        }
    }

    static ServletContainer jetty(HttpServlet servlet) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mercure", servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        server.setHandler(context);
        server.start();
        return new ServletContainer() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }

    static ServletContainer tomcat(HttpServlet servlet) throws Exception {
        Path base = Files.createTempDirectory("herald-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Wrapper wrapper = Tomcat.addServlet(context, "mercure", servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded(PATH, "mercure");
        tomcat.start();
        return new ServletContainer() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public void close() throws Exception {
                tomcat.stop();
                tomcat.destroy();
                deleteTree(base);
            }
        };
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
