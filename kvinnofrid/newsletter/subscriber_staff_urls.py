"""Isolation-matrix entries for the subscriber pages."""
