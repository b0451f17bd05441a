"""HTTP service: the FastAPI app factory, its schemas and its error mapping."""
