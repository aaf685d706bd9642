"""Use cases: read inputs through io, call the engine, return models."""
