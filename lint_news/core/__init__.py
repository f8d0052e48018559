"""The foundations every layer shares: findings and fixes, the document, rules as data, option
schemas and errors. ``core`` imports nothing else of lint-news."""
