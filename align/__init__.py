"""Alignment: which institutional units serve which ministerial units, coverage and gaps."""
