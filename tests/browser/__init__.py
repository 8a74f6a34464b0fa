"""Helpers for the browser tests: a static file server on 127.0.0.1 and a headless chromium."""
