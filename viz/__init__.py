"""Interactive network views of the graph, offline (vis-network inlined from pyvis's package)."""
