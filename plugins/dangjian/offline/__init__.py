"""Offline package (`dangjian pack`, `dangjian verify`), external-URL scan and intranet serving."""
