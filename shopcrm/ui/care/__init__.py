"""The Care screen (issue 20): campaigns, complaints, satisfaction."""
