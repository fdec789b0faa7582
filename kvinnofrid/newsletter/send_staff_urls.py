"""Isolation-matrix entries for the sending pages."""
