"""The desk's stats screens."""
