"""The desk's register screens."""
