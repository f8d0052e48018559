"""Adapters that run lint-news inside other tools (optional extras, imported on demand)."""
