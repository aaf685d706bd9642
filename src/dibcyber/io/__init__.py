"""Bounded reads of untrusted files, YAML, atomic writes, the registry, cache and git."""
