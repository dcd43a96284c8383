"""`dangjian check`: every finding of every stage in one run, rules, copy style, reports."""
