"""The intake tab (受理) and its panels."""
