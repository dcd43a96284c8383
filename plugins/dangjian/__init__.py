"""dangjian: MkDocs plugins and a CLI that build Party-branch study sites."""

__version__ = "0.1.0"
