"""Spiders: which pages to request and which links to follow, nothing else."""
