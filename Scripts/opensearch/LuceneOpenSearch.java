// An OpenSearch-compatible HTTP server backed by Lucene 8 (Debian's liblucene8-java), for
// checking sosik's OpenSearch export, push and search without a cluster (issue 26). OpenSearch
// indexes and searches with Lucene; this server builds the index exactly as the mapping of
// `sosik export --opensearch` says (whitespace tokenizer, pattern_capture filter, position
// increment gap, BM25 k1/b per field, keyword and numeric fields) and runs the Query DSL clauses
// sosik sends through the Lucene queries OpenSearch builds for them. Anything else in a mapping,
// an analysis chain, a query or an aggregation is refused with 400 naming it: nothing is ignored.
//
// Supported: PUT/GET/DELETE/HEAD /INDEX, GET /INDEX/_mapping, POST [/INDEX]/_bulk (index,
// create, delete; gzip bodies), POST /INDEX/_refresh, GET|POST /INDEX/_search and _count.
// Query DSL: bool, match_phrase, match, term, terms, ids, prefix, wildcard, range, exists, match_all,
// match_none, constant_score, dis_max, span_term, span_near, span_or, span_multi (prefix).
// Aggregations: global, filters, terms (size, missing), composite (terms sources, missing_bucket,
// after), sum, min, max, value_count. A query of more than 1,024 leaf clauses in all is refused,
// as OpenSearch 2.x refuses it. PUT _mapping may change _meta only.
// Shards: as many as the settings say (or --shards N), documents routed by a murmur3 hash of
// their _id. A search with search_type=dfs_query_then_fetch scores with the statistics of all
// shards (one IndexSearcher over a MultiReader of them: what DFS gives each shard); otherwise
// each shard's best hits are scored with that shard's own statistics and merged by score
// (query_then_fetch). Counts and aggregations are exact over all shards either way, as in
// OpenSearch (a filters or sum aggregation's counts add up exactly; terms are exact here).
// --search-type forces one of the two whatever the request asks (to measure the difference).
//
// Usage: Scripts/lucene-opensearch [--port N] [--load EXPORT_DIR]... [--shards N]
//                                  [--search-type query_then_fetch|dfs_query_then_fetch] [--verbose]
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.*;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.*;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.spans.*;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

public class LuceneOpenSearch {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final Map<String, Index> indexes = new TreeMap<>();
    static final Map<String, JsonNode> templates = new TreeMap<>();
    static boolean verbose = false;
    /** Measurement only (Scripts/opensearch-equivalence --shards): every index gets this many
     *  shards whatever its settings say, and searches run as this search_type whatever the
     *  request says (null: as asked). */
    static int forcedShards = 0;
    static String forcedSearchType = null;

    /** An error answered to the client: OpenSearch's error body. */
    static final class Failure extends RuntimeException {
        final int status; final String type;
        Failure(int status, String type, String reason) { super(reason); this.status = status; this.type = type; }
        ObjectNode body() {
            ObjectNode e = F.objectNode(); e.put("type", type); e.put("reason", getMessage());
            ObjectNode root = F.objectNode(); root.putArray("root_cause").add(e.deepCopy());
            root.setAll(e); ObjectNode out = F.objectNode(); out.set("error", root); out.put("status", status); return out;
        }
    }
    static Failure bad(String type, String reason) { return new Failure(400, type, reason); }
    static Failure parsing(String reason) { return bad("parsing_exception", reason); }

    // ---- analysis ---------------------------------------------------------------------------
    static final class ChainAnalyzer extends Analyzer {
        final int maxTokenLength; final Pattern[] patterns; final boolean preserve; final boolean keyword; int gap = 100;
        ChainAnalyzer(int maxTokenLength, Pattern[] patterns, boolean preserve, boolean keyword) {
            this.maxTokenLength = maxTokenLength; this.patterns = patterns; this.preserve = preserve; this.keyword = keyword;
        }
        ChainAnalyzer withGap(int g) { ChainAnalyzer a = new ChainAnalyzer(maxTokenLength, patterns, preserve, keyword); a.gap = g; return a; }
        @Override protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = keyword ? new org.apache.lucene.analysis.core.KeywordTokenizer()
                                  : new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength);
            TokenStream s = t;
            if (patterns != null) s = new PatternCaptureGroupTokenFilter(s, preserve, patterns);
            return new TokenStreamComponents(t, s);
        }
        @Override public int getPositionIncrementGap(String field) { return gap; }
    }

    static final class FieldSpec {
        String type; boolean indexed = true, docValues = true, enabled = true;
        ChainAnalyzer analyzer, searchAnalyzer; String similarity; int gap = 100;
        IndexOptions indexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS; boolean norms = true;
    }

    static final class Index {
        final String name; final ObjectNode mappings; final Map<String, FieldSpec> fields = new TreeMap<>();
        final Map<String, Similarity> similarities = new HashMap<>();
        /** Shards: documents routed by a murmur3 hash of their _id, as OpenSearch routes by default. */
        final IndexWriter[] writers; IndexSearcher searcher; IndexSearcher[] shardSearchers;
        final boolean strict;
        Index(String name, JsonNode body) throws IOException {
            this.name = name;
            JsonNode settings = body.path("settings"); if (settings.has("index")) settings = flatten(settings);
            else settings = flatten(settings);
            this.mappings = body.path("mappings").isMissingNode() ? F.objectNode() : ((ObjectNode) body.path("mappings")).deepCopy();
            Map<String, ChainAnalyzer> analyzers = analyzers(settings);
            Map<String, Similarity> sims = new HashMap<>();
            JsonNode simNode = settings.path("similarity");
            for (Iterator<Map.Entry<String, JsonNode>> it = simNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!"BM25".equals(e.getValue().path("type").asText())) throw bad("illegal_argument_exception", "similarity type " + e.getValue().path("type"));
                for (Iterator<String> k = e.getValue().fieldNames(); k.hasNext(); ) {
                    String key = k.next(); if (!Set.of("type", "k1", "b").contains(key)) throw bad("illegal_argument_exception", "similarity option " + key);
                }
                sims.put(e.getKey(), new BM25Similarity((float) e.getValue().path("k1").asDouble(1.2), (float) e.getValue().path("b").asDouble(0.75)));
            }
            for (Iterator<String> it = mappings.fieldNames(); it.hasNext(); ) {
                String k = it.next(); if (!Set.of("dynamic", "_meta", "properties").contains(k)) throw bad("mapper_parsing_exception", "mapping key " + k);
            }
            strict = "strict".equals(mappings.path("dynamic").asText(""));
            Map<String, Analyzer> perField = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = mappings.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next(); JsonNode m = e.getValue(); FieldSpec f = new FieldSpec();
                f.type = m.path("type").asText(m.has("properties") ? "object" : "");
                for (Iterator<String> k = m.fieldNames(); k.hasNext(); ) {
                    String key = k.next();
                    if (!Set.of("type", "index", "doc_values", "enabled", "analyzer", "search_analyzer", "similarity", "position_increment_gap", "index_options", "norms").contains(key))
                        throw bad("mapper_parsing_exception", "field " + e.getKey() + ": option " + key);
                }
                f.indexed = m.path("index").asBoolean(true); f.docValues = m.path("doc_values").asBoolean(true); f.enabled = m.path("enabled").asBoolean(true);
                switch (f.type) {
                    case "text": {
                        f.gap = m.path("position_increment_gap").asInt(100);
                        String an = m.path("analyzer").asText("standard"), sn = m.path("search_analyzer").asText(an);
                        f.analyzer = analyzer(analyzers, an).withGap(f.gap); f.searchAnalyzer = analyzer(analyzers, sn).withGap(f.gap);
                        f.similarity = m.path("similarity").asText(null);
                        if (f.similarity != null && !sims.containsKey(f.similarity)) throw bad("mapper_parsing_exception", "unknown similarity " + f.similarity);
                        switch (m.path("index_options").asText("positions")) {
                            case "docs": f.indexOptions = IndexOptions.DOCS; break;
                            case "freqs": f.indexOptions = IndexOptions.DOCS_AND_FREQS; break;
                            case "positions": f.indexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS; break;
                            case "offsets": f.indexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS; break;
                            default: throw bad("mapper_parsing_exception", "index_options " + m.path("index_options"));
                        }
                        f.norms = m.path("norms").asBoolean(true);
                        perField.put(e.getKey(), f.analyzer);
                        if (f.similarity != null) similarities.put(e.getKey(), sims.get(f.similarity));
                        break;
                    }
                    case "keyword": case "integer": case "long": case "date": break;
                    case "object": if (f.enabled) throw bad("mapper_parsing_exception", "object fields with properties are not supported (" + e.getKey() + ")"); break;
                    default: throw bad("mapper_parsing_exception", "field type " + f.type + " of " + e.getKey());
                }
                fields.put(e.getKey(), f);
            }
            int shards = forcedShards > 0 ? forcedShards : Math.max(1, settings.path("number_of_shards").asInt(1));
            writers = new IndexWriter[shards];
            for (int i = 0; i < shards; i++) {
                IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField));
                config.setSimilarity(similarity());
                config.setRAMBufferSizeMB(256);
                writers[i] = new IndexWriter(new ByteBuffersDirectory(), config);
            }
            refresh();
        }
        Similarity similarity() {
            Similarity fallback = new BM25Similarity();
            return new PerFieldSimilarityWrapper() { @Override public Similarity get(String f) { return similarities.getOrDefault(f, fallback); } };
        }
        void refresh() throws IOException {
            IndexReader[] readers = new IndexReader[writers.length];
            shardSearchers = new IndexSearcher[writers.length];
            for (int i = 0; i < writers.length; i++) {
                readers[i] = DirectoryReader.open(writers[i]);
                shardSearchers[i] = new IndexSearcher(readers[i]);
                shardSearchers[i].setSimilarity(similarity());
            }
            // All shards as one reader: the statistics of the whole index, which is what
            // dfs_query_then_fetch gives each shard's scoring (and what one shard has anyway).
            searcher = new IndexSearcher(readers.length == 1 ? readers[0] : new MultiReader(readers, false));
            searcher.setSimilarity(similarity());
        }
        IndexWriter shard(String id) {
            BytesRef b = new BytesRef(id);
            int h = org.apache.lucene.util.StringHelper.murmurhash3_x86_32(b.bytes, b.offset, b.length, 0);
            return writers[Math.floorMod(h, writers.length)];
        }
        FieldSpec field(String name) {
            FieldSpec f = fields.get(name);
            if (f == null) throw bad("query_shard_exception", "no such field [" + name + "] in the mapping of [" + this.name + "]");
            return f;
        }
    }

    /** Settings as flat keys under "index." stripped: {"similarity": ..., "analysis": ...}. */
    static JsonNode flatten(JsonNode settings) {
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next(); String k = e.getKey();
            if (k.equals("index") && e.getValue().isObject()) { out.setAll((ObjectNode) flatten(e.getValue())); continue; }
            if (k.startsWith("index.")) k = k.substring(6);
            if (!Set.of("number_of_shards", "number_of_replicas", "similarity", "analysis", "refresh_interval").contains(k))
                throw bad("illegal_argument_exception", "setting " + e.getKey());
            out.set(k, e.getValue());
        }
        return out;
    }

    static Map<String, ChainAnalyzer> analyzers(JsonNode settings) {
        JsonNode analysis = settings.path("analysis");
        for (Iterator<String> it = analysis.fieldNames(); it.hasNext(); ) {
            String k = it.next(); if (!Set.of("tokenizer", "filter", "analyzer").contains(k)) throw bad("illegal_argument_exception", "analysis." + k);
        }
        Map<String, Integer> tokenizers = new HashMap<>(); tokenizers.put("whitespace", 255);
        for (Iterator<Map.Entry<String, JsonNode>> it = analysis.path("tokenizer").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!"whitespace".equals(e.getValue().path("type").asText())) throw bad("illegal_argument_exception", "tokenizer type " + e.getValue().path("type"));
            tokenizers.put(e.getKey(), e.getValue().path("max_token_length").asInt(255));
        }
        Map<String, JsonNode> filters = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = analysis.path("filter").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!"pattern_capture".equals(e.getValue().path("type").asText())) throw bad("illegal_argument_exception", "filter type " + e.getValue().path("type"));
            filters.put(e.getKey(), e.getValue());
        }
        Map<String, ChainAnalyzer> out = new HashMap<>();
        out.put("whitespace", new ChainAnalyzer(255, null, true, false));
        out.put("keyword", new ChainAnalyzer(255, null, true, true));
        for (Iterator<Map.Entry<String, JsonNode>> it = analysis.path("analyzer").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next(); JsonNode a = e.getValue();
            if (!"custom".equals(a.path("type").asText("custom"))) throw bad("illegal_argument_exception", "analyzer type " + a.path("type"));
            Integer max = tokenizers.get(a.path("tokenizer").asText());
            if (max == null) throw bad("illegal_argument_exception", "tokenizer " + a.path("tokenizer"));
            Pattern[] patterns = null; boolean preserve = true;
            if (a.path("filter").size() > 1) throw bad("illegal_argument_exception", "more than one filter in " + e.getKey());
            for (JsonNode fn : a.path("filter")) {
                JsonNode f = filters.get(fn.asText());
                if (f == null) throw bad("illegal_argument_exception", "filter " + fn);
                List<Pattern> ps = new ArrayList<>(); for (JsonNode p : f.path("patterns")) ps.add(Pattern.compile(p.asText()));
                patterns = ps.toArray(new Pattern[0]); preserve = f.path("preserve_original").asBoolean(true);
            }
            out.put(e.getKey(), new ChainAnalyzer(max, patterns, preserve, false));
        }
        return out;
    }

    static ChainAnalyzer analyzer(Map<String, ChainAnalyzer> all, String name) {
        ChainAnalyzer a = all.get(name);
        if (a == null) throw bad("mapper_parsing_exception", "analyzer [" + name + "] not found (only whitespace, keyword and custom ones)");
        return a;
    }

    // ---- documents --------------------------------------------------------------------------
    static Document document(Index index, String id, JsonNode source) {
        Document d = new Document();
        d.add(new StringField("_id", id, Field.Store.YES));
        d.add(new StoredField("_source", source.toString().getBytes(StandardCharsets.UTF_8)));
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldSpec f = index.fields.get(e.getKey());
            if (f == null) {
                if (index.strict) throw new Failure(400, "strict_dynamic_mapping_exception", "mapping set to strict, dynamic introduction of [" + e.getKey() + "] within [_doc] is not allowed");
                continue;
            }
            List<JsonNode> values = new ArrayList<>();
            if (e.getValue().isArray()) e.getValue().forEach(values::add); else values.add(e.getValue());
            for (JsonNode v : values) {
                if (v.isNull()) continue;
                switch (f.type) {
                    case "text": {
                        if (!f.indexed) break;
                        FieldType t = new FieldType(); t.setTokenized(true); t.setIndexOptions(f.indexOptions); t.setOmitNorms(!f.norms); t.freeze();
                        d.add(new Field(e.getKey(), v.asText(), t));
                        break;
                    }
                    case "keyword": case "date":
                        if (f.indexed) d.add(new StringField(e.getKey(), v.asText(), Field.Store.NO));
                        if (f.docValues) d.add(new SortedSetDocValuesField(e.getKey(), new BytesRef(v.asText())));
                        break;
                    case "integer": case "long":
                        if (!v.canConvertToLong()) throw new Failure(400, "mapper_parsing_exception", "failed to parse field [" + e.getKey() + "] of type [" + f.type + "]");
                        if (f.indexed) d.add(new LongPoint(e.getKey(), v.asLong()));
                        if (f.docValues) d.add(new SortedNumericDocValuesField(e.getKey(), v.asLong()));
                        break;
                    default: break;   // object, enabled: false: kept in _source only
                }
            }
        }
        return d;
    }

    static ObjectNode bulk(String pathIndex, byte[] body) throws IOException {
        long t0 = System.nanoTime();
        if (body.length == 0 || body[body.length - 1] != '\n') throw bad("illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        ArrayNode items = F.arrayNode(); boolean errors = false; Set<Index> touched = new HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            JsonNode action = JSON.readTree(lines[i]);
            String op = action.fieldNames().next(); JsonNode meta = action.get(op);
            String name = meta.path("_index").asText(pathIndex), id = meta.path("_id").asText(null);
            JsonNode source = null;
            if (!op.equals("delete")) {
                if (i + 1 >= lines.length) throw bad("illegal_argument_exception", "bulk action without a source line");
                source = JSON.readTree(lines[++i]);
            }
            if (!Set.of("index", "create", "delete").contains(op)) throw bad("illegal_argument_exception", "Malformed action/metadata line [" + (i + 1) + "], expected one of [create, delete, index, update] but found [" + op + "]");
            ObjectNode item = F.objectNode(); ObjectNode r = item.putObject(op); r.put("_index", name); r.put("_id", id);
            try {
                if (id == null) throw bad("action_request_validation_exception", "sosik's bulk lines name their _id");
                Index index = indexFor(name, true);
                touched.add(index);
                if (op.equals("delete")) { index.shard(id).deleteDocuments(new Term("_id", id)); r.put("status", 200); r.put("result", "deleted"); }
                else { index.shard(id).updateDocument(new Term("_id", id), document(index, id, source)); r.put("status", 201); r.put("result", "created"); }
            } catch (Failure f) {
                errors = true; r.put("status", f.status); ObjectNode err = r.putObject("error"); err.put("type", f.type); err.put("reason", f.getMessage());
            }
            items.add(item);
        }
        for (Index index : touched) index.refresh();
        ObjectNode out = F.objectNode(); out.put("took", (System.nanoTime() - t0) / 1_000_000); out.put("errors", errors); out.set("items", items);
        return out;
    }

    static Index indexFor(String name, boolean create) throws IOException {
        Index index = indexes.get(name);
        if (index != null) return index;
        if (create) {
            for (Map.Entry<String, JsonNode> t : templates.entrySet()) {
                for (JsonNode p : t.getValue().path("index_patterns")) {
                    String glob = p.asText();
                    if (name.matches(Pattern.quote(glob).replace("*", "\\E.*\\Q"))) {
                        index = new Index(name, t.getValue().path("template")); indexes.put(name, index); return index;
                    }
                }
            }
        }
        throw new Failure(404, "index_not_found_exception", "no such index [" + name + "]");
    }

    // ---- queries ----------------------------------------------------------------------------
    static float boost(JsonNode n) { return (float) n.path("boost").asDouble(1.0); }
    static Query boosted(Query q, float b) { return b == 1f ? q : new BoostQuery(q, b); }

    /** {FIELD: VALUE} or {FIELD: {"value"|"query": V, ...}} -> (field, options). */
    static Map.Entry<String, JsonNode> single(JsonNode clause, String what) {
        List<Map.Entry<String, JsonNode>> es = new ArrayList<>();
        clause.fields().forEachRemaining(e -> { if (!e.getKey().equals("boost") && !e.getKey().equals("_name")) es.add(e); });
        if (es.size() != 1) throw parsing("[" + what + "] query doesn't support multiple fields");
        return es.get(0);
    }
    static void only(JsonNode n, String what, String... keys) {
        if (!n.isObject()) return;
        Set<String> ok = new HashSet<>(Arrays.asList(keys)); ok.add("boost"); ok.add("_name");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) { String k = it.next(); if (!ok.contains(k)) throw parsing("[" + what + "] query does not support [" + k + "]"); }
    }

    static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isMissingNode() || n.isNull()) return out;
        if (n.isArray()) n.forEach(out::add); else out.add(n);
        return out;
    }

    static Query query(Index index, JsonNode q) throws IOException {
        if (q == null || q.isMissingNode() || q.isNull()) return new MatchAllDocsQuery();
        if (!q.isObject() || q.size() != 1) throw parsing("a query is an object with one key, got " + q);
        String type = q.fieldNames().next(); JsonNode b = q.get(type);
        switch (type) {
            case "match_all": only(b, type); return boosted(new MatchAllDocsQuery(), boost(b));
            case "match_none": return new MatchNoDocsQuery();
            case "bool": {
                only(b, type, "must", "should", "must_not", "filter", "minimum_should_match");
                BooleanQuery.Builder bq = new BooleanQuery.Builder();
                List<JsonNode> must = list(b.get("must")), should = list(b.get("should")), not = list(b.get("must_not")), filter = list(b.get("filter"));
                for (JsonNode c : must) bq.add(query(index, c), BooleanClause.Occur.MUST);
                for (JsonNode c : should) bq.add(query(index, c), BooleanClause.Occur.SHOULD);
                for (JsonNode c : not) bq.add(query(index, c), BooleanClause.Occur.MUST_NOT);
                for (JsonNode c : filter) bq.add(query(index, c), BooleanClause.Occur.FILTER);
                int msm = b.has("minimum_should_match") ? Integer.parseInt(b.get("minimum_should_match").asText())
                        : (must.isEmpty() && filter.isEmpty() && !should.isEmpty() ? 1 : 0);
                bq.setMinimumNumberShouldMatch(msm);
                if (must.isEmpty() && should.isEmpty() && filter.isEmpty()) bq.add(new MatchAllDocsQuery(), not.isEmpty() ? BooleanClause.Occur.MUST : BooleanClause.Occur.MUST);
                return boosted(bq.build(), boost(b));
            }
            case "constant_score": only(b, type, "filter"); return boosted(new ConstantScoreQuery(query(index, b.get("filter"))), boost(b));
            case "dis_max": {
                only(b, type, "queries", "tie_breaker");
                List<Query> qs = new ArrayList<>(); for (JsonNode c : list(b.get("queries"))) qs.add(query(index, c));
                return boosted(new DisjunctionMaxQuery(qs, (float) b.path("tie_breaker").asDouble(0)), boost(b));
            }
            case "exists": {
                only(b, type, "field"); String f = b.path("field").asText(); FieldSpec s = index.field(f);
                if (s.type.equals("text")) return new NormsFieldExistsQuery(f);
                return new DocValuesFieldExistsQuery(f);
            }
            case "match_phrase": case "match": {
                Map.Entry<String, JsonNode> e = single(b, type); String f = e.getKey(); JsonNode o = e.getValue();
                String text; float bo = 1f; int slop = 0; String op = "or";
                if (o.isObject()) {
                    only(o, type, "query", "slop", "operator");
                    text = o.path("query").asText(); bo = boost(o); slop = o.path("slop").asInt(0); op = o.path("operator").asText("or").toLowerCase();
                } else text = o.asText();
                FieldSpec s = index.field(f);
                if (!s.type.equals("text")) throw bad("query_shard_exception", type + " on a " + s.type + " field is not supported here");
                List<String> terms = new ArrayList<>(); List<Integer> positions = new ArrayList<>(); boolean stacked = false;
                try (TokenStream ts = s.searchAnalyzer.tokenStream(f, text)) {
                    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class); PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                    ts.reset(); int pos = -1;
                    while (ts.incrementToken()) { if (inc.getPositionIncrement() == 0) stacked = true; pos += inc.getPositionIncrement(); terms.add(term.toString()); positions.add(pos); }
                    ts.end();
                }
                if (terms.isEmpty()) return new MatchNoDocsQuery();
                if (type.equals("match")) {
                    BooleanQuery.Builder bq = new BooleanQuery.Builder();
                    for (String t : terms) bq.add(new TermQuery(new Term(f, t)), op.equals("and") ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
                    return boosted(bq.build(), bo);
                }
                if (stacked) throw bad("query_shard_exception", "stacked tokens in match_phrase are not supported here");
                if (terms.size() == 1) return boosted(new TermQuery(new Term(f, terms.get(0))), bo);
                PhraseQuery.Builder pq = new PhraseQuery.Builder(); pq.setSlop(slop);
                for (int i = 0; i < terms.size(); i++) pq.add(new Term(f, terms.get(i)), positions.get(i));
                return boosted(pq.build(), bo);
            }
            case "term": case "prefix": case "wildcard": {
                Map.Entry<String, JsonNode> e = single(b, type); String f = e.getKey(); JsonNode o = e.getValue();
                String v; float bo = 1f;
                if (o.isObject()) { only(o, type, "value"); v = o.path("value").asText(); bo = boost(o); } else v = o.asText();
                FieldSpec s = index.field(f);
                if (type.equals("term")) {
                    if (s.type.equals("integer") || s.type.equals("long")) return boosted(LongPoint.newExactQuery(f, Long.parseLong(v)), bo);
                    return boosted(new TermQuery(new Term(f, v)), bo);
                }
                // OpenSearch's default rewrite of multi-term queries: constant_score (a match scores its boost).
                Query mq = type.equals("prefix") ? new PrefixQuery(new Term(f, v)) : new WildcardQuery(new Term(f, v));
                return boosted(new ConstantScoreQuery(mq), bo);
            }
            case "ids": {
                only(b, type, "values"); List<BytesRef> vs = new ArrayList<>();
                for (JsonNode v : b.path("values")) vs.add(new BytesRef(v.asText()));
                return boosted(new ConstantScoreQuery(new TermInSetQuery("_id", vs)), boost(b));
            }
            case "terms": {
                Map.Entry<String, JsonNode> e = single(b, type); List<BytesRef> vs = new ArrayList<>();
                for (JsonNode v : e.getValue()) vs.add(new BytesRef(v.asText()));
                return boosted(new ConstantScoreQuery(new TermInSetQuery(e.getKey(), vs)), boost(b));
            }
            case "range": {
                Map.Entry<String, JsonNode> e = single(b, type); String f = e.getKey(); JsonNode o = e.getValue();
                only(o, type, "gte", "gt", "lte", "lt", "format");
                FieldSpec s = index.field(f);
                if (s.type.equals("integer") || s.type.equals("long")) {
                    long lo = Long.MIN_VALUE, hi = Long.MAX_VALUE;
                    if (o.has("gte")) lo = o.get("gte").asLong(); if (o.has("gt")) lo = o.get("gt").asLong() + 1;
                    if (o.has("lte")) hi = o.get("lte").asLong(); if (o.has("lt")) hi = o.get("lt").asLong() - 1;
                    return boosted(new ConstantScoreQuery(LongPoint.newRangeQuery(f, lo, hi)), boost(o));
                }
                String lo = o.has("gte") ? o.get("gte").asText() : o.has("gt") ? o.get("gt").asText() : null;
                String hi = o.has("lte") ? o.get("lte").asText() : o.has("lt") ? o.get("lt").asText() : null;
                return boosted(new ConstantScoreQuery(TermRangeQuery.newStringRange(f, lo, hi, !o.has("gt"), !o.has("lt"))), boost(o));
            }
            case "span_term": case "span_near": case "span_or": case "span_multi":
                return boosted(span(index, q), spanBoost(b));
            default: throw parsing("unknown query [" + type + "]");
        }
    }
    static float spanBoost(JsonNode b) { return b.isObject() ? boost(b) : 1f; }

    static SpanQuery span(Index index, JsonNode q) {
        if (!q.isObject() || q.size() != 1) throw parsing("a span query is an object with one key, got " + q);
        String type = q.fieldNames().next(); JsonNode b = q.get(type);
        switch (type) {
            case "span_term": {
                Map.Entry<String, JsonNode> e = single(b, type); JsonNode o = e.getValue();
                String v = o.isObject() ? o.path("value").asText() : o.asText(); if (o.isObject()) only(o, type, "value");
                index.field(e.getKey());
                return new SpanTermQuery(new Term(e.getKey(), v));
            }
            case "span_near": {
                only(b, type, "clauses", "slop", "in_order");
                List<SpanQuery> cs = new ArrayList<>(); for (JsonNode c : list(b.get("clauses"))) cs.add(span(index, c));
                if (cs.isEmpty()) throw parsing("span_near must include [clauses]");
                if (cs.size() == 1) return cs.get(0);
                return new SpanNearQuery(cs.toArray(new SpanQuery[0]), b.path("slop").asInt(0), b.path("in_order").asBoolean(true));
            }
            case "span_or": {
                only(b, type, "clauses");
                List<SpanQuery> cs = new ArrayList<>(); for (JsonNode c : list(b.get("clauses"))) cs.add(span(index, c));
                return new SpanOrQuery(cs.toArray(new SpanQuery[0]));
            }
            case "span_multi": {
                only(b, type, "match");
                JsonNode m = b.path("match");
                if (!m.has("prefix") || m.size() != 1) throw parsing("span_multi here takes a prefix query only");
                Map.Entry<String, JsonNode> e = single(m.get("prefix"), "prefix"); JsonNode o = e.getValue();
                String v = o.isObject() ? o.path("value").asText() : o.asText();
                index.field(e.getKey());
                return new SpanMultiTermQueryWrapper<>(new PrefixQuery(new Term(e.getKey(), v)));
            }
            default: throw parsing("[" + type + "] is not a span query");
        }
    }

    // ---- search and aggregations ------------------------------------------------------------
    static FixedBitSet matching(IndexSearcher s, Query q, FixedBitSet scope) throws IOException {
        FixedBitSet bits = new FixedBitSet(Math.max(1, s.getIndexReader().maxDoc()));
        Weight w = s.createWeight(s.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Scorer sc = w.scorer(leaf); if (sc == null) continue;
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator it = sc.iterator();
            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                if (live != null && !live.get(d)) continue;
                int g = leaf.docBase + d; if (scope == null || scope.get(g)) bits.set(g);
            }
        }
        return bits;
    }

    static FixedBitSet all(IndexSearcher s) throws IOException { return matching(s, new MatchAllDocsQuery(), null); }

    /** The documents an aggregation counts in, computed when first needed (a global one needs none). */
    interface Scope { FixedBitSet get() throws IOException; }

    static ObjectNode aggregations(Index index, JsonNode aggs, FixedBitSet bits) throws IOException {
        return aggregations(index, aggs, () -> bits);
    }

    static ObjectNode aggregations(Index index, JsonNode aggs, Scope lazy) throws IOException {
        ObjectNode out = F.objectNode();
        if (aggs == null || aggs.isMissingNode()) return out;
        IndexSearcher s = index.searcher;
        FixedBitSet[] cached = new FixedBitSet[1];
        for (Iterator<Map.Entry<String, JsonNode>> it = aggs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next(); JsonNode def = e.getValue();
            boolean global = def.has("global");
            FixedBitSet scope = global ? null : (cached[0] != null ? cached[0] : (cached[0] = lazy.get()));
            JsonNode sub = def.has("aggs") ? def.get("aggs") : def.get("aggregations");
            String type = null;
            for (Iterator<String> k = def.fieldNames(); k.hasNext(); ) { String key = k.next(); if (!key.equals("aggs") && !key.equals("aggregations")) { if (type != null) throw parsing("two aggregation types in [" + e.getKey() + "]"); type = key; } }
            if (type == null) throw parsing("aggregation [" + e.getKey() + "] has no type");
            JsonNode body = def.get(type); ObjectNode r = F.objectNode();
            switch (type) {
                case "global": { FixedBitSet g = all(s); r.put("doc_count", g.cardinality()); r.setAll(aggregations(index, sub, g)); break; }
                case "filters": {
                    only(body, type, "filters");
                    JsonNode fs = body.get("filters");
                    if (fs.isObject()) {
                        ObjectNode buckets = r.putObject("buckets");
                        for (Iterator<Map.Entry<String, JsonNode>> fi = fs.fields(); fi.hasNext(); ) {
                            Map.Entry<String, JsonNode> f = fi.next(); FixedBitSet m = matching(s, query(index, f.getValue()), scope);
                            ObjectNode b = buckets.putObject(f.getKey()); b.put("doc_count", m.cardinality()); b.setAll(aggregations(index, sub, m));
                        }
                    } else {
                        ArrayNode buckets = r.putArray("buckets");
                        for (JsonNode f : fs) { FixedBitSet m = matching(s, query(index, f), scope); ObjectNode b = buckets.addObject(); b.put("doc_count", m.cardinality()); b.setAll(aggregations(index, sub, m)); }
                    }
                    break;
                }
                case "terms": {
                    only(body, type, "field", "size", "missing", "min_doc_count", "order");
                    if (body.has("order") && !body.get("order").equals(JSON.readTree("{\"_count\":\"desc\"}"))) throw parsing("terms order other than _count desc");
                    String field = body.path("field").asText(); index.field(field);
                    int size = body.path("size").asInt(10), minCount = body.path("min_doc_count").asInt(1);
                    String missing = body.has("missing") ? body.get("missing").asText() : null;
                    Map<String, FixedBitSet> groups = new HashMap<>();
                    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                        SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), field);
                        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                            int g = leaf.docBase + d; if (!scope.get(g)) continue;
                            List<String> keys = new ArrayList<>();
                            if (dv.advanceExact(d)) { for (long o = dv.nextOrd(); o != SortedSetDocValues.NO_MORE_ORDS; o = dv.nextOrd()) keys.add(dv.lookupOrd(o).utf8ToString()); }
                            else if (missing != null) keys.add(missing);
                            for (String k : keys) groups.computeIfAbsent(k, x -> new FixedBitSet(scope.length())).set(g);
                        }
                    }
                    List<Map.Entry<String, FixedBitSet>> sorted = new ArrayList<>(groups.entrySet());
                    sorted.sort((a, b2) -> { int c = Integer.compare(b2.getValue().cardinality(), a.getValue().cardinality()); return c != 0 ? c : a.getKey().compareTo(b2.getKey()); });
                    ArrayNode buckets = F.arrayNode(); long other = 0;
                    for (int i = 0; i < sorted.size(); i++) {
                        int n = sorted.get(i).getValue().cardinality();
                        if (n < minCount) continue;
                        if (buckets.size() >= size) { other += n; continue; }
                        ObjectNode b = buckets.addObject(); b.put("key", sorted.get(i).getKey()); b.put("doc_count", n);
                        b.setAll(aggregations(index, sub, sorted.get(i).getValue()));
                    }
                    r.put("doc_count_error_upper_bound", 0); r.put("sum_other_doc_count", other); r.set("buckets", buckets);
                    break;
                }
                case "composite": {
                    only(body, type, "sources", "size", "after");
                    List<String> names = new ArrayList<>(), fields = new ArrayList<>(); List<Boolean> missing = new ArrayList<>();
                    for (JsonNode src : body.path("sources")) {
                        Map.Entry<String, JsonNode> e2 = single(src, "sources");
                        JsonNode t = e2.getValue().get("terms");
                        if (t == null || e2.getValue().size() != 1) throw parsing("composite sources here are terms only");
                        only(t, "terms", "field", "missing_bucket");
                        names.add(e2.getKey()); fields.add(t.path("field").asText()); missing.add(t.path("missing_bucket").asBoolean(false));
                        index.field(t.path("field").asText());
                    }
                    int size = body.path("size").asInt(10);
                    TreeMap<List<String>, Integer> counts = new TreeMap<>(LuceneOpenSearch::compareKeys);
                    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                        List<SortedSetDocValues> dvs = new ArrayList<>();
                        for (String f : fields) dvs.add(DocValues.getSortedSet(leaf.reader(), f));
                        docs:
                        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                            if (!scope.get(leaf.docBase + d)) continue;
                            List<String> key = new ArrayList<>();
                            for (int i = 0; i < dvs.size(); i++) {
                                SortedSetDocValues dv = dvs.get(i);
                                if (dv.advanceExact(d)) key.add(dv.lookupOrd(dv.nextOrd()).utf8ToString());
                                else if (missing.get(i)) key.add(null);
                                else continue docs;
                            }
                            counts.merge(key, 1, Integer::sum);
                        }
                    }
                    List<String> after = null;
                    if (body.has("after")) { after = new ArrayList<>(); for (String n : names) { JsonNode v = body.get("after").get(n); after.add(v == null || v.isNull() ? null : v.asText()); } }
                    ArrayNode buckets = r.putArray("buckets"); List<String> last = null;
                    for (Map.Entry<List<String>, Integer> c : (after == null ? counts : counts.tailMap(after, false)).entrySet()) {
                        if (buckets.size() >= size) break;
                        ObjectNode b = buckets.addObject(); ObjectNode k = b.putObject("key");
                        for (int i = 0; i < names.size(); i++) { if (c.getKey().get(i) == null) k.putNull(names.get(i)); else k.put(names.get(i), c.getKey().get(i)); }
                        b.put("doc_count", c.getValue()); last = c.getKey();
                    }
                    if (last != null) { ObjectNode k = r.putObject("after_key"); for (int i = 0; i < names.size(); i++) { if (last.get(i) == null) k.putNull(names.get(i)); else k.put(names.get(i), last.get(i)); } }
                    break;
                }
                case "sum": case "min": case "max": case "value_count": {
                    only(body, type, "field");
                    String field = body.path("field").asText(); FieldSpec f = index.field(field);
                    double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY; long count = 0;
                    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                        if (f.type.equals("integer") || f.type.equals("long")) {
                            SortedNumericDocValues dv = DocValues.getSortedNumeric(leaf.reader(), field);
                            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                                if (!scope.get(leaf.docBase + d) || !dv.advanceExact(d)) continue;
                                for (int i = 0; i < dv.docValueCount(); i++) { double v = dv.nextValue(); sum += v; min = Math.min(min, v); max = Math.max(max, v); count++; }
                            }
                        } else if (type.equals("value_count")) {
                            SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), field);
                            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                                if (!scope.get(leaf.docBase + d) || !dv.advanceExact(d)) continue;
                                while (dv.nextOrd() != SortedSetDocValues.NO_MORE_ORDS) count++;
                            }
                        } else throw bad("illegal_argument_exception", type + " on a " + f.type + " field");
                    }
                    if (type.equals("sum")) r.put("value", sum);
                    else if (type.equals("value_count")) r.put("value", count);
                    else if (count == 0) r.putNull("value");
                    else r.put("value", type.equals("min") ? min : max);
                    break;
                }
                default: throw parsing("unknown aggregation type [" + type + "]");
            }
            out.set(e.getKey(), r);
        }
        return out;
    }

    /** OpenSearch 2.x (Lucene 9) refuses a query of more than 1,024 leaf clauses in all (IndexSearcher's
     *  maxClauseCount, counted over the whole rewritten query); Lucene 8 counts per BooleanQuery only. */
    static final int MAX_CLAUSES = 1024;
    static Query checkClauses(IndexSearcher s, Query q) throws IOException {
        Query rewritten = s.rewrite(q);
        int[] n = {0};
        rewritten.visit(new QueryVisitor() {
            @Override public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) { return this; }
            @Override public void visitLeaf(Query query) { n[0]++; }
            @Override public void consumeTerms(Query query, Term... terms) { n[0]++; }
        });
        if (n[0] > MAX_CLAUSES) throw bad("too_many_nested_clauses", "Query contains too many nested clauses; maxClauseCount is set to " + MAX_CLAUSES + " (" + n[0] + " here)");
        return q;
    }

    static ObjectNode search(Index index, JsonNode body, boolean countOnly, String searchType) throws IOException {
        long t0 = System.nanoTime();
        if (body == null || body.isMissingNode()) body = F.objectNode();
        Set<String> keys = Set.of("query", "size", "from", "_source", "track_total_hits", "terminate_after", "sort", "aggs", "aggregations", "timeout");
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) { String k = it.next(); if (!keys.contains(k)) throw parsing("Unknown key for a START_OBJECT in [" + k + "]."); }
        IndexSearcher s = index.searcher;
        Query q = checkClauses(index.searcher, query(index, body.get("query")));
        int terminate = body.path("terminate_after").asInt(0);
        int size = body.path("size").asInt(10), from = body.path("from").asInt(0);
        TopDocs unsorted = null;
        int total;
        if (!countOnly && size + from > 0 && !body.has("sort") && (index.shardSearchers.length == 1 || "dfs_query_then_fetch".equals(forcedSearchType != null ? forcedSearchType : searchType))) {
            TopScoreDocCollector c = TopScoreDocCollector.create(size + from, Integer.MAX_VALUE);
            s.search(q, c);
            unsorted = c.topDocs(); total = (int) unsorted.totalHits.value;
        } else {
            total = s.count(q);
        }
        boolean terminated = terminate > 0 && total > terminate;
        if (terminated) total = terminate;
        if (countOnly) { ObjectNode o = F.objectNode(); o.put("count", total); return o; }
        ObjectNode out = F.objectNode();
        out.put("took", (System.nanoTime() - t0) / 1_000_000); out.put("timed_out", false);
        if (terminated) out.put("terminated_early", true);
        ObjectNode shards = out.putObject("_shards"); shards.put("total", 1); shards.put("successful", 1); shards.put("skipped", 0); shards.put("failed", 0);
        ObjectNode hits = out.putObject("hits"); ObjectNode tot = hits.putObject("total"); tot.put("value", total); tot.put("relation", "eq");
        ArrayNode list = F.arrayNode();
        if (size + from > 0 && total > 0) {
            TopDocs top; boolean byField = false;
            if (body.has("sort")) {
                List<SortField> fields = new ArrayList<>();
                for (JsonNode sf : list(body.get("sort"))) {
                    if (sf.isTextual() && sf.asText().equals("_score")) { fields.add(SortField.FIELD_SCORE); continue; }
                    Map.Entry<String, JsonNode> e = single(sf, "sort");
                    if (e.getKey().equals("_score")) { fields.add(SortField.FIELD_SCORE); continue; }
                    String order = e.getValue().isObject() ? e.getValue().path("order").asText("asc") : e.getValue().asText();
                    String missing = e.getValue().path("missing").asText("_last");
                    boolean reverse = order.equals("desc");
                    FieldSpec f = index.field(e.getKey());
                    if (f.type.equals("integer") || f.type.equals("long")) {
                        SortField x = new SortedNumericSortField(e.getKey(), SortField.Type.LONG, reverse);
                        x.setMissingValue((missing.equals("_last")) != reverse ? Long.MAX_VALUE : Long.MIN_VALUE); fields.add(x);
                    } else {
                        SortedSetSortField x = new SortedSetSortField(e.getKey(), reverse);
                        // "_last" whatever the order, as OpenSearch: Lucene's STRING_LAST is reversed with the order.
                        x.setMissingValue((missing.equals("_last")) != reverse ? SortField.STRING_LAST : SortField.STRING_FIRST); fields.add(x);
                    }
                    byField = true;
                }
                top = s.search(q, size + from, new Sort(fields.toArray(new SortField[0])), true);
            } else if (index.shardSearchers.length > 1 && !"dfs_query_then_fetch".equals(forcedSearchType != null ? forcedSearchType : searchType)) {
                // query_then_fetch: each shard scores with its own statistics; the best of each merged by score.
                TopDocs[] per = new TopDocs[index.shardSearchers.length];
                for (int i = 0; i < per.length; i++) per[i] = index.shardSearchers[i].search(q, size + from);
                top = TopDocs.merge(size + from, per);
                for (ScoreDoc sd : top.scoreDocs) {   // as global doc ids of the searcher over all shards
                    int base = 0; for (int i = 0; i < sd.shardIndex; i++) base += index.shardSearchers[i].getIndexReader().maxDoc();
                    sd.doc += base;
                }
            } else {
                top = unsorted != null ? unsorted : s.search(q, size + from);
            }
            for (int i = from; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i]; Document d = s.doc(sd.doc);
                ObjectNode h = list.addObject(); h.put("_index", index.name); h.put("_id", d.get("_id"));
                if (byField) h.putNull("_score"); else h.put("_score", sd.score);
                JsonNode source = JSON.readTree(d.getBinaryValue("_source").utf8ToString());
                JsonNode filtered = filterSource(source, body.get("_source"));
                if (filtered != null) h.set("_source", filtered);
                if (byField) { ArrayNode sv = h.putArray("sort"); for (Object o : ((FieldDoc) sd).fields) sv.add(o instanceof BytesRef ? ((BytesRef) o).utf8ToString() : String.valueOf(o)); }
            }
        }
        if (list.size() > 0 && list.get(0).get("_score").isNumber()) hits.put("max_score", list.get(0).get("_score").asDouble()); else hits.putNull("max_score");
        hits.set("hits", list);
        JsonNode aggs = body.has("aggs") ? body.get("aggs") : body.get("aggregations");
        final Query fq = q;
        if (aggs != null) out.set("aggregations", aggregations(index, aggs, () -> matching(s, fq, null)));
        return out;
    }

    /** Composite keys in order, a missing value (null) first, as OpenSearch's ascending order puts it. */
    static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i), y = b.get(i);
            if (x == null && y == null) continue;
            if (x == null) return -1; if (y == null) return 1;
            int c = new BytesRef(x).compareTo(new BytesRef(y)); if (c != 0) return c;
        }
        return 0;
    }

    static JsonNode filterSource(JsonNode source, JsonNode spec) {
        if (spec == null || spec.isNull() || (spec.isBoolean() && spec.asBoolean())) return source;
        if (spec.isBoolean()) return null;
        List<String> includes = new ArrayList<>(), excludes = new ArrayList<>();
        if (spec.isArray() || spec.isTextual()) list(spec).forEach(n -> includes.add(n.asText()));
        else { list(spec.get("includes")).forEach(n -> includes.add(n.asText())); list(spec.get("excludes")).forEach(n -> excludes.add(n.asText())); }
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!includes.isEmpty() && includes.stream().noneMatch(p -> glob(p, e.getKey()))) continue;
            if (excludes.stream().anyMatch(p -> glob(p, e.getKey()))) continue;
            out.set(e.getKey(), e.getValue());
        }
        return out;
    }
    static boolean glob(String p, String s) { return s.matches(Pattern.quote(p).replace("*", "\\E.*\\Q")); }

    // ---- HTTP -------------------------------------------------------------------------------
    static void handle(HttpExchange x) throws IOException {
        long started = System.nanoTime();
        int status = 200; byte[] out = new byte[0]; String method = x.getRequestMethod();
        String path = x.getRequestURI().getRawPath();
        try {
            byte[] body = x.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"))) body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            List<String> parts = new ArrayList<>();
            for (String p : path.split("/")) if (!p.isEmpty()) parts.add(URLDecoder.decode(p, StandardCharsets.UTF_8));
            JsonNode json = body.length > 0 && !(parts.size() > 0 && parts.get(parts.size() - 1).equals("_bulk")) ? JSON.readTree(body) : null;
            JsonNode result;
            synchronized (indexes) {
                if (parts.isEmpty()) {
                    ObjectNode o = F.objectNode(); o.put("name", "lucene-harness"); o.putObject("version").put("distribution", "opensearch").put("number", "lucene-8.7.0-harness");
                    o.put("tagline", "Lucene behind OpenSearch's API, for sosik's equivalence checks"); result = o;
                } else if (parts.get(0).equals("_bulk")) {
                    result = bulk(null, body);
                } else if (parts.get(0).equals("_index_template") && parts.size() == 2 && method.equals("PUT")) {
                    templates.put(parts.get(1), json); result = F.objectNode().put("acknowledged", true);
                } else {
                    String name = parts.get(0);
                    String op = parts.size() > 1 ? parts.get(1) : "";
                    if (parts.size() > 2) throw bad("illegal_argument_exception", "unsupported path " + path);
                    switch (method + " " + op) {
                        case "PUT ": {
                            if (indexes.containsKey(name)) throw bad("resource_already_exists_exception", "index [" + name + "] already exists");
                            if (json == null) { indexFor(name, true); } else indexes.put(name, new Index(name, json));
                            result = F.objectNode().put("acknowledged", true).put("index", name); break;
                        }
                        case "HEAD ": indexFor(name, false); result = null; break;
                        case "DELETE ": indexFor(name, false); indexes.remove(name); result = F.objectNode().put("acknowledged", true); break;
                        case "PUT _mapping": case "POST _mapping": {
                            // Only _meta may change (as sosik push records its last run); a field change is refused.
                            Index i = indexFor(name, false);
                            for (Iterator<String> k = json.fieldNames(); k.hasNext(); ) {
                                String key = k.next();
                                if (key.equals("_meta")) continue;
                                if (!json.get(key).equals(i.mappings.get(key))) throw bad("illegal_argument_exception", "mapping changes other than _meta are not supported here (" + key + ")");
                            }
                            if (json.has("_meta")) i.mappings.set("_meta", json.get("_meta"));
                            result = F.objectNode().put("acknowledged", true); break;
                        }
                        case "GET _mapping": { Index i = indexFor(name, false); ObjectNode o = F.objectNode(); o.putObject(name).set("mappings", i.mappings); result = o; break; }
                        case "POST _bulk": case "PUT _bulk": result = bulk(name, body); break;
                        case "POST _refresh": case "GET _refresh": indexFor(name, false).refresh(); result = JSON.readTree("{\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0}}"); break;
                        case "GET _search": case "POST _search": result = search(indexFor(name, false), json, false, param(x, "search_type")); break;
                        case "GET _count": case "POST _count": result = search(indexFor(name, false), json == null ? null : F.objectNode().set("query", json.get("query")), true, null); break;
                        default: throw bad("illegal_argument_exception", "unsupported request " + method + " " + path);
                    }
                }
            }
            out = result == null ? new byte[0] : JSON.writeValueAsBytes(result);
        } catch (Failure f) {
            status = f.status; out = JSON.writeValueAsBytes(f.body());
        } catch (Exception e) {
            status = 400; out = JSON.writeValueAsBytes(bad("parse_exception", e.toString()).body());
            if (verbose) e.printStackTrace();
        }
        if (verbose) System.err.printf("%s %s %d %.1f ms %d bytes%n", method, x.getRequestURI(), status, (System.nanoTime() - started) / 1e6, out.length);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        if (method.equals("HEAD")) { x.sendResponseHeaders(status, -1); x.close(); return; }
        x.sendResponseHeaders(status, out.length);
        try (OutputStream os = x.getResponseBody()) { os.write(out); }
    }

    static String param(HttpExchange x, String name) {
        String q = x.getRequestURI().getRawQuery();
        if (q == null) return null;
        for (String kv : q.split("&")) { String[] p = kv.split("=", 2); if (p[0].equals(name)) return p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""; }
        return null;
    }

    static void load(String folder) throws IOException {
        long t0 = System.nanoTime();
        JsonNode template = JSON.readTree(Files.readAllBytes(Paths.get(folder, "template.json")));
        templates.put("loaded-" + templates.size(), template);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(folder), "bulk-*.ndjson*")) { ds.forEach(files::add); }
        Collections.sort(files);
        int docs = 0; Set<String> names = new TreeSet<>();
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            if (f.toString().endsWith(".gz")) b = new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes();
            ObjectNode r;
            try { r = bulk(null, b); } catch (Failure e) { throw new IOException(f + ": " + e.getMessage()); }
            for (JsonNode item : r.get("items")) {
                JsonNode i = item.elements().next();
                if (i.path("status").asInt() >= 300) throw new IOException(f + ": " + i);
                names.add(i.path("_index").asText()); docs++;
            }
        }
        System.err.printf("loaded %d documents into %s in %.2f s%n", docs, String.join(", ", names), (System.nanoTime() - t0) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        int port = 0; List<String> loads = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port": port = Integer.parseInt(args[++i]); break;
                case "--load": loads.add(args[++i]); break;
                case "--verbose": verbose = true; break;
                case "--shards": forcedShards = Integer.parseInt(args[++i]); break;
                case "--search-type": forcedSearchType = args[++i]; break;
                default: System.err.println("usage: lucene-opensearch [--port N] [--load EXPORT_DIR]... [--shards N] [--search-type query_then_fetch|dfs_query_then_fetch] [--verbose]"); System.exit(2);
            }
        }
        for (String l : loads) load(l);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", x -> { try { handle(x); } catch (Throwable t) { t.printStackTrace(); x.close(); } });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort());
        System.out.flush();
    }
}
