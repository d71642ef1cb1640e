"""The Qt desktop app. Screens call services through ops; no business rules live here."""
