// SosikIndex consumes what SosikIngest reads: `Article`, `PassageKind` and `CorpusReader` appear
// in its public API, so importing SosikIndex brings them too.
@_exported import SosikIngest
