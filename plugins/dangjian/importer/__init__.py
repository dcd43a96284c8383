"""Bring outside material into the repository: Word documents, web articles, remote pictures."""
