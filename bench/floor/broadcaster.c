/*
 * The fan-out floor: a bare single-threaded epoll SSE broadcaster that does nothing per delivery
 * but one send(2) of a pre-formatted frame. No history, no authorization, no topics, no slow-
 * subscriber handling: what is left is the kernel's cost of a loopback TCP send, which no hub can
 * go below. bench/run.sh builds it and runs the fan-out scenario against it next to Herald and
 * Nchan, so every result shows how far each system is from that floor on the same machine.
 *
 * It speaks the request shapes the load generator uses for Nchan:
 *   GET /events?...     -> 200, text/event-stream, body delimited by connection close
 *   POST /publish?...   -> the body becomes "id: <n>\ndata: <body>\n\n" sent to every subscriber
 *
 * usage: broadcaster PORT
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { MAX_FDS = 65536, REQUEST_MAX = 2048, FRAME_MAX = 2048 };

struct conn {
    int subscriber;  /* index in subscribers[] or -1 */
    int len;
    char buf[REQUEST_MAX + 1];
};

static struct conn *conns[MAX_FDS];
static int subscribers[MAX_FDS];
static int subscriber_count;
static long last_id;

static void reply(int fd, const char *response) {
    /* Responses are tiny and the socket is fresh or idle: one send takes them whole. */
    if (send(fd, response, strlen(response), MSG_NOSIGNAL) < 0 && errno != EAGAIN) {
        perror("send");
    }
}

static void drop(int ep, int fd) {
    struct conn *c = conns[fd];
    if (c->subscriber >= 0) { /* swap the last subscriber into the hole */
        int last = subscribers[--subscriber_count];
        subscribers[c->subscriber] = last;
        conns[last]->subscriber = c->subscriber;
    }
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(c);
    conns[fd] = NULL;
}

static void broadcast(int ep, const char *data, int data_len) {
    char frame[FRAME_MAX];
    int n = snprintf(frame, sizeof frame, "id: %ld\ndata: %.*s\n\n", ++last_id, data_len, data);
    for (int i = 0; i < subscriber_count; i++) {
        if (send(subscribers[i], frame, n, MSG_NOSIGNAL) != n) {
            /* A floor keeps no queue: a subscriber that cannot take a frame whole is cut off,
             * which the load generator reports as a disconnect and a loss. */
            drop(ep, subscribers[i--]);
        }
    }
}

/* Serves every complete request in the connection's buffer; false if the connection was dropped. */
static int serve(int ep, int fd) {
    struct conn *c = conns[fd];
    for (;;) {
        c->buf[c->len] = '\0';
        char *end = strstr(c->buf, "\r\n\r\n");
        if (end == NULL) {
            return 1;
        }
        int head = (int) (end - c->buf) + 4;
        if (strncmp(c->buf, "GET /events", 11) == 0) {
            reply(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                      "Connection: close\r\n\r\n:\n");
            c->subscriber = subscriber_count;
            subscribers[subscriber_count++] = fd;
            c->len = 0;
            return 1;
        }
        char *length = strcasestr(c->buf, "\r\ncontent-length:");
        int body = length != NULL && length < end ? atoi(length + 17) : 0;
        if (body < 0 || head + body > REQUEST_MAX) {
            reply(fd, "HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            drop(ep, fd);
            return 0;
        }
        if (c->len < head + body) {
            return 1;
        }
        if (strncmp(c->buf, "POST /publish", 13) == 0) {
            broadcast(ep, c->buf + head, body);
            reply(fd, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        } else {
            reply(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        }
        c->len -= head + body;
        memmove(c->buf, c->buf + head + body, c->len);
    }
}

static void accept_all(int ep, int listener) {
    int fd;
    while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
        struct conn *c = fd < MAX_FDS ? calloc(1, sizeof *c) : NULL;
        if (c == NULL) {
            close(fd);
            continue;
        }
        c->subscriber = -1;
        conns[fd] = c;
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *) &addr, sizeof addr) != 0 || listen(listener, 4096) != 0) {
        perror("listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener}, ready[256];
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    for (;;) {
        int n = epoll_wait(ep, ready, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                accept_all(ep, listener);
                continue;
            }
            struct conn *c = conns[fd];
            if (c == NULL) {
                continue;
            }
            ssize_t r = read(fd, c->buf + c->len, REQUEST_MAX - c->len);
            if (r < 0 && errno == EAGAIN) {
                continue;
            }
            if (r <= 0 || c->subscriber >= 0) { /* closed, failed, or a subscriber sending more */
                if (r <= 0) {
                    drop(ep, fd);
                }
                continue;
            }
            c->len += (int) r;
            serve(ep, fd);
        }
    }
}
