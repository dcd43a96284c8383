"""Shared building blocks: errors, front matter, content schema and Chinese text helpers."""
