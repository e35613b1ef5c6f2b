// ICU renames every C function with its major version (ubrk_open is really ubrk_open_72), through
// macros that Swift cannot see. Each wrapper here is the one way Swift code calls that function.
#ifndef SOSIK_CICU_SHIM_H
#define SOSIK_CICU_SHIM_H

#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

// MARK: normalization
static inline const UNormalizer2 *icu_unorm2_getNFKCCasefoldInstance(UErrorCode *status) {
    return unorm2_getNFKCCasefoldInstance(status);
}
static inline int32_t icu_unorm2_normalize(const UNormalizer2 *norm, const UChar *src, int32_t length,
                                           UChar *dest, int32_t capacity, UErrorCode *status) {
    return unorm2_normalize(norm, src, length, dest, capacity, status);
}

// MARK: UTF-8 <-> UTF-16
static inline UChar *icu_u_strFromUTF8WithSub(UChar *dest, int32_t destCapacity, int32_t *pDestLength,
                                              const char *src, int32_t srcLength, UChar32 subchar,
                                              int32_t *pNumSubstitutions, UErrorCode *status) {
    return u_strFromUTF8WithSub(dest, destCapacity, pDestLength, src, srcLength, subchar,
                                pNumSubstitutions, status);
}
static inline char *icu_u_strToUTF8(char *dest, int32_t destCapacity, int32_t *pDestLength,
                                    const UChar *src, int32_t srcLength, UErrorCode *status) {
    return u_strToUTF8(dest, destCapacity, pDestLength, src, srcLength, status);
}

// MARK: character properties
static inline UBool icu_u_isalnum(UChar32 c) { return u_isalnum(c); }
static inline UBool icu_u_isUAlphabetic(UChar32 c) { return u_isUAlphabetic(c); }
static inline int8_t icu_u_charType(UChar32 c) { return u_charType(c); }
static inline UBool icu_u_isDefaultIgnorable(UChar32 c) {
    return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}
static inline int32_t icu_uscript_getScript(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(c, &status);
    return U_FAILURE(status) ? -1 : (int32_t)code;
}

// MARK: word break over UTF-8 (offsets stay in UTF-8 bytes)
static inline UText *icu_utext_openUTF8(UText *ut, const char *s, int64_t length, UErrorCode *status) {
    return utext_openUTF8(ut, s, length, status);
}
static inline UText *icu_utext_close(UText *ut) { return utext_close(ut); }
static inline UBreakIterator *icu_ubrk_open_word(const char *locale, UErrorCode *status) {
    return ubrk_open(UBRK_WORD, locale, NULL, 0, status);
}
static inline void icu_ubrk_setUText(UBreakIterator *bi, UText *text, UErrorCode *status) {
    ubrk_setUText(bi, text, status);
}
static inline int32_t icu_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t icu_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t icu_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline void icu_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }

// MARK: charsets (SosikIngest decodes EUC-KR, CP949 and other legacy pages through these)
static inline int32_t icu_ucnv_convert(const char *toName, const char *fromName, char *target, int32_t capacity,
                                       const char *source, int32_t length, UErrorCode *status) {
    return ucnv_convert(toName, fromName, target, capacity, source, length, status);
}
static inline const char *icu_ucnv_getCanonicalName(const char *alias, const char *standard, UErrorCode *status) {
    return ucnv_getCanonicalName(alias, standard, status);
}
static inline UConverter *icu_ucnv_open(const char *name, UErrorCode *status) { return ucnv_open(name, status); }
static inline void icu_ucnv_close(UConverter *c) { ucnv_close(c); }
static inline const char *icu_ucnv_getName(const UConverter *c, UErrorCode *status) { return ucnv_getName(c, status); }
static inline UCharsetDetector *icu_ucsdet_open(UErrorCode *status) { return ucsdet_open(status); }
static inline void icu_ucsdet_setText(UCharsetDetector *d, const char *text, int32_t length, UErrorCode *status) {
    ucsdet_setText(d, text, length, status);
}
static inline const char *icu_ucsdet_detect_name(UCharsetDetector *d, int32_t *confidence, UErrorCode *status) {
    const UCharsetMatch *m = ucsdet_detect(d, status);
    if (!m || U_FAILURE(*status)) return NULL;
    *confidence = ucsdet_getConfidence(m, status);
    return ucsdet_getName(m, status);
}
static inline void icu_ucsdet_close(UCharsetDetector *d) { ucsdet_close(d); }

#endif
