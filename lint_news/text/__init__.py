"""Language and text knowledge, each piece once: Vietnamese letters, syllables and legacy
encodings, sentence ends, URLs and domains, dates, accent folding, word lists, similarity, and
the regex helpers (lazy, prefilters, safety). Imports ``core`` only."""
