"""The answer engine: answerers over retrieved passages (extractive, LLM), the plan-outline answers and
the one place that makes them. Used by the HTTP service and the evaluation alike."""
