"""The content plugin: study materials, notices and their checks."""
