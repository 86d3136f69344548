"""Stage 6, assembly of the corpus: one document node per file (dedupe), then the RDF (populate)."""
