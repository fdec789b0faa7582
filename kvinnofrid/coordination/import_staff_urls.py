"""Isolation-matrix entries of the registry import."""
