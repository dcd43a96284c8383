"""The branch's year: organisational-life events, study plans, the member's study record,
the download centre and printable topics (MkDocs plugin `dangjian-year`)."""
