"""The engine: a document's text in, one ``FileResult`` out (lint, fix to a fixed point)."""
