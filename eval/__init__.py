"""Evaluation: question sets, metrics and reports that judge every change by numbers."""
