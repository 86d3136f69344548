"""Stage 1-4, analysis of one document: read, normalise, segment, document metadata, recognise."""
