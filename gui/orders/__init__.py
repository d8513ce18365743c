"""The desk's orders screens."""
