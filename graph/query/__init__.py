"""Querying the published output: the store, the query library, results, the endpoint, validation."""
