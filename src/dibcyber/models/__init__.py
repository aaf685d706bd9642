"""Frozen, strict pydantic models. No I/O here."""
