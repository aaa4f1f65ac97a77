package dev.herald.server.stream;

/** The two ways frames reach the socket, for tests that drive both. */
enum WriterKind { DIRECT, NETTY }
