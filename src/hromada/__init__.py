"""Hromada: local economic development for war-affected municipalities."""

__version__ = "0.1.0"
