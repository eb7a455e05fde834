"""Prompt experiments: A/B tests of the agent's persona, prompt and timing, with honest statistics."""
