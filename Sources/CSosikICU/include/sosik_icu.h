// The ICU functions SosikText uses, behind a header that names no ICU type.
//
// ICU renames its C functions per version (ubrk_open → ubrk_open_72) through macros Swift cannot
// see, and a Swift module that sees ICU's headers next to Foundation's bundled copy of them fails
// to build ("'UErrorCode' has different definitions in different modules"). Hiding ICU with
// `@_implementationOnly import` worked but warns in every build (it needs library evolution).
// So only sosik_icu.c includes ICU; Swift sees plain C types: statuses are ICU's UErrorCode
// values as int32_t (0 ok, < 0 warning, > 0 error), handles are opaque pointers.
#ifndef SOSIK_ICU_H
#define SOSIK_ICU_H

#include <stddef.h>
#include <stdint.h>

enum { SOSIK_ICU_BUFFER_OVERFLOW = 15 };   // U_BUFFER_OVERFLOW_ERROR

// NFKC_Casefold of UTF-16 text. Returns the output length (needed capacity on overflow).
int32_t sosik_icu_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity, int32_t *status);

// Character properties.
int8_t sosik_icu_is_default_ignorable(int32_t c);
int8_t sosik_icu_char_type(int32_t c);      // UCharCategory
int32_t sosik_icu_script(int32_t c);        // UScriptCode, -1 on failure

// Word breaks over UTF-8 (offsets in bytes). NULL when ICU cannot open one.
void *sosik_icu_words_open(const char *utf8, int64_t length);
int32_t sosik_icu_words_first(void *words);
int32_t sosik_icu_words_next(void *words);          // -1 at the end
int32_t sosik_icu_words_rule_status(void *words);
void sosik_icu_words_close(void *words);

// Charsets: conversion between two named charsets; a label's canonical converter name copied
// into `name` (returns 0, or -1 when ICU has no such converter); the detector's best guess
// copied into `name` (returns its confidence 0–100, or -1).
int32_t sosik_icu_convert(const char *to, const char *from, char *target, int32_t capacity,
                          const char *source, int32_t length, int32_t *status);
int32_t sosik_icu_converter_name(const char *label, char *name, int32_t capacity);
int32_t sosik_icu_detect_charset(const char *bytes, int32_t length, char *name, int32_t capacity);

#endif
