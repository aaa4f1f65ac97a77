package dev.herald.spring;

/**
 * The outbox as the publisher sees it (a type without JDBC in it, so that applications without
 * spring-jdbc never load the outbox's classes).
 */
@FunctionalInterface
interface TransactionalOutbox {

    /** {@code afterCommit}, with each update also written to the outbox in its transaction. */
    HeraldPublisher around(HeraldPublisher afterCommit);
}
