#include "sosik_gzip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

// zlib's gzread stops quietly at bytes after a member that are not gzip ("trailing garbage"):
// half a file could be lost without a word. This reader drives inflate itself: each member's
// header is checked by inflate (windowBits 16 + 15: gzip only), its CRC-32 and length too, and
// whatever follows a member must be another one.
typedef struct {
    int fd;
    z_stream z;
    unsigned char in[1 << 17];
    int member;       // 1-based
    int inMember;     // inflate is inside a member
    int done;
    char error[160];
} sosik_gzip;

void *sosik_gzip_open(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return NULL;
    sosik_gzip *g = calloc(1, sizeof *g);
    if (!g) { close(fd); errno = ENOMEM; return NULL; }
    g->fd = fd;
    if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK) { close(fd); free(g); errno = ENOMEM; return NULL; }
    g->member = 1;
    g->inMember = 1;
    return g;
}

static int fill(sosik_gzip *g) {
    for (;;) {
        ssize_t n = read(g->fd, g->in, sizeof g->in);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) { snprintf(g->error, sizeof g->error, "%s", strerror(errno)); return -1; }
        g->z.next_in = g->in;
        g->z.avail_in = (uInt)n;
        return (int)n;
    }
}

long sosik_gzip_read(void *file, void *buffer, size_t capacity) {
    sosik_gzip *g = file;
    if (g->done) return 0;
    if (capacity > (1u << 30)) capacity = 1u << 30;
    g->z.next_out = buffer;
    g->z.avail_out = (uInt)capacity;
    while (g->z.avail_out > 0) {
        if (g->z.avail_in == 0) {
            int n = fill(g);
            if (n < 0) return -1;
            if (n == 0) {
                if (g->inMember) {
                    snprintf(g->error, sizeof g->error, "unexpected end of file inside member %d (truncated)", g->member);
                    return -1;
                }
                g->done = 1;
                break;
            }
        }
        if (!g->inMember) {
            // Bytes after a member: another member must start here.
            if (inflateReset(&g->z) != Z_OK) { snprintf(g->error, sizeof g->error, "cannot restart inflate"); return -1; }
            g->member += 1;
            g->inMember = 1;
        }
        int rc = inflate(&g->z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            g->inMember = 0;   // CRC-32 and length were checked by inflate
            continue;
        }
        if (rc == Z_BUF_ERROR && g->z.avail_in == 0) continue;   // needs more input
        if (rc != Z_OK) {
            const char *what = g->z.msg ? g->z.msg : "corrupt data";
            if (g->member > 1 && strcmp(what, "incorrect header check") == 0)
                snprintf(g->error, sizeof g->error, "bytes after member %d are not gzip data (%s)", g->member - 1, what);
            else
                snprintf(g->error, sizeof g->error, "%s in member %d", what, g->member);
            return -1;
        }
    }
    return (long)(capacity - g->z.avail_out);
}

const char *sosik_gzip_error(void *file) {
    sosik_gzip *g = file;
    return g->error[0] ? g->error : "corrupt gzip data";
}

int sosik_gzip_member(void *file) { return ((sosik_gzip *)file)->member; }

void sosik_gzip_close(void *file) {
    sosik_gzip *g = file;
    if (!g) return;
    inflateEnd(&g->z);
    close(g->fd);
    free(g);
}

void *sosik_gzip_create(const char *path) {
    return (void *)gzopen(path, "wb6");
}

int sosik_gzip_write(void *file, const void *bytes, size_t count) {
    // gzwrite takes an unsigned int: large buffers go in pieces.
    const unsigned char *p = (const unsigned char *)bytes;
    while (count > 0) {
        unsigned int n = count > (1u << 30) ? (1u << 30) : (unsigned int)count;
        if (gzwrite((gzFile)file, p, n) != (int)n) return 0;
        p += n;
        count -= n;
    }
    return 1;
}

int sosik_gzip_finish(void *file) {
    return gzclose((gzFile)file) == Z_OK;
}
