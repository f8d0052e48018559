"""Corpus-level answers: fix provenance, near-duplicate clusters, statistics by source, a report.

Everything here is application level: it reads what the engine produced for each file (or the
files themselves) and never changes how a single file is linted.
"""
