"""Language and text knowledge, each piece once: Vietnamese syllables and legacy encodings,
accent folding, word lists, similarity, and the regex helpers (lazy, prefilters, safety).
Imports ``core`` only."""
