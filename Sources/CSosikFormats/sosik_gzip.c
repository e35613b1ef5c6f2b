#include "sosik_gzip.h"

#include <zlib.h>

void *sosik_gzip_open(const char *path) {
    gzFile f = gzopen(path, "rb");
    if (f) gzbuffer(f, 1 << 17);
    return f;
}

long sosik_gzip_read(void *file, void *buffer, size_t capacity) {
    int n = gzread((gzFile)file, buffer, (unsigned)(capacity > (1u << 30) ? (1u << 30) : capacity));
    if (n <= 0) {
        // The end: a truncated file shows up here as Z_BUF_ERROR ("unexpected end of file").
        int code = Z_OK;
        gzerror((gzFile)file, &code);
        if (code != Z_OK && code != Z_STREAM_END) return -1;
    }
    return n;
}

const char *sosik_gzip_error(void *file) {
    int code = 0;
    const char *message = gzerror((gzFile)file, &code);
    return message && *message ? message : "corrupt gzip data";
}

void sosik_gzip_close(void *file) { if (file) gzclose((gzFile)file); }
