"""Plain-Python services: every function takes a session; none imports Qt."""
