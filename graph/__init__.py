"""mandate-graph: read Vietnamese governance texts and build a knowledge graph of mandates.

Stages, one module each, passing the frozen records of :mod:`graph.records`:
read -> normalise -> segment -> recognise -> extract -> populate -> publish.
"""
