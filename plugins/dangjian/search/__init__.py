"""Chinese full-text search: the browser index, its tokenizer, and the editors' Whoosh index."""
