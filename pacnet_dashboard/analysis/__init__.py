"""Analyses built on the model: removal effects, the discovery map, sensitivity and sweeps."""
