#ifndef SOSIK_DATA_H
#define SOSIK_DATA_H

// The data files compiled into the binary (sosik is one file, installed alone): the
// translation lexicon (Scripts/train-lexicon) and the glossary, embedded by C23's #embed from
// Sources/SosikText/Resources/, their only copy in the repository. The compiler lists the
// files as dependencies of sosik_data.c, so a change to either rebuilds it; SosikTextTests
// checks that what is embedded is the file as it is on disk.

// The UTF-8 text of each file, NUL-terminated; `*length` gets its length in bytes.
const char *sosik_data_lexicon(long *length);
const char *sosik_data_glossary(long *length);

#endif
