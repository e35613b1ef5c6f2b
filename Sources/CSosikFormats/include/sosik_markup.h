// A thin C face over libxml2's HTML and XML parsers for SosikIngest.
//
// libxml2's headers include ICU's <unicode/ucnv.h>, and a Swift module that sees both those and
// Foundation's bundled ICU headers fails to build ("'UErrorCode' has different definitions").
// So this header names no libxml2 type: documents, nodes and attributes are opaque pointers, and
// only sosik_markup.c includes libxml2.
#ifndef SOSIK_MARKUP_H
#define SOSIK_MARKUP_H

#include <stddef.h>

/// The first problem the parser reported: its line (1-based, 0 when none) and message.
typedef struct {
    int line;
    int count;          // problems reported in all
    char message[200];
} sosik_markup_problem;

/// Parses UTF-8 HTML the way a browser would: broken markup is repaired, never refused.
/// Unknown (HTML5) tag names are not counted as problems. Free with sosik_markup_free.
void *sosik_html_parse(const char *bytes, size_t length, sosik_markup_problem *problem);
/// Parses UTF-8 XML (feeds; the encoding declaration is ignored: SosikIngest has decoded the bytes). Returns NULL when the bytes are not well-formed XML; *problem says where.
/// No network access, no external entities.
void *sosik_xml_parse(const char *bytes, size_t length, sosik_markup_problem *problem);
void sosik_markup_free(void *document);

/// The root element, or NULL.
const void *sosik_markup_root(const void *document);

enum { SOSIK_ELEMENT = 1, SOSIK_TEXT = 3, SOSIK_CDATA = 4, SOSIK_ENTITY_REF = 5, SOSIK_COMMENT = 8 };
int sosik_node_kind(const void *node);
/// Element name (lowercase for HTML) without its namespace prefix.
const char *sosik_node_name(const void *node);
/// The namespace prefix of an element (`content` in content:encoded), or NULL.
const char *sosik_node_prefix(const void *node);
const void *sosik_node_first_child(const void *node);
const void *sosik_node_next(const void *node);
/// The text of a text or CDATA node (owned by the document), or NULL.
const char *sosik_node_text(const void *node);
int sosik_node_line(const void *node);
/// The replacement text of a reference to an entity declared inside the document
/// (`<!ENTITY org "Daily NK">` … `&org;`), or NULL for any other node or entity (external
/// entities are never read). Owned by the document.
const char *sosik_node_entity_text(const void *node);

const void *sosik_node_first_attribute(const void *node);
const void *sosik_attribute_next(const void *attribute);
const char *sosik_attribute_name(const void *attribute);
/// The attribute's value, or NULL; free with sosik_free.
char *sosik_attribute_value(const void *attribute);
void sosik_free(void *pointer);

#endif
