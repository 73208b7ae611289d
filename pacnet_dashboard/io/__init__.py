"""Readers and writers: the data files and their validation."""
