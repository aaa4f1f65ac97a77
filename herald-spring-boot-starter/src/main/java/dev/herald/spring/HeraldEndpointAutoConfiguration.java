package dev.herald.spring;

import dev.herald.hub.Hub;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.servlet.HeraldServlet;
import dev.herald.servlet.HeraldServletConfig;
import dev.herald.servlet.SignedInTopics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The Mercure endpoint on the application's own port: {@link HeraldServlet} mounted at {@code
 * herald.endpoint.path}, authorizing as {@code herald.auth.*} says, and drained before the web
 * server stops.
 */
@AutoConfiguration(after = HeraldAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HeraldServlet.class, ServletRegistrationBean.class})
@ConditionalOnProperty(prefix = "herald.endpoint", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({HeraldEndpointProperties.class, HeraldAuthProperties.class})
public class HeraldEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HeraldServletConfig heraldServletConfig(HeraldEndpointProperties endpoint, HeraldAuthProperties auth,
            ObjectProvider<SignedInTopics> signedIn) {
        HeraldServletConfig config = HeraldServletConfig.defaults().withAuth(authConfig(auth))
                .withSubscriberBufferBytes(bytes("herald.endpoint.subscriber-buffer", endpoint.getSubscriberBuffer()
                        .toBytes()))
                .withMaxBodyBytes(bytes("herald.endpoint.max-body", endpoint.getMaxBody().toBytes()));
        if (endpoint.getMaxConnectionLifetime() != null) {
            config = config.withMaxConnectionLifetime(endpoint.getMaxConnectionLifetime());
        }
        if (endpoint.getStreamThreads() != null) {
            if (endpoint.getStreamThreads() < 1) {
                throw new IllegalArgumentException("herald.endpoint.stream-threads must be at least 1: "
                        + endpoint.getStreamThreads());
            }
            config = config.withStreamThreads(endpoint.getStreamThreads());
        }
        SignedInTopics topics = signedIn.getIfAvailable(() -> auth.getSignedInTopics().isEmpty() ? null
                : new TemplateSignedInTopics(auth.getSignedInTopics()));
        return topics == null ? config : config.withSignedInTopics(topics);
    }

    @Bean
    @ConditionalOnMissingBean(name = "heraldServlet")
    ServletRegistrationBean<HeraldServlet> heraldServlet(Hub hub, HeraldServletConfig config,
            HeraldEndpointProperties endpoint) {
        String path = endpoint.getPath();
        if (path == null || !path.startsWith("/") || path.contains("*")) {
            throw new IllegalArgumentException("herald.endpoint.path must be a path starting with / and without *: "
                    + path);
        }
        ServletRegistrationBean<HeraldServlet> registration =
                new ServletRegistrationBean<>(new HeraldServlet(hub, config), path);
        registration.setName("heraldServlet");
        registration.setAsyncSupported(true); // streams are asynchronous
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    HeraldEndpointDrain heraldEndpointDrain(ServletRegistrationBean<HeraldServlet> heraldServlet,
            HeraldEndpointProperties endpoint) {
        if (endpoint.getDrainTimeout().isNegative()) {
            throw new IllegalArgumentException("herald.endpoint.drain-timeout must not be negative: "
                    + endpoint.getDrainTimeout());
        }
        return new HeraldEndpointDrain(heraldServlet.getServlet(), endpoint.getDrainTimeout());
    }

    /** The keys and modes of {@code herald.auth}, checked now so that a bad key fails startup by name. */
    static AuthConfig authConfig(HeraldAuthProperties auth) {
        AuthConfig config = AuthConfig.locked().withAnonymous(auth.isAnonymous()).withDev(auth.isDev());
        String publisherKey = auth.getPublisherJwtKey() != null ? auth.getPublisherJwtKey() : auth.getJwtKey();
        String subscriberKey = auth.getSubscriberJwtKey() != null ? auth.getSubscriberJwtKey() : auth.getJwtKey();
        try {
            if (publisherKey != null) {
                config = config.withPublisher(VerifierConfig.key(publisherKey, auth.getJwtAlgorithm()));
            }
            if (subscriberKey != null) {
                config = config.withSubscriber(VerifierConfig.key(subscriberKey, auth.getJwtAlgorithm()));
            }
            new Authorizer(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("herald.auth: " + e.getMessage(), e);
        }
        return config;
    }

    private static int bytes(String property, long bytes) {
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(property + " must be between 1 B and 2 GB: " + bytes + " B");
        }
        return (int) bytes;
    }
}
