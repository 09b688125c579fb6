"""Checks on every request, before any view or service runs."""
