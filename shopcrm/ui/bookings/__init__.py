"""The Bookings screen: the day by staff or table, the week, arrive to visit."""
