// Streamed gunzip (zlib) for SosikIngest: .gz files are read a chunk at a time, never whole.
#ifndef SOSIK_GZIP_H
#define SOSIK_GZIP_H

#include <stddef.h>

/// Opens a gzip file; NULL if it cannot be opened (errno says why). Several members in a row
/// are read as one stream, each checked: its header, its CRC-32 and length. Anything after a
/// member that is not another member (bad magic bytes) is an error, not the end.
void *sosik_gzip_open(const char *path);
/// Reads up to `capacity` uncompressed bytes. Returns the count, 0 at the end, -1 on corrupt or
/// truncated data (then sosik_gzip_error says what).
long sosik_gzip_read(void *file, void *buffer, size_t capacity);
const char *sosik_gzip_error(void *file);
/// The member being read (1-based), for messages.
int sosik_gzip_member(void *file);
void sosik_gzip_close(void *file);

/// Gzip writing (sosik export --opensearch --gzip): zlib's gzopen/gzwrite, level 6.
/// sosik_gzip_create returns NULL when the file cannot be created; write returns 0 on failure;
/// finish flushes, closes and returns 0 on failure.
void *sosik_gzip_create(const char *path);
int sosik_gzip_write(void *file, const void *bytes, size_t count);
int sosik_gzip_finish(void *file);

#endif
