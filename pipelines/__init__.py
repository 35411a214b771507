"""Item pipelines: one small class per job, ordered in crawler/settings.py."""
