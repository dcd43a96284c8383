"""Adopting dangjian: `dangjian init` writes a new site repository, `dangjian new` adds content."""
