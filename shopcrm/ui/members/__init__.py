"""The Members screen: the whole member list, its filters, import, export, merge, archive."""
