package dev.herald.spring;

import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.micrometer.HubMeterBinder;
import dev.herald.transport.Transport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub inside the application: its history from {@code herald.transport}, and a
 * {@link HeraldPublisher} that publishes after commit when Spring transactions are present. Each
 * bean steps aside for one the application defines.
 */
@AutoConfiguration
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldAutoConfiguration {

    /** Closed by the hub, which owns it (hence no destroy method of its own). */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    Transport heraldTransport(HeraldProperties properties) throws InterruptedException {
        return HeraldTransports.open(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Hub heraldHub(Transport transport, HeraldProperties properties) {
        return new Hub(transport, HubConfig.defaults().withHeartbeat(properties.getHeartbeat()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class WithHealth {
        @Bean
        @ConditionalOnMissingBean(name = "heraldHealthIndicator")
        HeraldHealthIndicator heraldHealthIndicator(Hub hub) {
            return new HeraldHealthIndicator(hub);
        }
    }

    /** The hub's meters in the application's registry: Spring Boot binds every {@code MeterBinder} bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class WithMetrics {
        @Bean
        @ConditionalOnMissingBean(name = "heraldMeters")
        HubMeterBinder heraldMeters(Hub hub) {
            return new HubMeterBinder(hub);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
    static class WithTransactions {
        @Bean
        @ConditionalOnMissingBean
        HeraldPublisher heraldPublisher(Hub hub, ObjectProvider<TransactionalOutbox> outbox) {
            AfterCommitPublisher afterCommit = new AfterCommitPublisher(hub);
            TransactionalOutbox withOutbox = outbox.getIfAvailable();
            return withOutbox == null ? afterCommit : withOutbox.around(afterCommit);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.transaction.support.TransactionSynchronizationManager")
    static class WithoutTransactions {
        @Bean
        @ConditionalOnMissingBean
        HeraldPublisher heraldPublisher(Hub hub) {
            return new HubPublisher(hub);
        }
    }
}
