"""Index: embeddings, FAISS and BM25 on disk, and hybrid search over them."""
