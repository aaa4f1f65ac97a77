package dev.herald.bench.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on Tomcat serving the harness's fan-out: with profile {@code herald},
 * Herald's starter mounts the hub at {@code /.well-known/mercure}; with profile {@code sseemitter},
 * {@link EmitterFanOut} answers the same requests the way an application without Herald would.
 */
@SpringBootApplication
public class BenchSpringApplication {

    public static void main(String[] args) {
        SpringApplication.run(BenchSpringApplication.class, args);
    }
}
