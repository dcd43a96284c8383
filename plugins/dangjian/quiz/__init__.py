"""Question banks: YAML banks checked with file:line, compiled to JSON for the browser engine."""
