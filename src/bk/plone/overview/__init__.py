"""The control overview: every resolution below a folder with its status, from the
catalog alone (indexes and metadata, no object woken), for the page, its exports
and REST."""
