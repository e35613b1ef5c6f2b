#include "sosik_icu.h"

#include <stdlib.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

int32_t sosik_icu_nfkc_casefold(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&e);
    if (U_FAILURE(e) || !n) { *status = (int32_t)(U_FAILURE(e) ? e : U_MISSING_RESOURCE_ERROR); return 0; }
    int32_t out = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dest, capacity, &e);
    *status = (int32_t)e;
    return out;
}

int8_t sosik_icu_is_default_ignorable(int32_t c) { return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ? 1 : 0; }
int8_t sosik_icu_char_type(int32_t c) { return u_charType(c); }
int32_t sosik_icu_script(int32_t c) {
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(c, &e);
    return U_FAILURE(e) ? -1 : (int32_t)code;
}

typedef struct { UText *text; UBreakIterator *breaks; } Words;

void *sosik_icu_words_open(const char *utf8, int64_t length) {
    UErrorCode e = U_ZERO_ERROR;
    UText *t = utext_openUTF8(NULL, utf8, length, &e);
    if (U_FAILURE(e) || !t) return NULL;
    UBreakIterator *b = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
    if (U_FAILURE(e) || !b) { utext_close(t); return NULL; }
    ubrk_setUText(b, t, &e);
    if (U_FAILURE(e)) { ubrk_close(b); utext_close(t); return NULL; }
    Words *w = malloc(sizeof *w);
    if (!w) { ubrk_close(b); utext_close(t); return NULL; }
    w->text = t;
    w->breaks = b;
    return w;
}
int32_t sosik_icu_words_first(void *words) { return ubrk_first(((Words *)words)->breaks); }
int32_t sosik_icu_words_next(void *words) { return ubrk_next(((Words *)words)->breaks); }
int32_t sosik_icu_words_rule_status(void *words) { return ubrk_getRuleStatus(((Words *)words)->breaks); }
void sosik_icu_words_close(void *words) {
    if (!words) return;
    Words *w = words;
    ubrk_close(w->breaks);
    utext_close(w->text);
    free(w);
}

int32_t sosik_icu_convert(const char *to, const char *from, char *target, int32_t capacity,
                          const char *source, int32_t length, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = ucnv_convert(to, from, target, capacity, source, length, &e);
    *status = (int32_t)e;
    return n;
}

static void copy(const char *from, char *to, int32_t capacity) {
    int32_t i = 0;
    for (; from[i] && i < capacity - 1; i++) to[i] = from[i];
    to[i] = 0;
}

int32_t sosik_icu_converter_name(const char *label, char *name, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    UConverter *c = ucnv_open(label, &e);
    if (U_FAILURE(e) || !c) return -1;
    const char *n = ucnv_getName(c, &e);
    if (!U_FAILURE(e) && n) copy(n, name, capacity);
    ucnv_close(c);
    return U_FAILURE(e) || !n ? -1 : 0;
}

int32_t sosik_icu_detect_charset(const char *bytes, int32_t length, char *name, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&e);
    if (U_FAILURE(e) || !d) return -1;
    ucsdet_setText(d, bytes, length, &e);
    const UCharsetMatch *m = U_FAILURE(e) ? NULL : ucsdet_detect(d, &e);
    int32_t confidence = -1;
    if (m && !U_FAILURE(e)) {
        const char *n = ucsdet_getName(m, &e);   // owned by the detector: copied before closing it
        if (!U_FAILURE(e) && n) {
            copy(n, name, capacity);
            confidence = ucsdet_getConfidence(m, &e);
        }
    }
    ucsdet_close(d);
    return U_FAILURE(e) ? -1 : confidence;
}
