"""Helpers shared by the test suite: mirrors on loopback and crawls in subprocesses."""
