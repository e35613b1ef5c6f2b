#include "sosik_data.h"

// Paths are relative to this file. The NUL after each file makes it a C string as well.
static const char lexicon[] = {
#embed "../SosikText/Resources/lexicon.tsv"
    , 0
};

static const char glossary[] = {
#embed "../SosikText/Resources/glossary.txt"
    , 0
};

const char *sosik_data_lexicon(long *length) {
    *length = (long)sizeof(lexicon) - 1;
    return lexicon;
}

const char *sosik_data_glossary(long *length) {
    *length = (long)sizeof(glossary) - 1;
    return glossary;
}
