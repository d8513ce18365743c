"""The desk's admin screens."""
