"""Pure rules: models in, models out; no I/O, no clock, no printing."""
