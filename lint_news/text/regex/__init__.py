"""Regex helpers: patterns compiled on first use, prefilters, and checks of user patterns."""
