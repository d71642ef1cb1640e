"""The Reports screen: the owner's month (figures, breakdowns, charts, segments, Excel)."""
