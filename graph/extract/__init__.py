"""Stage 5, extraction from one analysed document: mandates, deadlines, targets, relations."""
