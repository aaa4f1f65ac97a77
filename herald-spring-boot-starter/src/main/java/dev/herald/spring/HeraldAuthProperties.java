package dev.herald.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code herald.auth.*}: who may publish and subscribe over HTTP (Java code publishes through
 * {@link HeraldPublisher} and needs none of this). Names follow the standalone hub's options.
 */
@ConfigurationProperties("herald.auth")
public class HeraldAuthProperties {
    /** The key that verifies publishers' and subscribers' JWTs (HMAC secret or PEM), unless one of the next two is set. */
    private String jwtKey;
    /** The key that verifies publishers' JWTs; overrides jwt-key for publishers. */
    private String publisherJwtKey;
    /** The key that verifies subscribers' JWTs; overrides jwt-key for subscribers. */
    private String subscriberJwtKey;
    /** The JWT signing algorithm (HS256, RS256, ES256, ...). */
    private String jwtAlgorithm = "HS256";
    /** Subscribers without a token (and not signed in) receive public updates. */
    private boolean anonymous;
    /** Local experiments only: anyone may publish without a token. */
    private boolean dev;
    /**
     * Private topics a user the application signed in (Spring Security) may receive without a
     * token; {user} is replaced by the user's name, encoded as a URL path segment, e.g.
     * https://inbox.example/users/{user}.
     */
    private List<String> signedInTopics = new ArrayList<>();

    public String getJwtKey() {
        return jwtKey;
    }

    public void setJwtKey(String jwtKey) {
        this.jwtKey = jwtKey;
    }

    public String getPublisherJwtKey() {
        return publisherJwtKey;
    }

    public void setPublisherJwtKey(String publisherJwtKey) {
        this.publisherJwtKey = publisherJwtKey;
    }

    public String getSubscriberJwtKey() {
        return subscriberJwtKey;
    }

    public void setSubscriberJwtKey(String subscriberJwtKey) {
        this.subscriberJwtKey = subscriberJwtKey;
    }

    public String getJwtAlgorithm() {
        return jwtAlgorithm;
    }

    public void setJwtAlgorithm(String jwtAlgorithm) {
        this.jwtAlgorithm = jwtAlgorithm;
    }

    public boolean isAnonymous() {
        return anonymous;
    }

    public void setAnonymous(boolean anonymous) {
        this.anonymous = anonymous;
    }

    public boolean isDev() {
        return dev;
    }

    public void setDev(boolean dev) {
        this.dev = dev;
    }

    public List<String> getSignedInTopics() {
        return signedInTopics;
    }

    public void setSignedInTopics(List<String> signedInTopics) {
        this.signedInTopics = signedInTopics;
    }
}
