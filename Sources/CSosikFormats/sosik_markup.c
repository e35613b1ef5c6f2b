#include "sosik_markup.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <string.h>

// libxml2 reports problems through a per-thread handler; parses on different threads do not
// see each other's problems.
static void record(void *context, xmlErrorPtr error) {
    sosik_markup_problem *problem = context;
    if (!problem || !error) return;
    // libxml2's HTML parser knows HTML 4 only: <nav>, <article>, <figure>… are "invalid tags"
    // to it, yet parsed correctly. Not a problem with the page.
    if (error->code == XML_HTML_UNKNOWN_TAG) return;
    problem->count += 1;
    if (problem->count > 1) return;
    problem->line = error->line;
    const char *message = error->message ? error->message : "markup error";
    strncpy(problem->message, message, sizeof problem->message - 1);
    problem->message[sizeof problem->message - 1] = 0;
    size_t n = strlen(problem->message);
    while (n > 0 && (problem->message[n - 1] == '\n' || problem->message[n - 1] == ' ')) problem->message[--n] = 0;
}

void *sosik_html_parse(const char *bytes, size_t length, sosik_markup_problem *problem) {
    if (problem) memset(problem, 0, sizeof *problem);
    xmlSetStructuredErrorFunc(problem, record);
    htmlDocPtr doc = htmlReadMemory(bytes, (int)length, NULL, "UTF-8",
        HTML_PARSE_RECOVER | XML_PARSE_HUGE | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return doc;
}

void *sosik_xml_parse(const char *bytes, size_t length, sosik_markup_problem *problem) {
    if (problem) memset(problem, 0, sizeof *problem);
    xmlSetStructuredErrorFunc(problem, record);
    // Not XML_PARSE_NOENT (entities are not substituted: references stay in the tree, and only
    // those declared inside the document are read, by sosik_node_entity_text, within a budget)
    // and XML_PARSE_NONET: a feed can reach nothing outside itself. XML_PARSE_HUGE lifts
    // libxml2's 10 MB limit on one text node: the feed's size is bounded by sosik's own limit.
    xmlDocPtr doc = xmlReadMemory(bytes, (int)length, NULL, "UTF-8",
        XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_HUGE);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (doc && problem && problem->count > 0 && !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

void sosik_markup_free(void *document) {
    if (document) xmlFreeDoc((xmlDocPtr)document);
}

const void *sosik_markup_root(const void *document) {
    return document ? xmlDocGetRootElement((xmlDocPtr)document) : NULL;
}

int sosik_node_kind(const void *node) { return (int)((const xmlNode *)node)->type; }

const char *sosik_node_name(const void *node) { return (const char *)((const xmlNode *)node)->name; }

const char *sosik_node_prefix(const void *node) {
    const xmlNode *n = node;
    return n->ns && n->ns->prefix ? (const char *)n->ns->prefix : NULL;
}

const void *sosik_node_first_child(const void *node) {
    const xmlNode *n = node;
    return n->type == XML_ELEMENT_NODE ? n->children : NULL;
}

const void *sosik_node_next(const void *node) { return ((const xmlNode *)node)->next; }

const char *sosik_node_text(const void *node) {
    const xmlNode *n = node;
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) ? (const char *)n->content : NULL;
}

const char *sosik_node_entity_text(const void *node) {
    const xmlNode *n = node;
    if (n->type != XML_ENTITY_REF_NODE || !n->doc) return NULL;
    xmlEntityPtr entity = xmlGetDocEntity(n->doc, n->name);
    if (!entity || entity->etype != XML_INTERNAL_GENERAL_ENTITY) return NULL;
    return (const char *)entity->content;
}

int sosik_node_line(const void *node) { return (int)((const xmlNode *)node)->line; }

const void *sosik_node_first_attribute(const void *node) {
    const xmlNode *n = node;
    return n->type == XML_ELEMENT_NODE ? n->properties : NULL;
}

const void *sosik_attribute_next(const void *attribute) { return ((const xmlAttr *)attribute)->next; }

const char *sosik_attribute_name(const void *attribute) { return (const char *)((const xmlAttr *)attribute)->name; }

char *sosik_attribute_value(const void *attribute) {
    const xmlAttr *a = attribute;
    // A valueless attribute (<div hidden>) has no children: its value is "".
    if (!a->children) return (char *)xmlStrdup((const xmlChar *)"");
    return (char *)xmlNodeListGetString(a->doc, a->children, 1);
}

void sosik_free(void *pointer) { if (pointer) xmlFree(pointer); }
